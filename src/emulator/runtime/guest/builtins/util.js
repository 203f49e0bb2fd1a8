// @ts-check
// The guest's node:util: evaluated in QuickJS on first use, a function of the runtime helpers.
(function (rt) {
function isError(e) { return e instanceof Error; }
// Node prints an error's stack: its header and at most Error.stackTraceLimit frames.
function errorText(e) { return rt.errorStack(e); }
function quote(s) { return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'"; }
var IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
function inspect(value, opts) {
  var depthLimit = opts && opts.depth !== undefined ? (opts.depth === null ? Infinity : opts.depth) : 2;
  var seen = [];
  function fmt(v, depth) {
    switch (typeof v) {
      case 'string': return depth === 0 && !(opts && opts.quoteTop) ? v : quote(v);
      case 'number': return Object.is(v, -0) ? '-0' : String(v);
      case 'bigint': return String(v) + 'n';
      case 'boolean': return String(v);
      case 'undefined': return 'undefined';
      case 'symbol': return v.toString();
      case 'function': {
        var fname = v.name ? ': ' + v.name : ' (anonymous)';
        var isClass = /^class[\s{]/.test(Function.prototype.toString.call(v));
        var fkeys = Object.keys(v);
        var label = '[' + (isClass ? 'class' : 'Function') + (isClass ? (v.name ? ' ' + v.name : ' (anonymous)') : fname) + ']';
        if (!fkeys.length) return label;
        return entries(v, fkeys, depth, label + ' {', '}');
      }
    }
    if (v === null) return 'null';
    if (seen.indexOf(v) >= 0) return '[Circular *1]';
    if (isError(v)) return errorText(v);
    if (v instanceof Date) return isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
    if (v instanceof RegExp) return String(v);
    if (depth > depthLimit) return Array.isArray(v) ? '[Array]' : '[Object]';
    seen.push(v);
    try {
      if (Array.isArray(v)) {
        var items = [], n = Math.min(v.length, 100);
        for (var i = 0; i < n; i++) items.push(i in v ? fmt(v[i], depth + 1) : '<1 empty item>');
        if (v.length > 100) items.push('... ' + (v.length - 100) + ' more item' + (v.length - 100 > 1 ? 's' : ''));
        return wrap(items, '[', ']', depth);
      }
      if (v instanceof Map) {
        var mi = []; v.forEach(function (val, key) { mi.push(fmt(key, depth + 1) + ' => ' + fmt(val, depth + 1)); });
        return wrap(mi, 'Map(' + v.size + ') {', '}', depth);
      }
      if (v instanceof Set) {
        var si = []; v.forEach(function (val) { si.push(fmt(val, depth + 1)); });
        return wrap(si, 'Set(' + v.size + ') {', '}', depth);
      }
      if (ArrayBuffer.isView(v)) {
        v = /** @type {Uint8Array} */ (v);
        var tn = v.constructor && v.constructor.name || 'TypedArray', ti = [];
        for (var j = 0; j < Math.min(v.length, 50); j++) ti.push(String(v[j]));
        if (v.length > 50) ti.push('... ' + (v.length - 50) + ' more items');
        if (tn === 'Buffer') return '<Buffer' + (ti.length ? ' ' + Array.prototype.map.call(v.subarray(0, 50), function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join(' ') : '') + (v.length > 50 ? ' ... ' + (v.length - 50) + ' more bytes' : '') + '>';
        return wrap(ti, tn + '(' + v.length + ') [', ']', depth);
      }
      if (typeof v.then === 'function' && v instanceof Promise) return 'Promise { <pending> }';
      var proto = Object.getPrototypeOf(v);
      var ctorName = proto === null ? '[Object: null prototype]' : proto.constructor && proto.constructor !== Object && proto.constructor.name ? proto.constructor.name : '';
      var keys = Object.keys(v);
      if (!keys.length) return ctorName ? ctorName + ' {}' : '{}';
      return entries(v, keys, depth, (ctorName ? ctorName + ' ' : '') + '{', '}');
    } finally { seen.pop(); }
  }
  function entries(obj, keys, depth, open, close) {
    var parts = [];
    for (var i = 0; i < keys.length; i++) {
      var k = keys[i], desc = Object.getOwnPropertyDescriptor(obj, k);
      var shown = desc && (desc.get || desc.set) ? (desc.get && desc.set ? '[Getter/Setter]' : desc.get ? '[Getter]' : '[Setter]') : fmt(obj[k], depth + 1);
      parts.push((IDENT.test(k) ? k : quote(k)) + ': ' + shown);
    }
    return wrap(parts, open, close, depth);
  }
  function wrap(items, open, close, depth) {
    if (!items.length) return open + close;
    var oneLine = open + ' ' + items.join(', ') + ' ' + close;
    if (oneLine.length <= 72 && oneLine.indexOf('\n') < 0) return oneLine;
    var pad = '  ';
    for (var d = 0; d < depth; d++) pad += '  ';
    return open + '\n' + pad + items.join(',\n' + pad) + '\n' + pad.slice(2) + close;
  }
  return fmt(value, 0);
}
function format() {
  var args = arguments, first = args[0], out = '', a = 1;
  if (typeof first === 'string') {
    var i = 0;
    while (i < first.length) {
      var ch = first[i];
      if (ch === '%' && i + 1 < first.length) {
        var f = first[i + 1];
        if (f === '%') { out += '%'; i += 2; continue; }
        if (a < args.length && 'sdifjoOc'.indexOf(f) >= 0) {
          var v = args[a++];
          if (f === 's') out += typeof v === 'string' ? v : typeof v === 'bigint' ? v + 'n' : typeof v === 'object' && v !== null ? inspect(v, { depth: 1, quoteTop: true }) : String(v);
          else if (f === 'd' || f === 'i') out += typeof v === 'bigint' ? v + 'n' : typeof v === 'symbol' ? 'NaN' : String(f === 'i' ? parseInt(v) : Number(v));
          else if (f === 'f') out += String(parseFloat(v));
          else if (f === 'j') { try { out += JSON.stringify(v); } catch (e) { out += '[Circular]'; } }
          else if (f === 'o' || f === 'O') out += inspect(v, { quoteTop: true, depth: f === 'o' ? 4 : 2 });
          i += 2; continue;
        }
      }
      out += ch; i++;
    }
  } else { out = inspect(first, { quoteTop: true }); }
  for (; a < args.length; a++) out += ' ' + (typeof args[a] === 'string' ? args[a] : inspect(args[a], { quoteTop: true }));
  return out;
}
function promisify(fn) {
  if (typeof fn !== 'function') throw new TypeError('The "original" argument must be of type function');
  return function () {
    var self = this, args = Array.prototype.slice.call(arguments);
    return new Promise(function (resolve, reject) {
      args.push(function (err, value) { if (err) reject(err); else resolve(value); });
      fn.apply(self, args);
    });
  };
}
function inherits(ctor, superCtor) { Object.setPrototypeOf(ctor.prototype, superCtor.prototype); Object.setPrototypeOf(ctor, superCtor); ctor.super_ = superCtor; }
function isDeepStrictEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  var ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (var i = 0; i < ka.length; i++) if (!isDeepStrictEqual(a[ka[i]], b[ka[i]])) return false;
  return true;
}
var t = rt.require('text');
var types = {
  isPromise: function (v) { return v instanceof Promise; }, isDate: function (v) { return v instanceof Date; },
  isRegExp: function (v) { return v instanceof RegExp; }, isNativeError: isError,
  isMap: function (v) { return v instanceof Map; }, isSet: function (v) { return v instanceof Set; },
};
return { format: format, inspect: inspect, promisify: promisify, inherits: inherits, isDeepStrictEqual: isDeepStrictEqual,
  types: types, TextEncoder: t.TextEncoder, TextDecoder: t.TextDecoder,
  isArray: Array.isArray, deprecate: function (fn) { return fn; } };
})
