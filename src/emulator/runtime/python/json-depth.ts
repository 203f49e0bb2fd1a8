/**
 * How deep an event's JSON nests, seen before Python decodes it. On Lambda the runtime decodes the
 * event with simplejson's C scanner, which recurses once per array or object and raises
 * RecursionError when the interpreter's C stack limit is reached; awslambdaric reports that as
 * Runtime.UnmarshalError. Under Pyodide the same scanner overflows the WebAssembly host's stack
 * first (a few thousand levels), which kills the interpreter instead of raising. So the emulator
 * stops at a fixed depth, below where the host's stack ends, and raises what CPython raises there.
 * Lambda's own depth depends on the runtime's C stack (CPython 3.12 gives up near its default
 * recursion limit; 3.14 measures the stack itself), so this is the one place that differs in number.
 */

/** The deepest nesting the emulator's Python decodes: CPython's default recursion limit. */
export const PYTHON_EVENT_DEPTH_LIMIT = 1000;

/**
 * 'array' or 'object' when `json` nests deeper than `limit`: the kind of the container that goes one
 * level too deep, as the scanner's message names it. Strings (with their escapes) are skipped.
 */
export function nestedPast(json: string, limit = PYTHON_EVENT_DEPTH_LIMIT): 'array' | 'object' | undefined {
  // Each level costs at least its opening and closing character.
  if (json.length <= 2 * limit) return undefined;
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x22) {
      // Skip to the closing quote; a backslash escapes the character after it.
      for (i++; i < json.length; i++) {
        const d = json.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return c === 0x5b ? 'array' : 'object';
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return undefined;
}
