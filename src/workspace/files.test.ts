import { describe, expect, it } from 'vitest';
import { addFile, deleteFile, fileTree, invalidPathReason, renameFile } from './files.ts';

describe('function files', () => {
  const files = { 'index.mjs': 'export const handler = 1;', 'lib/greet.mjs': '', 'package.json': '{}' };

  it('adds, renames and deletes files without touching the others', () => {
    const added = addFile(files, 'lib/util/words.json', '[]');
    expect(added['lib/util/words.json']).toBe('[]');
    const renamed = renameFile(added, 'lib/greet.mjs', 'lib/hello.mjs');
    expect(Object.keys(renamed)).toEqual(['index.mjs', 'lib/hello.mjs', 'package.json', 'lib/util/words.json']);
    expect(deleteFile(renamed, 'package.json')).not.toHaveProperty('package.json');
    expect(files).toHaveProperty('lib/greet.mjs');
  });

  it('explains why a path is refused', () => {
    expect(invalidPathReason('/var/task/x.js', files)).toMatch(/relative/);
    expect(invalidPathReason('../x.js', files)).toMatch(/"\.\."/);
    expect(invalidPathReason('index.mjs', files)).toBe('index.mjs already exists.');
    expect(invalidPathReason('lib', files)).toBe('lib is a folder.');
    expect(invalidPathReason('index.mjs/a.js', files)).toBe('index.mjs is a file, so it cannot hold other files.');
    expect(invalidPathReason('my file.js', files)).toMatch(/letters, digits/);
    expect(() => addFile(files, 'index.mjs')).toThrow('index.mjs already exists.');
    expect(invalidPathReason('index.mjs', files, 'index.mjs')).toBeUndefined();
  });

  it('lists folders before files, alphabetically', () => {
    const tree = fileTree({ 'z.mjs': '', 'a.mjs': '', 'lib/b.mjs': '', 'lib/a/c.mjs': '' });
    expect(tree.map((n) => n.name)).toEqual(['lib', 'a.mjs', 'z.mjs']);
    expect(tree[0]!.children!.map((n) => n.path)).toEqual(['lib/a', 'lib/b.mjs']);
  });
});
