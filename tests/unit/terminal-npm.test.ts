// The terminal's offline npm: init, install and ls over a store of tarballs built here the way
// `npm pack` builds them (ustar, `package/` first), so no test reaches the registry.
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { createShell } from '../../src/terminal/index.ts';
import { createNpmCommand, type PackageStore, type StoredVersion } from '../../src/terminal/npm.ts';
import { untgz } from '../../src/terminal/tar.ts';

/** A .tgz as npm pack writes it: one ustar header per file, names under `package/`. */
function tgz(files: Record<string, string>, prefix = 'package/'): Uint8Array {
  const blocks: Uint8Array[] = [];
  const enc = new TextEncoder();
  for (const [path, text] of Object.entries(files)) {
    const data = enc.encode(text);
    const header = new Uint8Array(512);
    const put = (offset: number, value: string) => header.set(enc.encode(value), offset);
    put(0, prefix + path);
    put(100, '0000644\0');
    put(108, '0000000\0');
    put(116, '0000000\0');
    put(124, `${data.length.toString(8).padStart(11, '0')}\0`);
    put(136, '00000000000\0');
    put(148, '        ');
    header[156] = '0'.charCodeAt(0);
    put(257, 'ustar\0');
    put(263, '00');
    const sum = header.reduce((a, b) => a + b, 0);
    put(148, `${sum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(header, data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const tar = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    tar.set(b, at);
    at += b.length;
  }
  return gzipSync(tar);
}

function storeOf(packages: Record<string, (StoredVersion & { files: Record<string, string> })[]>, broken = false): PackageStore {
  const tarballs = new Map<string, Uint8Array>();
  for (const versions of Object.values(packages)) for (const v of versions) tarballs.set(v.file, tgz(v.files));
  return {
    index: async () => {
      if (broken) throw new Error('HTTP 404 for index.json');
      return { packages: Object.fromEntries(Object.entries(packages).map(([n, vs]) => [n, vs.map(({ files: _f, ...v }) => v)])) };
    },
    tarball: async (file) => tarballs.get(file) ?? Promise.reject(new Error(`HTTP 404 for ${file}`)),
  };
}

const randomWords = {
  version: '2.0.1',
  file: 'random-words-2.0.1.tgz',
  integrity: 'sha512-rw',
  license: 'MIT',
  dependencies: { seedrandom: '^3.0.5' },
  files: { 'package.json': '{"name":"random-words","version":"2.0.1","type":"module"}', 'index.js': 'export const generate = () => ["a"];' },
};
const seedrandom = { version: '3.0.5', file: 'seedrandom-3.0.5.tgz', integrity: 'sha512-sr', license: 'MIT', files: { 'package.json': '{"name":"seedrandom","version":"3.0.5"}', 'index.js': 'module.exports = 1;', 'lib/alea.js': '// alea' } };

function setup(store = storeOf({ 'random-words': [randomWords], seedrandom: [seedrandom] })) {
  let t = 0;
  const sh = createShell({ commands: { npm: createNpmCommand(store, () => (t += 7)) } });
  return sh;
}

describe('npm in the terminal', () => {
  it('npm init -y writes the package.json npm 11 writes, named after the folder', async () => {
    const sh = setup();
    await sh.run('mkdir nodejs && cd nodejs');
    const init = await sh.run('npm init -y');
    const expected = '{\n  "name": "nodejs",\n  "version": "1.0.0",\n  "description": "",\n  "main": "index.js",\n  "scripts": {\n    "test": "echo \\"Error: no test specified\\" && exit 1"\n  },\n  "keywords": [],\n  "author": "",\n  "license": "ISC",\n  "type": "commonjs"\n}';
    expect(init.stdout).toBe(`Wrote to /home/learner/nodejs/package.json:\n\n${expected}\n\n\n`);
    expect(sh.fs.readText('/home/learner/nodejs/package.json')).toBe(`${expected}\n`);
  });

  it('npm install puts the package and its dependencies in node_modules, saves ^version, and writes a v3 lockfile', async () => {
    const sh = setup();
    await sh.run('mkdir nodejs && cd nodejs && npm init -y');
    const install = await sh.run('npm install random-words');
    expect(install).toEqual({ exitCode: 0, stdout: '\nadded 2 packages in 7ms\n', stderr: '' });
    expect(sh.fs.readText('/home/learner/nodejs/node_modules/random-words/index.js')).toBe('export const generate = () => ["a"];');
    expect(sh.fs.readText('/home/learner/nodejs/node_modules/seedrandom/lib/alea.js')).toBe('// alea');
    expect(JSON.parse(sh.fs.readText('/home/learner/nodejs/package.json')).dependencies).toEqual({ 'random-words': '^2.0.1' });
    expect(JSON.parse(sh.fs.readText('/home/learner/nodejs/package-lock.json'))).toEqual({
      name: 'nodejs',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'nodejs', version: '1.0.0', license: 'ISC', dependencies: { 'random-words': '^2.0.1' } },
        'node_modules/random-words': {
          version: '2.0.1',
          resolved: 'https://registry.npmjs.org/random-words/-/random-words-2.0.1.tgz',
          integrity: 'sha512-rw',
          license: 'MIT',
          dependencies: { seedrandom: '^3.0.5' },
        },
        'node_modules/seedrandom': { version: '3.0.5', resolved: 'https://registry.npmjs.org/seedrandom/-/seedrandom-3.0.5.tgz', integrity: 'sha512-sr', license: 'MIT' },
      },
    });
    expect((await sh.run('npm install')).stdout).toBe('\nup to date in 7ms\n');
    expect((await sh.run('npm ls')).stdout).toBe('nodejs@1.0.0 /home/learner/nodejs\n└── random-words@2.0.1\n\n');
  });

  it('a package the store lacks is npm\'s E404, naming what the store has', async () => {
    const sh = setup();
    const result = await sh.run('npm install numpy');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      "npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/numpy - not in this workbook's offline store\nnpm error 404\nnpm error 404  'numpy@*' is not in the store this terminal installs from. It has: random-words, seedrandom.\n",
    );
    expect(sh.fs.exists('/home/learner/package.json')).toBe(false);
    expect((await sh.run('npm install random-words@9')).stderr).toBe('npm error code ETARGET\nnpm error notarget No matching version found for random-words@9.\nnpm error notarget The store has random-words@2.0.1.\n');
  });

  it('a version conflict nests the older one under its dependent, as npm lays it out', async () => {
    const lib = (version: string) => ({ version, file: `b-${version}.tgz`, integrity: `sha512-b${version}`, files: { 'package.json': `{"name":"b","version":"${version}"}` } });
    const sh = setup(storeOf({ a: [{ version: '1.0.0', file: 'a-1.0.0.tgz', integrity: 'sha512-a', dependencies: { b: '^1.0.0' }, files: { 'package.json': '{"name":"a","version":"1.0.0"}' } }], b: [lib('1.2.0'), lib('2.0.0')] }));
    await sh.run('npm install b a');
    expect(JSON.parse(sh.fs.readText('/home/learner/node_modules/b/package.json')).version).toBe('2.0.0');
    expect(JSON.parse(sh.fs.readText('/home/learner/node_modules/a/node_modules/b/package.json')).version).toBe('1.2.0');
    expect(Object.keys(JSON.parse(sh.fs.readText('/home/learner/package-lock.json')).packages)).toEqual(['', 'node_modules/a', 'node_modules/a/node_modules/b', 'node_modules/b']);
  });

  it('never writes outside the package, and a broken store or tarball is an npm error, not a crash', async () => {
    // A hostile tarball entry climbing out of package/ (the path is data here, not a file this test reads).
    const climb = [...Array(4).fill('..'), 'outside.txt'].join('/');
    const evil = { version: '1.0.0', file: 'evil-1.0.0.tgz', integrity: 'x', files: { 'package.json': '{"name":"evil","version":"1.0.0"}', [climb]: 'no' } };
    const sh = setup(storeOf({ evil: [evil] }));
    expect((await sh.run('npm install evil')).exitCode).toBe(0);
    expect(sh.fs.walk('/').map((e) => e.path).filter((p) => p.includes('outside'))).toEqual([]);

    const broken = setup(storeOf({}, true));
    const result = await broken.run('npm install random-words');
    expect(result.stderr).toBe("npm error code ENOTCACHED\nnpm error request to https://registry.npmjs.org/ failed: this terminal installs only from the workbook's offline store, which could not be read (HTTP 404 for index.json).\n");

    const corrupt: PackageStore = { index: async () => ({ packages: { x: [{ version: '1.0.0', file: 'x.tgz', integrity: 'i' }] } }), tarball: async () => new Uint8Array([1, 2, 3]) };
    expect((await setup(corrupt).run('npm install x')).stderr).toBe('npm error code EINTEGRITY\nnpm error x.tgz: not a gzip file\n');
    expect((await setup().run('npm publish')).stderr).toBe('Unknown command: "publish"\n\nThis terminal\'s npm runs init, install and ls.\n');
  });

  it('reads a ustar entry as npm pack writes it', () => {
    const entries = untgz(tgz({ 'index.js': 'x' }));
    expect(entries).toEqual([{ path: 'package/index.js', data: new TextEncoder().encode('x'), mode: 0o644 }]);
  });
});
