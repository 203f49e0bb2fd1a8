/**
 * Syntax errors in Node's words: each row is a common mistake and the message Node.js 24 gives for
 * it (`node --check`, which the last test re-runs with this machine's Node for every row), and the
 * emulator must report exactly that as Lambda's Runtime.UserCodeSyntaxError.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadQuickJSWasmModule } from '../../hosts/node/quickjs-wasm.ts';
import { createQuickJSEnvironmentFactory } from './index.ts';
import { nodeSyntaxMessage } from './syntax-errors.ts';
import { harness, makeSpec, messages } from '../../../tests/support/engine-harness.ts';

const factory = createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule, cpuBudgetMs: 2000 });

/** [mistake, handler file, its text, Node 24's SyntaxError line]. `.js` files are CommonJS here (no package.json). */
const TABLE: [string, string, string, string][] = [
  ['missing ) in a call', 'index.js', 'exports.handler = async (event) => {\n  console.log(event;\n};\n', 'SyntaxError: missing ) after argument list'],
  ['two arguments without a comma', 'index.js', "console.log('a' 'b');\nexports.handler = async () => 1;\n", 'SyntaxError: missing ) after argument list'],
  ['missing } at the end', 'index.js', 'exports.handler = async (event) => {\n  return 1;\n', 'SyntaxError: Unexpected end of input'],
  ['missing } in a module', 'index.mjs', 'export const handler = async (event) => {\n  if (event) {\n    return 1;\n};\n', 'SyntaxError: Unexpected end of input'],
  ['missing ]', 'index.js', 'const list = [1, 2, 3;\nexports.handler = async () => list;\n', "SyntaxError: Unexpected token ';'"],
  ['extra )', 'index.js', 'exports.handler = async () => { return (1)); };\n', "SyntaxError: Unexpected token ')'"],
  ['extra }', 'index.js', 'exports.handler = async () => { return 1; }};\n', "SyntaxError: Unexpected token '}'"],
  ['unterminated string', 'index.js', "const s = 'hello;\nexports.handler = async () => s;\n", 'SyntaxError: Invalid or unexpected token'],
  ['unterminated template', 'index.mjs', 'const s = `hello;\nexport const handler = async () => s;\n', 'SyntaxError: Unexpected end of input'],
  ['const = 5', 'index.js', 'const = 5;\nexports.handler = async () => 1;\n', "SyntaxError: Unexpected token '='"],
  ['const = 5 in a module', 'index.mjs', 'const = 5;\nexport const handler = async () => 1;\n', "SyntaxError: Unexpected token '='"],
  ['missing initializer in const', 'index.js', 'const x;\nexports.handler = async () => x;\n', 'SyntaxError: Missing initializer in const declaration'],
  ['unexpected token', 'index.mjs', 'export const handler = async () => { return 1 +; };\n', "SyntaxError: Unexpected token ';'"],
  ['arrow function without a body', 'index.js', 'exports.handler = async () =>;\n', "SyntaxError: Unexpected token ';'"],
  ['await outside an async function (CommonJS)', 'index.cjs', 'const r = await Promise.resolve(1);\nexports.handler = async () => r;\n', 'SyntaxError: await is only valid in async functions and the top level bodies of modules'],
  ['await in a function that is not async', 'index.mjs', 'export const handler = () => { await Promise.resolve(1); };\n', 'SyntaxError: Unexpected reserved word'],
  ['import in CommonJS', 'index.cjs', "import fs from 'fs';\nexports.handler = async () => 1;\n", 'SyntaxError: Cannot use import statement outside a module'],
  ['export in CommonJS', 'index.cjs', 'export const handler = async () => 1;\n', "SyntaxError: Unexpected token 'export'"],
  ['import inside a function', 'index.mjs', "export const handler = async () => { import fs from 'fs'; };\n", "SyntaxError: Unexpected identifier 'fs'"],
  ['duplicate let', 'index.js', 'let x = 1;\nlet x = 2;\nexports.handler = async () => x;\n', "SyntaxError: Identifier 'x' has already been declared"],
  ['duplicate declaration of the handler', 'index.mjs', 'const handler = 1;\nexport const handler = async () => 1;\n', "SyntaxError: Identifier 'handler' has already been declared"],
  ['invalid assignment target', 'index.js', 'exports.handler = async () => { 1 = 2; };\n', 'SyntaxError: Invalid left-hand side in assignment'],
  ['assignment to an optional chain', 'index.mjs', 'const o = {}; o?.a = 1;\nexport const handler = async () => o;\n', 'SyntaxError: Invalid left-hand side in assignment'],
  ['unexpected end of input', 'index.js', 'exports.handler = async () => {\n  if (true) {\n', 'SyntaxError: Unexpected end of input'],
  ['strict mode reserved word', 'index.mjs', 'const let = 1;\nexport const handler = async () => 1;\n', 'SyntaxError: Unexpected strict mode reserved word'],
  ['reserved word', 'index.js', 'var enum = 1;\nexports.handler = async () => 1;\n', 'SyntaxError: Unexpected reserved word'],
  ['missing catch or finally', 'index.js', 'exports.handler = async () => { try { return 1; } };\n', 'SyntaxError: Missing catch or finally after try'],
  ['return outside a function in a module', 'index.mjs', 'return 1;\nexport const handler = async () => 1;\n', 'SyntaxError: Illegal return statement'],
  ['missing comma in an object', 'index.js', 'const o = { a: 1 b: 2 };\nexports.handler = async () => o;\n', "SyntaxError: Unexpected identifier 'b'"],
  ['two names in a row', 'index.js', 'exports.handler = async () => { return a b; };\n', "SyntaxError: Unexpected identifier 'b'"],
  ['missing colon in an object', 'index.js', 'const o = { a 1 };\nexports.handler = async () => o;\n', 'SyntaxError: Unexpected number'],
  ['eval as a name in strict code', 'index.mjs', 'let eval = 1;\nexport const handler = async () => 1;\n', 'SyntaxError: Unexpected eval or arguments in strict mode'],
  ['break outside a loop', 'index.js', 'break;\nexports.handler = async () => 1;\n', 'SyntaxError: Illegal break statement'],
  ['continue outside a loop', 'index.js', 'continue;\nexports.handler = async () => 1;\n', 'SyntaxError: Illegal continue statement: no surrounding iteration statement'],
  ['octal literal in strict code', 'index.mjs', 'const x = 010;\nexport const handler = async () => x;\n', 'SyntaxError: Octal literals are not allowed in strict mode.'],
  ['a stray character', 'index.js', 'const x = 1 # 2;\nexports.handler = async () => x;\n', 'SyntaxError: Invalid or unexpected token'],
  ['duplicate label', 'index.js', 'a: a: 1;\nexports.handler = async () => 1;\n', "SyntaxError: Label 'a' has already been declared"],
  ['getter with a parameter', 'index.js', 'const o = { get x(a) { return 1; } };\nexports.handler = async () => o;\n', 'SyntaxError: Getter must not have any formal parameters.'],
  ['setter without a parameter', 'index.js', 'const o = { set x() {} };\nexports.handler = async () => o;\n', 'SyntaxError: Setter must have exactly one formal parameter.'],
  ['exporting a name not declared', 'index.mjs', 'export { nope };\nexport const handler = 1;\n', "SyntaxError: Export 'nope' is not defined in module"],
  ['exporting the handler twice', 'index.mjs', 'export const handler = 1;\nexport { handler };\n', "SyntaxError: Duplicate export of 'handler'"],
  ['two constructors', 'index.js', 'class A { constructor() {} constructor() {} }\nexports.handler = async () => 1;\n', 'SyntaxError: A class may only have one constructor'],
  ['super outside a method', 'index.js', 'function f() { super.x(); }\nexports.handler = async () => 1;\n', "SyntaxError: 'super' keyword unexpected here"],
  ['delete of a name in strict code', 'index.mjs', 'let a = 1; delete a;\nexport const handler = 1;\n', 'SyntaxError: Delete of an unqualified identifier in strict mode.'],
  ['with in strict code', 'index.mjs', 'with (Math) {}\nexport const handler = 1;\n', 'SyntaxError: Strict mode code may not include a with statement'],
  ['for-of without an iterable', 'index.js', 'for (const x of) {}\nexports.handler = async () => 1;\n', "SyntaxError: Unexpected token ')'"],
  ['an HTML comment in a module', 'index.mjs', '<!-- hi\nexport const handler = 1;\n', 'SyntaxError: HTML comments are not allowed in modules'],
  ['an error after a non-ASCII text on its line', 'index.js', "const s = 'héllo ☃ 😀'; const = 5;\nexports.handler = async () => s;\n", "SyntaxError: Unexpected token '='"],
];

const handlerOf = (file: string) => `${file.slice(0, file.indexOf('.'))}.handler`;

describe('a syntax error in the handler module', () => {
  it.each(TABLE)('%s: Runtime.UserCodeSyntaxError with Node\'s message', async (_name, file, source, nodeLine) => {
    const h = await harness(factory, makeSpec({ [file]: source }, { runtime: 'nodejs24.x', handler: handlerOf(file) }));
    const out = await h.invoke({});
    expect(JSON.parse(out.payload)).toEqual({
      errorType: 'Runtime.UserCodeSyntaxError', errorMessage: nodeLine, trace: [`Runtime.UserCodeSyntaxError: ${nodeLine}`],
    });
    const logged = messages(out).find((m) => m.includes('\tERROR\tUncaught Exception \t'))!;
    expect(logged.slice(logged.indexOf('{'))).toBe(JSON.stringify({ errorType: 'Runtime.UserCodeSyntaxError', errorMessage: nodeLine, stack: [`Runtime.UserCodeSyntaxError: ${nodeLine}`] }));
  });

  it('in a file the handler requires, which the function can also catch with Node\'s message', async () => {
    const h = await harness(factory, makeSpec({
      'index.js': "let caught; try { require('./bad.js'); } catch (e) { caught = String(e); }\nexports.handler = async () => caught;\n",
      'bad.js': 'module.exports = { a: 1 b: 2 };\n',
    }, { runtime: 'nodejs24.x' }));
    expect(JSON.parse((await h.invoke({})).payload)).toBe("SyntaxError: Unexpected identifier 'b'");
  });

  it('a top-level return in CommonJS is allowed, as Node allows it', async () => {
    const h = await harness(factory, makeSpec({ 'index.js': 'exports.handler = async () => 7;\nreturn;\n' }, { runtime: 'nodejs24.x' }));
    expect((await h.invoke({})).payload).toBe('7');
  });

  it('a top-level return in CommonJS does not hide a syntax error after it', async () => {
    const h = await harness(factory, makeSpec({ 'index.js': 'if (!globalThis.x) return;\nconst = 5;\n' }, { runtime: 'nodejs24.x' }));
    expect(JSON.parse((await h.invoke({})).payload)).toMatchObject({ errorMessage: "SyntaxError: Unexpected token '='" });
  });

  it('a SyntaxError the module throws itself keeps its own message', async () => {
    const h = await harness(factory, makeSpec({ 'index.mjs': "throw new SyntaxError('expecting a config file');\nexport const handler = 1;\n" }, { runtime: 'nodejs24.x' }));
    expect(JSON.parse((await h.invoke({})).payload)).toEqual({
      errorType: 'Runtime.UserCodeSyntaxError', errorMessage: 'SyntaxError: expecting a config file', trace: ['Runtime.UserCodeSyntaxError: SyntaxError: expecting a config file'],
    });
  });
});

describe('the mapping', () => {
  it('keeps a message it does not know, and works without a position', () => {
    expect(nodeSyntaxMessage({ message: 'some new complaint', source: 'x', at: { line: 1, column: 1 }, module: false })).toBe('some new complaint');
    expect(nodeSyntaxMessage({ message: "expecting ';'", source: '', module: true })).toBe("expecting ';'");
  });
});

describe('the table is Node\'s', () => {
  const dir = mkdtempSync(join(tmpdir(), 'syntax-errors-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each(TABLE)('%s: node --check prints the same line', (_name, file, source, nodeLine) => {
    const path = join(dir, `${TABLE.findIndex((row) => row[2] === source)}-${file}`);
    writeFileSync(path, source);
    const checked = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' });
    expect(checked.status).toBe(1);
    expect(checked.stderr.split('\n').find((line) => line.startsWith('SyntaxError: '))).toBe(nodeLine);
  });
});
