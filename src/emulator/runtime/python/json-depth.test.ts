import { describe, expect, it } from 'vitest';
import { nestedPast } from './json-depth.ts';

describe('how deep an event nests', () => {
  it('names the container that goes one level past the limit', () => {
    expect(nestedPast('[[[1]]]', 3)).toBeUndefined();
    expect(nestedPast('[[[[1]]]]', 3)).toBe('array');
    expect(nestedPast('[{"a":[{"b":1}]}]', 3)).toBe('object');
    expect(nestedPast('[1],[2],[3],[4],[5]', 1)).toBeUndefined();
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(nestedPast('["[[[[[[", "\\\\", "\\"[[[[[["]', 2)).toBeUndefined();
    expect(nestedPast('["\\"", [["x"]]]', 2)).toBe('array');
  });

  it('reads a long, flat event without flagging it', () => {
    expect(nestedPast(JSON.stringify({ items: Array.from({ length: 5000 }, (_, i) => ({ i })) }))).toBeUndefined();
  });
});
