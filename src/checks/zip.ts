/**
 * Deployment packages and layer archives as plain file maps. Checks unzip what Lambda stores;
 * reference steps zip what a learner would upload. fflate keeps this free of Node built-ins.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/** Paths inside the archive (forward slashes, no leading slash) to file contents. */
export type FileMap = Record<string, Uint8Array>;

export function zipFiles(files: Record<string, string | Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  for (const [path, content] of Object.entries(files)) {
    entries[path] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(entries);
}

/** Files only: directory entries (names ending in `/`) are dropped. */
export function unzipFiles(archive: Uint8Array): FileMap {
  const files: FileMap = {};
  for (const [path, content] of Object.entries(unzipSync(archive))) {
    if (!path.endsWith('/')) files[path.replace(/^\.?\//, '')] = content;
  }
  return files;
}

export function text(content: Uint8Array | undefined): string {
  return content === undefined ? '' : strFromU8(content);
}
