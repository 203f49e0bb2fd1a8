import { describe, expect, it } from 'vitest';
import { deflateSync, zipSync } from 'fflate';
import { limits } from './limits.ts';
import { MalformedZipError, UnzippedSizeExceededError, unzip } from './zip.ts';
import { zipBomb } from '../../tests/unit/support/zip-bomb.ts';

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
const MB = 1024 * 1024;

/** One deflated entry in zip64 form: every size and the offset say 0xFFFFFFFF and live in the extra field. */
function zip64(name: string, content: string): Uint8Array {
  const raw = new TextEncoder().encode(content);
  const data = deflateSync(raw);
  const fileName = new TextEncoder().encode(name);
  const local = new DataView(new ArrayBuffer(30 + fileName.length));
  local.setUint32(0, 0x04034b50, true);
  local.setUint16(8, 8, true);
  local.setUint16(26, fileName.length, true);
  const extra = new DataView(new ArrayBuffer(28));
  extra.setUint16(0, 0x0001, true);
  extra.setUint16(2, 24, true);
  extra.setBigUint64(4, BigInt(raw.length), true);
  extra.setBigUint64(12, BigInt(data.length), true);
  extra.setBigUint64(20, 0n, true);
  const central = new DataView(new ArrayBuffer(46 + fileName.length + extra.byteLength));
  central.setUint32(0, 0x02014b50, true);
  central.setUint16(10, 8, true);
  central.setUint32(20, 0xffffffff, true);
  central.setUint32(24, 0xffffffff, true);
  central.setUint16(28, fileName.length, true);
  central.setUint16(30, extra.byteLength, true);
  central.setUint32(42, 0xffffffff, true);
  const directoryAt = local.byteLength + data.length;
  const end64 = new DataView(new ArrayBuffer(56));
  end64.setUint32(0, 0x06064b50, true);
  end64.setBigUint64(32, 1n, true);
  end64.setBigUint64(48, BigInt(directoryAt), true);
  const locator = new DataView(new ArrayBuffer(20));
  locator.setUint32(0, 0x07064b50, true);
  locator.setBigUint64(8, BigInt(directoryAt + central.byteLength), true);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(10, 0xffff, true);
  end.setUint32(16, 0xffffffff, true);
  const localBytes = new Uint8Array(local.buffer);
  localBytes.set(fileName, 30);
  const centralBytes = new Uint8Array(central.buffer);
  centralBytes.set(fileName, 46);
  centralBytes.set(new Uint8Array(extra.buffer), 46 + fileName.length);
  const parts = [localBytes, data, centralBytes, new Uint8Array(end64.buffer), new Uint8Array(locator.buffer), new Uint8Array(end.buffer)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

describe('unzip', () => {
  it('extracts stored and deflated entries, skips directories and drops a leading ./', () => {
    const archive = zipSync({
      './index.js': [new TextEncoder().encode('exports.handler = 1;'), { level: 0 }],
      'lib/': new Uint8Array(),
      'lib/util.js': new TextEncoder().encode('x'.repeat(100_000)),
      'données.txt': new TextEncoder().encode('é'),
    });
    const files = unzip(archive);
    expect(Object.keys(files)).toEqual(['index.js', 'lib/util.js', 'données.txt']);
    expect(text(files['index.js'])).toBe('exports.handler = 1;');
    expect(text(files['lib/util.js'])).toBe('x'.repeat(100_000));
    expect(text(files['données.txt'])).toBe('é');
  });

  it('reads a zip64 directory', () => {
    expect(text(unzip(zip64('index.mjs', 'export const handler = async () => 64;'))['index.mjs'])).toBe('export const handler = async () => 64;');
  });

  it('gives a file called __proto__ no special meaning', () => {
    const files = unzip(zipBomb({ name: '__proto__', realBytes: 3 }).bytes);
    expect(Object.keys(files)).toEqual(['__proto__']);
    expect(files['__proto__']).toEqual(new Uint8Array(3));
    expect(unzip(zipBomb({ realBytes: 100_000 }).bytes)['index.js']).toEqual(new Uint8Array(100_000));
  });

  it('refuses an archive whose directory declares more than the limit, before inflating anything', () => {
    const bomb = zipBomb({ realBytes: 280 * MB });
    const started = performance.now();
    expect(() => unzip(bomb.bytes)).toThrow(new UnzippedSizeExceededError(limits.deploymentPackage.maxUnzippedBytes));
    expect(() => unzip(zipSync({ 'a.txt': new Uint8Array(11) }), 10)).toThrow(UnzippedSizeExceededError);
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('stops inflating an entry the moment it produces more than its header declares', () => {
    const forged = zipBomb({ realBytes: 280 * MB, declaredBytes: 1024 });
    const started = performance.now();
    expect(() => unzip(forged.bytes)).toThrow(new MalformedZipError('index.js inflates to more than the 1024 bytes its header declares'));
    // Inflating all of it takes seconds; the first megabyte, milliseconds.
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('refuses an entry that inflates to less than its header declares', () => {
    expect(() => unzip(zipBomb({ realBytes: 1000, declaredBytes: 2000 }).bytes)).toThrow(new MalformedZipError('index.js inflates to 1000 bytes, not the 2000 its header declares'));
  });

  it('refuses bytes that are not a zip archive, and a truncated one', () => {
    expect(() => unzip(new TextEncoder().encode('this is not a zip'))).toThrow(new MalformedZipError('invalid zip data: no end of central directory'));
    const archive = zipSync({ 'index.js': new TextEncoder().encode('exports.handler = 1;'.repeat(50)) });
    const cut = new Uint8Array([...archive.subarray(0, 40), ...archive.subarray(archive.length - 22)]);
    expect(() => unzip(cut)).toThrow(MalformedZipError);
  });
});
