/** Lambda's timestamp format: `2026-01-01T00:00:00.000+0000`. */
export function isoMillis(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}
