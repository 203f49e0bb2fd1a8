// @ts-check
// Compiled only when guest code first touches it; a function of the bootstrap's helpers.
(function (rt) {
/* BINDINGS */
var hostResolve = host.resolve, hostRead = host.read, hostCompile = host.compileCommonJS;
// CommonJS over the virtual file system; the host resolves paths and compiles the wrappers.
var moduleCache = ObjectCreate(null);
function moduleNotFound(message, code) { var e = new ErrorCtor(message); e.code = code; return e; }
function makeRequire(parentPath, parentModule) {
  function require(specifier) {
    if (typeof specifier !== 'string') throw new TypeErrorCtor('The "id" argument must be of type string. Received ' + typeof specifier);
    var resolved = hostResolve(specifier, parentPath, 'require');
    if (resolved[0] === '!') throw moduleNotFound(StringSlice.call(resolved, 1), 'MODULE_NOT_FOUND');
    return loadModule(resolved);
  }
  require.resolve = function resolve(specifier) {
    var resolved = hostResolve(StringCtor(specifier), parentPath, 'require');
    if (resolved[0] === '!') throw moduleNotFound(StringSlice.call(resolved, 1), 'MODULE_NOT_FOUND');
    return resolved;
  };
  require.cache = moduleCache;
  require.main = parentModule;
  return require;
}
function loadModule(resolved) {
  if (startsWith(resolved, 'node:')) return rt.loadModule(resolved);
  var cached = moduleCache[resolved];
  if (cached) return cached.exports;
  var mod = { id: resolved, filename: resolved, path: dirname(resolved), exports: {}, loaded: false, children: [], paths: [] };
  moduleCache[resolved] = mod;
  try {
    if (host.format(resolved) === 'json') {
      mod.exports = JSONParse(hostRead(resolved));
    } else {
      var wrapper = hostCompile(resolved);
      call(wrapper, mod.exports, [mod.exports, makeRequire(resolved, mod), mod, resolved, dirname(resolved)]);
    }
  } catch (e) {
    delete moduleCache[resolved];
    throw e;
  }
  mod.loaded = true;
  return mod.exports;
}
function dirname(p) { var i = p.lastIndexOf('/'); return i <= 0 ? '/' : StringSlice.call(p, 0, i); }

return { loadModule: loadModule };
})
