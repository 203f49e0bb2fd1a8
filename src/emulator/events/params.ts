/** Reading EventBridge's JSON input. */
export type Input = Record<string, unknown>;

export const str = (input: Input, key: string): string | undefined => (typeof input[key] === 'string' ? input[key] : undefined);

/** `NextToken` pages, as ListRules and ListTargetsByRule take `Limit`. */
export function page<T>(items: T[], input: Input, max = 100): { items: T[]; NextToken?: string } {
  const limit = typeof input['Limit'] === 'number' && input['Limit'] > 0 ? Math.min(input['Limit'], max) : max;
  const token = str(input, 'NextToken');
  const start = token !== undefined && /^\d+$/.test(token) ? Number(token) : 0;
  const slice = items.slice(start, start + limit);
  return start + limit < items.length ? { items: slice, NextToken: String(start + limit) } : { items: slice };
}
