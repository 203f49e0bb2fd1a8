/** Zip, base64 and SHA-256 helpers shared by functions and layers; no Node built-ins, so it runs in the page too. */
import { Inflate, zipSync } from 'fflate';
import { limits } from './limits.ts';
import { MalformedZipError, readZipDirectory } from './zip-directory.ts';

export { MalformedZipError } from './zip-directory.ts';

export type FileTree = Record<string, Uint8Array>;

// One encoder and decoder for the whole emulator: these run on every request and invoke.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Thrown when an archive's directory declares more than the unzipped limit; nothing has been inflated. */
export class UnzippedSizeExceededError extends Error {
  constructor(readonly limit: number) {
    super(`the archive declares more than ${limit} bytes unzipped`);
  }
}

/**
 * Compressed bytes per inflate step: small at first, so a forged header is caught within about a
 * megabyte of output (deflate expands at most about 1,032 to 1), then larger, as per-step costs add up.
 */
const INFLATE_STEP = { first: 1024, max: 16 * 1024 } as const;

/**
 * Extracts a zip into `path -> bytes`, skipping directory entries. The directory's declared sizes
 * are checked against `maxUnzippedBytes` before anything is inflated, and no entry may inflate to
 * more than it declared, so the bytes produced never pass the limit whatever a forged header says.
 */
export function unzip(bytes: Uint8Array, maxUnzippedBytes: number = limits.deploymentPackage.maxUnzippedBytes): FileTree {
  const entries = readZipDirectory(bytes);
  if (entries.reduce((total, e) => total + e.declaredSize, 0) > maxUnzippedBytes) throw new UnzippedSizeExceededError(maxUnzippedBytes);
  // No prototype: a file may be called `constructor` or `__proto__`.
  const files: FileTree = Object.create(null) as FileTree;
  for (const entry of entries) {
    const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    const out = new Uint8Array(entry.declaredSize);
    let produced = 0;
    const take = (chunk: Uint8Array) => {
      if (produced + chunk.byteLength > out.byteLength) throw new MalformedZipError(`${entry.name} inflates to more than the ${out.byteLength} bytes its header declares`);
      out.set(chunk, produced);
      produced += chunk.byteLength;
    };
    if (entry.compression === 0) take(data);
    else if (entry.compression === 8) inflate(data, take);
    else throw new MalformedZipError(`unknown compression type ${entry.compression}`);
    if (produced !== out.byteLength) throw new MalformedZipError(`${entry.name} inflates to ${produced} bytes, not the ${out.byteLength} its header declares`);
    if (entry.name.endsWith('/')) continue;
    files[entry.name.replace(/^\.?\//, '')] = out;
  }
  return files;
}

/** Inflates raw DEFLATE data a step at a time into `take`, which throws to stop it. */
function inflate(data: Uint8Array, take: (chunk: Uint8Array) => void): void {
  const inflater = new Inflate((chunk) => take(chunk));
  try {
    let at = 0;
    let step: number = INFLATE_STEP.first;
    do {
      const end = Math.min(data.byteLength, at + step);
      inflater.push(data.subarray(at, end), end === data.byteLength);
      at = end;
      step = Math.min(step * 2, INFLATE_STEP.max);
    } while (at < data.byteLength);
  } catch (err) {
    if (err instanceof MalformedZipError) throw err;
    throw new MalformedZipError(err instanceof Error ? err.message : String(err));
  }
}

/** Builds a zip from `path -> bytes` or `path -> text`. */
export function zip(files: Record<string, Uint8Array | string>): Uint8Array {
  const input: Record<string, Uint8Array> = {};
  for (const [path, data] of Object.entries(files)) input[path] = typeof data === 'string' ? encoder.encode(data) : data;
  return zipSync(input, { mtime: new Date('2020-01-01T00:00:00Z') });
}

/** Total size of the extracted files, the figure Lambda's 250 MB unzipped limit is measured on. */
export function unzippedSize(files: FileTree): number {
  let total = 0;
  for (const data of Object.values(files)) total += data.byteLength;
  return total;
}

/** CodeSha256 as Lambda reports it: base64 of the SHA-256 of the zip. */
export async function sha256Base64(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return bytesToBase64(new Uint8Array(digest));
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return out;
}

/** Decodes base64; returns undefined when the text is not base64. */
export function base64ToBytes(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\r\n\s]/g, '');
  if (clean.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i);
    if (c === 61 /* = */) {
      if (clean.slice(i).replace(/=/g, '') !== '') return undefined;
      break;
    }
    const v = c < 128 ? B64_INDEX[c]! : -1;
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
