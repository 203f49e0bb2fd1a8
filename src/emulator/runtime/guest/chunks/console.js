// @ts-check
// Compiled only when guest code first touches it; a function of the bootstrap's helpers.
(function (rt) {
/* BINDINGS */
var format = null;
// console: one call is one log event; the host adds timestamp, request id and level.
function lazyFormat(args) {
  if (!format) { var util = requireBuiltin('util'); format = util.format; }
  return call(format, undefined, args);
}
// LogFormat JSON (AWS_LAMBDA_LOG_FORMAT, read once as the runtime reads it at start): one non-string
// value is the record's message itself, so it goes to the host as JSON, errors as the runtime shows them.
var env = JSONParse(rt.settings.envJson);
var jsonFormat = env.AWS_LAMBDA_LOG_FORMAT === 'JSON';
function errorReplacer(_key, value) {
  if (value instanceof ErrorCtor) {
    var out = { errorType: (value.constructor && value.constructor.name) || 'UnknownError', errorMessage: value.message, stackTrace: split(rt.errorStack(value), '\n') };
    var keys = ObjectKeys(value); for (var i = 0; i < keys.length; i++) out[keys[i]] = value[keys[i]];
    return out;
  }
  return value;
}
function makeLogger(level) {
  return function log() {
    var args = []; for (var i = 0; i < arguments.length; i++) push(args, arguments[i]);
    var text;
    if (jsonFormat && args.length === 1 && typeof args[0] !== 'string') {
      try {
        text = JSONStringify(args[0], errorReplacer);
        if (text !== undefined) { hostLog(level + ':json', text); return; }
      } catch (_) { /* a cycle or a BigInt: the runtime falls back to util.format */ }
    }
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


})
