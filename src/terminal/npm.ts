/**
 * `npm init`, `npm install` and `npm ls`, offline: packages come from the workbook's store of real
 * registry tarballs (fetched when the site is built; see src/hosts/node/npm-store.ts), are unpacked
 * into `node_modules/` as npm lays them out (flat, a conflicting version nested under its
 * dependent), and package.json and package-lock.json (lockfileVersion 3) are written as npm 11
 * writes them. Anything the store lacks is npm's E404, naming what the store has.
 */
import maxSatisfying from 'semver/ranges/max-satisfying';
import validRange from 'semver/ranges/valid';
import type { Command, CommandContext } from './shell.ts';
import type { FileSystem } from './file-system.ts';
import { basename } from './file-system.ts';
import { TarError, untgz } from './tar.ts';

export interface StoredVersion {
  version: string;
  /** The tarball's file name in the store, as `npm pack` names it. */
  file: string;
  integrity: string;
  license?: string;
  dependencies?: Record<string, string>;
}

export interface StoreIndex {
  packages: Record<string, StoredVersion[]>;
}

export interface PackageStore {
  index(): Promise<StoreIndex>;
  tarball(file: string): Promise<Uint8Array>;
}

const REGISTRY = 'https://registry.npmjs.org';

class NpmError extends Error {
  constructor(
    readonly code: string,
    readonly lines: string[],
  ) {
    super(lines.join('\n'));
  }
}

interface PackageJson {
  name?: string;
  version?: string;
  license?: string;
  dependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** The folder npm works in: the nearest one up from the working directory with a package.json, else the working directory. */
function projectRoot(fs: FileSystem, cwd: string): string {
  for (let dir = cwd; ; dir = dir.slice(0, dir.lastIndexOf('/')) || '/') {
    if (fs.exists(`${dir === '/' ? '' : dir}/package.json`)) return dir;
    if (dir === '/') return cwd;
  }
}

function readPackageJson(fs: FileSystem, root: string): PackageJson | undefined {
  const path = `${root}/package.json`;
  if (!fs.exists(path)) return undefined;
  try {
    const data = JSON.parse(fs.readText(path)) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not an object');
    return data as PackageJson;
  } catch (error) {
    throw new NpmError('EJSONPARSE', [`JSON.parse Invalid package.json: ${(error as Error).message}`, `JSON.parse Failed to parse JSON data.`, `JSON.parse Note: package.json must be actual JSON, not just JavaScript.`]);
  }
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** npm's name for a folder: lower case, URL-safe. */
function packageName(folder: string): string {
  return folder.toLowerCase().replace(/^[._]+/, '').replace(/[^a-z0-9._~-]+/g, '-') || 'package';
}

function elapsed(ms: number): string {
  return ms < 1000 ? `${Math.max(1, Math.round(ms))}ms` : `${Math.round(ms / 1000)}s`;
}

export function createNpmCommand(store: PackageStore, now: () => number = () => performance.now()): Command {
  return async (context) => {
    const [sub, ...rest] = context.args;
    try {
      switch (sub) {
        case 'init':
          return init(context, rest);
        case 'install':
        case 'i':
        case 'add':
          return await install(context, rest.filter((a) => !a.startsWith('-')));
        case 'ls':
        case 'list':
          return list(context);
        case undefined:
        case 'help':
        case '-h':
        case '--help':
          context.out('npm <command>\n\nUsage:\n\nnpm init [-y]       create a package.json file\nnpm install <pkg>   install a package from the workbook\'s offline store\nnpm ls              list the installed packages\n\nThis terminal\'s npm works offline, from packages built into the workbook.\n');
          return sub === undefined ? 1 : 0;
        default:
          context.err(`Unknown command: "${sub}"\n\nThis terminal's npm runs init, install and ls.\n`);
          return 1;
      }
    } catch (error) {
      if (error instanceof NpmError) {
        context.err(`npm error code ${error.code}\n${error.lines.map((l) => `npm error ${l}`).join('\n')}\n`);
        return 1;
      }
      throw error;
    }
  };

  function init({ fs, shell, out }: CommandContext, args: string[]): number {
    const root = shell.cwd;
    const path = `${root === '/' ? '' : root}/package.json`;
    const existing = readPackageJson(fs, root) ?? {};
    const pkg: PackageJson = {
      name: packageName(basename(root)),
      version: '1.0.0',
      description: '',
      main: 'index.js',
      scripts: { test: 'echo "Error: no test specified" && exit 1' },
      keywords: [],
      author: '',
      license: 'ISC',
      type: 'commonjs',
      ...existing,
    };
    fs.writeFile(path, json(pkg));
    const note = args.some((a) => a === '-y' || a === '--yes') ? '' : '(This terminal answers npm init\'s questions with their defaults, as npm init -y does.)\n';
    out(`${note}Wrote to ${path}:\n\n${JSON.stringify(pkg, null, 2)}\n\n\n`);
    return 0;
  }

  async function install({ fs, shell, out }: CommandContext, specs: string[]): Promise<number> {
    const started = now();
    const root = projectRoot(fs, shell.cwd);
    const base = root === '/' ? '' : root;
    const pkg = readPackageJson(fs, root);
    let index: StoreIndex;
    try {
      index = await store.index();
    } catch (error) {
      throw new NpmError('ENOTCACHED', [`request to ${REGISTRY}/ failed: this terminal installs only from the workbook's offline store, which could not be read (${(error as Error).message}).`]);
    }
    const { packages } = index;
    const available = Object.keys(packages).sort();

    const resolve = (name: string, range: string): StoredVersion => {
      const versions = packages[name];
      if (versions === undefined) {
        throw new NpmError('E404', [
          `404 Not Found - GET ${REGISTRY}/${name} - not in this workbook's offline store`,
          '404',
          `404  '${name}@${range}' is not in the store this terminal installs from. It has: ${available.join(', ')}.`,
        ]);
      }
      const version = maxSatisfying(versions.map((v) => v.version), range);
      const found = versions.find((v) => v.version === version);
      if (found === undefined) {
        throw new NpmError('ETARGET', [`notarget No matching version found for ${name}@${range}.`, `notarget The store has ${versions.map((v) => `${name}@${v.version}`).join(', ')}.`]);
      }
      return found;
    };

    // What the learner asked for, or everything package.json lists.
    const wanted: [string, string][] = [];
    const saved = { ...(pkg?.dependencies ?? {}) };
    for (const spec of specs) {
      const at = spec.lastIndexOf('@');
      const name = at > 0 ? spec.slice(0, at) : spec;
      const range = at > 0 ? spec.slice(at + 1) : '*';
      if (validRange(range) === null) throw new NpmError('EINVALIDTAGNAME', [`Invalid tag name "${range}" of package "${spec}": Tags may not have any characters that encodeURIComponent encodes.`]);
      const chosen = resolve(name, range);
      saved[name] = range === '*' ? `^${chosen.version}` : range;
      wanted.push([name, saved[name]!]);
    }
    if (specs.length === 0) wanted.push(...Object.entries(saved));

    // Lay out the tree as npm does: each package at the top if it can be, else under its dependent.
    const placed = new Map<string, StoredVersion>();
    const queue: { name: string; range: string; parent: string }[] = Object.entries(saved).map(([name, range]) => ({ name, range, parent: '' }));
    while (queue.length > 0) {
      const { name, range, parent } = queue.shift()!;
      const chosen = resolve(name, range);
      const top = `node_modules/${name}`;
      const at = placed.get(top);
      let location = top;
      if (at !== undefined && at.version !== chosen.version) location = `${parent}/node_modules/${name}`;
      if (placed.get(location)?.version === chosen.version) continue;
      placed.set(location, chosen);
      for (const [dep, depRange] of Object.entries(chosen.dependencies ?? {})) queue.push({ name: dep, range: depRange, parent: location });
    }

    let added = 0;
    for (const [location, version] of placed) {
      const target = `${base}/${location}`;
      const current = fs.exists(`${target}/package.json`) ? (JSON.parse(fs.readText(`${target}/package.json`)) as PackageJson).version : undefined;
      if (current === version.version) continue;
      let tarball: Uint8Array;
      try {
        tarball = await store.tarball(version.file);
      } catch (error) {
        throw new NpmError('ENOTCACHED', [`request to ${REGISTRY}/${version.file} failed: the workbook's offline store could not be read (${(error as Error).message}).`]);
      }
      let entries;
      try {
        entries = untgz(tarball);
      } catch (error) {
        if (!(error instanceof TarError)) throw error;
        throw new NpmError('EINTEGRITY', [`${version.file}: ${error.message}`]);
      }
      if (fs.exists(target)) fs.remove(target, { recursive: true });
      for (const entry of entries) {
        // npm strips the tarball's first folder (`package/`) and never writes outside the package.
        const relative = entry.path.split('/').slice(1).filter((p) => p !== '' && p !== '.');
        if (relative.length === 0 || relative.includes('..')) continue;
        const path = `${target}/${relative.join('/')}`;
        fs.mkdir(path.slice(0, path.lastIndexOf('/')), { parents: true });
        fs.writeFile(path, entry.data);
      }
      added++;
    }

    const sortedDeps = Object.fromEntries(Object.entries(saved).sort(([a], [b]) => (a < b ? -1 : 1)));
    const nextPkg: PackageJson = pkg === undefined ? { dependencies: sortedDeps } : { ...pkg, dependencies: sortedDeps };
    if (Object.keys(sortedDeps).length > 0 || pkg !== undefined) fs.writeFile(`${base}/package.json`, json(nextPkg));
    const rootEntry: Record<string, unknown> = {};
    if (nextPkg.name !== undefined) rootEntry['name'] = nextPkg.name;
    if (nextPkg.version !== undefined) rootEntry['version'] = nextPkg.version;
    if (nextPkg.license !== undefined) rootEntry['license'] = nextPkg.license;
    if (Object.keys(sortedDeps).length > 0) rootEntry['dependencies'] = sortedDeps;
    const lock = {
      name: nextPkg.name ?? packageName(basename(root)),
      ...(nextPkg.version !== undefined ? { version: nextPkg.version } : {}),
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': rootEntry,
        ...Object.fromEntries(
          [...placed]
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([location, v]) => {
              const name = location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
              return [
                location,
                {
                  version: v.version,
                  resolved: `${REGISTRY}/${name}/-/${name.split('/').pop()}-${v.version}.tgz`,
                  integrity: v.integrity,
                  ...(v.license !== undefined ? { license: v.license } : {}),
                  ...(v.dependencies !== undefined && Object.keys(v.dependencies).length > 0 ? { dependencies: v.dependencies } : {}),
                },
              ];
            }),
        ),
      },
    };
    fs.writeFile(`${base}/package-lock.json`, json(lock));
    const took = elapsed(now() - started);
    out(added === 0 ? `\nup to date in ${took}\n` : `\nadded ${added} package${added === 1 ? '' : 's'} in ${took}\n`);
    return 0;
  }

  function list({ fs, shell, out }: CommandContext): number {
    const root = projectRoot(fs, shell.cwd);
    const base = root === '/' ? '' : root;
    const pkg = readPackageJson(fs, root);
    const deps = Object.entries(pkg?.dependencies ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
    const head = pkg?.name !== undefined ? `${pkg.name}${pkg.version !== undefined ? `@${pkg.version}` : ''} ${root}` : root;
    if (deps.length === 0) {
      out(`${head}\n└── (empty)\n\n`);
      return 1;
    }
    let missing = false;
    const lines = deps.map(([name, range], i) => {
      const branch = i === deps.length - 1 ? '└──' : '├──';
      const installed = fs.exists(`${base}/node_modules/${name}/package.json`) ? (JSON.parse(fs.readText(`${base}/node_modules/${name}/package.json`)) as PackageJson).version : undefined;
      if (installed === undefined) missing = true;
      return installed === undefined ? `${branch} UNMET DEPENDENCY ${name}@${range}` : `${branch} ${name}@${installed}`;
    });
    out(`${head}\n${lines.join('\n')}\n\n`);
    return missing ? 1 : 0;
  }
}
