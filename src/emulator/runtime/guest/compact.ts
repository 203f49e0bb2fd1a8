/**
 * Drops comment lines and indentation from guest source: QuickJS parses every byte at each cold
 * start. Safe for the guest sources here, which keep no multi-line strings or templates.
 */
export function compactGuestSource(source: string): string {
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .join('\n');
}
