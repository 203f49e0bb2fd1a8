import { SDK_PACKAGES } from './aws-sdk-packages.ts';
import { describe, expect, it } from 'vitest';
import { VirtualFileSystem, commonJsExportNames, nodePath } from './file-system.ts';

const enc = new TextEncoder();
const files = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, enc.encode(v)]));

function fsWith(code: Record<string, string>, opt: Record<string, string> = {}) {
  return new VirtualFileSystem(files(code), files(opt), nodePath('nodejs22.x'));
}

describe('module resolution over /var/task and /opt', () => {
  const fs = fsWith(
    {
      'index.js': '', 'lib/util.js': '', 'lib/data.json': '{}', 'lib/dir/index.js': '', 'esm/package.json': '{"type":"module"}', 'esm/a.js': '',
      'node_modules/plain/index.js': '',
      'node_modules/withmain/package.json': '{"main":"./dist/entry"}', 'node_modules/withmain/dist/entry.js': '',
      'node_modules/@scope/pkg/package.json': '{"exports":{".":{"import":"./m.mjs","require":"./c.cjs"},"./feature/*":"./features/*.js"}}',
      'node_modules/@scope/pkg/m.mjs': '', 'node_modules/@scope/pkg/c.cjs': '', 'node_modules/@scope/pkg/features/x.js': '',
      'node_modules/sugar/package.json': '{"exports":"./sugar.js"}', 'node_modules/sugar/sugar.js': '',
      'shadowed/index.js': '',
    },
    { 'nodejs/node_modules/shadowed/index.js': '', 'nodejs/node_modules/layered/index.js': '', 'nodejs/node22/node_modules/layered/index.js': '' },
  );

  it('resolves relative requires with extension and index lookup', () => {
    expect(fs.resolve('./lib/util', '/var/task/index.js', 'require')).toBe('/var/task/lib/util.js');
    expect(fs.resolve('./lib/data.json', '/var/task/index.js', 'require')).toBe('/var/task/lib/data.json');
    expect(fs.resolve('./lib/data', '/var/task/index.js', 'require')).toBe('/var/task/lib/data.json');
    expect(fs.resolve('./dir', '/var/task/lib/util.js', 'require')).toBe('/var/task/lib/dir/index.js');
    expect(fs.resolve('../index', '/var/task/lib/util.js', 'require')).toBe('/var/task/index.js');
  });

  it('requires an exact path for ES module imports, as Node does', () => {
    expect(fs.resolve('./lib/util.js', '/var/task/index.mjs', 'import')).toBe('/var/task/lib/util.js');
    expect(() => fs.resolve('./lib/util', '/var/task/index.mjs', 'import')).toThrow("Cannot find module '/var/task/lib/util' imported from /var/task/index.mjs");
  });

  it('finds packages by main, index, exports conditions and subpath patterns', () => {
    expect(fs.resolve('plain', '/var/task/index.js', 'require')).toBe('/var/task/node_modules/plain/index.js');
    expect(fs.resolve('withmain', '/var/task/index.js', 'require')).toBe('/var/task/node_modules/withmain/dist/entry.js');
    expect(fs.resolve('@scope/pkg', '/var/task/index.js', 'require')).toBe('/var/task/node_modules/@scope/pkg/c.cjs');
    expect(fs.resolve('@scope/pkg', '/var/task/index.mjs', 'import')).toBe('/var/task/node_modules/@scope/pkg/m.mjs');
    expect(fs.resolve('@scope/pkg/feature/x', '/var/task/index.js', 'require')).toBe('/var/task/node_modules/@scope/pkg/features/x.js');
    expect(fs.resolve('sugar', '/var/task/index.js', 'require')).toBe('/var/task/node_modules/sugar/sugar.js');
  });

  it('searches node_modules up the tree first, then NODE_PATH: /opt/nodejs/node22, /opt/nodejs, /var/runtime/node_modules, /var/task', () => {
    expect(fs.resolve('layered', '/var/task/index.js', 'require')).toBe('/opt/nodejs/node22/node_modules/layered/index.js');
    expect(fs.resolve('shadowed', '/var/task/index.js', 'require')).toBe('/opt/nodejs/node_modules/shadowed/index.js');
    expect(nodePath('nodejs20.x')).toEqual(['/opt/nodejs/node20/node_modules', '/opt/nodejs/node_modules', '/var/runtime/node_modules', '/var/task']);
  });

  it('finds the runtime\'s AWS SDK v3 in /var/runtime/node_modules, after the function\'s own copy', () => {
    expect(fs.resolve('@aws-sdk/client-lambda', '/var/task/index.mjs', 'import')).toBe('/var/runtime/node_modules/@aws-sdk/client-lambda/dist-cjs/index.js');
    const bundled = new VirtualFileSystem(files({ 'node_modules/@aws-sdk/client-s3/index.js': 'exports.S3Client = 1;' }), {}, nodePath('nodejs22.x'));
    expect(bundled.resolve('@aws-sdk/client-s3', '/var/task/index.js', 'require')).toBe('/var/task/node_modules/@aws-sdk/client-s3/index.js');
    expect(() => fs.resolve('aws-sdk', '/var/task/index.js', 'require')).toThrow("Cannot find module 'aws-sdk'\nRequire stack:\n- /var/task/index.js\n- /var/runtime/index.mjs");
  });

  it('offers every command of the installed SDK clients, so any command a handler imports exists', async () => {
    for (const [name, pkg] of Object.entries(SDK_PACKAGES)) {
      const real = (await import(/* @vite-ignore */ name)) as Record<string, unknown>;
      const commands = Object.keys(real).filter((k) => /^[A-Z]\w*Command$/.test(k) && typeof real[k] === 'function').map((k) => k.slice(0, -'Command'.length)).sort();
      expect(pkg.operations.split(' '), name).toEqual(commands);
      expect(typeof real[pkg.client], name).toBe('function');
    }
  });

  it("reports a missing module with Node's require stack", () => {
    expect(() => fs.resolve('nope', '/var/task/index.js', 'require')).toThrow("Cannot find module 'nope'\nRequire stack:\n- /var/task/index.js\n- /var/runtime/index.mjs");
    expect(() => fs.resolve('nope', '/var/task/index.mjs', 'import')).toThrow("Cannot find package 'nope' imported from /var/task/index.mjs");
  });

  it('maps built-ins to node: names and refuses the ones the emulator lacks', () => {
    expect(fs.resolve('crypto', '/var/task/index.js', 'require')).toBe('node:crypto');
    expect(fs.resolve('node:path', '/var/task/index.mjs', 'import')).toBe('node:path');
    expect(() => fs.resolve('fs', '/var/task/index.js', 'require')).toThrow(/^Cannot find module 'node:fs': the Lambda Workbook emulator does not provide this Node.js built-in module/);
  });

  it('decides ES module or CommonJS by extension and the nearest package.json type', () => {
    expect(fs.formatOf('/var/task/index.js')).toBe('cjs');
    expect(fs.formatOf('/var/task/esm/a.js')).toBe('esm');
    expect(fs.formatOf('/var/task/x.mjs')).toBe('esm');
    expect(fs.formatOf('/var/task/x.cjs')).toBe('cjs');
    expect(fs.formatOf('/var/task/lib/data.json')).toBe('json');
  });
});

describe('CommonJS named exports for ES module importers', () => {
  it('finds exports.x, module.exports.x, defineProperty and object-literal exports', () => {
    expect(commonJsExportNames("exports.a = 1; module.exports.b = 2; Object.defineProperty(exports, 'c', {});").sort()).toEqual(['a', 'b', 'c']);
    expect(commonJsExportNames('module.exports = { handler, other: 1, async run() {} };').sort()).toEqual(['handler', 'other', 'run']);
  });
});
