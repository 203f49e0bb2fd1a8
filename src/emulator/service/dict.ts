/**
 * Maps keyed by names the learner chooses (functions, aliases, layers, log streams). They have no
 * prototype, so a function called `constructor` or an alias called `__proto__` is just a key.
 */
export type Dict<T> = Record<string, T>;

export function dict<T>(): Dict<T> {
  return Object.create(null) as Dict<T>;
}

/** A prototype-free copy of a plain object's own entries (JSON-parsed state has prototypes). */
export function toDict<T>(source: Record<string, T> | undefined): Dict<T> {
  const out = dict<T>();
  if (source) for (const [k, v] of Object.entries(source)) out[k] = v;
  return out;
}
