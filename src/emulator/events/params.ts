/** Reading EventBridge's JSON input. */
export type Input = Record<string, unknown>;

/** A string member, or undefined (also when `input` is not an object: hostile input ends in AWS's error, never a crash). */
export const str = (input: unknown, key: string): string | undefined => {
  const value = typeof input === 'object' && input !== null ? (input as Input)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
};

/** `NextToken` pages, as ListRules and ListTargetsByRule take `Limit`. */
export function page<T>(items: T[], input: Input, max = 100): { items: T[]; NextToken?: string } {
  const limit = typeof input['Limit'] === 'number' && input['Limit'] > 0 ? Math.min(input['Limit'], max) : max;
  const token = str(input, 'NextToken');
  const start = token !== undefined && /^\d+$/.test(token) ? Number(token) : 0;
  const slice = items.slice(start, start + limit);
  return start + limit < items.length ? { items: slice, NextToken: String(start + limit) } : { items: slice };
}
