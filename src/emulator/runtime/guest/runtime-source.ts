/**
 * The guest half of the Node.js runtime: evaluated once in each QuickJS context before any user
 * code. It captures every intrinsic it relies on first (user code may tamper with the globals
 * later), builds `console`, `process`, timers and `require`, and returns the functions the host
 * drives. Written as plain ES2020 in a string: it runs inside QuickJS, never in the host.
 * The host passes one object of host functions; nothing of it stays reachable from globalThis.
 */
export const runtimeSource = String.raw`(function lambdaRuntimeBootstrap(host, settings) {
'use strict';
var G = globalThis;
var ObjectDefineProperty = Object.defineProperty, ObjectCreate = Object.create, ObjectKeys = Object.keys,
  ObjectFreeze = Object.freeze, ObjectPrototype = Object.prototype, ObjectGetPrototypeOf = Object.getPrototypeOf,
  ObjectHasOwn = Function.prototype.call.bind(Object.prototype.hasOwnProperty);
var ReflectApply = Reflect.apply;
var JSONStringify = JSON.stringify, JSONParse = JSON.parse;
var StringCtor = String, ErrorCtor = Error, SyntaxErrorCtor = SyntaxError, TypeErrorCtor = TypeError;
var PromiseCtor = Promise, PromiseThen = Promise.prototype.then, PromiseResolve = Promise.resolve;
var StringSplit = String.prototype.split, StringSlice = String.prototype.slice, StringIndexOf = String.prototype.indexOf,
  StringReplace = String.prototype.replace, StringStartsWith = String.prototype.startsWith;
var ArrayPush = Array.prototype.push, ArrayJoin = Array.prototype.join, ArraySplice = Array.prototype.splice,
  ArrayIsArray = Array.isArray;
var MathFloor = Math.floor, MathMax = Math.max;
var indirectEval = eval;
var hostLog = host.log, hostNow = host.now, hostResolve = host.resolve, hostRead = host.read,
  hostCompile = host.compileCommonJS, hostDone = host.done, hostBuiltin = host.builtinSource;
function call(fn, thisArg, args) { return ReflectApply(fn, thisArg, args); }
function split(s, sep) { return call(StringSplit, s, [sep]); }
function push(a, v) { call(ArrayPush, a, [v]); }
function startsWith(s, p) { return call(StringStartsWith, s, [p]); }
function then(p, ok, fail) { return call(PromiseThen, p, [ok, fail]); }

// Randomness: xorshift128+ seeded by the host, so runs are reproducible when the host's random is.
var s0 = settings.seed0 >>> 0 || 1, s1 = settings.seed1 >>> 0 || 2, s2 = settings.seed2 >>> 0 || 3, s3 = settings.seed3 >>> 0 || 4;
function nextUint32() {
  var t = s0 ^ (s0 << 11); s0 = s1; s1 = s2; s2 = s3; s3 = (s3 ^ (s3 >>> 19) ^ (t ^ (t >>> 8))) >>> 0; return s3;
}
function random() { return (nextUint32() * 2097152 + (nextUint32() >>> 11)) / 9007199254740992; }
ObjectDefineProperty(Math, 'random', { value: function random_() { return random(); }, writable: true, configurable: true });

// Unhandled rejections: the lazily loaded Promise reports them here; the host polls when told.
var rejected = [];
var handledPromises = new WeakSet(), WeakSetAdd = WeakSet.prototype.add, WeakSetHas = WeakSet.prototype.has;
function markHandled(p) { call(WeakSetAdd, handledPromises, [p]); }
function isHandled(p) { return call(WeakSetHas, handledPromises, [p]); }
function noteRejection(p, reason) { if (!isHandled(p)) { push(rejected, { p: p, reason: reason }); host.rejected(); } }

// Globals compiled on first use (see runtime-chunks): Date, Promise, process.
var startNow = hostNow();
var processEnv = null, currentTraceId = '';
var chunkHelpers = {
  G: G, host: host, settings: settings, hostNow: hostNow, hostLog: hostLog, call: call, NativeDate: Date, PromiseCtor: PromiseCtor,
  noteRejection: noteRejection, markHandled: markHandled, startNow: startNow,
  restArgs: function (a, from) { return restArgs(a, from); },
  queueJob: function (fn) { then(PromiseResolve.call(PromiseCtor), fn); },
  attachEnv: function (env) { processEnv = env; if (currentTraceId) env._X_AMZN_TRACE_ID = currentTraceId; },
};
function loadChunk(name) { return indirectEval(host.chunkSource(name))(chunkHelpers); }

var invocation = null; // { id, settled }
var unhandled = null; // first unhandled rejection reason this invocation
var inspect = null; // util.inspect once util is loaded
var format = null;

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
ObjectDefineProperty(G, 'console', { value: consoleObject, writable: true, configurable: true });

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
function restArgs(a, from) { var r = []; for (var i = from; i < a.length; i++) push(r, a[i]); return r; }
G.setTimeout = function setTimeout(fn, ms) { return addTimer(fn, ms, restArgs(arguments, 2), false); };
G.setInterval = function setInterval(fn, ms) { return addTimer(fn, ms, restArgs(arguments, 2), true); };
G.setImmediate = function setImmediate(fn) {
  if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function');
  var entry = { fn: fn, args: restArgs(arguments, 1), cleared: false }; push(immediates, entry);
  return { _immediate: entry, ref: function () { return this; }, unref: function () { return this; }, hasRef: function () { return true; } };
};
G.clearTimeout = clearTimer; G.clearInterval = clearTimer;
G.clearImmediate = function clearImmediate(h) { if (h && h._immediate) h._immediate.cleared = true; };
G.queueMicrotask = function queueMicrotask(fn) { then(PromiseResolve.call(PromiseCtor), function () { fn(); }); };

function lazyGlobal(name, loader) {
  ObjectDefineProperty(G, name, {
    configurable: true, enumerable: false,
    get: function () { var v = loader(); ObjectDefineProperty(G, name, { value: v, writable: true, configurable: true }); return v; },
    set: function (v) { ObjectDefineProperty(G, name, { value: v, writable: true, configurable: true }); },
  });
}
lazyGlobal('Date', function () { return loadChunk('date'); });
lazyGlobal('Promise', function () { return loadChunk('promise'); });
lazyGlobal('process', function () { return loadChunk('process'); });
ObjectDefineProperty(G, 'global', { value: G, writable: true, configurable: true });
ObjectDefineProperty(G, 'performance', { value: { timeOrigin: startNow, now: function now() { return hostNow() - startNow; } }, writable: true, configurable: true });

// Built-in modules, evaluated on first use so a cold start pays only for what the code imports.
var builtinCache = ObjectCreate(null);
function requireBuiltin(name) {
  var cached = builtinCache[name];
  if (cached) return cached;
  var src = hostBuiltin(name);
  if (typeof src !== 'string') return undefined;
  var factory = indirectEval(src);
  var exportsObject = factory({ require: requireBuiltin, random: random, nextUint32: nextUint32, now: hostNow, call: call });
  builtinCache[name] = exportsObject;
  return exportsObject;
}
lazyGlobal('Buffer', function () { return requireBuiltin('buffer').Buffer; });
lazyGlobal('TextEncoder', function () { return requireBuiltin('text').TextEncoder; });
lazyGlobal('TextDecoder', function () { return requireBuiltin('text').TextDecoder; });
lazyGlobal('atob', function () { return requireBuiltin('text').atob; });
lazyGlobal('btoa', function () { return requireBuiltin('text').btoa; });
lazyGlobal('URL', function () { return requireBuiltin('url').URL; });
lazyGlobal('URLSearchParams', function () { return requireBuiltin('url').URLSearchParams; });
lazyGlobal('crypto', function () { return requireBuiltin('crypto').webcrypto; });
lazyGlobal('structuredClone', function () { return function structuredClone(v) { return v === undefined ? undefined : JSONParse(JSONStringify(v)); }; });

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
  if (startsWith(resolved, 'node:')) {
    var b = requireBuiltin(StringSlice.call(resolved, 5));
    if (!b) throw moduleNotFound('Cannot find module \'' + resolved + '\'', 'MODULE_NOT_FOUND');
    return b;
  }
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
ObjectDefineProperty(G, '__lambdaRuntimeRequire', { value: function (path) { return loadModule(path); } });

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
function runtimeError(type, message, extraLines) {
  var trace = split(type + ': ' + message, '\n');
  return { errorType: type, errorMessage: message, trace: trace };
}
function safeStringify(v) { try { return JSONStringify(v); } catch (_) { return '{"errorType":"Runtime.Unknown","errorMessage":"The error could not be serialised"}'; } }
function reportError(doc, logPrefix, loggedDoc) {
  var logged = loggedDoc || (doc.trace ? { errorType: doc.errorType, errorMessage: doc.errorMessage, stack: doc.trace } : doc);
  hostLog('ERROR', logPrefix + ' \t' + safeStringify(logged));
  hostDone('error', safeStringify(doc));
}

// INIT: load the handler module the way the runtime interface client does.
var handlerFn = null;
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
function initFailed(e) {
  var doc = classifyInitError(e);
  reportError(doc, 'Uncaught Exception');
}
function resolveHandler(ns, path, fullHandler) {
  var parts = split(path, '.'); var target = ns;
  for (var i = 0; i < parts.length && target !== undefined && target !== null; i++) target = target[parts[i]];
  if (target === undefined || target === null) return runtimeError('Runtime.HandlerNotFound', fullHandler + ' is undefined or not exported');
  if (typeof target !== 'function') return runtimeError('Runtime.HandlerNotFound', fullHandler + ' is not a function');
  handlerFn = target;
  return null;
}
function init(kind, path, handlerPath, fullHandler) {
  try {
    if (kind === 'cjs') {
      var ns = loadModule(path);
      var missing = resolveHandler(ns, handlerPath, fullHandler);
      if (missing) reportError(missing, 'Uncaught Exception'); else hostDone('init', '');
      return;
    }
    then(import(path), function (ns) {
      var missing = resolveHandler(ns, handlerPath, fullHandler);
      if (missing) reportError(missing, 'Uncaught Exception'); else hostDone('init', '');
    }, initFailed);
  } catch (e) { initFailed(e); }
}

// INVOKE
function invoke(eventJson, contextJson) {
  var settled = false;
  var ctxIn = JSONParse(contextJson);
  var requestId = ctxIn.awsRequestId, deadlineMs = ctxIn.deadlineMs;
  currentTraceId = ctxIn.traceId; if (processEnv) processEnv._X_AMZN_TRACE_ID = currentTraceId;
  var context = {
    callbackWaitsForEmptyEventLoop: true,
    functionVersion: ctxIn.functionVersion, functionName: ctxIn.functionName, memoryLimitInMB: ctxIn.memoryLimitInMB,
    logGroupName: ctxIn.logGroupName, logStreamName: ctxIn.logStreamName, clientContext: ctxIn.clientContext,
    identity: ctxIn.identity, invokedFunctionArn: ctxIn.invokedFunctionArn, awsRequestId: requestId,
    getRemainingTimeInMillis: function getRemainingTimeInMillis() { return MathMax(deadlineMs - MathFloor(hostNow()), 0); },
    done: function (err, result) { callback(err, result); },
    succeed: function (result) { callback(null, result); },
    fail: function (err) { callback(err); },
  };
  if (ctxIn.clientContext === undefined) delete context.clientContext;
  if (ctxIn.identity === undefined) delete context.identity;
  function succeed(result, waits) {
    var body;
    try { body = JSONStringify(result === undefined ? null : result); }
    catch (_) { fail(new ErrorCtor('Unable to stringify response body')); return; }
    if (body === undefined) body = 'null';
    hostDone(waits ? 'result-wait' : 'result', body);
  }
  function fail(err) {
    var doc = toRapidResponse(err);
    reportError(doc, 'Invoke Error', toLogged(err));
  }
  function callback(err, result) {
    if (settled) return; settled = true;
    var waits = !!context.callbackWaitsForEmptyEventLoop;
    if (err !== undefined && err !== null) fail(err); else succeed(result, waits);
  }
  var event;
  try { event = JSONParse(eventJson); } catch (e) { event = eventJson; }
  try {
    var returned = handlerFn(event, context, callback);
    if (returned !== null && (typeof returned === 'object' || typeof returned === 'function') && typeof returned.then === 'function') {
      then(PromiseResolve.call(PromiseCtor, returned), function (value) {
        if (settled) return; settled = true; succeed(value, false);
      }, function (err) {
        if (settled) return; settled = true; fail(err);
      });
    } else if (handlerFn.length < 3 && !settled) {
      // A synchronous handler without a callback parameter: its return value is the result.
      settled = true; succeed(returned, false);
    }
  } catch (e) {
    if (!settled) { settled = true; fail(e); }
  }
}

// Event loop hooks for the host.
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
function takeUnhandledRejection() {
  for (var i = 0; i < rejected.length; i++) {
    var r = rejected[i];
    if (!isHandled(r.p)) {
      rejected = [];
      var reason = r.reason;
      var message = isErrorLike(reason) ? errorName(reason) + ': ' + StringCtor(reason.message) : (function () { try { return StringCtor(reason); } catch (_) { return typeof reason; } })();
      var doc = runtimeError('Runtime.UnhandledPromiseRejection', message);
      var logged = { errorType: doc.errorType, errorMessage: message, reason: toLogged(reason), promise: {}, stack: doc.trace };
      hostLog('ERROR', 'Unhandled Promise Rejection \t' + safeStringify(logged));
      return safeStringify(doc);
    }
  }
  rejected = [];
  return '';
}
function uncaught(e) {
  var doc = toRapidResponse(e);
  hostLog('ERROR', 'Uncaught Exception \t' + safeStringify(toLogged(e)));
  return safeStringify(doc);
}

return { init: init, invoke: invoke, runMacrotasks: runMacrotasks, nextDue: nextDue,
  takeUnhandledRejection: takeUnhandledRejection, uncaught: uncaught };
})`;
