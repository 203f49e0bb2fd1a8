import { describe, expect, it } from 'vitest';
import { md5Hex } from './md5.ts';
import { utf8 } from './zip.ts';

describe('md5', () => {
  it('matches RFC 1321’s test suite', () => {
    expect(md5Hex(utf8(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex(utf8('a'))).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(md5Hex(utf8('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex(utf8('message digest'))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(md5Hex(utf8('12345678901234567890123456789012345678901234567890123456789012345678901234567890'))).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  it('gives the ETags S3 recorded for these bodies', () => {
    expect(md5Hex(utf8('test data..'))).toBe('e6d9226c2a86b7232933663c13467527');
    expect(md5Hex(utf8('test-checksum'))).toBe('f2081dd61dfa700a0fd5e29b9c3cc23d');
    expect(md5Hex(utf8('Lorem ipsum dolor sit amet, ... '.repeat(30)))).toBe('c289c6e309be295fe68af649d1e6c6ec');
  });

  it('pads across block boundaries (55, 56, 64 and 65 bytes)', () => {
    expect(md5Hex(new Uint8Array(55))).toBe('c9ea3314b91c9fd4e38f9432064fd1f2');
    expect(md5Hex(new Uint8Array(56))).toBe('e3c4dd21a9171fd39d208efa09bf7883');
    expect(md5Hex(new Uint8Array(64))).toBe('3b5d3c7d207e37dceeedd301e35e2e58');
    expect(md5Hex(new Uint8Array(65))).toBe('1ef5e829303a139ce967440e0cdca10c');
  });
});
