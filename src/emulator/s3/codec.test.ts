/** S3's wire pieces, each against a known answer: checksums, aws-chunked bodies, key encoding, key order, XML. */
import { describe, expect, it } from 'vitest';
import { utf8 } from '../zip.ts';
import { checksum } from './checksums.ts';
import { urlEncodeKey } from './key-encoding.ts';
import { compareKeys } from './list-objects.ts';
import { decodeAwsChunked } from './payload.ts';
import { parseXml, xmlDocument, XmlSyntaxError } from './xml.ts';

describe('S3 checksums', () => {
  it('give the values S3 recorded', async () => {
    expect(await checksum('CRC32', utf8('test-checksum'))).toBe('lVk/nw==');
    expect(await checksum('CRC64NVME', utf8('test data..'))).toBe('qUVrWYOrIAM=');
    expect(await checksum('SHA256', utf8('test data..'))).toBe('2l26x0trnT0r2AvakoFk2MB7eKVKzYESLMxSAKAzoik=');
  });

  it('give each CRC’s catalogued check value for "123456789"', async () => {
    const hex = async (alg: 'CRC32' | 'CRC32C' | 'CRC64NVME') => [...atob(await checksum(alg, utf8('123456789')))].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
    expect(await hex('CRC32')).toBe('cbf43926');
    expect(await hex('CRC32C')).toBe('e3069283');
    expect(await hex('CRC64NVME')).toBe('ae8b14860a799888');
  });
});

describe('aws-chunked bodies', () => {
  it('decode the SDK’s unsigned trailer form', () => {
    const { bytes, trailers } = decodeAwsChunked(utf8('5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n'));
    expect(new TextDecoder().decode(bytes)).toBe('hello world');
    expect(trailers).toEqual({ 'x-amz-checksum-crc32': 'DUoRhQ==' });
  });

  it('decode the signed form, chunk signatures ignored', () => {
    const sig = 'chunk-signature=' + 'a'.repeat(64);
    const { bytes, trailers } = decodeAwsChunked(utf8(`3;${sig}\r\nabc\r\n0;${sig}\r\n\r\n`));
    expect(new TextDecoder().decode(bytes)).toBe('abc');
    expect(trailers).toEqual({});
  });

  it('refuse a body cut short as S3 does', () => {
    expect(() => decodeAwsChunked(utf8('a\r\nshort\r\n0\r\n\r\n'))).toThrow('The request body terminated unexpectedly');
  });
});

describe('key encoding', () => {
  it('form-encodes as S3 event records show keys: spaces as +, slashes kept', () => {
    expect(urlEncodeKey('red flower.jpg')).toBe('red+flower.jpg');
    expect(urlEncodeKey('a@b')).toBe('a%40b');
    expect(urlEncodeKey('photos/2026 (1)/ü+.png')).toBe('photos/2026+%281%29/%C3%BC%2B.png');
  });

  it('orders keys by UTF-8 bytes, as S3 lists them', () => {
    const keys = ['\u{1F600}', '\uFF01', 'b', 'a', 'B'];
    expect([...keys].sort(compareKeys)).toEqual(['B', 'a', 'b', '\uFF01', '\u{1F600}']);
  });
});

describe('the XML codec', () => {
  it('writes flattened lists and nested elements, escaped, in S3’s namespace', () => {
    expect(xmlDocument('R', { A: 'x<y', B: [{ C: 1 }, { C: 2 }], D: undefined, E: { F: true } })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<R xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><A>x&lt;y</A><B><C>1</C></B><B><C>2</C></B><E><F>true</F></E></R>',
    );
  });

  it('reads declarations, namespaces, entities and CDATA', () => {
    const root = parseXml('<?xml version="1.0"?>\n<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a&amp;b&#x20;c</Key></Object><Object><Key><![CDATA[<raw>]]></Key></Object><Quiet/></Delete>');
    expect(root.name).toBe('Delete');
    expect(root.children.map((c) => c.children[0]?.text ?? c.name)).toEqual(['a&b c', '<raw>', 'Quiet']);
  });

  it('refuses a document that is not well-formed', () => {
    expect(() => parseXml('<Delete><Object></Delete>')).toThrow(XmlSyntaxError);
    expect(() => parseXml('<A/><B/>')).toThrow(XmlSyntaxError);
  });
});
