// @ts-check
// Compiled only when guest code first touches it; a function of the bootstrap's helpers.
(function (rt) {
/* BINDINGS */
// Timers: a queue kept in the guest; the host's event loop advances the clock to the next due time.
var timers = ObjectCreate(null); var timerCount = 0; var nextTimerId = 1; var immediates = [];
function Timeout(id) { this._id = id; }
Timeout.prototype.ref = function () { return this; };
Timeout.prototype.unref = function () { return this; };
Timeout.prototype.hasRef = function () { return true; };
Timeout.prototype.refresh = function () { var t = timers[this._id]; if (t) t.due = hostNow() + t.delay; return this; };
Timeout.prototype[Symbol.toPrimitive] = function () { return this._id; };
function addTimer(fn, delay, args, repeat) {
  if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function. Received ' + (fn === null ? 'null' : typeof fn));
  delay = +delay; if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
  var id = nextTimerId++;
  timers[id] = { fn: fn, args: args, delay: delay, due: hostNow() + delay, repeat: repeat, seq: id };
  timerCount++;
  return new Timeout(id);
}
function clearTimer(handle) {
  var id = handle && typeof handle === 'object' ? handle._id : handle;
  if (timers[id]) { delete timers[id]; timerCount--; }
}
var api = {};
api.setTimeout = function setTimeout(fn, ms) { return addTimer(fn, ms, restArgs(arguments, 2), false); };
api.setInterval = function setInterval(fn, ms) { return addTimer(fn, ms, restArgs(arguments, 2), true); };
api.setImmediate = function setImmediate(fn) {
  if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function');
  var entry = { fn: fn, args: restArgs(arguments, 1), cleared: false }; push(immediates, entry);
  return { _immediate: entry, ref: function () { return this; }, unref: function () { return this; }, hasRef: function () { return true; } };
};
api.clearTimeout = clearTimer; api.clearInterval = clearTimer;
api.clearImmediate = function clearImmediate(h) { if (h && h._immediate) h._immediate.cleared = true; };


function runMacrotasks(nowMs) {
  if (immediates.length) {
    var batch = immediates; immediates = [];
    for (var i = 0; i < batch.length; i++) if (!batch[i].cleared) call(batch[i].fn, undefined, batch[i].args);
    return;
  }
  var best = null, bestId = 0, ids = ObjectKeys(timers);
  for (var j = 0; j < ids.length; j++) {
    var t = timers[ids[j]];
    if (t.due <= nowMs && (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq))) { best = t; bestId = ids[j]; }
  }
  if (!best) return;
  if (best.repeat) { best.due = nowMs + best.delay; best.seq = nextTimerId++; } else { delete timers[bestId]; timerCount--; }
  call(best.fn, undefined, best.args);
}
function nextDue() {
  if (immediates.length) return 0;
  if (timerCount === 0) return -1;
  var min = Infinity, ids = ObjectKeys(timers);
  for (var j = 0; j < ids.length; j++) if (timers[ids[j]].due < min) min = timers[ids[j]].due;
  return min;
}
api.runMacrotasks = runMacrotasks; api.nextDue = nextDue;
return api;
})
