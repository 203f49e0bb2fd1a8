/** The browser's localStorage as progress storage, or undefined where the browser refuses it. */
import type { ProgressStorage } from './store.ts';

export function browserStorage(): ProgressStorage | undefined {
  try {
    const storage = globalThis.localStorage;
    storage.getItem('lambda-workbook:probe'); // throws when storage is blocked (private mode, policies)
    return storage;
  } catch {
    return undefined;
  }
}
