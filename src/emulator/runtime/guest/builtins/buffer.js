// @ts-check
// The guest's node:buffer: evaluated in QuickJS on first use, a function of the runtime helpers.
(function (rt) {
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
  // @ts-expect-error Node's Buffer#slice is a view that stays a Buffer, unlike Uint8Array#slice.
  slice(s, e) { return this.subarray(s, e); }
  // @ts-expect-error A Buffer's subarray is a Buffer.
  subarray(s, e) { var v = Uint8Array.prototype.subarray.call(this, s, e); return new Buffer(v.buffer, v.byteOffset, v.length); }
  write(str, offset, enc) { var bytes = encode(str, enc); offset = offset || 0; var n = Math.min(bytes.length, this.length - offset); this.set(bytes.subarray(0, n), offset); return n; }
  readUInt8(o) { return this[o || 0]; }
  readUInt32BE(o) { o = o || 0; return ((this[o] << 24) >>> 0) + (this[o + 1] << 16) + (this[o + 2] << 8) + this[o + 3]; }
  writeUInt8(v, o) { this[o || 0] = v; return (o || 0) + 1; }
  // @ts-expect-error Node reports Buffers as Uint8Array.
  get [Symbol.toStringTag]() { return 'Uint8Array'; }
}
function toBuffer(u8) { return new Buffer(u8.buffer, u8.byteOffset, u8.length); }
return { Buffer: Buffer, constants: { MAX_LENGTH: 4294967296 }, kMaxLength: 4294967296 };
})
