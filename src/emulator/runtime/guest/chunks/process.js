// @ts-check
// Compiled only when guest code first touches it; a function of the bootstrap's helpers.
(function (rt) {
var hostNow = rt.hostNow, host = rt.host, settings = rt.settings, call = rt.call;
var env = {};
var envIn = JSON.parse(settings.envJson), keys = Object.keys(envIn);
for (var k = 0; k < keys.length; k++) env[keys[k]] = envIn[keys[k]];
rt.attachEnv(env);
var listeners = Object.create(null);
var processObject = {
  env: env, argv: ['/var/lang/bin/node', '/var/runtime/index.mjs'], argv0: 'node', execArgv: [],
  version: settings.nodeVersion, versions: { node: settings.nodeVersion.slice(1) },
  platform: 'linux', arch: 'x64', pid: 9, ppid: 1, title: 'node', release: { name: 'node' },
  exitCode: undefined,
  cwd: function cwd() { return '/var/task'; },
  chdir: function chdir() { throw new Error('process.chdir() is not supported in the Lambda Workbook emulator'); },
  uptime: function uptime() { return (hostNow() - rt.startNow) / 1000; },
  hrtime: function hrtime(prev) {
    var t = hostNow(); var s = Math.floor(t / 1000), ns = Math.floor((t % 1000) * 1e6);
    if (prev) { s -= prev[0]; ns -= prev[1]; if (ns < 0) { s--; ns += 1e9; } }
    return [s, ns];
  },
  memoryUsage: function memoryUsage() { var m = host.memory(); return { rss: m, heapTotal: m, heapUsed: m, external: 0, arrayBuffers: 0 }; },
  nextTick: function nextTick(fn) { var a = rt.restArgs(arguments, 1); rt.queueJob(function () { call(fn, undefined, a); }); },
  exit: function exit(code) { host.exit(code === undefined ? 0 : +code || 0); throw new Error('process.exit'); },
  on: function on(name, fn) { (listeners[name] || (listeners[name] = [])).push(fn); return processObject; },
  once: function once(name, fn) { return processObject.on(name, fn); },
  off: function off() { return processObject; }, removeListener: function () { return processObject; },
  removeAllListeners: function () { return processObject; }, emit: function emit() { return false; },
  listenerCount: function (name) { return (listeners[name] || []).length; },
  emitWarning: function emitWarning(w) { rt.hostLog('WARN', '(node) Warning: ' + String(w && w.message || w)); },
  stdout: { write: function write(s) { host.raw(String(s)); return true; }, isTTY: false },
  stderr: { write: function write(s) { host.raw(String(s)); return true; }, isTTY: false },
};
/** @type {any} */ (processObject.hrtime).bigint = function bigint() { return BigInt(Math.floor(hostNow() * 1e6)); };
return processObject;
})
