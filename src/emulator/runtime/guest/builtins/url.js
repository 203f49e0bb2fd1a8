// @ts-check
// The guest's node:url: evaluated in QuickJS on first use, a function of the runtime helpers.
(function (rt) {
function enc(s) { return encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g, function (c) { return '%' + c.charCodeAt(0).toString(16).toUpperCase(); }); }
function dec(s) { return decodeURIComponent(s.replace(/\+/g, ' ')); }
class URLSearchParams {
  constructor(init) {
    this._list = [];
    /** @type {any} The URL whose search this object mirrors, set by URL. */
    this._url = undefined;
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
    if (!m) { var err = /** @type {any} */ (new TypeError('Invalid URL')); err.code = 'ERR_INVALID_URL'; err.input = input; throw err; }
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
})
