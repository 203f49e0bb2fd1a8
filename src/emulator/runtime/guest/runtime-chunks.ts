/**
 * Parts of the guest runtime compiled only when guest code first touches them (the global Date,
 * Promise and process), so a cold start parses less. Each is a function of the bootstrap's helpers.
 */

/** The shared runtime helpers each chunk binds to locals first (the same text in every chunk). */
const BINDINGS = String.raw`var call = rt.call, push = rt.push, split = rt.split, startsWith = rt.startsWith, then = rt.then, hostNow = rt.hostNow, hostLog = rt.hostLog,
  host = rt.host, JSONStringify = rt.JSONStringify, JSONParse = rt.JSONParse, StringCtor = rt.StringCtor, ErrorCtor = rt.ErrorCtor,
  SyntaxErrorCtor = rt.SyntaxErrorCtor, TypeErrorCtor = rt.TypeErrorCtor, PromiseResolve = rt.PromiseResolve, PromiseCtor = rt.PromiseCtor,
  ObjectKeys = rt.ObjectKeys, ObjectCreate = rt.ObjectCreate, StringSlice = rt.StringSlice, requireBuiltin = rt.requireBuiltin,
  restArgs = rt.restArgs, runtimeError = rt.runtimeError, safeStringify = rt.safeStringify;`;

const date = String.raw`(function (rt) {
var NativeDate = rt.NativeDate, hostNow = rt.hostNow;
function LambdaDate(a, b, c, d, e, f, g) {
  var n = arguments.length;
  if (!new.target) return new NativeDate(hostNow()).toString();
  var date = n === 0 ? new NativeDate(hostNow()) : n === 1 ? new NativeDate(a) : new NativeDate(a, b, n > 2 ? c : 1, n > 3 ? d : 0, n > 4 ? e : 0, n > 5 ? f : 0, n > 6 ? g : 0);
  if (new.target !== LambdaDate) Object.setPrototypeOf(date, new.target.prototype);
  return date;
}
LambdaDate.prototype = NativeDate.prototype;
Object.defineProperty(NativeDate.prototype, 'constructor', { value: LambdaDate, writable: true, configurable: true });
LambdaDate.now = function now() { return Math.floor(hostNow()); };
LambdaDate.parse = NativeDate.parse; LambdaDate.UTC = NativeDate.UTC;
return LambdaDate;
})`;

// QuickJS gives the host no rejection tracker, so promises built from the global Promise are
// tracked here (those made by async functions themselves are not).
const promise = String.raw`(function (rt) {
var noteRejection = rt.noteRejection, markHandled = rt.markHandled;
class Promise extends rt.PromiseCtor {
  constructor(executor) {
    var self = null, early = false, earlyReason;
    super(function (resolve, reject) {
      executor(resolve, function (reason) {
        if (self) noteRejection(self, reason); else { early = true; earlyReason = reason; }
        reject(reason);
      });
    });
    self = this;
    if (early) noteRejection(self, earlyReason);
  }
  then(onFulfilled, onRejected) {
    markHandled(this);
    return super.then(onFulfilled, onRejected);
  }
}
Promise.reject = function reject(reason) { return new this(function (_, rj) { rj(reason); }); };
return Promise;
})`;

const process = String.raw`(function (rt) {
var hostNow = rt.hostNow, host = rt.host, settings = rt.settings, call = rt.call;
var env = {};
var envIn = JSON.parse(settings.envJson), keys = Object.keys(envIn);
for (var k = 0; k < keys.length; k++) env[keys[k]] = envIn[keys[k]];
rt.attachEnv(env);
var listeners = Object.create(null);
var processObject = {
  env: env, argv: ['/var/lang/bin/node', '/var/runtime/index.mjs'], argv0: 'node', execArgv: [],
  version: settings.nodeVersion, versions: { node: settings.nodeVersion.slice(1) },
  platform: 'linux', arch: 'x64', pid: 9, ppid: 1, title: 'node', release: { name: 'node' },
  exitCode: undefined,
  cwd: function cwd() { return '/var/task'; },
  chdir: function chdir() { throw new Error('process.chdir() is not supported in the Lambda Workbook emulator'); },
  uptime: function uptime() { return (hostNow() - rt.startNow) / 1000; },
  hrtime: function hrtime(prev) {
    var t = hostNow(); var s = Math.floor(t / 1000), ns = Math.floor((t % 1000) * 1e6);
    if (prev) { s -= prev[0]; ns -= prev[1]; if (ns < 0) { s--; ns += 1e9; } }
    return [s, ns];
  },
  memoryUsage: function memoryUsage() { var m = host.memory(); return { rss: m, heapTotal: m, heapUsed: m, external: 0, arrayBuffers: 0 }; },
  nextTick: function nextTick(fn) { var a = rt.restArgs(arguments, 1); rt.queueJob(function () { call(fn, undefined, a); }); },
  exit: function exit(code) { host.exit(code === undefined ? 0 : +code || 0); throw new Error('process.exit'); },
  on: function on(name, fn) { (listeners[name] || (listeners[name] = [])).push(fn); return processObject; },
  once: function once(name, fn) { return processObject.on(name, fn); },
  off: function off() { return processObject; }, removeListener: function () { return processObject; },
  removeAllListeners: function () { return processObject; }, emit: function emit() { return false; },
  listenerCount: function (name) { return (listeners[name] || []).length; },
  emitWarning: function emitWarning(w) { rt.hostLog('WARN', '(node) Warning: ' + String(w && w.message || w)); },
  stdout: { write: function write(s) { host.raw(String(s)); return true; }, isTTY: false },
  stderr: { write: function write(s) { host.raw(String(s)); return true; }, isTTY: false },
};
processObject.hrtime.bigint = function bigint() { return BigInt(Math.floor(hostNow() * 1e6)); };
return processObject;
})`;

const console = String.raw`(function (rt) {
${BINDINGS}
var inspect = null, format = null;
// console: one call is one log event; the host adds timestamp, request id and level.
function lazyFormat(args) {
  if (!format) { var util = requireBuiltin('util'); format = util.format; inspect = util.inspect; }
  return call(format, undefined, args);
}
function makeLogger(level) {
  return function log() {
    var args = []; for (var i = 0; i < arguments.length; i++) push(args, arguments[i]);
    var text;
    if (args.length === 1 && typeof args[0] === 'string') text = args[0];
    else text = lazyFormat(args);
    hostLog(level, text);
  };
}
var consoleObject = {
  log: makeLogger('INFO'), info: makeLogger('INFO'), warn: makeLogger('WARN'), error: makeLogger('ERROR'),
  debug: makeLogger('DEBUG'), trace: makeLogger('TRACE'), fatal: makeLogger('FATAL'),
  dir: function dir(o) { hostLog('INFO', lazyFormat([o])); },
  table: makeLogger('INFO'),
  assert: function assert(ok) { if (!ok) { var rest = []; for (var i = 1; i < arguments.length; i++) push(rest, arguments[i]); hostLog('ERROR', 'Assertion failed' + (rest.length ? ': ' + lazyFormat(rest) : '')); } },
  time: function () {}, timeEnd: function () {}, timeLog: function () {}, group: function () {}, groupEnd: function () {},
};
return consoleObject;


})`;

// Timers: a queue kept in the guest; the host's event loop advances the clock to the next due time.
const timers = String.raw`(function (rt) {
${BINDINGS}
// Timers: a queue kept in the guest; the host's event loop advances the clock to the next due time.
var timers = ObjectCreate(null); var timerCount = 0; var nextTimerId = 1; var immediates = [];
function Timeout(id) { this._id = id; }
Timeout.prototype.ref = function () { return this; };
Timeout.prototype.unref = function () { return this; };
Timeout.prototype.hasRef = function () { return true; };
Timeout.prototype.refresh = function () { var t = timers[this._id]; if (t) t.due = hostNow() + t.delay; return this; };
Timeout.prototype[Symbol.toPrimitive] = function () { return this._id; };
function addTimer(fn, delay, args, repeat) {
  if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function. Received ' + (fn === null ? 'null' : typeof fn));
  delay = +delay; if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
  var id = nextTimerId++;
  timers[id] = { fn: fn, args: args, delay: delay, due: hostNow() + delay, repeat: repeat, seq: id };
  timerCount++;
  return new Timeout(id);
}
function clearTimer(handle) {
  var id = handle && typeof handle === 'object' ? handle._id : handle;
  if (timers[id]) { delete timers[id]; timerCount--; }
}
var api = {};
api.setTimeout = function setTimeout(fn, ms) { return addTimer(fn, ms, restArgs(arguments, 2), false); };
api.setInterval = function setInterval(fn, ms) { return addTimer(fn, ms, restArgs(arguments, 2), true); };
api.setImmediate = function setImmediate(fn) {
  if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function');
  var entry = { fn: fn, args: restArgs(arguments, 1), cleared: false }; push(immediates, entry);
  return { _immediate: entry, ref: function () { return this; }, unref: function () { return this; }, hasRef: function () { return true; } };
};
api.clearTimeout = clearTimer; api.clearInterval = clearTimer;
api.clearImmediate = function clearImmediate(h) { if (h && h._immediate) h._immediate.cleared = true; };


function runMacrotasks(nowMs) {
  if (immediates.length) {
    var batch = immediates; immediates = [];
    for (var i = 0; i < batch.length; i++) if (!batch[i].cleared) call(batch[i].fn, undefined, batch[i].args);
    return;
  }
  var best = null, bestId = 0, ids = ObjectKeys(timers);
  for (var j = 0; j < ids.length; j++) {
    var t = timers[ids[j]];
    if (t.due <= nowMs && (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq))) { best = t; bestId = ids[j]; }
  }
  if (!best) return;
  if (best.repeat) { best.due = nowMs + best.delay; best.seq = nextTimerId++; } else { delete timers[bestId]; timerCount--; }
  call(best.fn, undefined, best.args);
}
function nextDue() {
  if (immediates.length) return 0;
  if (timerCount === 0) return -1;
  var min = Infinity, ids = ObjectKeys(timers);
  for (var j = 0; j < ids.length; j++) if (timers[ids[j]].due < min) min = timers[ids[j]].due;
  return min;
}
api.runMacrotasks = runMacrotasks; api.nextDue = nextDue;
return api;
})`;

// CommonJS over the virtual file system; the host resolves paths and compiles the wrappers.
const commonjs = String.raw`(function (rt) {
${BINDINGS}
var hostResolve = host.resolve, hostRead = host.read, hostCompile = host.compileCommonJS;
// CommonJS over the virtual file system; the host resolves paths and compiles the wrappers.
var moduleCache = ObjectCreate(null);
function moduleNotFound(message, code) { var e = new ErrorCtor(message); e.code = code; return e; }
function makeRequire(parentPath, parentModule) {
  function require(specifier) {
    if (typeof specifier !== 'string') throw new TypeErrorCtor('The "id" argument must be of type string. Received ' + typeof specifier);
    var resolved = hostResolve(specifier, parentPath, 'require');
    if (resolved[0] === '!') throw moduleNotFound(StringSlice.call(resolved, 1), 'MODULE_NOT_FOUND');
    return loadModule(resolved);
  }
  require.resolve = function resolve(specifier) {
    var resolved = hostResolve(StringCtor(specifier), parentPath, 'require');
    if (resolved[0] === '!') throw moduleNotFound(StringSlice.call(resolved, 1), 'MODULE_NOT_FOUND');
    return resolved;
  };
  require.cache = moduleCache;
  require.main = parentModule;
  return require;
}
function loadModule(resolved) {
  if (startsWith(resolved, 'node:')) return rt.loadModule(resolved);
  var cached = moduleCache[resolved];
  if (cached) return cached.exports;
  var module = { id: resolved, filename: resolved, path: dirname(resolved), exports: {}, loaded: false, children: [], paths: [] };
  moduleCache[resolved] = module;
  try {
    if (host.format(resolved) === 'json') {
      module.exports = JSONParse(hostRead(resolved));
    } else {
      var wrapper = hostCompile(resolved);
      call(wrapper, module.exports, [module.exports, makeRequire(resolved, module), module, resolved, dirname(resolved)]);
    }
  } catch (e) {
    delete moduleCache[resolved];
    throw e;
  }
  module.loaded = true;
  return module.exports;
}
function dirname(p) { var i = p.lastIndexOf('/'); return i <= 0 ? '/' : StringSlice.call(p, 0, i); }

return { loadModule: loadModule };
})`;

// Errors in the shapes the Node.js runtime interface client produces.
const errors = String.raw`(function (rt) {
${BINDINGS}
// Errors in the shapes the Node.js runtime interface client produces.
function errorName(e) { return e && typeof e.name === 'string' ? e.name : 'Error'; }
function stackLines(e) {
  var frames = typeof e.stack === 'string' ? e.stack : '';
  var head = errorName(e) + ': ' + StringCtor(e.message === undefined ? '' : e.message);
  var lines = split(head, '\n');
  var rest = split(frames, '\n');
  for (var i = 0; i < rest.length; i++) if (rest[i] !== '') push(lines, rest[i]);
  return lines;
}
function isErrorLike(e) { return e instanceof ErrorCtor || (e !== null && typeof e === 'object' && typeof e.message === 'string' && typeof e.stack === 'string'); }
// QuickJS says "InternalError: stack overflow" where Node says "RangeError: Maximum call stack size exceeded".
function nodeShape(e) {
  try {
    if (isErrorLike(e) && e.name === 'InternalError' && e.message === 'stack overflow') return { name: 'RangeError', message: 'Maximum call stack size exceeded', stack: e.stack };
    if (isErrorLike(e) && e.name === 'InternalError' && e.message === 'string too long') return { name: 'RangeError', message: 'Invalid string length', stack: e.stack };
  } catch (_) { return e; }
  return e;
}
function toRapidResponse(e) {
  e = nodeShape(e);
  try {
    if (isErrorLike(e)) return { errorType: errorName(e), errorMessage: StringCtor(e.message), trace: stackLines(e) };
    return { errorType: typeof e, errorMessage: e.toString(), trace: [] };
  } catch (_) {
    return { errorType: 'handled', errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack' };
  }
}
function toLogged(e) {
  // The log form uses "stack" where the response uses "trace".
  var r = toRapidResponse(e);
  if (r.trace) return { errorType: r.errorType, errorMessage: r.errorMessage, stack: r.trace };
  return r;
}

function classifyInitError(e) {
  if (e instanceof SyntaxErrorCtor) {
    var m = errorName(e) + ': ' + StringCtor(e.message);
    var doc = runtimeError('Runtime.UserCodeSyntaxError', m);
    for (var i = 0, st = split(StringCtor(e.stack || ''), '\n'); i < st.length; i++) if (st[i] !== '') push(doc.trace, st[i]);
    return doc;
  }
  if (e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND' ||
      (isErrorLike(e) && (startsWith(e.message, 'Cannot find module ') || startsWith(e.message, 'Cannot find package '))))) {
    return runtimeError('Runtime.ImportModuleError', 'Error: ' + StringCtor(e.message));
  }
  return toRapidResponse(e);
}

function unhandledRejection(reason) {
  var message = isErrorLike(reason) ? errorName(reason) + ': ' + StringCtor(reason.message) : (function () { try { return StringCtor(reason); } catch (_) { return typeof reason; } })();
  var doc = runtimeError('Runtime.UnhandledPromiseRejection', message);
  var logged = { errorType: doc.errorType, errorMessage: message, reason: toLogged(reason), promise: {}, stack: doc.trace };
  hostLog('ERROR', 'Unhandled Promise Rejection \t' + safeStringify(logged));
  return safeStringify(doc);
}

function uncaught(e) {
  var doc = toRapidResponse(e);
  hostLog('ERROR', 'Uncaught Exception \t' + safeStringify(toLogged(e)));
  return safeStringify(doc);
}


return { toRapidResponse: toRapidResponse, toLogged: toLogged, classifyInitError: classifyInitError, unhandledRejection: unhandledRejection, uncaught: uncaught };
})`;

export const runtimeChunks: Readonly<Record<string, string>> = { date, promise, process, console, timers, commonjs, errors };
