/**
 * MD5 (RFC 1321), written for the emulator: SQS reports MD5 digests of bodies and attributes,
 * and Web Crypto has no MD5, so the page and Node both use this one.
 */

/** Per-round left-rotation amounts. */
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/** K[i] = floor(2^32 * |sin(i + 1)|), as the RFC defines the table. */
const K = Int32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** The MD5 digest of `bytes`, as 32 lowercase hex digits. */
export function md5Hex(bytes: Uint8Array): string {
  const bitLength = bytes.byteLength * 8;
  // Message, a 1 bit, zeros to 56 mod 64 bytes, then the bit length as 64-bit little-endian.
  const padded = new Uint8Array((((bytes.byteLength + 8) >> 6) + 1) << 6);
  padded.set(bytes);
  padded[bytes.byteLength] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.byteLength - 8, bitLength >>> 0, true);
  view.setUint32(padded.byteLength - 4, Math.floor(bitLength / 2 ** 32), true);

  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  const m = new Int32Array(16);
  for (let offset = 0; offset < padded.byteLength; offset += 64) {
    for (let j = 0; j < 16; j++) m[j] = view.getInt32(offset + j * 4, true);
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const sum = (a + f + K[i]! + m[g]!) | 0;
      const s = SHIFTS[((i >> 4) << 2) | (i & 3)]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  let out = '';
  for (const word of [a0, b0, c0, d0]) for (let k = 0; k < 4; k++) out += HEX[(word >>> (8 * k)) & 0xff];
  return out;
}
