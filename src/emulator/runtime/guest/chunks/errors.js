// @ts-check
// Compiled only when guest code first touches it; a function of the bootstrap's helpers.
(function (rt) {
/* BINDINGS */
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
})
