/** Reading the query protocol's JSON-shaped input: every scalar arrives as a string. */
export type Input = Record<string, unknown>;

/** A string member, or undefined (also when `input` is not an object: hostile input ends in AWS's error, never a crash). */
export const str = (input: unknown, key: string): string | undefined => {
  const value = typeof input === 'object' && input !== null ? (input as Input)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
};

export function stringMap(input: Input, key: string): Record<string, string> {
  const value = input[key];
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** `NextToken` pages of 100, as ListTopics and ListSubscriptions(ByTopic) return them. */
export function page<T>(items: T[], nextToken: string | undefined, size = 100): { items: T[]; NextToken?: string } {
  const start = nextToken !== undefined && /^\d+$/.test(nextToken) ? Number(nextToken) : 0;
  const slice = items.slice(start, start + size);
  return start + size < items.length ? { items: slice, NextToken: String(start + size) } : { items: slice };
}
