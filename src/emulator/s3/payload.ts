/**
 * An upload's body as S3 reads it: aws-chunked bodies (the SDK v3's STREAMING-UNSIGNED-PAYLOAD-TRAILER
 * and signed STREAMING-AWS4-HMAC-SHA256-PAYLOAD) decoded with their trailers, Content-MD5 checked,
 * and one additional checksum checked or, when none was sent, computed (S3 stores CRC64NVME by default).
 */
import { md5, toHex } from '../md5.ts';
import { base64ToBytes, bytesToBase64 } from '../zip.ts';
import { CHECKSUM_ALGORITHMS, DIGEST_BYTES, algorithmOfHeader, checksum, type ChecksumAlgorithm } from './checksums.ts';
import { S3Error, invalidRequest } from './errors.ts';

export interface Upload {
  bytes: Uint8Array;
  /** MD5 of the bytes: the ETag of a single-part upload. */
  md5: Uint8Array;
  algorithm: ChecksumAlgorithm;
  /** Base64, as the x-amz-checksum-* header carries it. */
  checksum: string;
  /** Content-Encoding without aws-chunked, which only described the transfer. */
  contentEncoding: string | undefined;
}

const incompleteBody = () => new S3Error('IncompleteBody', 400, 'The request body terminated unexpectedly');

function crlfAt(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) if (bytes[i] === 13 && bytes[i + 1] === 10) return i;
  return -1;
}

const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

/** `<hex size>[;chunk-signature=...]\r\n<data>\r\n` ... `0\r\n<trailer>: <value>\r\n\r\n`. */
export function decodeAwsChunked(body: Uint8Array): { bytes: Uint8Array; trailers: Record<string, string> } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let pos = 0;
  for (;;) {
    const end = crlfAt(body, pos);
    if (end < 0) throw incompleteBody();
    const size = parseInt(latin1(body.subarray(pos, end)).split(';')[0]!.trim(), 16);
    if (!Number.isInteger(size) || size < 0) throw incompleteBody();
    pos = end + 2;
    if (size === 0) break;
    if (pos + size + 2 > body.length || body[pos + size] !== 13 || body[pos + size + 1] !== 10) throw incompleteBody();
    chunks.push(body.subarray(pos, pos + size));
    total += size;
    pos += size + 2;
  }
  const trailers: Record<string, string> = {};
  while (pos < body.length) {
    const end = crlfAt(body, pos);
    const line = latin1(body.subarray(pos, end < 0 ? body.length : end));
    pos = end < 0 ? body.length : end + 2;
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, trailers };
}

function isAwsChunked(headers: Record<string, string>): boolean {
  const encodings = (headers['content-encoding'] ?? '').split(',').map((e) => e.trim());
  return encodings.includes('aws-chunked') || (headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
}

/** Strict base64 (padded, no whitespace), as S3 reads digest headers. */
function decodeBase64(value: string): Uint8Array | undefined {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(value) && value.length % 4 === 0 ? base64ToBytes(value) : undefined;
}

/** Content-MD5: base64 of 16 bytes, and equal to the body's MD5. */
function checkContentMd5(sent: string, actual: Uint8Array): void {
  const decoded = decodeBase64(sent);
  if (!decoded || decoded.byteLength !== 16) {
    throw new S3Error('InvalidDigest', 400, 'The Content-MD5 you specified was invalid.', [['Content-MD5', sent]]);
  }
  if (toHex(decoded) !== toHex(actual)) {
    throw new S3Error('BadDigest', 400, 'The Content-MD5 you specified did not match what we received.', [
      ['ExpectedDigest', toHex(decoded)],
      ['CalculatedDigest', bytesToBase64(actual)],
    ]);
  }
}

/** The one x-amz-checksum-* value a request carries, in a header or an aws-chunked trailer. */
function sentChecksum(headers: Record<string, string>, trailers: Record<string, string>): { algorithm: ChecksumAlgorithm; value: string } | undefined {
  const found: { algorithm: ChecksumAlgorithm; value: string }[] = [];
  for (const source of [headers, trailers]) {
    for (const [name, value] of Object.entries(source)) {
      const algorithm = algorithmOfHeader(name);
      if (algorithm) found.push({ algorithm, value });
    }
  }
  if (found.length > 1) throw invalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  return found[0];
}

/** Reads an upload body and checks what the request says about it. */
export async function readUpload(headers: Record<string, string>, body: Uint8Array): Promise<Upload> {
  let bytes = body;
  let trailers: Record<string, string> = {};
  if (isAwsChunked(headers)) {
    ({ bytes, trailers } = decodeAwsChunked(body));
    const declared = headers['x-amz-decoded-content-length'];
    if (declared !== undefined && Number(declared) !== bytes.byteLength) throw incompleteBody();
  }
  const digest = md5(bytes);
  const contentMd5 = headers['content-md5'];
  if (contentMd5 !== undefined) checkContentMd5(contentMd5, digest);
  const sent = sentChecksum(headers, trailers);
  let algorithm: ChecksumAlgorithm = 'CRC64NVME';
  let value: string;
  if (sent) {
    algorithm = sent.algorithm;
    const decoded = decodeBase64(sent.value);
    if (!decoded || decoded.byteLength !== DIGEST_BYTES[algorithm]) {
      throw invalidRequest(`Value for x-amz-checksum-${algorithm.toLowerCase()} header is invalid.`);
    }
    value = await checksum(algorithm, bytes);
    if (value !== sent.value) throw new S3Error('BadDigest', 400, `The ${algorithm} you specified did not match the calculated checksum.`);
  } else {
    value = await checksum(algorithm, bytes);
  }
  const encodings = (headers['content-encoding'] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e !== 'aws-chunked');
  return { bytes, md5: digest, algorithm, checksum: value, contentEncoding: encodings.length > 0 ? encodings.join(',') : undefined };
}

/** `x-amz-checksum-algorithm` on CopyObject: one of S3's algorithms, or the request is refused. */
export function requestedAlgorithm(headers: Record<string, string>): ChecksumAlgorithm | undefined {
  const named = headers['x-amz-checksum-algorithm'];
  if (named === undefined) return undefined;
  const upper = named.toUpperCase();
  if (!(CHECKSUM_ALGORITHMS as readonly string[]).includes(upper)) {
    throw invalidRequest('Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]');
  }
  return upper as ChecksumAlgorithm;
}
