/**
 * Share by link: a test event or a whole function round-trips through the URL fragment, and a
 * hostile fragment (damaged, forged, a zip bomb, a path escaping the function) ends in a sentence
 * for the learner, never an exception.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { MAX_FRAGMENT_CHARS, MAX_SHARED_BYTES, SHARE_PREFIX, decodeShare, encodeShare, type SharedFunction } from '../../src/workspace/share.ts';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const linkOf = (value: unknown) => `${SHARE_PREFIX}${b64url(deflateSync(strToU8(JSON.stringify(value))))}`;

const fn: SharedFunction = {
  v: 1,
  kind: 'function',
  name: 'hello-lambda',
  files: { 'index.mjs': 'export const handler = async (event) => ({ statusCode: 200, body: process.env.HELLO });\n', 'lib/words.mjs': 'export default ["a"];\n' },
  config: { Runtime: 'nodejs22.x', Handler: 'index.handler', Timeout: 10, MemorySize: 256, Architectures: ['arm64'], Environment: { HELLO: 'world' }, Description: 'shared' },
  events: [{ name: 'hello-world', json: '{"key1":"value1"}' }],
};

describe('share links', () => {
  it('round-trips a test event and a whole function', () => {
    const event = { v: 1 as const, kind: 'event' as const, name: 'order-42', json: '{\n  "orderId": 42\n}' };
    const e = encodeShare(event);
    expect(e.ok && e.fragment.startsWith('#share=')).toBe(true);
    expect(decodeShare(e.ok ? e.fragment : '')).toEqual({ ok: true, shared: event });
    const f = encodeShare(fn);
    expect(decodeShare(f.ok ? f.fragment : '')).toEqual({ ok: true, shared: fn });
  });

  it('round-trips any valid event (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9._-]{1,25}$/), fc.jsonValue(), (name, value) => {
        const shared = { v: 1 as const, kind: 'event' as const, name, json: JSON.stringify(value) };
        const encoded = encodeShare(shared);
        if (!encoded.ok) return shared.json.length > 262_144;
        expect(decodeShare(encoded.fragment)).toEqual({ ok: true, shared });
        return true;
      }),
      { numRuns: 100 },
    );
  });

  it('leaves a fragment that is not a share link alone', () => {
    expect(decodeShare('')).toBeUndefined();
    expect(decodeShare('#tasks')).toBeUndefined();
  });

  it('never throws on any fragment, and refuses each hostile one with a sentence (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), fc.uint8Array({ maxLength: 2000 }).map(b64url), fc.uint8Array({ maxLength: 2000 }).map((b) => b64url(deflateSync(b)))), (tail) => {
        const result = decodeShare(`${SHARE_PREFIX}${tail}`);
        expect(result).toBeDefined();
        if (!result!.ok) expect(result!.reason).toMatch(/^This shared link .+\.$/s);
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on any JSON inside a well-formed link (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ v: fc.constant(1), kind: fc.constantFrom('event', 'function'), name: fc.string(), json: fc.string(), files: fc.dictionary(fc.string(), fc.string()), config: fc.object() }, { requiredKeys: ['v', 'kind'] })), (value) => {
        const result = decodeShare(linkOf(value));
        expect(result).toBeDefined();
        if (!result!.ok) expect(result!.reason).toMatch(/^This shared link /);
      }),
      { numRuns: 150 },
    );
  });

  it('says exactly what is wrong with each hostile link', () => {
    expect(decodeShare('#share=a+b')).toEqual({ ok: false, reason: 'This shared link is damaged (it holds characters a shared link never has); ask for the link again.' });
    expect(decodeShare('#share=')).toEqual({ ok: false, reason: 'This shared link is damaged (it holds characters a shared link never has); ask for the link again.' });
    expect(decodeShare('#share=AAAA')).toEqual({ ok: false, reason: 'This shared link is damaged (it is not compressed data); ask for the link again.' });
    expect(decodeShare(`#share=${'A'.repeat(MAX_FRAGMENT_CHARS + 1)}`)).toEqual({ ok: false, reason: `This shared link is too long (${MAX_FRAGMENT_CHARS + 1} characters; a link holds at most ${MAX_FRAGMENT_CHARS}).` });
    // A zip bomb: 10 MB of zeros in a few kilobytes is stopped once it passes the cap.
    const bomb = `${SHARE_PREFIX}${b64url(deflateSync(new Uint8Array(10 * 1024 * 1024), { level: 9 }))}`;
    expect(bomb.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    expect(decodeShare(bomb)).toEqual({ ok: false, reason: `This shared link expands to more than ${MAX_SHARED_BYTES} bytes, more than a shared event or function may be.` });
    expect(decodeShare(`${SHARE_PREFIX}${b64url(deflateSync(new Uint8Array([0xff, 0xfe, 0x00])))}`)).toEqual({ ok: false, reason: 'This shared link is damaged (it does not hold JSON); ask for the link again.' });
    expect(decodeShare(linkOf({ v: 2, kind: 'event' }))).toEqual({ ok: false, reason: 'This shared link was made by another version of the workbook, or is not a workbook link.' });
    expect(decodeShare(linkOf({ v: 1, kind: 'layer' }))).toEqual({ ok: false, reason: 'This shared link cannot be opened: it shares neither a test event nor a function.' });
    expect(decodeShare(linkOf({ v: 1, kind: 'event', name: 'e', json: '{oops' }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^This shared link cannot be opened: the test event "e" is not valid JSON \(/) });
    expect(decodeShare(linkOf({ ...fn, files: { '../../etc/passwd': 'x' } }))).toEqual({ ok: false, reason: 'This shared link cannot be opened: the field "files.../../etc/passwd" must be a relative path inside the function (no "..", no leading "/").' });
    expect(decodeShare(linkOf({ ...fn, files: {} }))).toEqual({ ok: false, reason: 'This shared link cannot be opened: the field "files" must hold 1 to 100 files.' });
    expect(decodeShare(linkOf({ ...fn, name: 'no spaces allowed' }))).toEqual({ ok: false, reason: 'This shared link cannot be opened: the field "name" must be 1 to 64 letters, digits, hyphens or underscores.' });
    expect(decodeShare(linkOf({ ...fn, config: { ...fn.config, Runtime: 'nodejs4.3' } }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^This shared link cannot be opened: the field "config.Runtime" must be one of nodejs/) });
    expect(decodeShare(linkOf({ ...fn, config: { ...fn.config, Timeout: 901 } }))).toMatchObject({ ok: false, reason: expect.stringMatching(/^This shared link cannot be opened: the field "config.Timeout" is not valid: /) });
    expect(decodeShare(linkOf({ ...fn, __proto__: { polluted: true }, constructor: 'x' }))).toMatchObject({ ok: true });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses to make a link that would be too long or invalid, saying why', () => {
    const big = { ...fn, files: { 'index.mjs': Array.from({ length: 40_000 }, (_, i) => `${(i * 2654435761) % 1e9}`).join(',') } };
    expect(encodeShare(big)).toMatchObject({ ok: false, reason: expect.stringMatching(/^even compressed it needs \d+ characters, more than a link should hold \(64000\)$/) });
    expect(encodeShare({ v: 1, kind: 'event', name: 'bad name', json: '{}' })).toEqual({ ok: false, reason: 'the field "name" must be 1 to 25 letters, digits, dots, hyphens or underscores' });
  });
});
