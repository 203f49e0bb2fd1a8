/**
 * Node only, at build time: the terminal's offline npm store. Real tarballs from the registry,
 * fetched with npm itself (`npm pack`), with their dependencies, into public/npm/ beside an
 * index.json of versions, integrity and licences that the page's `npm install` reads.
 * Rebuilt only when the list of packages changes, so builds after the first need no network.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import maxSatisfying from 'semver/ranges/max-satisfying';
import { untgz } from '../../terminal/tar.ts';
import type { StoreIndex, StoredVersion } from '../../terminal/npm.ts';

/** What the course's command lines install: seed 004's layer library. Its dependencies come with it. */
export const NPM_STORE_PACKAGES = ['random-words@2.0.1'];

const run = promisify(execFile);

interface PackResult {
  name: string;
  version: string;
  filename: string;
  integrity: string;
}

export async function buildNpmStore(directory: string, roots: string[] = NPM_STORE_PACKAGES): Promise<{ rebuilt: boolean; packages: number }> {
  const indexPath = join(directory, 'index.json');
  if (existsSync(indexPath)) {
    const current = JSON.parse(readFileSync(indexPath, 'utf8')) as StoreIndex & { roots?: string[] };
    if (JSON.stringify(current.roots) === JSON.stringify(roots)) return { rebuilt: false, packages: Object.keys(current.packages).length };
  }
  mkdirSync(directory, { recursive: true });
  const packages: Record<string, StoredVersion[]> = {};
  const queue = [...roots];
  while (queue.length > 0) {
    const spec = queue.shift()!;
    const at = spec.lastIndexOf('@');
    const name = spec.slice(0, at);
    const range = spec.slice(at + 1);
    const have = packages[name]?.map((v) => v.version) ?? [];
    if (maxSatisfying(have, range) !== null) continue;
    const { stdout } = await run('npm', ['pack', spec, '--json', '--pack-destination', directory], { maxBuffer: 16 * 1024 * 1024 });
    const [packed] = JSON.parse(stdout) as PackResult[];
    if (packed === undefined) throw new Error(`npm pack ${spec} printed no package`);
    const manifest = untgz(readFileSync(join(directory, packed.filename))).find((e) => e.path.split('/').slice(1).join('/') === 'package.json');
    const pkg = manifest ? (JSON.parse(new TextDecoder().decode(manifest.data)) as { license?: string; dependencies?: Record<string, string> }) : {};
    (packages[packed.name] ??= []).push({
      version: packed.version,
      file: packed.filename,
      integrity: packed.integrity,
      ...(pkg.license !== undefined ? { license: pkg.license } : {}),
      ...(pkg.dependencies !== undefined ? { dependencies: pkg.dependencies } : {}),
    });
    for (const [dep, depRange] of Object.entries(pkg.dependencies ?? {})) queue.push(`${dep}@${depRange}`);
  }
  writeFileSync(indexPath, `${JSON.stringify({ roots, packages }, null, 2)}\n`);
  return { rebuilt: true, packages: Object.keys(packages).length };
}
