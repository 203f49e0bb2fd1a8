// @ts-check
// The guest's node:path: evaluated in QuickJS on first use, a function of the runtime helpers.
(function (rt) {
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
})
