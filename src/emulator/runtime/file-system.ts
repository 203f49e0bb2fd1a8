/**
 * The execution environment's read-only file system: the function's code at /var/task and its
 * merged layers at /opt, with Node's module resolution over them (relative paths, node_modules
 * walking up, then NODE_PATH; package.json `exports`/`main`; index files).
 */
import { nodeBuiltinNames, providedBuiltins } from './guest/builtins.ts';
import { RUNTIME_NODE_MODULES, sdkPackageFiles } from './aws-sdk-packages.ts';

export type ModuleFormat = 'esm' | 'cjs' | 'json';
export type ResolveMode = 'require' | 'import';

/** Node's NODE_PATH on Lambda, minus /var/runtime itself (it holds nothing a learner can import). */
export const nodePath = (runtime: string): string[] => [
  `/opt/nodejs/node${nodeMajor(runtime)}/node_modules`,
  '/opt/nodejs/node_modules',
  RUNTIME_NODE_MODULES,
  '/var/task',
];

export function nodeMajor(runtime: string): string {
  return /^nodejs(\d+)/.exec(runtime)?.[1] ?? '22';
}

export class ModuleNotFound extends Error {}

export class VirtualFileSystem {
  private readonly files = new Map<string, Uint8Array>();
  private readonly dirs = new Set<string>(['/']);
  private readonly textCache = new Map<string, string>();
  private readonly decoder = new TextDecoder();

  constructor(
    code: Record<string, Uint8Array>,
    opt: Record<string, Uint8Array>,
    private readonly searchPath: string[],
  ) {
    // The AWS SDK for JavaScript v3, which Lambda's Node.js runtimes include.
    if (searchPath.includes(RUNTIME_NODE_MODULES)) for (const [rel, bytes] of Object.entries(sdkPackageFiles())) this.add(joinPath(RUNTIME_NODE_MODULES, rel), bytes);
    for (const [rel, bytes] of Object.entries(opt)) this.add(joinPath('/opt', rel), bytes);
    for (const [rel, bytes] of Object.entries(code)) this.add(joinPath('/var/task', rel), bytes);
  }

  private add(path: string, bytes: Uint8Array): void {
    this.files.set(path, bytes);
    for (let dir = dirname(path); !this.dirs.has(dir); dir = dirname(dir)) this.dirs.add(dir);
  }

  isFile(path: string): boolean {
    return this.files.has(path);
  }

  isDirectory(path: string): boolean {
    return this.dirs.has(path);
  }

  readText(path: string): string | undefined {
    const cached = this.textCache.get(path);
    if (cached !== undefined) return cached;
    const bytes = this.files.get(path);
    if (!bytes) return undefined;
    const text = this.decoder.decode(bytes);
    this.textCache.set(path, text);
    return text;
  }

  /** How Node would load this file: by extension, then the nearest package.json's `type`. */
  formatOf(path: string): ModuleFormat {
    if (path.endsWith('.json')) return 'json';
    if (path.endsWith('.mjs')) return 'esm';
    if (path.endsWith('.cjs')) return 'cjs';
    if (path.endsWith('.js')) return this.packageType(dirname(path)) === 'module' ? 'esm' : 'cjs';
    return 'cjs';
  }

  packageType(dir: string): string | undefined {
    for (let d = dir; ; d = dirname(d)) {
      const pkg = this.readPackageJson(d);
      if (pkg) return typeof pkg['type'] === 'string' ? pkg['type'] : undefined;
      if (d === '/') return undefined;
    }
  }

  private readPackageJson(dir: string): Record<string, unknown> | undefined {
    const text = this.readText(joinPath(dir, 'package.json'));
    if (text === undefined) return undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  /**
   * Resolves what `require(specifier)` or `import specifier` names from the module at `parent`:
   * an absolute path, or `node:<name>` for a built-in. Throws ModuleNotFound with Node's message.
   */
  resolve(specifier: string, parent: string, mode: ResolveMode): string {
    const builtin = specifier.startsWith('node:') ? specifier.slice(5) : nodeBuiltinNames.has(specifier) ? specifier : undefined;
    if (builtin !== undefined) {
      const base = builtin === 'path/posix' ? 'path' : builtin;
      if (providedBuiltins[base]) return `node:${base}`;
      throw new ModuleNotFound(
        `Cannot find module 'node:${builtin}': the Lambda Workbook emulator does not provide this Node.js built-in module ` +
          `(it provides ${Object.keys(providedBuiltins).map((n) => `node:${n}`).join(', ')})`,
      );
    }
    const fromDir = dirname(parent);
    if (specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/') || specifier === '.' || specifier === '..') {
      const target = specifier.startsWith('/') ? normalizePath(specifier) : joinPath(fromDir, specifier);
      const found = mode === 'import' ? (this.isFile(target) ? target : undefined) : this.resolveFileOrDirectory(target);
      if (found) return found;
      throw new ModuleNotFound(mode === 'import' ? `Cannot find module '${target}' imported from ${parent}` : requireNotFound(specifier, parent));
    }
    for (const dir of this.lookupDirs(fromDir)) {
      const found = this.resolvePackage(dir, specifier, mode);
      if (found) return found;
    }
    const packageName = splitPackage(specifier)[0];
    throw new ModuleNotFound(mode === 'import' ? `Cannot find package '${packageName}' imported from ${parent}` : requireNotFound(specifier, parent));
  }

  private lookupDirs(fromDir: string): string[] {
    const dirs: string[] = [];
    for (let d = fromDir; ; d = dirname(d)) {
      if (!d.endsWith('/node_modules')) dirs.push(joinPath(d, 'node_modules'));
      if (d === '/') break;
    }
    return [...dirs, ...this.searchPath];
  }

  private resolvePackage(modulesDir: string, specifier: string, mode: ResolveMode): string | undefined {
    const [name, subpath] = splitPackage(specifier);
    const packageDir = joinPath(modulesDir, name);
    if (!this.isDirectory(packageDir) && !this.isFile(packageDir) && !this.resolveFileOrDirectory(packageDir)) {
      return subpath ? undefined : this.resolveFileOrDirectory(joinPath(modulesDir, specifier));
    }
    const pkg = this.readPackageJson(packageDir);
    if (pkg && pkg['exports'] !== undefined) {
      const target = resolveExports(pkg['exports'], subpath ? `./${subpath}` : '.', mode);
      return target ? (this.isFile(joinPath(packageDir, target)) ? joinPath(packageDir, target) : undefined) : undefined;
    }
    return this.resolveFileOrDirectory(subpath ? joinPath(packageDir, subpath) : packageDir);
  }

  /** CommonJS file lookup: exact, then .js/.json/.cjs/.mjs, then the directory's package.json main or index. */
  private resolveFileOrDirectory(target: string): string | undefined {
    if (this.isFile(target)) return target;
    for (const ext of ['.js', '.json', '.cjs', '.mjs']) if (this.isFile(target + ext)) return target + ext;
    if (!this.isDirectory(target)) return undefined;
    const pkg = this.readPackageJson(target);
    const main = pkg && typeof pkg['main'] === 'string' ? pkg['main'] : undefined;
    if (main) {
      const viaMain = joinPath(target, main);
      if (this.isFile(viaMain)) return viaMain;
      for (const ext of ['.js', '.json', '.cjs']) if (this.isFile(viaMain + ext)) return viaMain + ext;
      for (const index of ['index.js', 'index.json']) if (this.isFile(joinPath(viaMain, index))) return joinPath(viaMain, index);
    }
    for (const index of ['index.js', 'index.json', 'index.cjs', 'index.mjs']) if (this.isFile(joinPath(target, index))) return joinPath(target, index);
    return undefined;
  }
}

function requireNotFound(specifier: string, parent: string): string {
  return `Cannot find module '${specifier}'\nRequire stack:\n- ${parent}\n- /var/runtime/index.mjs`;
}

/** package.json `exports`: a string, a conditions object, or a subpath map (with `*` patterns). */
function resolveExports(exportsField: unknown, subpath: string, mode: ResolveMode): string | undefined {
  const conditions = mode === 'import' ? ['import', 'node', 'default'] : ['require', 'node', 'default'];
  const pick = (value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) {
      for (const v of value) {
        const r = pick(v);
        if (r) return r;
      }
      return undefined;
    }
    if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) if (conditions.includes(key)) {
        const r = pick(v);
        if (r) return r;
      }
    }
    return undefined;
  };
  const isSubpathMap = exportsField !== null && typeof exportsField === 'object' && !Array.isArray(exportsField) &&
    Object.keys(exportsField).some((k) => k.startsWith('.'));
  if (!isSubpathMap) return subpath === '.' ? pick(exportsField) : undefined;
  const map = exportsField as Record<string, unknown>;
  if (map[subpath] !== undefined) return pick(map[subpath]);
  for (const [key, value] of Object.entries(map)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star), suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
      const target = pick(value);
      return target?.replaceAll('*', subpath.slice(prefix.length, subpath.length - suffix.length));
    }
  }
  return undefined;
}

function splitPackage(specifier: string): [string, string] {
  const parts = specifier.split('/');
  const nameParts = specifier.startsWith('@') ? 2 : 1;
  return [parts.slice(0, nameParts).join('/'), parts.slice(nameParts).join('/')];
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function joinPath(base: string, rel: string): string {
  return normalizePath(rel.startsWith('/') ? rel : `${base}/${rel}`);
}

export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** Named exports an ES module may import from a CommonJS file, found the way Node's lexer finds most. */
export function commonJsExportNames(source: string): string[] {
  const names = new Set<string>();
  for (const m of source.matchAll(/(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=/g)) names.add(m[1]!);
  for (const m of source.matchAll(/Object\.defineProperty\(\s*(?:module\.)?exports\s*,\s*['"]([A-Za-z_$][\w$]*)['"]/g)) names.add(m[1]!);
  const literal = /module\.exports\s*=\s*\{/.exec(source);
  if (literal) {
    // The top-level keys of `module.exports = { ... }`, skipping nested braces, brackets and parentheses.
    let depth = 0;
    let entry = '';
    for (let i = literal.index + literal[0].length; i < source.length; i++) {
      const ch = source[i]!;
      if (depth === 0 && (ch === ',' || ch === '}')) {
        const key = /^\s*(?:async\s+)?\*?\s*([A-Za-z_$][\w$]*)/.exec(entry);
        if (key) names.add(key[1]!);
        entry = '';
        if (ch === '}') break;
        continue;
      }
      if (ch === '{' || ch === '(' || ch === '[') depth++;
      else if (ch === '}' || ch === ')' || ch === ']') depth--;
      if (depth === 0) entry += ch;
    }
  }
  names.delete('default');
  names.delete('__esModule');
  return [...names];
}
