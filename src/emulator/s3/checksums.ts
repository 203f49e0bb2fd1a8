/**
 * S3's additional checksums (CRC32, CRC32C, CRC64NVME, SHA1, SHA256), as the base64 strings the
 * x-amz-checksum-* headers carry. The CRCs are table-driven and reflected, as S3 and the SDKs
 * compute them; the SHAs come from Web Crypto.
 */
import { bytesToBase64 } from '../zip.ts';

export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** Decoded length of each algorithm's digest: a header value of another length is invalid. */
export const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = { CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32 };

function crc32Table(poly: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const CRC32_TABLE = crc32Table(0xedb88320);
const CRC32C_TABLE = crc32Table(0x82f63b78);

function crc32With(table: Uint32Array, bytes: Uint8Array): Uint8Array {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  c = (c ^ 0xffffffff) >>> 0;
  return Uint8Array.of(c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff);
}

// CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5, kept as two 32-bit halves (no BigInt in the loop).
const CRC64_HI = new Uint32Array(256);
const CRC64_LO = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let hi = 0;
  let lo = n;
  for (let k = 0; k < 8; k++) {
    const carry = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (carry) {
      hi = (hi ^ 0x9a6c9329) >>> 0;
      lo = (lo ^ 0xac4bc9b5) >>> 0;
    }
  }
  CRC64_HI[n] = hi;
  CRC64_LO[n] = lo;
}

function crc64nvme(bytes: Uint8Array): Uint8Array {
  let hi = 0xffffffff;
  let lo = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    const index = (lo ^ bytes[i]!) & 0xff;
    // (crc >>> 8) ^ table[index], on the two halves.
    lo = ((lo >>> 8) | ((hi & 0xff) << 24)) ^ CRC64_LO[index]!;
    hi = (hi >>> 8) ^ CRC64_HI[index]!;
  }
  hi = (hi ^ 0xffffffff) >>> 0;
  lo = (lo ^ 0xffffffff) >>> 0;
  return Uint8Array.of(hi >>> 24, (hi >>> 16) & 0xff, (hi >>> 8) & 0xff, hi & 0xff, lo >>> 24, (lo >>> 16) & 0xff, (lo >>> 8) & 0xff, lo & 0xff);
}

async function sha(name: 'SHA-1' | 'SHA-256', bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest(name, bytes as Uint8Array<ArrayBuffer>));
}

/** The checksum S3 would store for `bytes`, base64 as in the x-amz-checksum-* headers. */
export async function checksum(algorithm: ChecksumAlgorithm, bytes: Uint8Array): Promise<string> {
  switch (algorithm) {
    case 'CRC32':
      return bytesToBase64(crc32With(CRC32_TABLE, bytes));
    case 'CRC32C':
      return bytesToBase64(crc32With(CRC32C_TABLE, bytes));
    case 'CRC64NVME':
      return bytesToBase64(crc64nvme(bytes));
    case 'SHA1':
      return bytesToBase64(await sha('SHA-1', bytes));
    case 'SHA256':
      return bytesToBase64(await sha('SHA-256', bytes));
  }
}

/** `x-amz-checksum-crc64nvme` → `CRC64NVME`, or undefined for any other header. */
export function algorithmOfHeader(header: string): ChecksumAlgorithm | undefined {
  const name = header.toLowerCase();
  if (!name.startsWith('x-amz-checksum-')) return undefined;
  const upper = name.slice('x-amz-checksum-'.length).toUpperCase();
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(upper) ? (upper as ChecksumAlgorithm) : undefined;
}

export function checksumHeader(algorithm: ChecksumAlgorithm): string {
  return `x-amz-checksum-${algorithm.toLowerCase()}`;
}
