/**
 * A zip archive's central directory (PKWARE APPNOTE 4.3.12 to 4.3.16, zip64 included): every
 * entry's name, compression, declared sizes and where its data starts, read before anything is
 * inflated, so a package can be measured without expanding it.
 */
import { strFromU8 } from 'fflate';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  compression: number;
  compressedSize: number;
  /** What the directory says the entry inflates to; a forged archive may lie. */
  declaredSize: number;
  /** Offset of the entry's (compressed) data in the archive. */
  dataStart: number;
}

/** Thrown when bytes are not a readable zip archive. */
export class MalformedZipError extends Error {}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
/** A 32-bit field holding this means "see the zip64 extra field". */
const ZIP64_MARK = 0xffffffff;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const MAX_END_SEARCH = 22 + 0xffff;

export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const malformed = (what: string): never => {
    throw new MalformedZipError(`invalid zip data: ${what}`);
  };
  const u16 = (at: number) => (at + 2 <= bytes.byteLength ? view.getUint16(at, true) : malformed('truncated'));
  const u32 = (at: number) => (at + 4 <= bytes.byteLength ? view.getUint32(at, true) : malformed('truncated'));
  const u64 = (at: number) => {
    const n = u32(at) + u32(at + 4) * 2 ** 32;
    return Number.isSafeInteger(n) ? n : malformed('a size past 2^53');
  };

  let end = -1;
  for (let at = bytes.byteLength - 22; at >= 0 && at >= bytes.byteLength - MAX_END_SEARCH; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) malformed('no end of central directory');
  let count = u16(end + 10);
  let offset = u32(end + 16);
  if (end >= 20 && u32(end - 20) === ZIP64_END_LOCATOR) {
    const end64 = u64(end - 12);
    if (u32(end64) !== ZIP64_END_OF_DIRECTORY) malformed('bad zip64 end of central directory');
    count = u64(end64 + 32);
    offset = u64(end64 + 48);
  }

  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (u32(offset) !== DIRECTORY_HEADER) malformed('bad central directory header');
    const flags = u16(offset + 8);
    const compression = u16(offset + 10);
    let compressedSize = u32(offset + 20);
    let declaredSize = u32(offset + 24);
    const nameLength = u16(offset + 28);
    const extraLength = u16(offset + 30);
    const commentLength = u16(offset + 32);
    let localHeader = u32(offset + 42);
    const nameStart = offset + 46;
    if (nameStart + nameLength > bytes.byteLength) malformed('truncated file name');
    // Bit 11 says UTF-8; otherwise the name is read byte for byte, as fflate does.
    const name = strFromU8(bytes.subarray(nameStart, nameStart + nameLength), !(flags & 0x800));
    // The zip64 extra field holds, in this order, only the values whose 32-bit field is the mark.
    for (let at = nameStart + nameLength, stop = at + extraLength; at + 4 <= stop; at += 4 + u16(at + 2)) {
      if (u16(at) !== ZIP64_EXTRA) continue;
      let field = at + 4;
      if (declaredSize === ZIP64_MARK) (declaredSize = u64(field)), (field += 8);
      if (compressedSize === ZIP64_MARK) (compressedSize = u64(field)), (field += 8);
      if (localHeader === ZIP64_MARK) localHeader = u64(field);
      break;
    }
    if (u32(localHeader) !== LOCAL_HEADER) malformed('bad local file header');
    const dataStart = localHeader + 30 + u16(localHeader + 26) + u16(localHeader + 28);
    if (dataStart + compressedSize > bytes.byteLength) malformed('entry data past the end of the archive');
    entries.push({ name, compression, compressedSize, declaredSize, dataStart });
    offset = nameStart + nameLength + extraLength + commentLength;
  }
  return entries;
}
