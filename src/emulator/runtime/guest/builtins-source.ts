/**
 * Node.js built-in modules the emulator provides, as guest source. Each is a function of the
 * runtime's helpers returning the module's exports; the guest evaluates one on first `require`.
 * Plain JS implementations: they run inside QuickJS, never in the host.
 */

const text = String.raw`(function (rt) {
function utf8Encode(str) {
  str = String(str); var out = [];
  for (var i = 0; i < str.length; i++) {
    var c = str.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
      var d = str.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}
function utf8Decode(bytes) {
  var out = '', i = 0, n = bytes.length, chunk = [];
  while (i < n) {
    var b = bytes[i++], c;
    if (b < 0x80) c = b;
    else if (b >= 0xc2 && b < 0xe0 && i < n && (bytes[i] & 0xc0) === 0x80) c = ((b & 31) << 6) | (bytes[i++] & 63);
    else if (b >= 0xe0 && b < 0xf0 && i + 1 < n && (bytes[i] & 0xc0) === 0x80 && (bytes[i + 1] & 0xc0) === 0x80) {
      c = ((b & 15) << 12) | ((bytes[i] & 63) << 6) | (bytes[i + 1] & 63); i += 2;
      if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) c = 0xfffd;
    } else if (b >= 0xf0 && b < 0xf5 && i + 2 < n && (bytes[i] & 0xc0) === 0x80 && (bytes[i + 1] & 0xc0) === 0x80 && (bytes[i + 2] & 0xc0) === 0x80) {
      c = ((b & 7) << 18) | ((bytes[i] & 63) << 12) | ((bytes[i + 1] & 63) << 6) | (bytes[i + 2] & 63); i += 3;
      if (c < 0x10000 || c > 0x10ffff) c = 0xfffd;
    } else c = 0xfffd;
    if (c > 0xffff) { c -= 0x10000; chunk.push(0xd800 + (c >> 10), 0xdc00 + (c & 1023)); } else chunk.push(c);
    if (chunk.length > 4096) { out += String.fromCharCode.apply(null, chunk); chunk = []; }
  }
  return out + String.fromCharCode.apply(null, chunk);
}
var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64Encode(bytes, url) {
  var out = '', i;
  for (i = 0; i + 2 < bytes.length; i += 3) {
    var v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[v >> 18] + B64[(v >> 12) & 63] + B64[(v >> 6) & 63] + B64[v & 63];
  }
  var rest = bytes.length - i;
  if (rest === 1) { var a = bytes[i] << 16; out += B64[a >> 18] + B64[(a >> 12) & 63] + (url ? '' : '=='); }
  else if (rest === 2) { var b = (bytes[i] << 16) | (bytes[i + 1] << 8); out += B64[b >> 18] + B64[(b >> 12) & 63] + B64[(b >> 6) & 63] + (url ? '' : '='); }
  if (url) out = out.replace(/\+/g, '-').replace(/\//g, '_');
  return out;
}
function base64Decode(str) {
  str = String(str).replace(/[\s=]/g, '').replace(/-/g, '+').replace(/_/g, '/');
  var out = [], acc = 0, bits = 0;
  for (var i = 0; i < str.length; i++) {
    var v = B64.indexOf(str[i]); if (v < 0) continue;
    acc = (acc << 6) | v; bits += 6;
    if (bits >= 8) { bits -= 8; out.push((acc >> bits) & 255); }
  }
  return new Uint8Array(out);
}
function TextEncoder() {}
TextEncoder.prototype.encoding = 'utf-8';
TextEncoder.prototype.encode = function encode(s) { return utf8Encode(s === undefined ? '' : s); };
function TextDecoder(label) {
  label = label === undefined ? 'utf-8' : String(label).toLowerCase();
  if (label !== 'utf-8' && label !== 'utf8') throw new RangeError('The "' + label + '" encoding is not supported by the Lambda Workbook emulator');
  this.encoding = 'utf-8';
}
TextDecoder.prototype.decode = function decode(input) {
  if (input === undefined) return '';
  var bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return utf8Decode(bytes);
};
function btoa(s) {
  s = String(s); var bytes = new Uint8Array(s.length);
  for (var i = 0; i < s.length; i++) { var c = s.charCodeAt(i); if (c > 255) throw new Error('Invalid character'); bytes[i] = c; }
  return base64Encode(bytes, false);
}
function atob(s) { var b = base64Decode(s), out = ''; for (var i = 0; i < b.length; i++) out += String.fromCharCode(b[i]); return out; }
return { utf8Encode: utf8Encode, utf8Decode: utf8Decode, base64Encode: base64Encode, base64Decode: base64Decode,
  TextEncoder: TextEncoder, TextDecoder: TextDecoder, atob: atob, btoa: btoa };
})`;

const buffer = String.raw`(function (rt) {
var t = rt.require('text');
var HEX = '0123456789abcdef';
function toHex(b) { var s = ''; for (var i = 0; i < b.length; i++) s += HEX[b[i] >> 4] + HEX[b[i] & 15]; return s; }
function fromHex(s) { var n = s.length >> 1, out = new Uint8Array(n); for (var i = 0; i < n; i++) { var v = parseInt(s.substr(i * 2, 2), 16); if (v !== v) return out.subarray(0, i); out[i] = v; } return out; }
function normalizeEncoding(enc) {
  var e = enc === undefined ? 'utf8' : String(enc).toLowerCase();
  if (e === 'utf-8') return 'utf8';
  if (e === 'binary') return 'latin1';
  if (e === 'ucs2' || e === 'ucs-2' || e === 'utf-16le') return 'utf16le';
  if (['utf8', 'hex', 'base64', 'base64url', 'latin1', 'ascii', 'utf16le'].indexOf(e) < 0) throw new TypeError('Unknown encoding: ' + enc);
  return e;
}
function encode(str, enc) {
  switch (normalizeEncoding(enc)) {
    case 'utf8': return t.utf8Encode(str);
    case 'hex': return fromHex(str);
    case 'base64': case 'base64url': return t.base64Decode(str);
    case 'utf16le': { var o = new Uint8Array(str.length * 2); for (var j = 0; j < str.length; j++) { var c = str.charCodeAt(j); o[j * 2] = c & 255; o[j * 2 + 1] = c >> 8; } return o; }
    default: { var out = new Uint8Array(str.length); for (var i = 0; i < str.length; i++) out[i] = str.charCodeAt(i) & 255; return out; }
  }
}
class Buffer extends Uint8Array {
  static from(value, encOrOffset, length) {
    if (typeof value === 'string') return toBuffer(encode(value, encOrOffset));
    if (value instanceof ArrayBuffer) return new Buffer(value, encOrOffset || 0, length === undefined ? value.byteLength - (encOrOffset || 0) : length);
    if (value && value.type === 'Buffer' && Array.isArray(value.data)) return toBuffer(new Uint8Array(value.data));
    if (value && typeof value.length === 'number' || ArrayBuffer.isView(value)) { var b = new Buffer(value.length); for (var i = 0; i < value.length; i++) b[i] = value[i] & 255; return b; }
    throw new TypeError('The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object.');
  }
  static alloc(n, fill) { var b = new Buffer(n); if (fill !== undefined) b.fill(typeof fill === 'string' ? fill.charCodeAt(0) : fill); return b; }
  static allocUnsafe(n) { return new Buffer(n); }
  static isBuffer(b) { return b instanceof Buffer; }
  static isEncoding(e) { try { normalizeEncoding(e); return true; } catch (_) { return false; } }
  static byteLength(v, enc) { return typeof v === 'string' ? encode(v, enc).length : v.byteLength; }
  static concat(list, total) {
    if (total === undefined) { total = 0; for (var i = 0; i < list.length; i++) total += list[i].length; }
    var out = new Buffer(total), pos = 0;
    for (var j = 0; j < list.length && pos < total; j++) { var part = list[j].subarray(0, total - pos); out.set(part, pos); pos += part.length; }
    return out;
  }
  static compare(a, b) { return a.compare(b); }
  toString(enc, start, end) {
    var b = this.subarray(start || 0, end === undefined ? this.length : end);
    switch (normalizeEncoding(enc)) {
      case 'utf8': return t.utf8Decode(b);
      case 'hex': return toHex(b);
      case 'base64': return t.base64Encode(b, false);
      case 'base64url': return t.base64Encode(b, true);
      case 'ascii': { var a = ''; for (var k = 0; k < b.length; k++) a += String.fromCharCode(b[k] & 127); return a; }
      case 'utf16le': { var u = ''; for (var m = 0; m + 1 < b.length; m += 2) u += String.fromCharCode(b[m] | (b[m + 1] << 8)); return u; }
      default: { var s = ''; for (var i = 0; i < b.length; i++) s += String.fromCharCode(b[i]); return s; }
    }
  }
  toJSON() { return { type: 'Buffer', data: Array.prototype.slice.call(this) }; }
  equals(o) { if (this.length !== o.length) return false; for (var i = 0; i < this.length; i++) if (this[i] !== o[i]) return false; return true; }
  compare(o) { var n = Math.min(this.length, o.length); for (var i = 0; i < n; i++) if (this[i] !== o[i]) return this[i] < o[i] ? -1 : 1; return this.length === o.length ? 0 : this.length < o.length ? -1 : 1; }
  slice(s, e) { return this.subarray(s, e); }
  subarray(s, e) { var v = Uint8Array.prototype.subarray.call(this, s, e); return new Buffer(v.buffer, v.byteOffset, v.length); }
  write(str, offset, enc) { var bytes = encode(str, enc); offset = offset || 0; var n = Math.min(bytes.length, this.length - offset); this.set(bytes.subarray(0, n), offset); return n; }
  readUInt8(o) { return this[o || 0]; }
  readUInt32BE(o) { o = o || 0; return ((this[o] << 24) >>> 0) + (this[o + 1] << 16) + (this[o + 2] << 8) + this[o + 3]; }
  writeUInt8(v, o) { this[o || 0] = v; return (o || 0) + 1; }
  get [Symbol.toStringTag]() { return 'Uint8Array'; }
}
function toBuffer(u8) { return new Buffer(u8.buffer, u8.byteOffset, u8.length); }
return { Buffer: Buffer, constants: { MAX_LENGTH: 4294967296 }, kMaxLength: 4294967296 };
})`;

const util = String.raw`(function (rt) {
function isError(e) { return e instanceof Error; }
function errorText(e) {
  var head = (typeof e.name === 'string' ? e.name : 'Error') + ': ' + e.message;
  var frames = typeof e.stack === 'string' ? e.stack.replace(/\n$/, '') : '';
  return frames ? head + '\n' + frames : head;
}
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
})`;

const path = String.raw`(function (rt) {
function normalizeArray(parts, absolute) {
  var out = [];
  for (var i = 0; i < parts.length; i++) {
    var p = parts[i];
    if (!p || p === '.') continue;
    if (p === '..') { if (out.length && out[out.length - 1] !== '..') out.pop(); else if (!absolute) out.push('..'); }
    else out.push(p);
  }
  return out;
}
function normalize(p) {
  if (p === '') return '.';
  var abs = p[0] === '/', trailing = p[p.length - 1] === '/';
  var r = normalizeArray(p.split('/'), abs).join('/');
  if (!r && !abs) r = '.';
  if (r && trailing) r += '/';
  return (abs ? '/' : '') + r;
}
function join() { var parts = []; for (var i = 0; i < arguments.length; i++) { if (typeof arguments[i] !== 'string') throw new TypeError('The "path" argument must be of type string'); if (arguments[i]) parts.push(arguments[i]); } return parts.length ? normalize(parts.join('/')) : '.'; }
function resolve() {
  var resolved = '', abs = false;
  for (var i = arguments.length - 1; i >= -1 && !abs; i--) {
    var p = i >= 0 ? arguments[i] : '/var/task';
    if (typeof p !== 'string') throw new TypeError('The "path" argument must be of type string');
    if (!p) continue;
    resolved = p + '/' + resolved; abs = p[0] === '/';
  }
  var r = normalizeArray(resolved.split('/'), true).join('/');
  return '/' + r;
}
function dirname(p) { if (!p) return '.'; var abs = p[0] === '/'; var s = p.replace(/\/+$/, ''); var i = s.lastIndexOf('/'); if (i < 0) return '.'; if (i === 0) return abs ? '/' : '.'; return s.slice(0, i); }
function basename(p, ext) { var s = p.replace(/\/+$/, ''); var b = s.slice(s.lastIndexOf('/') + 1); if (ext && b.slice(-ext.length) === ext && b !== ext) b = b.slice(0, -ext.length); return b; }
function extname(p) { var b = basename(p); var i = b.lastIndexOf('.'); return i <= 0 ? '' : b.slice(i); }
function relative(from, to) {
  var f = resolve(from).split('/').filter(Boolean), t = resolve(to).split('/').filter(Boolean), i = 0;
  while (i < f.length && i < t.length && f[i] === t[i]) i++;
  var up = []; for (var j = i; j < f.length; j++) up.push('..');
  return up.concat(t.slice(i)).join('/');
}
function parse(p) { var root = p[0] === '/' ? '/' : '', base = basename(p), ext = extname(p); var dir = dirname(p); return { root: root, dir: dir === '.' && !p.includes('/') ? '' : dir, base: base, ext: ext, name: ext ? base.slice(0, -ext.length) : base }; }
function format(o) { var dir = o.dir || o.root || ''; var base = o.base || (o.name || '') + (o.ext || ''); return dir ? (dir === o.root ? dir + base : dir + '/' + base) : base; }
var posix = { sep: '/', delimiter: ':', normalize: normalize, join: join, resolve: resolve, dirname: dirname, basename: basename,
  extname: extname, relative: relative, parse: parse, format: format, isAbsolute: function (p) { return p[0] === '/'; } };
posix.posix = posix;
return posix;
})`;

const events = String.raw`(function (rt) {
function EventEmitter() { this._events = Object.create(null); this._maxListeners = 10; }
var P = EventEmitter.prototype;
function list(self, name) { if (!self._events) self._events = Object.create(null); return self._events[name] || (self._events[name] = []); }
P.on = P.addListener = function (name, fn) { if (this._events && this._events.newListener && name !== 'newListener') this.emit('newListener', name, fn); list(this, name).push(fn); return this; };
P.prependListener = function (name, fn) { list(this, name).unshift(fn); return this; };
P.once = function (name, fn) { var self = this; function wrapper() { self.off(name, wrapper); return fn.apply(this, arguments); } wrapper.listener = fn; return this.on(name, wrapper); };
P.off = P.removeListener = function (name, fn) { var l = list(this, name); for (var i = l.length - 1; i >= 0; i--) if (l[i] === fn || l[i].listener === fn) { l.splice(i, 1); break; } return this; };
P.removeAllListeners = function (name) { if (name === undefined) this._events = Object.create(null); else delete list(this, name) && delete this._events[name]; return this; };
P.emit = function (name) {
  var l = this._events && this._events[name];
  if (!l || !l.length) { if (name === 'error') { var err = arguments[1]; throw err instanceof Error ? err : new Error('Unhandled error. (' + String(err) + ')'); } return false; }
  var args = Array.prototype.slice.call(arguments, 1), copy = l.slice();
  for (var i = 0; i < copy.length; i++) copy[i].apply(this, args);
  return true;
};
P.listenerCount = function (name) { return list(this, name).length; };
P.listeners = function (name) { return list(this, name).map(function (f) { return f.listener || f; }); };
P.rawListeners = function (name) { return list(this, name).slice(); };
P.eventNames = function () { var self = this; return Object.keys(this._events || {}).filter(function (k) { return self._events[k].length; }); };
P.setMaxListeners = function (n) { this._maxListeners = n; return this; };
P.getMaxListeners = function () { return this._maxListeners; };
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.defaultMaxListeners = 10;
EventEmitter.once = function (emitter, name) { return new Promise(function (resolve, reject) { emitter.once(name, function () { resolve(Array.prototype.slice.call(arguments)); }); if (name !== 'error') emitter.once('error', reject); }); };
return EventEmitter;
})`;

const crypto = String.raw`(function (rt) {
var Buffer = rt.require('buffer').Buffer;
function toBytes(data, enc) {
  if (typeof data === 'string') return Buffer.from(data, enc);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError('The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView.');
}
var K = [0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2];
function pad(bytes, bigEndian) {
  var n = bytes.length, total = ((n + 9 + 63) >> 6) << 6, m = new Uint8Array(total);
  m.set(bytes); m[n] = 0x80;
  var bitsLo = (n * 8) >>> 0, bitsHi = Math.floor(n / 0x20000000);
  for (var i = 0; i < 4; i++) {
    if (bigEndian) { m[total - 1 - i] = (bitsLo >>> (8 * i)) & 255; m[total - 5 - i] = (bitsHi >>> (8 * i)) & 255; }
    else { m[total - 8 + i] = (bitsLo >>> (8 * i)) & 255; m[total - 4 + i] = (bitsHi >>> (8 * i)) & 255; }
  }
  return m;
}
function sha256(bytes) {
  var m = pad(bytes, true), H = [0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19], W = new Array(64);
  for (var off = 0; off < m.length; off += 64) {
    for (var t = 0; t < 16; t++) W[t] = (m[off + t * 4] << 24) | (m[off + t * 4 + 1] << 16) | (m[off + t * 4 + 2] << 8) | m[off + t * 4 + 3];
    for (t = 16; t < 64; t++) {
      var x = W[t - 15], y = W[t - 2];
      var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
    }
    var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
    for (t = 0; t < 64; t++) {
      var S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      var ch = (e & f) ^ (~e & g);
      var t1 = (h + S1 + ch + K[t] + W[t]) | 0;
      var S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      var maj = (a & b) ^ (a & c) ^ (b & c);
      var t2 = (S0 + maj) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
    H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
  }
  var out = new Uint8Array(32);
  for (var i = 0; i < 8; i++) { out[i * 4] = H[i] >>> 24; out[i * 4 + 1] = (H[i] >>> 16) & 255; out[i * 4 + 2] = (H[i] >>> 8) & 255; out[i * 4 + 3] = H[i] & 255; }
  return out;
}
var MD5_S = [7,12,17,22,7,12,17,22,7,12,17,22,7,12,17,22,5,9,14,20,5,9,14,20,5,9,14,20,5,9,14,20,4,11,16,23,4,11,16,23,4,11,16,23,4,11,16,23,6,10,15,21,6,10,15,21,6,10,15,21,6,10,15,21];
var MD5_K = []; for (var ki = 0; ki < 64; ki++) MD5_K[ki] = Math.floor(Math.abs(Math.sin(ki + 1)) * 4294967296) | 0;
function md5(bytes) {
  var m = pad(bytes, false), a0 = 0x67452301, b0 = 0xefcdab89 | 0, c0 = 0x98badcfe | 0, d0 = 0x10325476, M = new Array(16);
  for (var off = 0; off < m.length; off += 64) {
    for (var j = 0; j < 16; j++) M[j] = m[off + j * 4] | (m[off + j * 4 + 1] << 8) | (m[off + j * 4 + 2] << 16) | (m[off + j * 4 + 3] << 24);
    var A = a0, B = b0, C = c0, D = d0;
    for (var i = 0; i < 64; i++) {
      var F, g;
      if (i < 16) { F = (B & C) | (~B & D); g = i; }
      else if (i < 32) { F = (D & B) | (~D & C); g = (5 * i + 1) & 15; }
      else if (i < 48) { F = B ^ C ^ D; g = (3 * i + 5) & 15; }
      else { F = C ^ (B | ~D); g = (7 * i) & 15; }
      F = (F + A + MD5_K[i] + M[g]) | 0;
      A = D; D = C; C = B;
      B = (B + ((F << MD5_S[i]) | (F >>> (32 - MD5_S[i])))) | 0;
    }
    a0 = (a0 + A) | 0; b0 = (b0 + B) | 0; c0 = (c0 + C) | 0; d0 = (d0 + D) | 0;
  }
  var out = new Uint8Array(16), words = [a0, b0, c0, d0];
  for (var w = 0; w < 4; w++) for (var k = 0; k < 4; k++) out[w * 4 + k] = (words[w] >>> (8 * k)) & 255;
  return out;
}
var ALGORITHMS = { sha256: sha256, md5: md5 };
function Hash(alg) { this._alg = alg; this._parts = []; this._done = false; }
Hash.prototype.update = function (data, enc) {
  if (this._done) throw new Error('Digest already called');
  this._parts.push(toBytes(data, enc)); return this;
};
Hash.prototype.digest = function (enc) {
  if (this._done) throw new Error('Digest already called');
  this._done = true;
  var total = 0, i; for (i = 0; i < this._parts.length; i++) total += this._parts[i].length;
  var all = new Uint8Array(total), pos = 0; for (i = 0; i < this._parts.length; i++) { all.set(this._parts[i], pos); pos += this._parts[i].length; }
  var out = Buffer.from(ALGORITHMS[this._alg](all));
  return enc === undefined || enc === 'buffer' ? out : out.toString(enc);
};
function createHash(alg) {
  var name = String(alg).toLowerCase().replace('-', '');
  if (!ALGORITHMS[name]) throw new Error('Digest method not supported: the Lambda Workbook emulator provides createHash for sha256 and md5 only, not ' + alg);
  return new Hash(name);
}
function randomBytes(n, cb) { var b = Buffer.alloc(n); for (var i = 0; i < n; i++) b[i] = rt.nextUint32() & 255; if (cb) { cb(null, b); return undefined; } return b; }
function getRandomValues(arr) { for (var i = 0; i < arr.length; i++) arr[i] = rt.nextUint32(); return arr; }
function randomUUID() {
  var b = randomBytes(16); b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
  var h = b.toString('hex');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}
function randomInt(min, max) { if (max === undefined) { max = min; min = 0; } return min + Math.floor(rt.nextUint32() / 4294967296 * (max - min)); }
function timingSafeEqual(a, b) { if (a.length !== b.length) throw new RangeError('Input buffers must have the same byte length'); var d = 0; for (var i = 0; i < a.length; i++) d |= a[i] ^ b[i]; return d === 0; }
var webcrypto = { randomUUID: randomUUID, getRandomValues: getRandomValues };
return { createHash: createHash, randomUUID: randomUUID, randomBytes: randomBytes, randomInt: randomInt,
  getRandomValues: getRandomValues, timingSafeEqual: timingSafeEqual, webcrypto: webcrypto, getHashes: function () { return ['md5', 'sha256']; } };
})`;

const url = String.raw`(function (rt) {
function enc(s) { return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g, function (c) { return '%' + c.charCodeAt(0).toString(16).toUpperCase(); }); }
function dec(s) { return decodeURIComponent(s.replace(/\+/g, ' ')); }
class URLSearchParams {
  constructor(init) {
    this._list = [];
    if (typeof init === 'string') { var s = init[0] === '?' ? init.slice(1) : init; if (s) s.split('&').forEach(function (p) { if (!p) return; var i = p.indexOf('='); this._list.push(i < 0 ? [dec(p), ''] : [dec(p.slice(0, i)), dec(p.slice(i + 1))]); }, this); }
    else if (Array.isArray(init)) init.forEach(function (p) { this._list.push([String(p[0]), String(p[1])]); }, this);
    else if (init && typeof init === 'object') Object.keys(init).forEach(function (k) { this._list.push([k, String(init[k])]); }, this);
  }
  get(k) { for (var i = 0; i < this._list.length; i++) if (this._list[i][0] === k) return this._list[i][1]; return null; }
  getAll(k) { return this._list.filter(function (p) { return p[0] === k; }).map(function (p) { return p[1]; }); }
  has(k) { return this.get(k) !== null; }
  set(k, v) { var found = false; this._list = this._list.filter(function (p) { if (p[0] !== k) return true; if (found) return false; found = true; p[1] = String(v); return true; }); if (!found) this._list.push([k, String(v)]); this._update(); }
  append(k, v) { this._list.push([k, String(v)]); this._update(); }
  delete(k) { this._list = this._list.filter(function (p) { return p[0] !== k; }); this._update(); }
  forEach(fn, self) { this._list.forEach(function (p) { fn.call(self, p[1], p[0], this); }, this); }
  keys() { return this._list.map(function (p) { return p[0]; })[Symbol.iterator](); }
  values() { return this._list.map(function (p) { return p[1]; })[Symbol.iterator](); }
  entries() { return this._list.map(function (p) { return [p[0], p[1]]; })[Symbol.iterator](); }
  [Symbol.iterator]() { return this.entries(); }
  get size() { return this._list.length; }
  toString() { return this._list.map(function (p) { return enc(p[0]) + '=' + enc(p[1]); }).join('&'); }
  _update() { if (this._url) { var s = this.toString(); this._url._search = s ? '?' + s : ''; } }
}
var DEFAULT_PORTS = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443', 'ftp:': '21' };
var PATTERN = /^([a-zA-Z][a-zA-Z0-9+.-]*:)(\/\/(?:([^:@\/?#]*)(?::([^@\/?#]*))?@)?(\[[^\]]*\]|[^:\/?#]*)(?::(\d*))?)?([^?#]*)(\?[^#]*)?(#.*)?$/;
function normalizePath(p) {
  var out = [], parts = p.split('/');
  for (var i = 1; i < parts.length; i++) { var s = parts[i]; if (s === '..') { out.pop(); if (i === parts.length - 1) out.push(''); } else if (s === '.') { if (i === parts.length - 1) out.push(''); } else out.push(s); }
  return '/' + out.join('/');
}
class URL {
  constructor(input, base) {
    input = String(input).trim();
    var m = PATTERN.exec(input);
    if (!m && base !== undefined) {
      var b = base instanceof URL ? base : new URL(base);
      var path;
      if (input[0] === '/' && input[1] === '/') return new URL(b.protocol + input);
      if (input[0] === '/') path = input;
      else if (input[0] === '?' || input[0] === '#' || input === '') path = b.pathname + (input[0] === '#' ? b.search + input : input);
      else path = b.pathname.slice(0, b.pathname.lastIndexOf('/') + 1) + input;
      m = PATTERN.exec(b.protocol + '//' + (b.username ? b.username + (b.password ? ':' + b.password : '') + '@' : '') + b.host + path);
    }
    if (!m) { var err = new TypeError('Invalid URL'); err.code = 'ERR_INVALID_URL'; err.input = input; throw err; }
    this._protocol = m[1].toLowerCase(); this._username = m[3] || ''; this._password = m[4] || '';
    this._hostname = (m[5] || '').toLowerCase(); this._port = m[6] && m[6] !== DEFAULT_PORTS[this._protocol] ? m[6] : '';
    var special = DEFAULT_PORTS[this._protocol] !== undefined || this._protocol === 'file:';
    this._pathname = m[7] ? (special ? normalizePath(m[7].replace(/\\/g, '/')) : m[7]) : (special ? '/' : '');
    this._search = m[8] && m[8] !== '?' ? m[8] : ''; this._hash = m[9] && m[9] !== '#' ? m[9] : '';
    this._hasAuthority = m[2] !== undefined;
    this._params = new URLSearchParams(this._search); this._params._url = this;
  }
  get protocol() { return this._protocol; } set protocol(v) { this._protocol = String(v).replace(/:?$/, ':'); }
  get username() { return this._username; } set username(v) { this._username = String(v); }
  get password() { return this._password; } set password(v) { this._password = String(v); }
  get hostname() { return this._hostname; } set hostname(v) { this._hostname = String(v); }
  get port() { return this._port; } set port(v) { this._port = String(v) === DEFAULT_PORTS[this._protocol] ? '' : String(v); }
  get host() { return this._hostname + (this._port ? ':' + this._port : ''); }
  get origin() { return DEFAULT_PORTS[this._protocol] !== undefined ? this._protocol + '//' + this.host : 'null'; }
  get pathname() { return this._pathname; } set pathname(v) { v = String(v); this._pathname = v[0] === '/' ? v : '/' + v; }
  get search() { return this._search; } set search(v) { v = String(v); this._search = v && v !== '?' ? (v[0] === '?' ? v : '?' + v) : ''; this._params = new URLSearchParams(this._search); this._params._url = this; }
  get searchParams() { return this._params; }
  get hash() { return this._hash; } set hash(v) { v = String(v); this._hash = v && v !== '#' ? (v[0] === '#' ? v : '#' + v) : ''; }
  get href() {
    var auth = this._username ? this._username + (this._password ? ':' + this._password : '') + '@' : '';
    return this._protocol + (this._hasAuthority ? '//' + auth + this.host : '') + this._pathname + this._search + this._hash;
  }
  toString() { return this.href; }
  toJSON() { return this.href; }
  static canParse(u, b) { try { new URL(u, b); return true; } catch (_) { return false; } }
}
function fileURLToPath(u) { var url = typeof u === 'string' ? new URL(u) : u; if (url.protocol !== 'file:') throw new TypeError('The URL must be of scheme file'); return decodeURIComponent(url.pathname); }
function pathToFileURL(p) { return new URL('file://' + encodeURI(p)); }
return { URL: URL, URLSearchParams: URLSearchParams, fileURLToPath: fileURLToPath, pathToFileURL: pathToFileURL };
})`;

/** Each built-in's source, keyed by the name after `node:`. */
export const builtinSources: Readonly<Record<string, string>> = {
  text, buffer, util, path, events, crypto, url,
};

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
