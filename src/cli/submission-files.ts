/** Which files a grading run reads: files as named, folders expanded to the .json files under them. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class UsageError extends Error {}

/** Files as given, folders expanded to the .json files under them, sorted. */
export function submissionFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) out.push(path);
    }
  };
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new UsageError(`${path} does not exist.`);
    }
    if (stat.isDirectory()) walk(path);
    else out.push(path);
  }
  return out;
}

