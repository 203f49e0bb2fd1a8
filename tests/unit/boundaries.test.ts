/**
 * The project's boundaries, read from the source:
 * - the emulator has one front door (src/emulator/index.ts), and nothing else is imported from outside it;
 * - src/emulator imports no DOM and no Node built-in, and nothing from the workspace, the grader or the tests;
 * - no tracked file reads from an absolute path outside the repository.
 * Each rule is also run on a sample that breaks it, so a rule that can no longer fail is noticed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f !== '');
const code = tracked.filter((f) => /\.(ts|mts|mjs|js|astro|mdx)$/.test(f));
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

/** Module specifiers a file imports: static and dynamic imports, re-exports and `new URL(..., import.meta.url)`. */
export function importsOf(source: string): string[] {
  const specs: string[] = [];
  const live = withoutComments(source);
  const patterns = [
    /^\s*(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of live.matchAll(pattern)) specs.push(m[1]!);
  return specs;
}

/** The source without block comments and whole-line `//` comments (examples in doc comments are not imports). */
const withoutComments = (source: string): string => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const DOM_GLOBALS = /\b(?:window|document|localStorage|sessionStorage|navigator|HTMLElement|customElements)\s*[.(]/;

/** What is wrong with one file's imports, as `file: reason` lines. */
export function boundaryViolations(file: string, source: string): string[] {
  const problems: string[] = [];
  const inEmulator = file.startsWith('src/emulator/');
  const isTest = /\.test\.ts$/.test(file);
  for (const spec of importsOf(source)) {
    const path = spec.split('?')[0]!;
    const target = spec.startsWith('.') ? normalize(join(dirname(file), path)) : undefined;
    if (!inEmulator && target?.startsWith('src/emulator/') && target !== 'src/emulator/index.ts') {
      problems.push(`${file}: imports ${spec}; outside src/emulator, import only src/emulator/index.ts`);
    }
    if (inEmulator && !isTest) {
      if (nodeBuiltins.has(path)) problems.push(`${file}: imports the Node built-in ${spec}`);
      if (target !== undefined && !target.startsWith('src/emulator/')) problems.push(`${file}: imports ${spec}, outside the emulator`);
    }
    if (inEmulator && target !== undefined && /^(src\/workspace|src\/grading)\//.test(target)) {
      problems.push(`${file}: imports ${spec} from ${target.split('/').slice(0, 2).join('/')}`);
    }
  }
  if (inEmulator && !isTest && DOM_GLOBALS.test(withoutComments(source))) problems.push(`${file}: uses a DOM global`);
  return problems;
}

/** Places outside any checkout: home folders, temporary folders, and the folder this checkout lies in. */
function outsidePrefixes(repoRoot: string): string[] {
  const parent = resolve(repoRoot, '..');
  return ['/home/', '/root/', '/Users/', '/tmp/', '/var/tmp/', '/work/', '/mnt/', '/srv/', `${parent}/`];
}

/** Lambda's own paths inside an execution environment, which the emulator and its guests use. */
const LAMBDA_PATHS = /^\/(?:tmp|opt|var\/task|var\/runtime)(?:\/|$)/;

/** The terminal's home directory: a path in the learner's in-memory file system, never the machine's. */
const TERMINAL_HOME = /^\/home\/learner(?:\/|$)/;
const inTerminal = (file: string): boolean => file.startsWith('src/terminal/') || file.startsWith('tests/unit/terminal-') || file.startsWith('tests/e2e/terminal');

/** Literals that name a path without reading it, with the reason. */
const NOT_READ: Record<string, string[]> = {
  // The course notes' concepts a lesson must teach: "/tmp" here is a word, not a file.
  'tests/unit/seed-coverage.test.ts': ['/tmp'],
};
/** This file's own samples of what the rules refuse. */
const THIS_FILE = 'tests/unit/boundaries.test.ts';

/** Absolute paths outside the repository that a file's string literals name, and escapes to ../shared. */
export function outsidePaths(file: string, source: string, repoRoot: string): string[] {
  const found: string[] = [];
  const prefixes = outsidePrefixes(repoRoot);
  for (const m of source.matchAll(/(['"`])((?:\/|\.\.\/)[^'"`\s]*)\1/g)) {
    const literal = m[2]!;
    if (literal.startsWith('../')) {
      const target = normalize(join(repoRoot, dirname(file), literal));
      if (relative(repoRoot, target).startsWith('..')) found.push(`${file}: ${literal} leaves the repository`);
      continue;
    }
    if (NOT_READ[file]?.includes(literal)) continue;
    const lambdaPath = LAMBDA_PATHS.test(literal) && (file.startsWith('src/emulator/') || /^\/(?:opt|var)/.test(literal));
    if (inTerminal(file) && TERMINAL_HOME.test(literal)) continue;
    if (!lambdaPath && prefixes.some((p) => literal.startsWith(p) || `${literal}/` === p)) found.push(`${file}: ${literal}`);
  }
  return found;
}

describe('the emulator has one front door', () => {
  it('code outside src/emulator imports only src/emulator/index.ts; src/emulator imports no DOM, Node built-in, workspace, grader or test code', () => {
    const problems = code.flatMap((file) => boundaryViolations(file, read(file)));
    expect(problems).toEqual([]);
  });

  it('the rule fails when broken', () => {
    expect(boundaryViolations('src/workspace/panels/x.ts', "import { limits } from '../../emulator/limits.ts';")).toHaveLength(1);
    expect(boundaryViolations('src/workspace/panels/x.ts', "import { limits } from '../../emulator/index.ts';")).toEqual([]);
    expect(boundaryViolations('src/emulator/service/x.ts', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(boundaryViolations('src/emulator/service/x.ts', "import { parse } from 'path';")).toHaveLength(1);
    expect(boundaryViolations('src/emulator/service/x.ts', "import { z } from '../../workspace/state.ts';")).toHaveLength(2);
    expect(boundaryViolations('src/emulator/service/x.ts', "import { run } from '../../grading/grade.ts';")).toHaveLength(2);
    expect(boundaryViolations('src/emulator/service/x.ts', "import { h } from '../../../tests/support/engine-harness.ts';")).toHaveLength(1);
    expect(boundaryViolations('src/emulator/service/x.ts', 'export const w = () => window.location.href;')).toHaveLength(1);
    expect(boundaryViolations('src/emulator/service/x.ts', "const m = await import('../../hosts/node/quickjs-wasm.ts');")).toHaveLength(1);
  });

  it('the front door exports what hosts use: a whole emulator in one call', async () => {
    const door = await import('../../src/emulator/index.ts');
    for (const name of ['createInProcessEmulator', 'createQuickJSEnvironmentFactory', 'createWorkerEnvironmentFactory', 'createVirtualClock', 'realClock', 'functionLogGroup', 'emulatorStateSchema', 'limits']) {
      expect(door, name).toHaveProperty(name);
    }
  });
});

describe('one way to write each thing', () => {
  /** zod is imported one way: the namespace, from `zod`, or from `zod/mini` in code the page loads. */
  const zodImportProblems = (file: string, source: string): string[] =>
    [...withoutComments(source).matchAll(/^\s*import\s[^;]*?from\s*['"](zod[^'"]*)['"]/gm)]
      .filter((m) => !/^\s*import \* as z from '(?:zod|zod\/mini)'$/.test(m[0]))
      .map((m) => `${file}: ${m[0].trim()}`);

  it('imports zod one way everywhere', () => {
    expect(code.flatMap((file) => zodImportProblems(file, read(file)))).toEqual([]);
    expect(zodImportProblems('src/x.ts', "import { z } from 'zod';")).toHaveLength(1);
    expect(zodImportProblems('src/x.ts', "import * as z from 'zod/mini';")).toEqual([]);
  });
});

describe('the repository is self-contained', () => {
  it('no tracked file reads from an absolute path outside the repository', () => {
    const found = tracked
      .filter((f) => /\.(ts|mts|mjs|js|cjs|astro|json|sh|py|yml|yaml)$/.test(f) || f.startsWith('.ci/'))
      .filter((f) => !f.startsWith('tests/fixtures/') && f !== 'package-lock.json' && f !== THIS_FILE)
      .flatMap((file) => outsidePaths(file, read(file), root.replace(/\/$/, '')));
    expect(found).toEqual([]);
  });

  it('the rule fails when broken', () => {
    const repo = '/srv/checkouts/main';
    expect(outsidePaths('tests/unit/x.test.ts', "readFileSync('/work/shared/aws-recordings/x.json')", repo)).toHaveLength(1);
    expect(outsidePaths('tests/unit/x.test.ts', "readFileSync('/srv/checkouts/shared/x.json')", repo)).toHaveLength(1);
    expect(outsidePaths('tests/unit/x.test.ts', "const d = '/tmp/grades';", repo)).toHaveLength(1);
    expect(outsidePaths('tests/unit/x.test.ts', "const h = '/home/ada/.aws/credentials';", repo)).toHaveLength(1);
    expect(outsidePaths('tests/unit/x.test.ts', "readFileSync('../../../shared/x.json')", repo)).toHaveLength(1);
    expect(outsidePaths('tests/unit/x.test.ts', "new URL('../fixtures/x.json', import.meta.url)", repo)).toEqual([]);
    expect(outsidePaths('src/emulator/runtime/x.ts', "const tmp = '/tmp/cache';", repo)).toEqual([]);
    expect(outsidePaths('tests/unit/x.test.ts', "const layer = '/opt/nodejs/node_modules';", repo)).toEqual([]);
    expect(outsidePaths('src/terminal/x.ts', "const home = '/home/learner';", repo)).toEqual([]);
    expect(outsidePaths('src/workspace/x.ts', "const home = '/home/learner';", repo)).toHaveLength(1);
  });
});
