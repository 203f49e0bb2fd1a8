// @ts-check
// The guest's node:crypto: evaluated in QuickJS on first use, a function of the runtime helpers.
(function (rt) {
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
})
