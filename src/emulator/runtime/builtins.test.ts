/** The Node.js built-ins the guest gets, checked inside QuickJS against known vectors and Node's own output. */
import { describe, expect, it } from 'vitest';
import { loadQuickJSWasmModule } from '../../hosts/node/quickjs-wasm.ts';
import { createQuickJSEnvironmentFactory } from './index.ts';
import { harness, makeSpec } from '../../../tests/support/engine-harness.ts';

const factory = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, cpuBudgetMs: 5000 });

/** Evaluates `body` inside a handler and returns its JSON result. */
async function guest(body: string, imports = ''): Promise<unknown> {
  const h = await harness(factory, makeSpec({ 'index.mjs': `${imports}\nexport const handler = async () => { ${body} };` }));
  const out = await h.invoke();
  if (out.functionError) throw new Error(out.payload);
  return JSON.parse(out.payload);
}

describe('node:crypto', () => {
  const vectors: [string, string, string, string][] = [
    ['sha256', '', 'hex', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['sha256', 'abc', 'hex', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['sha256', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 'hex', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['sha256', 'The quick brown fox jumps over the lazy dog', 'hex', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592'],
    ['sha256', 'abc', 'base64', 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='],
    ['sha256', 'héllo wörld €𝄞', 'hex', '8950e611d8677d40524f8179eedbf3f25cf9f54f652a01fc14f4b3537e00ecae'],
    ['sha256', 'a'.repeat(1000), 'base64', 'Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM='],
    ['md5', '', 'hex', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['md5', 'abc', 'hex', '900150983cd24fb0d6963f7d28e17f72'],
    ['md5', 'The quick brown fox jumps over the lazy dog', 'hex', '9e107d9d372bb6826bd81d3542a419d6'],
    ['md5', '12345678901234567890123456789012345678901234567890123456789012345678901234567890', 'hex', '57edf4a22be3c955ac49da2e2107b67a'],
    ['md5', 'héllo wörld €𝄞', 'base64', 's9hgLsPFrxGMVb9lacvINw=='],
    ['md5', 'a'.repeat(1000), 'hex', 'cabe45dcc9ae5b66ba86600cca6b8ba8'],
  ];

  it('createHash matches the published sha256 and md5 vectors, hex and base64', async () => {
    const results = await guest(
      `return ${JSON.stringify(vectors)}.map(([alg, input, enc]) => createHash(alg).update(input).digest(enc));`,
      "import { createHash } from 'node:crypto';",
    );
    expect(results).toEqual(vectors.map((v) => v[3]));
  });

  it('hashes data fed in several updates and Buffers the same as in one', async () => {
    const r = await guest(
      "return [crypto.createHash('sha256').update('ab').update(Buffer.from('c')).digest('hex'), crypto.createHash('SHA256').update('abc').digest().length];",
      "import crypto from 'crypto';",
    );
    expect(r).toEqual(['ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 32]);
  });

  it('refuses an algorithm the emulator lacks, saying which it has', async () => {
    const r = await guest("try { createHash('sha1'); } catch (e) { return e.message; }", "import { createHash } from 'node:crypto';");
    expect(r).toBe('Digest method not supported: the Lambda Workbook emulator provides createHash for sha256 and md5 only, not sha1');
  });

  it('randomUUID gives version 4 UUIDs, through node:crypto and the global crypto', async () => {
    const r = (await guest("return [randomUUID(), globalThis.crypto.randomUUID(), randomBytes(8).length];", "import { randomUUID, randomBytes } from 'node:crypto';")) as [string, string, number];
    expect(r[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(r[0]).not.toBe(r[1]);
    expect(r[2]).toBe(8);
  });
});

describe('node:util', () => {
  it('formats like Node for the common cases', async () => {
    const r = await guest(`return [
      util.format('%s:%d:%i:%f:%j %%', 'a', 1.5, 2.7, '3.5', { x: 1 }),
      util.format('a', { b: [1, { c: { d: { e: 1 } } }] }, null, undefined, 5n, Symbol('s')),
      util.inspect({ s: 'str', n: null, arr: [1, 'x'] }),
      util.format(new Map([[1, 2]]), new Set([1])),
      util.format({ f() {}, g: class A {} }),
      util.format(new Error('bad')).split('\\n')[0],
    ];`, "import util from 'node:util';");
    expect(r).toEqual([
      'a:1.5:2:3.5:{"x":1} %',
      'a { b: [ 1, { c: [Object] } ] } null undefined 5n Symbol(s)',
      "{ s: 'str', n: null, arr: [ 1, 'x' ] }",
      'Map(1) { 1 => 2 } Set(1) { 1 }',
      '{ f: [Function: f], g: [class A] }',
      'Error: bad',
    ]);
  });

  it('promisify turns a callback API into a promise', async () => {
    const r = await guest("const wait = promisify((ms, cb) => setTimeout(() => cb(null, ms), ms)); return await wait(20);", "import { promisify } from 'node:util';");
    expect(r).toBe(20);
  });
});

describe('node:path, node:events, Buffer, TextEncoder, URL', () => {
  it('path joins, resolves and splits POSIX paths', async () => {
    const r = await guest(
      "return [path.join('/a/b', '../c', 'd.txt'), path.resolve('x'), path.basename('/a/b.js', '.js'), path.extname('f.tar.gz'), path.dirname('/a/b/c'), path.relative('/a/b', '/a/c/d'), path.normalize('a//b/./c/..')];",
      "import path from 'node:path';",
    );
    expect(r).toEqual(['/a/c/d.txt', '/var/task/x', 'b', '.gz', '/a/b', '../c/d', 'a/b']);
  });

  it('EventEmitter emits, once, off and throws an unhandled error event', async () => {
    const r = await guest(`const e = new EventEmitter(); const seen = [];
      const f = (x) => seen.push('on' + x); e.on('x', f); e.once('x', (x) => seen.push('once' + x));
      e.emit('x', 1); e.emit('x', 2); e.off('x', f); e.emit('x', 3);
      let err; try { e.emit('error', new Error('boom')); } catch (x) { err = x.message; }
      return [seen, e.listenerCount('x'), err];`, "import { EventEmitter } from 'node:events';");
    expect(r).toEqual([['on1', 'once1', 'on2'], 0, 'boom']);
  });

  it('Buffer converts between utf8, base64 and hex and serialises like Node', async () => {
    const r = await guest("return [Buffer.from('héllo').toString('base64'), Buffer.from('aGk=', 'base64').toString(), Buffer.from('hi').toString('hex'), Buffer.from('hi'), Buffer.byteLength('€'), Buffer.concat([Buffer.from('a'), Buffer.from('b')]).toString()];");
    expect(r).toEqual(['aMOpbGxv', 'hi', '6869', { type: 'Buffer', data: [104, 105] }, 3, 'ab']);
  });

  it('TextEncoder and TextDecoder round-trip non-ASCII text', async () => {
    const r = await guest("const b = new TextEncoder().encode('€𝄞é'); return [Array.from(b), new TextDecoder().decode(b), atob(btoa('hi'))];");
    expect(r).toEqual([[226, 130, 172, 240, 157, 132, 158, 195, 169], '€𝄞é', 'hi']);
  });

  it('URL parses like Node for an ordinary https URL', async () => {
    const r = await guest("const u = new URL('https://user:pw@Example.com:8443/a/../b/c?x=1&y=two%20words#frag'); return [u.href, u.origin, u.host, u.pathname, u.searchParams.get('y'), new URL('../d', 'https://h.io/a/b/c').href];");
    expect(r).toEqual(['https://user:pw@example.com:8443/b/c?x=1&y=two%20words#frag', 'https://example.com:8443', 'example.com:8443', '/b/c', 'two words', 'https://h.io/a/d']);
  });
});
