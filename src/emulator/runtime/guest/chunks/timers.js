// @ts-check
// Compiled only when guest code first touches it; a function of the bootstrap's helpers.
(function (rt) {
/* BINDINGS */
// Timers: a binary heap ordered by due time, then by the order they were set; the host's event loop advances the clock to the next due time.
var active = ObjectCreate(null); var nextTimerId = 1; var nextSeq = 1; var immediates = [];
var heap = []; var staleEntries = 0;
function before(a, b) { return a.due < b.due || (a.due === b.due && a.seq < b.seq); }
function siftUp(i) {
  var e = heap[i];
  while (i > 0) { var parent = (i - 1) >> 1; if (!before(e, heap[parent])) break; heap[i] = heap[parent]; i = parent; }
  heap[i] = e;
}
function siftDown(i) {
  var n = heap.length, e = heap[i];
  for (;;) {
    var child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && before(heap[child + 1], heap[child])) child++;
    if (!before(heap[child], e)) break;
    heap[i] = heap[child]; i = child;
  }
  heap[i] = e;
}
function schedule(t, due) {
  var e = { t: t, due: due, seq: nextSeq++ };
  t.entry = e; heap[heap.length] = e; siftUp(heap.length - 1);
}
function removeTop() {
  var last = heap[heap.length - 1]; heap.length = heap.length - 1;
  if (heap.length) { heap[0] = last; siftDown(0); }
}
function live(e) { return e.t.entry === e; }
// A cleared or refreshed timer's entry stays in the heap until it reaches the top, or until stale entries are half the heap and it is rebuilt.
function retire(t) {
  t.entry = null; staleEntries++;
  if (staleEntries > 64 && staleEntries * 2 > heap.length) {
    var kept = [];
    for (var i = 0; i < heap.length; i++) if (live(heap[i])) kept[kept.length] = heap[i];
    heap = kept; staleEntries = 0;
    for (var j = (heap.length >> 1) - 1; j >= 0; j--) siftDown(j);
  }
}
function top() {
  while (heap.length && !live(heap[0])) { removeTop(); staleEntries--; }
  return heap.length ? heap[0] : null;
}
function Timeout(id) { this._id = id; }
Timeout.prototype.ref = function () { return this; };
Timeout.prototype.unref = function () { return this; };
Timeout.prototype.hasRef = function () { return true; };
Timeout.prototype.refresh = function () { var t = active[this._id]; if (t) { retire(t); schedule(t, hostNow() + t.delay); } return this; };
Timeout.prototype[Symbol.toPrimitive] = function () { return this._id; };
function addTimer(fn, delay, args, repeat) {
  if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function. Received ' + (fn === null ? 'null' : typeof fn));
  delay = +delay; if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
  var id = nextTimerId++;
  var t = { id: id, fn: fn, args: args, delay: delay, repeat: repeat, entry: null };
  active[id] = t;
  schedule(t, hostNow() + delay);
  return new Timeout(id);
}
function clearTimer(handle) {
  var id = handle && typeof handle === 'object' ? handle._id : handle;
  var t = active[id];
  if (t) { delete active[id]; retire(t); }
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
  var next = top();
  if (!next || next.due > nowMs) return;
  var t = next.t;
  removeTop();
  if (t.repeat) schedule(t, nowMs + t.delay); else { t.entry = null; delete active[t.id]; }
  call(t.fn, undefined, t.args);
}
function nextDue() {
  if (immediates.length) return 0;
  var next = top();
  return next ? next.due : -1;
}
api.runMacrotasks = runMacrotasks; api.nextDue = nextDue;
return api;
})
