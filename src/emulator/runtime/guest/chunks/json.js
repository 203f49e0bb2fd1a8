// @ts-check
// Compiled only when an event nests deeper than QuickJS's JSON.parse may safely recurse; a function of the bootstrap's helpers.
(function (rt) {
/* BINDINGS */
// JSON.parse without recursion, as Node parses an event of any depth: open arrays and objects wait on an explicit stack.
var ObjectDefineProperty = rt.ObjectDefineProperty, StringCharCodeAt = rt.StringCharCodeAt, StringFromCharCode = rt.StringFromCharCode, NumberCtor = rt.NumberCtor;

function parse(text) {
  var i = 0, n = text.length;
  function code(at) { return at < n ? call(StringCharCodeAt, text, [at]) : -1; }
  /** @returns {never} */
  function fail() { throw new SyntaxErrorCtor('Unexpected token in JSON at position ' + i); }
  function skipSpace() { for (var c = code(i); c === 32 || c === 9 || c === 10 || c === 13; c = code(++i)); }
  function expect(c) { if (code(i) !== c) fail(); i++; }
  function digits() { var start = i; while (code(i) >= 48 && code(i) <= 57) i++; if (i === start) fail(); }
  function hex(c) { return c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : fail(); }
  function string() {
    expect(34);
    var out = '', start = i;
    for (;;) {
      var c = code(i);
      if (c === 34) { out += call(StringSlice, text, [start, i]); i++; return out; }
      if (c < 32) fail();
      if (c !== 92) { i++; continue; }
      out += call(StringSlice, text, [start, i]);
      var e = code(++i); i++;
      if (e === 34 || e === 92 || e === 47) out += StringFromCharCode(e);
      else if (e === 98) out += '\b'; else if (e === 102) out += '\f'; else if (e === 110) out += '\n';
      else if (e === 114) out += '\r'; else if (e === 116) out += '\t';
      else if (e === 117) { out += StringFromCharCode(hex(code(i)) * 4096 + hex(code(i + 1)) * 256 + hex(code(i + 2)) * 16 + hex(code(i + 3))); i += 4; }
      else fail();
      start = i;
    }
  }
  function literal(word, value) { for (var k = 0; k < word.length; k++) expect(call(StringCharCodeAt, word, [k])); return value; }
  function number() {
    var start = i;
    if (code(i) === 45) i++;
    if (code(i) === 48) i++; else digits();
    if (code(i) === 46) { i++; digits(); }
    if (code(i) === 101 || code(i) === 69) { i++; if (code(i) === 43 || code(i) === 45) i++; digits(); }
    return NumberCtor(call(StringSlice, text, [start, i]));
  }
  function key() { skipSpace(); var k = string(); skipSpace(); expect(58); return k; }
  // As JSON.parse does, members are defined, never assigned: no setter and no __proto__ runs.
  function define(target, name, value) { ObjectDefineProperty(target, name, { value: value, writable: true, enumerable: true, configurable: true }); }

  var open = [], depth = 0, value;
  for (;;) {
    skipSpace();
    var c = code(i);
    if (c === 123 || c === 91) {
      i++; skipSpace();
      var isArray = c === 91, container = isArray ? [] : {};
      if (code(i) === (isArray ? 93 : 125)) { i++; value = container; }
      else { open[depth++] = { container: container, isArray: isArray, index: 0, key: isArray ? '' : key() }; continue; }
    } else if (c === 34) value = string();
    else if (c === 116) value = literal('true', true);
    else if (c === 102) value = literal('false', false);
    else if (c === 110) value = literal('null', null);
    else if (c === 45 || (c >= 48 && c <= 57)) value = number();
    else fail();
    // Hand the value to the innermost open container, closing each one that ends here.
    for (;;) {
      if (depth === 0) { skipSpace(); if (i !== n) fail(); return value; }
      var top = open[depth - 1];
      define(top.container, top.isArray ? top.index++ : top.key, value);
      skipSpace();
      c = code(i); i++;
      if (c === 44) { if (!top.isArray) top.key = key(); break; }
      if (c !== (top.isArray ? 93 : 125)) { i--; fail(); }
      value = top.container; open[--depth] = undefined;
    }
  }
}

return { parse: parse };
})
