/**
 * The guest half of Lambda's Node.js runtime, as the text QuickJS evaluates. The sources are real
 * JavaScript files beside this one (type-checked by guest/tsconfig.json), imported as text with
 * `?raw`: Vite does that in the page and in the tests, and src/hosts/node/text-imports.mjs in Node.
 *
 * - bootstrap.js runs once per QuickJS context, before any user code: it captures every intrinsic
 *   it relies on first (user code may tamper with the globals later), and returns the functions
 *   the host drives. Nothing of the host object stays reachable from globalThis.
 * - chunks/*.js are compiled only when guest code first touches them (Date, Promise, process, ...).
 * - builtins/*.js are the Node.js built-in modules the emulator provides, evaluated on first require.
 */
import bootstrap from './bootstrap.js?raw';
import commonjs from './chunks/commonjs.js?raw';
import consoleChunk from './chunks/console.js?raw';
import date from './chunks/date.js?raw';
import errors from './chunks/errors.js?raw';
import json from './chunks/json.js?raw';
import processChunk from './chunks/process.js?raw';
import promise from './chunks/promise.js?raw';
import timers from './chunks/timers.js?raw';
import buffer from './builtins/buffer.js?raw';
import crypto from './builtins/crypto.js?raw';
import events from './builtins/events.js?raw';
import path from './builtins/path.js?raw';
import text from './builtins/text.js?raw';
import url from './builtins/url.js?raw';
import util from './builtins/util.js?raw';

/** The runtime helpers a chunk binds to locals first, in place of its `/* BINDINGS *\/` line (declared for the type-checker in guest.d.ts). */
export const CHUNK_BINDINGS = [
  'call', 'push', 'split', 'startsWith', 'then', 'hostNow', 'hostLog', 'host', 'JSONStringify', 'JSONParse', 'StringCtor',
  'ErrorCtor', 'SyntaxErrorCtor', 'TypeErrorCtor', 'PromiseResolve', 'PromiseCtor', 'ObjectKeys', 'ObjectCreate', 'StringSlice',
  'requireBuiltin', 'restArgs', 'runtimeError', 'safeStringify',
] as const;

const bindings = `var ${CHUNK_BINDINGS.map((name) => `${name} = rt.${name}`).join(', ')};`;
const withBindings = (source: string): string => source.replace('/* BINDINGS */', bindings);

export const runtimeSource: string = bootstrap;

export const runtimeChunks: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({ date, promise, process: processChunk, console: consoleChunk, timers, commonjs, errors, json }).map(([name, source]) => [name, withBindings(source)]),
);

/** Each built-in's source, keyed by the name after `node:`. */
export const builtinSources: Readonly<Record<string, string>> = { text, buffer, util, path, events, crypto, url };
