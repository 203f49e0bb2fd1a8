/**
 * The error document Lambda's Python runtime returns, read back from what the guest reported and
 * written again as Python's json.dumps writes it: nothing the guest serialised reaches the caller
 * unchecked, and the bytes match the real runtime's (`", "` and `": "`, ASCII-only but on python3.12).
 */

export interface PythonErrorDocument {
  errorMessage: string;
  errorType: string;
  requestId: string;
  stackTrace: string[];
}

/** The four fields, as plain strings, in the runtime's order; anything else is Runtime.Unknown. */
export function readPythonErrorDocument(body: string, requestId: string): PythonErrorDocument {
  try {
    const p = JSON.parse(body) as Record<string, unknown>;
    if (p && typeof p['errorMessage'] === 'string' && typeof p['errorType'] === 'string' && typeof p['requestId'] === 'string' && Array.isArray(p['stackTrace'])) {
      return { errorMessage: p['errorMessage'], errorType: p['errorType'], requestId: p['requestId'], stackTrace: p['stackTrace'].map(String) };
    }
  } catch {
    /* falls through to the document below */
  }
  return { errorMessage: 'The function reported an error the emulator could not read.', errorType: 'Runtime.Unknown', requestId, stackTrace: [] };
}

/** json.dumps of strings, arrays and plain objects, with its default separators. */
export function pythonJson(value: unknown, ensureAscii: boolean): string {
  if (typeof value === 'string') return pythonString(value, ensureAscii);
  if (Array.isArray(value)) return `[${value.map((v) => pythonJson(v, ensureAscii)).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${pythonString(k, ensureAscii)}: ${pythonJson(v, ensureAscii)}`).join(', ')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** JSON.stringify escapes what json.dumps does, except DEL and, with ensure_ascii, everything past it. */
function pythonString(s: string, ensureAscii: boolean): string {
  const json = JSON.stringify(s);
  return ensureAscii ? json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
