/** Errors the Node.js runtime raises itself, before or around the handler, in Lambda's shapes. */
import type { VirtualFileSystem } from './file-system.ts';

export interface ErrorDocument {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** `{"errorType","errorMessage","trace"}` as the runtime interface client builds for its own errors. */
export function errorDocument(errorType: string, errorMessage: string, withTrace = true): ErrorDocument {
  return withTrace ? { errorType, errorMessage, trace: `${errorType}: ${errorMessage}`.split('\n') } : { errorType, errorMessage };
}

export type HandlerModule =
  | { kind: 'cjs' | 'esm'; path: string; handlerPath: string }
  | { error: ErrorDocument };

/**
 * Splits `_HANDLER` (`src/app.handler`, `index.a.b`) and finds the module file the way the runtime
 * interface client does: extensionless, `.js` (CommonJS unless "type": "module"), `.mjs`, `.cjs`.
 */
export function parseHandler(fullHandler: string, fs: VirtualFileSystem): HandlerModule {
  if (fullHandler.includes('..')) {
    return { error: errorDocument('Runtime.MalformedHandlerName', `'${fullHandler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`) };
  }
  const slash = fullHandler.lastIndexOf('/');
  const moduleRoot = fullHandler.slice(0, slash + 1);
  const match = /^([^.]*)\.(.*)$/.exec(fullHandler.slice(slash + 1));
  // `index.` matches the runtime's pattern too: it names an empty export, which INIT then reports as HandlerNotFound.
  if (!match || !match[1]) return { error: errorDocument('Runtime.MalformedHandlerName', 'Bad handler') };
  const moduleName = match[1];
  const base = `/var/task/${moduleRoot}${moduleName}`.replace(/\/+/g, '/');
  const typeModule = fs.packageType(base.slice(0, base.lastIndexOf('/')) || '/') === 'module';
  let found: { kind: 'cjs' | 'esm'; path: string } | undefined;
  if (fs.isFile(base)) found = { kind: 'cjs', path: base };
  else if (fs.isFile(`${base}.js`)) found = { kind: typeModule ? 'esm' : 'cjs', path: `${base}.js` };
  else if (fs.isFile(`${base}.mjs`)) found = { kind: 'esm', path: `${base}.mjs` };
  else if (fs.isFile(`${base}.cjs`)) found = { kind: 'cjs', path: `${base}.cjs` };
  if (!found) {
    return { error: errorDocument('Runtime.ImportModuleError', `Error: Cannot find module '${moduleName}'\nRequire stack:\n- /var/runtime/index.mjs`) };
  }
  return { ...found, handlerPath: match[2] ?? '' };
}

/**
 * Re-reads an error document the guest serialised, keeping only the fields Lambda returns, as
 * plain strings: nothing the guest wrote reaches the caller unchecked.
 */
export function readErrorDocument(body: string): ErrorDocument {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const p = parsed as Record<string, unknown>;
      if (typeof p['errorType'] === 'string' && typeof p['errorMessage'] === 'string') {
        const trace = Array.isArray(p['trace']) ? p['trace'].map((line) => String(line)) : undefined;
        // Key order as the runtime writes it: errorType, errorMessage, trace.
        return trace ? { errorType: p['errorType'], errorMessage: p['errorMessage'], trace } : { errorType: p['errorType'], errorMessage: p['errorMessage'] };
      }
    }
  } catch {
    /* falls through to the document below */
  }
  return { errorType: 'Runtime.Unknown', errorMessage: 'The function reported an error the emulator could not read.' };
}
