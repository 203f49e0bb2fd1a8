/** Which Node.js built-ins the guest provides, and every name Node.js has (so a missing one gets a clear message). */

/** Built-ins a learner may import, with the named exports an ES module `import { x }` can take. */
export const providedBuiltins: Readonly<Record<string, readonly string[]>> = {
  buffer: ['Buffer', 'constants', 'kMaxLength'],
  crypto: ['createHash', 'randomUUID', 'randomBytes', 'randomInt', 'getRandomValues', 'timingSafeEqual', 'webcrypto', 'getHashes'],
  events: ['EventEmitter', 'once'],
  path: ['sep', 'delimiter', 'normalize', 'join', 'resolve', 'dirname', 'basename', 'extname', 'relative', 'parse', 'format', 'isAbsolute', 'posix'],
  url: ['URL', 'URLSearchParams', 'fileURLToPath', 'pathToFileURL'],
  util: ['format', 'inspect', 'promisify', 'inherits', 'isDeepStrictEqual', 'types', 'TextEncoder', 'TextDecoder', 'deprecate'],
};

/** Every Node.js built-in module name: importing one the emulator lacks gets a clear message. */
export const nodeBuiltinNames: ReadonlySet<string> = new Set([
  'assert', 'assert/strict', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto',
  'dgram', 'diagnostics_channel', 'dns', 'dns/promises', 'domain', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https',
  'inspector', 'module', 'net', 'os', 'path', 'path/posix', 'perf_hooks', 'process', 'punycode', 'querystring', 'readline',
  'repl', 'stream', 'stream/promises', 'stream/web', 'string_decoder', 'sys', 'timers', 'timers/promises', 'tls',
  'trace_events', 'tty', 'url', 'util', 'util/types', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib', 'test', 'sqlite', 'sea',
]);
