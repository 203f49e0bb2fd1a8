/**
 * Zip bombs for the tests, built without ever holding their unzipped bytes: the zeros are written
 * directly as one DEFLATE block of back-references, and the archive's headers declare whatever
 * size the test asks for, so a bomb can tell the truth (its directory gives it away) or lie (a
 * small declared size over a large stream).
 */

export interface ZipBomb {
  /** The archive. */
  bytes: Uint8Array;
  /** What the entry really inflates to. */
  realBytes: number;
}

/** One entry, `name`, that inflates to `realBytes` zeros and whose headers declare `declaredBytes`. */
export function zipBomb(options: { name?: string; realBytes: number; declaredBytes?: number }): ZipBomb {
  const name = new TextEncoder().encode(options.name ?? 'index.js');
  const declared = options.declaredBytes ?? options.realBytes;
  const data = deflatedZeros(options.realBytes);
  // The emulator does not check CRC-32, so the field stays 0.
  const local = header(30 + name.length, (v) => {
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(8, 8, true);
    v.setUint32(18, data.length, true);
    v.setUint32(22, declared, true);
    v.setUint16(26, name.length, true);
  });
  const central = header(46 + name.length, (v) => {
    v.setUint32(0, 0x02014b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 20, true);
    v.setUint16(10, 8, true);
    v.setUint32(20, data.length, true);
    v.setUint32(24, declared, true);
    v.setUint16(28, name.length, true);
  });
  local.set(name, 30);
  central.set(name, 46);
  const directoryOffset = local.length + data.length;
  const end = header(22, (v) => {
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, 1, true);
    v.setUint16(10, 1, true);
    v.setUint32(12, central.length, true);
    v.setUint32(16, directoryOffset, true);
  });
  const bytes = new Uint8Array(directoryOffset + central.length + end.length);
  let at = 0;
  for (const part of [local, data, central, end]) {
    bytes.set(part, at);
    at += part.length;
  }
  return { bytes, realBytes: options.realBytes };
}

/**
 * `n` zeros as one final fixed-Huffman DEFLATE block (RFC 1951 3.2.6): a literal 0, then copies of
 * 258 bytes at distance 1 (13 bits each), then literal zeros for the rest, then end of block.
 */
function deflatedZeros(n: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((3 + 13 * Math.ceil(n / 258) + 8 * 258 + 7) / 8));
  let bit = 0;
  // Header fields go least significant bit first; Huffman codes most significant bit first.
  const field = (value: number, bits: number) => {
    for (let i = 0; i < bits; i++, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  const code = (value: number, bits: number) => {
    for (let i = bits - 1; i >= 0; i--, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  const LITERAL_ZERO = 0b00110000;
  const LENGTH_258 = 0b11000101;
  field(1, 1); // BFINAL
  field(1, 2); // BTYPE 01: fixed Huffman codes
  let left = n;
  if (left > 0) (code(LITERAL_ZERO, 8), left--);
  for (; left >= 258; left -= 258) (code(LENGTH_258, 8), code(0, 5)); // distance code 0: one byte back
  for (; left > 0; left--) code(LITERAL_ZERO, 8);
  code(0, 7); // end of block
  return out.subarray(0, Math.ceil(bit / 8));
}

function header(size: number, fill: (view: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size);
  fill(new DataView(bytes.buffer));
  return bytes;
}
