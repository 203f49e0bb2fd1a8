// @ts-check
// The guest's node:text helpers: evaluated in QuickJS on first use, a function of the runtime helpers.
(function (rt) {
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
})
