/**
 * `npm run package:gradescope -- [--out DIR] [--bank FILE] [--lab-config FILE]`: the autograder Gradescope expects,
 * as a folder and as autograder.zip: setup.sh (installs Node.js and the grader's dependencies
 * when Gradescope builds the image) and run_autograder (grades /autograder/submission/*.json
 * into /autograder/results/results.json), around the grader's sources. The root is
 * $AUTOGRADER_ROOT when set, so the script can be tried against a stand-in folder.
 */
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { zipSync, type Zippable } from 'fflate';
import { readInstructorBank } from '../grading/instructor-bank.ts';
import { parseLabConfigFile, readLabMode } from '../lab/config.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** What the grader needs at run time; everything else (Astro, Monaco, test tools) stays out of the image. */
const runtimeDependencies = ['@aws-sdk/client-cloudwatch-logs', '@aws-sdk/client-lambda', '@jitl/quickjs-wasmfile-release-sync', '@smithy/core', '@smithy/protocol-http', 'fflate', 'quickjs-emscripten', 'zod'];

export const setupScript = `#!/usr/bin/env bash
# Gradescope runs this once, as root in /autograder/source, when it builds the autograder image.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl gnupg
curl -fsSL https://deb.nodesource.com/setup_24.x | bash -
apt-get install -y --no-install-recommends nodejs
cd /autograder/source
npm install --omit=dev --no-audit --no-fund
`;

export const runAutograderScript = `#!/usr/bin/env bash
# Gradescope runs this for each submission: grade the uploaded workbook export into results.json.
# AUTOGRADER_ROOT stands in for /autograder when trying the autograder out.
set -uo pipefail
ROOT="\${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
RESULTS="$ROOT/results/results.json"
mkdir -p "$ROOT/results"
mapfile -t FILES < <(find "$ROOT/submission" -type f -iname '*.json' 2>/dev/null | sort)
if [ "\${#FILES[@]}" -ne 1 ]; then
  # Gradescope always needs a results.json: say what was wrong with the upload instead.
  printf '{"score": 0, "output": "Upload exactly one file: the lambda-workbook-progress.json your workbook exported (found %s .json files).", "tests": []}\\n' "\${#FILES[@]}" > "$RESULTS"
  exit 0
fi
BANK=()
if [ -f "$SOURCE/instructor-bank.json" ]; then BANK=(--bank "$SOURCE/instructor-bank.json"); fi
# The lab's hint costs apply; its late penalty is reported only, as Gradescope handles lateness itself.
if [ -f "$SOURCE/lab-config.json" ]; then BANK+=(--lab-config "$SOURCE/lab-config.json"); fi
cd "$SOURCE"
node_modules/.bin/tsx --import ./src/hosts/node/text-imports.mjs src/cli/grade.ts "\${FILES[0]}" --format gradescope --out "$RESULTS" "\${BANK[@]}"
status=$?
if [ ! -s "$RESULTS" ]; then
  printf '{"score": 0, "output": "The grader failed (exit status %s). Please tell your instructor; your upload is kept.", "tests": []}\\n' "$status" > "$RESULTS"
fi
exit 0
`;

function copyTree(from: string, to: string, keep: (path: string) => boolean): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (!keep(relative(repo, source))) continue;
    if (entry.isDirectory()) copyTree(source, join(to, entry.name), keep);
    else {
      mkdirSync(to, { recursive: true });
      cpSync(source, join(to, entry.name));
    }
  }
}

function zipFolder(dir: string): Uint8Array {
  const entries: Zippable = {};
  const walk = (at: string): void => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      const rel = relative(dir, path).split('\\').join('/');
      if (statSync(path).isDirectory()) walk(path);
      // Unix mode in the external attributes, so run_autograder and setup.sh stay executable; a fixed date keeps the zip reproducible.
      else entries[rel] = [readFileSync(path), { os: 3, attrs: (statSync(path).mode & 0o777 | 0o100000) << 16, mtime: new Date('2026-01-01T00:00:00Z') }];
    }
  };
  walk(dir);
  return zipSync(entries);
}

export function packageGradescope(out: string, bankPath?: string, labConfigPath?: string): { folder: string; zip: string } {
  const folder = join(out, 'autograder');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const isSource = (rel: string): boolean => !/\.test\.ts$/.test(rel) && !rel.split(/[\\/]/).includes('solution');
  copyTree(join(repo, 'src'), join(folder, 'src'), isSource);
  copyTree(join(repo, 'exercises'), join(folder, 'exercises'), isSource);
  if (existsSync(join(repo, 'tsconfig.json'))) cpSync(join(repo, 'tsconfig.json'), join(folder, 'tsconfig.json'));
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const dependencies: Record<string, string> = {};
  for (const name of runtimeDependencies) dependencies[name] = pkg.dependencies[name] ?? '*';
  dependencies['tsx'] = pkg.devDependencies['tsx'] ?? '*';
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ name: 'lambda-workbook-autograder', version: pkg.version, private: true, type: 'module', engines: { node: '>=22.12.0' }, dependencies }, null, 2)}\n`);
  if (bankPath !== undefined) {
    const text = readFileSync(bankPath, 'utf8');
    readInstructorBank(text, bankPath);
    writeFileSync(join(folder, 'instructor-bank.json'), text);
  }
  if (labConfigPath !== undefined) {
    const text = readFileSync(labConfigPath, 'utf8');
    // Refused here, not on the first upload: the same checks the grader makes.
    readLabMode({}, parseLabConfigFile(text, labConfigPath));
    writeFileSync(join(folder, 'lab-config.json'), text);
  }
  writeFileSync(join(folder, 'setup.sh'), setupScript);
  writeFileSync(join(folder, 'run_autograder'), runAutograderScript);
  chmodSync(join(folder, 'setup.sh'), 0o755);
  chmodSync(join(folder, 'run_autograder'), 0o755);
  const zip = join(out, 'autograder.zip');
  writeFileSync(zip, zipFolder(folder));
  return { folder, zip };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { out: { type: 'string', default: 'dist/gradescope' }, bank: { type: 'string' }, 'lab-config': { type: 'string' } } });
  try {
    const { folder, zip } = packageGradescope(values.out, values.bank, values['lab-config']);
    process.stdout.write(`Gradescope autograder: ${folder}\nUpload this zip as the assignment's autograder: ${zip}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main();
