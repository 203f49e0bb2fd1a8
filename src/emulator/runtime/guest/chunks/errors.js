// @ts-check
// Compiled only when guest code first touches it; a function of the bootstrap's helpers.
(function (rt) {
/* BINDINGS */
// Errors in the shapes the Node.js runtime interface client produces.
var ErrorIsError = rt.ErrorIsError, InternalErrorPrototype = rt.InternalErrorPrototype, ObjectGetPrototypeOf = rt.ObjectGetPrototypeOf;
function errorName(e) { return e && typeof e.name === 'string' ? e.name : 'Error'; }
function isNativeError(e) { return call(ErrorIsError, ErrorCtor, [e]) === true; }
// The runtime's test for an error-like object, read in its order: a getter that throws on the way makes the error "handled".
function isErrorLike(e) {
  return !!(e && e.name && e.message && e.stack && typeof e.name === 'string' && typeof e.message === 'string' && typeof e.stack === 'string');
}
// QuickJS's InternalErrors pass for RangeErrors (see the bootstrap); what the runtime reports carries Node's message.
var NODE_MESSAGES = ObjectCreate(null);
NODE_MESSAGES['stack overflow'] = 'Maximum call stack size exceeded';
NODE_MESSAGES['string too long'] = 'Invalid string length';
function messageOf(e) {
  var m = e.message;
  return typeof m === 'string' && NODE_MESSAGES[m] && ObjectGetPrototypeOf(e) === InternalErrorPrototype ? NODE_MESSAGES[m] : m;
}
// V8's first stack line: "Name: message", or whichever of the two is not empty.
function header(name, message) {
  var n = name === undefined ? 'Error' : StringCtor(name), m = message === undefined ? '' : StringCtor(message);
  return n === '' ? m : m === '' ? n : n + ': ' + m;
}
// QuickJS captures frames only ("    at f (file:line:col)"); a stack in any other shape was set by the function's code.
function isQuickJSStack(stack) { return stack === '' || startsWith(stack, '    at '); }
// Node's stack for a QuickJS one: the header, then at most Error.stackTraceLimit frames.
function nodeStack(name, message, stack) {
  var lines = split(header(name, message), '\n'), frames = split(stack, '\n'), limit = ErrorCtor.stackTraceLimit, kept = 0;
  if (typeof limit !== 'number') limit = 0;
  for (var i = 0; i < frames.length && kept < limit; i++) if (frames[i] !== '') { push(lines, frames[i]); kept++; }
  return lines;
}
function toRapidResponse(e) {
  try {
    if (isNativeError(e)) {
      var name = e.name, message = messageOf(e), stack = e.stack;
      // QuickJS leaves some errors without a stack (Node always has one); any other stack that is not a string makes the error "handled", as in the runtime.
      if (stack === undefined) stack = '';
      else if (typeof stack !== 'string') throw new TypeErrorCtor('stack is not a string');
      return { errorType: errorName(e), errorMessage: StringCtor(message), trace: isQuickJSStack(stack) ? nodeStack(name, message, stack) : split(stack, '\n') };
    }
    if (isErrorLike(e)) return { errorType: e.name, errorMessage: e.message, trace: split(e.stack, '\n') };
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
// What console.log prints for an error: Node's stack, or the header alone when the error has none.
function stackText(e) {
  try {
    var stack = e.stack, message = messageOf(e);
    if (typeof stack !== 'string') return header(e.name, message);
    if (!isNativeError(e) || !isQuickJSStack(stack)) return stack;
    var lines = nodeStack(e.name, message, stack), text = lines[0];
    for (var i = 1; i < lines.length; i++) text += '\n' + lines[i];
    return text;
  } catch (_) {
    return '[' + typeof e + ']';
  }
}

function classifyInitError(e) {
  if (e instanceof SyntaxErrorCtor) {
    // The runtime wraps the error: new UserCodeSyntaxError(e) takes String(e) as its message. Its trace
    // is the runtime's own frames, not the module's, so the emulator's loader frames are left out.
    // QuickJS compiled an ES module out of the host's sight: the host puts its message in Node's words now.
    try { if (typeof e.message === 'string' && typeof e.stack === 'string') e.message = host.moduleSyntaxMessage(e.message, e.stack); } catch (_) { /* the message stays QuickJS's */ }
    return runtimeError('Runtime.UserCodeSyntaxError', errorName(e) + ': ' + StringCtor(e.message));
  }
  if (e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND' ||
      (isNativeError(e) && typeof e.message === 'string' && (startsWith(e.message, 'Cannot find module ') || startsWith(e.message, 'Cannot find package '))))) {
    return runtimeError('Runtime.ImportModuleError', 'Error: ' + StringCtor(e.message));
  }
  return toRapidResponse(e);
}

function unhandledRejection(reason) {
  // As the runtime does, the rejection's message is reason.toString().
  var message; try { message = StringCtor(reason); } catch (_) { message = typeof reason; }
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

// Node.js 24 and later refuse a handler that declares a callback parameter at INIT.
var CALLBACK_HANDLER_DEPRECATED = 'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';
function callbackHandlerDeprecated() { return runtimeError('Runtime.CallbackHandlerDeprecated', CALLBACK_HANDLER_DEPRECATED); }

return {
  toRapidResponse: toRapidResponse, toLogged: toLogged, stackText: stackText, header: function (e) { return header(e.name, messageOf(e)); }, classifyInitError: classifyInitError,
  unhandledRejection: unhandledRejection, uncaught: uncaught, callbackHandlerDeprecated: callbackHandlerDeprecated,
};
})
