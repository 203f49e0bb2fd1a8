// @ts-check
// Compiled only when guest code first touches it; a function of the bootstrap's helpers.
(function (rt) {
var NativeDate = rt.NativeDate, hostNow = rt.hostNow;
function LambdaDate(a, b, c, d, e, f, g) {
  var n = arguments.length;
  if (!new.target) return new NativeDate(hostNow()).toString();
  var date = n === 0 ? new NativeDate(hostNow()) : n === 1 ? new NativeDate(a) : new NativeDate(a, b, n > 2 ? c : 1, n > 3 ? d : 0, n > 4 ? e : 0, n > 5 ? f : 0, n > 6 ? g : 0);
  if (new.target !== LambdaDate) Object.setPrototypeOf(date, new.target.prototype);
  return date;
}
LambdaDate.prototype = NativeDate.prototype;
Object.defineProperty(NativeDate.prototype, 'constructor', { value: LambdaDate, writable: true, configurable: true });
LambdaDate.now = function now() { return Math.floor(hostNow()); };
LambdaDate.parse = NativeDate.parse; LambdaDate.UTC = NativeDate.UTC;
return LambdaDate;
})
