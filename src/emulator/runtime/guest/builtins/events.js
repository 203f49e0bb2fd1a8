// @ts-check
// The guest's node:events: evaluated in QuickJS on first use, a function of the runtime helpers.
(function (rt) {
function EventEmitter() { this._events = Object.create(null); this._maxListeners = 10; }
var P = EventEmitter.prototype;
function list(self, name) { if (!self._events) self._events = Object.create(null); return self._events[name] || (self._events[name] = []); }
P.on = P.addListener = function (name, fn) { if (this._events && this._events.newListener && name !== 'newListener') this.emit('newListener', name, fn); list(this, name).push(fn); return this; };
P.prependListener = function (name, fn) { list(this, name).unshift(fn); return this; };
P.once = function (name, fn) { var self = this; function wrapper() { self.off(name, wrapper); return fn.apply(this, arguments); } wrapper.listener = fn; return this.on(name, wrapper); };
P.off = P.removeListener = function (name, fn) { var l = list(this, name); for (var i = l.length - 1; i >= 0; i--) if (l[i] === fn || l[i].listener === fn) { l.splice(i, 1); break; } return this; };
P.removeAllListeners = function (name) { if (name === undefined) this._events = Object.create(null); else if (this._events) delete this._events[name]; return this; };
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
})
