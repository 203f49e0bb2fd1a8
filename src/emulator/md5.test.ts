import { describe, expect, it } from 'vitest';
import { md5Hex } from './md5.ts';
import { utf8 } from './zip.ts';

describe('md5Hex', () => {
  it('gives RFC 1321’s test digests', () => {
    expect(md5Hex(utf8(''))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex(utf8('abc'))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex(utf8('message digest'))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(md5Hex(utf8('12345678901234567890123456789012345678901234567890123456789012345678901234567890'))).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  it('pads correctly at the 55/56/64-byte block edges and across blocks', () => {
    expect(md5Hex(utf8('a'.repeat(55)))).toBe('ef1772b6dff9a122358552954ad0df65');
    expect(md5Hex(utf8('a'.repeat(56)))).toBe('3b0c8ac703f828b04c6c197006d17218');
    expect(md5Hex(utf8('a'.repeat(64)))).toBe('014842d480b571495a4a0363793f7367');
  });
});
