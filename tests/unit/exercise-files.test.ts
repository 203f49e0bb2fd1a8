// The files the exercise pages hand the learner, read at build time by the same glob the page uses.
import { describe, expect, it } from 'vitest';
import { exerciseFiles } from '../../src/workspace/exercise-files.ts';

describe('exercise files', () => {
  it('ships the layers exercise\'s layer sources, node_modules included', () => {
    const { layers, starter } = exerciseFiles('layers');
    expect(Object.keys(layers).sort()).toEqual(['planet-words', 'random-words']);
    expect(Object.keys(layers['random-words']!).sort()).toEqual([
      'nodejs/node_modules/random-words/index.js',
      'nodejs/node_modules/random-words/package.json',
      'nodejs/node_modules/random-words/words.js',
    ]);
    expect(Object.keys(layers['planet-words']!)).toEqual(['nodejs/node_modules/random-words/words.js']);
    expect(Object.keys(starter)).toEqual(['index.mjs']);
  });

  it('keeps the reference steps script out of the function\'s files', () => {
    expect(Object.keys(exerciseFiles('hello-lambda').solution)).not.toContain('steps.ts');
  });
});
