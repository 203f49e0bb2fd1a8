// @ts-check
// Compiled only when guest code first touches it; a function of the bootstrap's helpers.
(function (rt) {
var noteRejection = rt.noteRejection, markHandled = rt.markHandled;
class Promise extends rt.PromiseCtor {
  constructor(executor) {
    var self = null, early = false, earlyReason;
    super(function (resolve, reject) {
      executor(resolve, function (reason) {
        if (self) noteRejection(self, reason); else { early = true; earlyReason = reason; }
        reject(reason);
      });
    });
    self = this;
    if (early) noteRejection(self, earlyReason);
  }
  then(onFulfilled, onRejected) {
    markHandled(this);
    return super.then(onFulfilled, onRejected);
  }
}
Promise.reject = function reject(reason) { return new this(function (_, rj) { rj(reason); }); };
return Promise;
})
