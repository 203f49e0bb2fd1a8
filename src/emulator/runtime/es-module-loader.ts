/**
 * QuickJS's module loader for one environment: names are resolved over the virtual file system,
 * and CommonJS files, JSON and built-ins are offered to `import` as ES modules wrapping `require`.
 */
import { ModuleNotFound, commonJsExportNames, type VirtualFileSystem } from './file-system.ts';
import { providedBuiltins } from './guest/builtins.ts';

const MISSING = 'missing:';

export class EsModuleLoader {
  /** Node's message for each import that did not resolve, reported when QuickJS loads it. */
  private missing: string[] = [];

  constructor(private readonly fs: VirtualFileSystem) {}

  normalize(base: string, requested: string): string {
    if (requested.startsWith(MISSING)) return requested;
    try {
      return this.fs.resolve(requested, base, 'import');
    } catch (e) {
      this.missing.push(e instanceof ModuleNotFound ? e.message : String(e));
      return `${MISSING}${this.missing.length - 1}`;
    }
  }

  load(name: string): string | { error: Error } {
    // Failing here (not in the normalizer) keeps Node's message intact in the guest's error.
    if (name.startsWith(MISSING)) return { error: new Error(this.missing[Number(name.slice(MISSING.length))] ?? 'Cannot find module') };
    if (name.startsWith('node:')) return requireWrapper(name, providedBuiltins[name.slice(5)] ?? []);
    const text = this.fs.readText(name) ?? '';
    switch (this.fs.formatOf(name)) {
      case 'esm':
        return stripShebang(text);
      case 'json':
        return `export default JSON.parse(${JSON.stringify(text)});`;
      default:
        return requireWrapper(name, commonJsExportNames(text));
    }
  }

  reset(): void {
    this.missing = [];
  }
}

/** An ES module whose default export is `require(name)`, with the named exports given. */
function requireWrapper(name: string, names: readonly string[]): string {
  return `const m = globalThis.__lambdaRuntimeRequire(${JSON.stringify(name)}); export default m;` +
    (names.length ? ` export const { ${names.join(', ')} } = m;` : '');
}

/** A `#!` line is a comment to Node; QuickJS would reject it. */
export function stripShebang(source: string): string {
  return source.startsWith('#!') ? `//${source.slice(2)}` : source;
}
