import { describe, expect, it } from 'vitest';
import { InvalidPatternError, matchesEventPattern, parseEventPattern } from './event-pattern.ts';

const matches = (pattern: object, event: object) => matchesEventPattern(parseEventPattern(JSON.stringify(pattern)), event);

describe('event patterns', () => {
  it('exact values, any of a list, nested fields and array values', () => {
    expect(matches({ body: { kind: ['a', 'b'] } }, { body: { kind: 'b' } })).toBe(true);
    expect(matches({ body: { kind: ['a', 'b'] } }, { body: { kind: 'c' } })).toBe(false);
    expect(matches({ body: { n: [5] } }, { body: { n: 5 } })).toBe(true);
    expect(matches({ body: { tags: ['x'] } }, { body: { tags: ['w', 'x'] } })).toBe(true);
    expect(matches({ body: { kind: ['a'] } }, { body: 'not an object' })).toBe(false);
  });

  it('prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists, $or', () => {
    expect(matches({ s: [{ prefix: 'us-' }] }, { s: 'us-1' })).toBe(true);
    expect(matches({ s: [{ suffix: '.png' }] }, { s: 'a.jpg' })).toBe(false);
    expect(matches({ s: [{ 'equals-ignore-case': 'ABC' }] }, { s: 'abc' })).toBe(true);
    expect(matches({ s: [{ wildcard: 'img/*.png' }] }, { s: 'img/cat.png' })).toBe(true);
    expect(matches({ s: [{ 'anything-but': ['x', 'y'] }] }, { s: 'z' })).toBe(true);
    expect(matches({ s: [{ 'anything-but': { prefix: 'test' } }] }, { s: 'test-1' })).toBe(false);
    expect(matches({ n: [{ numeric: ['>=', 100, '<', 200] }] }, { n: 150 })).toBe(true);
    expect(matches({ n: [{ numeric: ['>=', 100, '<', 200] }] }, { n: 200 })).toBe(false);
    expect(matches({ n: [{ exists: false }] }, {})).toBe(true);
    expect(matches({ n: [{ exists: true }] }, {})).toBe(false);
    expect(matches({ $or: [{ a: [1] }, { b: [2] }] }, { b: 2 })).toBe(true);
  });

  it('refuses what is not a pattern', () => {
    for (const text of ['simple string', '"text"', '[]', '{}', '{"a":"b"}', '{"a":[]}', '{"a":[{"nope":1}]}', '{"a":[{"numeric":[">"]}]}']) {
      expect(() => parseEventPattern(text), text).toThrow(InvalidPatternError);
    }
    expect(() => parseEventPattern(undefined)).toThrow(InvalidPatternError);
  });
});
