// @ts-check
// The guest half of Lambda's Node.js runtime (see guest/index.ts).
(function lambdaRuntimeBootstrap(host) {
'use strict';
var G = globalThis;
var ObjectDefineProperty = Object.defineProperty, ObjectCreate = Object.create, ObjectKeys = Object.keys, ObjectGetPrototypeOf = Object.getPrototypeOf;
var ReflectApply = Reflect.apply;
var JSONStringify = JSON.stringify, JSONParse = JSON.parse;
var StringCtor = String, ErrorCtor = Error, SyntaxErrorCtor = SyntaxError, TypeErrorCtor = TypeError, ErrorIsError = /** @type {any} */ (Error).isError;
var PromiseCtor = Promise, PromiseThen = Promise.prototype.then, PromiseResolve = Promise.resolve;
var StringSplit = String.prototype.split, StringSlice = String.prototype.slice, StringStartsWith = String.prototype.startsWith, StringCharCodeAt = String.prototype.charCodeAt;
var StringFromCharCode = String.fromCharCode, NumberCtor = Number;
var ArrayPush = Array.prototype.push;
var MathFloor = Math.floor, MathMax = Math.max;
var indirectEval = eval;
var hostLog = host.log, hostNow = host.now, hostBuiltin = host.builtinSource;
// How INIT or an invocation ended, for the host to take with poll(): a kind letter, then the body.
var completion = '';
function hostDone(kind, body) { if (completion === '') completion = kind + body; }
function call(fn, thisArg, args) { return ReflectApply(fn, thisArg, args); }
function split(s, sep) { return call(StringSplit, s, [sep]); }
function push(a, v) { call(ArrayPush, a, [v]); }
function startsWith(s, p) { return call(StringStartsWith, s, [p]); }
function then(p, ok, fail) { return call(PromiseThen, p, [ok, fail]); }

// Randomness: xorshift128+ seeded by the host at configure(), so runs are reproducible when the host's random is.
var s0 = 1, s1 = 2, s2 = 3, s3 = 4;
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
var startNow = 0;
var processEnv = null, currentTraceId = '';
var chunkHelpers = {
  G: G, host: host, settings: null, hostNow: hostNow, hostLog: hostLog, call: call, NativeDate: Date, PromiseCtor: PromiseCtor,
  noteRejection: noteRejection, markHandled: markHandled, startNow: startNow, ErrorIsError: ErrorIsError, ObjectGetPrototypeOf: ObjectGetPrototypeOf,
  ObjectDefineProperty: ObjectDefineProperty, StringCharCodeAt: StringCharCodeAt, StringFromCharCode: StringFromCharCode, NumberCtor: NumberCtor,
  restArgs: function (a, from) { return restArgs(a, from); },
  push: push, split: split, startsWith: startsWith, then: then, JSONStringify: JSONStringify, JSONParse: JSONParse,
  StringCtor: StringCtor, ErrorCtor: ErrorCtor, SyntaxErrorCtor: SyntaxErrorCtor, TypeErrorCtor: TypeErrorCtor,
  PromiseResolve: PromiseResolve, ObjectKeys: ObjectKeys, ObjectCreate: ObjectCreate, StringSlice: StringSlice,
  requireBuiltin: function (name) { return requireBuiltin(name); },
  loadModule: function (p) { return loadModule(p); },
  runtimeError: function (t, m) { return runtimeError(t, m); },
  safeStringify: function (v) { return safeStringify(v); },
  errorStack: function (e) { return errors().stackText(e); },
  queueJob: function (fn) { then(PromiseResolve.call(PromiseCtor), fn); },
  attachEnv: function (env) { processEnv = env; if (currentTraceId) env._X_AMZN_TRACE_ID = currentTraceId; },
};
function loadChunk(name) { return indirectEval(host.chunkSource(name))(chunkHelpers); }

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
var performanceObject = { timeOrigin: 0, now: function now() { return hostNow() - startNow; } }; ObjectDefineProperty(G, 'performance', { value: performanceObject, writable: true, configurable: true });

// Built-in modules, evaluated on first use so a cold start pays only for what the code imports.
var builtinCache = ObjectCreate(null);
function requireBuiltin(name) {
  var cached = builtinCache[name];
  if (cached) return cached;
  var src = hostBuiltin(name);
  if (typeof src !== 'string') return undefined;
  var factory = indirectEval(src);
  var exportsObject = factory({ require: requireBuiltin, random: random, nextUint32: nextUint32, now: hostNow, call: call, errorStack: function (e) { return errors().stackText(e); } });
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

// Parts compiled on first use (see runtime-chunks).
function restArgs(a, from) { var r = []; for (var i = from; i < a.length; i++) push(r, a[i]); return r; }
var chunks = ObjectCreate(null);
function chunk(name) { return chunks[name] || (chunks[name] = loadChunk(name)); }
lazyGlobal('console', function () { return chunk('console'); });
var TIMER_GLOBALS = ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate'];
for (var ti = 0; ti < TIMER_GLOBALS.length; ti++) (function (name) { lazyGlobal(name, function () { return chunk('timers')[name]; }); })(TIMER_GLOBALS[ti]);
G.queueMicrotask = function queueMicrotask(fn) { then(PromiseResolve.call(PromiseCtor), function () { fn(); }); };
function loadModule(resolved) {
  if (startsWith(resolved, 'node:')) {
    var b = requireBuiltin(StringSlice.call(resolved, 5));
    if (!b) { var e = /** @type {any} */ (new ErrorCtor('Cannot find module \'' + resolved + '\'')); e.code = 'MODULE_NOT_FOUND'; throw e; }
    return b;
  }
  return chunk('commonjs').loadModule(resolved);
}
ObjectDefineProperty(G, '__lambdaRuntimeRequire', { value: function (path) { return loadModule(StringCtor(path)); } });
function errors() { return chunk('errors'); }
function runtimeError(type, message) { return { errorType: type, errorMessage: message, trace: split(type + ': ' + message, '\n') }; }
function safeStringify(v) { try { return JSONStringify(v); } catch (_) { return '{"errorType":"Runtime.Unknown","errorMessage":"The error could not be serialised"}'; } }
function reportError(doc, logPrefix, loggedDoc) {
  var logged = loggedDoc || (doc.trace ? { errorType: doc.errorType, errorMessage: doc.errorMessage, stack: doc.trace } : doc);
  hostLog('ERROR', logPrefix + ' \t' + safeStringify(logged));
  hostDone('E', safeStringify(doc));
}

// INIT: load the handler module the way the runtime interface client does.
var handlerFn = null;
function initFailed(e) {
  var doc = errors().classifyInitError(e);
  reportError(doc, 'Uncaught Exception');
}
function resolveHandler(ns, path, fullHandler) {
  var parts = split(path, '.'); var target = ns;
  for (var i = 0; i < parts.length && target !== undefined && target !== null; i++) target = target[parts[i]];
  if (target === undefined || target === null) return runtimeError('Runtime.HandlerNotFound', fullHandler + ' is undefined or not exported');
  if (typeof target !== 'function') return runtimeError('Runtime.HandlerNotFound', fullHandler + ' is not a function');
  if (callbackHandlersRemoved && target.length >= 3) return errors().callbackHandlerDeprecated();
  handlerFn = target;
  return null;
}
// The context fields fixed for the environment's life, read once at INIT.
var staticContext = null;
function init(kind, path, handlerPath, fullHandler, staticContextJson) {
  staticContext = JSONParse(staticContextJson);
  try {
    if (kind === 'cjs') {
      var ns = loadModule(path);
      var missing = resolveHandler(ns, handlerPath, fullHandler);
      if (missing) reportError(missing, 'Uncaught Exception'); else hostDone('I', '');
      return;
    }
    then(import(path), function (ns) {
      var missing = resolveHandler(ns, handlerPath, fullHandler);
      if (missing) reportError(missing, 'Uncaught Exception'); else hostDone('I', '');
    }, initFailed);
  } catch (e) { initFailed(e); }
}

// INVOKE
var invocationSeq = 0;
// meta: request id, deadline, invoked ARN, trace id, client context JSON, identity JSON, '1' for an event too deep for JSON.parse, one per line.
function invoke(eventJson, meta) {
  // A promise or callback left over from an earlier invocation must not answer this one.
  var seq = ++invocationSeq;
  completion = '';
  var settled = false;
  var m = split(meta, '\n');
  var requestId = m[0], deadlineMs = +m[1];
  currentTraceId = m[3]; if (processEnv) processEnv._X_AMZN_TRACE_ID = currentTraceId;
  var st = staticContext;
  var context = {
    callbackWaitsForEmptyEventLoop: true,
    functionVersion: st.functionVersion, functionName: st.functionName, memoryLimitInMB: st.memoryLimitInMB,
    logGroupName: st.logGroupName, logStreamName: st.logStreamName,
    invokedFunctionArn: m[2], awsRequestId: requestId,
    getRemainingTimeInMillis: function getRemainingTimeInMillis() { return MathMax(deadlineMs - MathFloor(hostNow()), 0); },
    done: function (err, result) { callback(err, result); },
    succeed: function (result) { callback(null, result); },
    fail: function (err) { callback(err === undefined || err === null ? 'handled' : err); },
  };
  // Present only when the caller sent them, as in Node's context (and without delete, which slows QuickJS objects).
  if (m[4]) context.clientContext = JSONParse(m[4]);
  if (m[5]) context.identity = JSONParse(m[5]);
  // Once settled nothing reads context again: dropping it breaks the context -> done -> callback
  // -> context cycle, so the invocation is freed at once instead of by QuickJS's cycle collector.
  // Each drop comes last on its line, so runtime frames in stack traces keep their columns.
  function callback(err, result) {
    if (settled) return; settled = true;
    var waits = !!context.callbackWaitsForEmptyEventLoop; context = null;
    if (err !== undefined && err !== null) answerError(seq, err); else answer(seq, result, waits);
  }
  var event;
  try { event = m[6] ? chunk('json').parse(eventJson) : JSONParse(eventJson); } catch (e) { event = eventJson; }
  try {
    var returned = handlerFn(event, context, callback);
    if (returned !== null && (typeof returned === 'object' || typeof returned === 'function') && typeof returned.then === 'function') {
      then(PromiseResolve.call(PromiseCtor, returned), function (value) {
        if (settled) return; settled = true; answer(seq, value, false); context = null;
      }, function (err) {
        if (settled) return; settled = true; answerError(seq, err); context = null;
      });
    } else if (handlerFn.length < 3 && !settled) {
      // A synchronous handler without a callback parameter: its return value is the result.
      settled = true; answer(seq, returned, false); context = null;
    }
  } catch (e) {
    if (!settled) { settled = true; answerError(seq, e); context = null; }
  }
}
// Results nest at most this deep, as Node's JSON.stringify runs out of stack (set by configure, from the host's stack).
var resultJsonDepth = 0, holders = [], holderCount = 0;
// The replacer that counts nesting: holders are the objects on the path from the root to the value being serialised.
function withinDepth(key, value) {
  while (holderCount > 0 && holders[holderCount - 1] !== this) holderCount--;
  if (value !== null && typeof value === 'object') {
    if (holderCount >= resultJsonDepth) throw new ErrorCtor('nested too deep');
    holders[holderCount++] = value;
  }
  return value;
}
// The answer of invocation seq, unless a later invocation has started (outside invoke: no closures per call).
function answer(seq, result, waits) {
  if (seq !== invocationSeq) return;
  var body;
  try { body = JSONStringify(result === undefined ? null : result, withinDepth); }
  catch (_) { answerError(seq, new ErrorCtor('Unable to stringify response body')); return; }
  finally { holders.length = 0; holderCount = 0; }
  if (body === undefined) body = 'null';
  hostDone(waits ? 'W' : 'R', body);
}
function answerError(seq, err) {
  if (seq !== invocationSeq) return;
  var doc = errors().toRapidResponse(err);
  reportError(doc, 'Invoke Error', errors().toLogged(err));
}

function runMacrotasks(nowMs) { if (chunks.timers) chunks.timers.runMacrotasks(nowMs); }
function nextDue() { return chunks.timers ? chunks.timers.nextDue() : -1; }
function takeUnhandledRejection() {
  var r = null;
  for (var i = 0; i < rejected.length; i++) if (!isHandled(rejected[i].p)) { r = rejected[i]; break; }
  rejected = [];
  return r ? errors().unhandledRejection(r.reason) : '';
}
function uncaught(e) { return errors().uncaught(e); }
function poll() { var c = completion; completion = ''; return c; }

// QuickJS throws stack overflows and overlong strings as InternalError, a class Node does not have: they pass for the RangeErrors Node throws.
var InternalErrorPrototype = G.InternalError.prototype, RangeErrorCtor = RangeError;
Object.setPrototypeOf(InternalErrorPrototype, RangeErrorCtor.prototype);
ObjectDefineProperty(InternalErrorPrototype, 'name', { value: 'RangeError', writable: true, configurable: true });
ObjectDefineProperty(InternalErrorPrototype, 'constructor', { value: RangeErrorCtor, writable: true, configurable: true });
ObjectDefineProperty(InternalErrorPrototype, 'toString', { value: function toString() { return errors().header(this); }, writable: true, configurable: true });
delete G.InternalError;
chunkHelpers.InternalErrorPrototype = InternalErrorPrototype;
// Node keeps this many frames in a stack trace, and honours a new value set by the function's code.
ObjectDefineProperty(ErrorCtor, 'stackTraceLimit', { value: 10, writable: true, enumerable: true, configurable: true });

// JSON.parse and JSON.stringify as deep as Node takes them. QuickJS recurses on the host's stack,
// which, past the depths configure() gives, would run out and abort the runtime instead of throwing:
// Node parses any depth (so a deep text is parsed without recursion), and a deep value's stringify
// ends in Node's RangeError.
var nativeJsonDepth = 0, StringIndexOf = String.prototype.indexOf, ArrayIsArray = Array.isArray;
function stackExceeded() { return new RangeErrorCtor('Maximum call stack size exceeded'); }
function textNestsDeeper(s, limit) {
  // Fewer brackets than the limit cannot nest deeper: counted with indexOf, before any scan by character.
  var openers = 0, at = -1;
  while (openers <= limit && (at = call(StringIndexOf, s, ['[', at + 1])) >= 0) openers++;
  at = -1;
  while (openers <= limit && (at = call(StringIndexOf, s, ['{', at + 1])) >= 0) openers++;
  if (openers <= limit) return false;
  var depth = 0, inString = false;
  for (var i = 0, n = s.length; i < n; i++) {
    var c = call(StringCharCodeAt, s, [i]);
    if (inString) { if (c === 92) i++; else if (c === 34) inString = false; }
    else if (c === 34) inString = true;
    else if (c === 91 || c === 123) { if (++depth > limit) return true; }
    else if (c === 93 || c === 125) depth--;
  }
  return false;
}
// Whether a value's objects nest deeper than limit, walked without recursion; a cycle is left to stringify's own TypeError.
function valueNestsDeeper(value, limit) {
  var path = [value], children = [null], at = [0], depth = 0;
  for (;;) {
    var node = path[depth];
    if (children[depth] === null) { children[depth] = ArrayIsArray(node) ? node : ObjectKeys(node); at[depth] = 0; }
    var list = children[depth];
    if (at[depth] >= list.length) { if (depth === 0) return false; path.length = children.length = at.length = depth; depth--; continue; }
    var child = ArrayIsArray(node) ? list[at[depth]++] : node[list[at[depth]++]];
    if (child === null || typeof child !== 'object') continue;
    for (var k = 0; k <= depth; k++) if (path[k] === child) return false;
    if (++depth > limit) return true;
    path[depth] = child; children[depth] = null;
  }
}
ObjectDefineProperty(JSON, 'parse', { writable: true, configurable: true, value: function parse(text, reviver) {
  var s = typeof text === 'string' ? text : StringCtor(text);
  if (nativeJsonDepth > 0 && s.length > 2 * nativeJsonDepth && textNestsDeeper(s, nativeJsonDepth)) {
    if (typeof reviver === 'function') throw stackExceeded();
    return chunk('json').parse(s);
  }
  return typeof reviver === 'function' ? call(JSONParse, JSON, [s, reviver]) : call(JSONParse, JSON, [s]);
} });
ObjectDefineProperty(JSON, 'stringify', { writable: true, configurable: true, value: function stringify(value, replacer, space) {
  if (resultJsonDepth > 0 && value !== null && typeof value === 'object' && valueNestsDeeper(value, resultJsonDepth)) throw stackExceeded();
  return call(JSONStringify, JSON, [value, replacer, space]);
} });

// The function's own settings, before any of its code runs (the chunks read them when first loaded).
// Last in the file, so runtime frames in stack traces keep the line numbers they always had.
var callbackHandlersRemoved = false;
function configure(s) {
  chunkHelpers.settings = s; resultJsonDepth = s.resultJsonDepth; nativeJsonDepth = s.nativeJsonDepth;
  // Node.js 24 removed callback handlers: the runtime refuses them at INIT.
  callbackHandlersRemoved = +split(StringSlice.call(s.nodeVersion, 1), '.')[0] >= 24;
  s0 = s.seed0 >>> 0 || 1; s1 = s.seed1 >>> 0 || 2; s2 = s.seed2 >>> 0 || 3; s3 = s.seed3 >>> 0 || 4;
  startNow = hostNow(); chunkHelpers.startNow = startNow; performanceObject.timeOrigin = startNow;
}

// The AWS SDK's calls to the host (the @aws-sdk/client-* modules in /var/runtime): a promise per call, settled by the host.
var awsPending = ObjectCreate(null), awsNext = 0, hostAwsCall = host.awsCall;
ObjectDefineProperty(G, '__lambdaAwsSend', { value: function (service, operation, inputWire) {
  return new PromiseCtor(function (resolve) { var id = ++awsNext; awsPending[id] = resolve; hostAwsCall(id, StringCtor(service), StringCtor(operation), StringCtor(inputWire)); });
} });
function settleAws(id, answerWire) { var resolve = awsPending[id]; if (resolve) { delete awsPending[id]; resolve(answerWire); } }

return { configure: configure, init: init, invoke: invoke, runMacrotasks: runMacrotasks, nextDue: nextDue,
  takeUnhandledRejection: takeUnhandledRejection, uncaught: uncaught, poll: poll, settleAws: settleAws };
})
