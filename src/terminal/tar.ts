/**
 * Reading a gzipped tar, as npm's package tarballs are: ustar headers, the `prefix` field and
 * pax `path` records for long names. Only regular files are returned (directories follow from
 * their paths); links and devices are skipped, as npm itself skips them when it unpacks.
 */
import { gunzipSync } from 'fflate';

export interface TarEntry {
  path: string;
  data: Uint8Array;
  mode: number;
}

export class TarError extends Error {}

const BLOCK = 512;
const decoder = new TextDecoder();

function text(bytes: Uint8Array, start: number, length: number): string {
  const field = bytes.subarray(start, start + length);
  const end = field.indexOf(0);
  return decoder.decode(end < 0 ? field : field.subarray(0, end));
}

function octal(bytes: Uint8Array, start: number, length: number): number {
  const value = text(bytes, start, length).trim();
  if (!/^[0-7]*$/.test(value)) throw new TarError('invalid tar header');
  return value === '' ? 0 : parseInt(value, 8);
}

/** The pax records' `path=` value (`<length> path=<value>\n`). */
function paxPath(record: Uint8Array): string | undefined {
  const lines = decoder.decode(record).split('\n');
  for (const line of lines) {
    const m = /^\d+ path=(.*)$/s.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/** Unpacks a .tgz; refuses one that would unpack to more than `limit` bytes before inflating further. */
export function untgz(archive: Uint8Array, limit = 50 * 1024 * 1024): TarEntry[] {
  let tar: Uint8Array;
  try {
    tar = gunzipSync(archive);
  } catch {
    throw new TarError('not a gzip file');
  }
  if (tar.length > limit) throw new TarError(`unpacks to more than ${limit} bytes`);
  const entries: TarEntry[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156]!);
    const bodyStart = offset + BLOCK;
    if (bodyStart + size > tar.length) throw new TarError('truncated tar');
    const body = tar.subarray(bodyStart, bodyStart + size);
    offset = bodyStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x') {
      longName = paxPath(body);
      continue;
    }
    if (type === 'g') continue;
    const prefix = text(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    if (type !== '0' && type !== '\0') continue;
    entries.push({ path: name, data: body.slice(), mode: octal(header, 100, 8) });
  }
  return entries;
}
