/**
 * PEP 440 versions and version specifiers, as the `packaging` library pip vendors reads them:
 * enough to order a store's versions, match `==1.2.*`, `~=2.0`, `>=1.5,<3` and Requires-Python,
 * and leave pre-releases out unless a specifier names one.
 */

export interface Version {
  epoch: number;
  release: number[];
  pre?: [string, number];
  post?: number;
  dev?: number;
  local?: string;
  /** The text it was read from. */
  text: string;
}

/** packaging's VERSION_PATTERN, case-insensitive. */
const VERSION_PATTERN =
  /^\s*v?(?:(?:(?<epoch>\d+)!)?(?<release>\d+(?:\.\d+)*)(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>\d+)?)?(?<post>-(?<postN1>\d+)|[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>\d+)?)?(?<dev>[-_.]?dev[-_.]?(?<devN>\d+)?)?)(?:\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i;

export function parseVersion(text: string): Version | undefined {
  const g = VERSION_PATTERN.exec(text)?.groups;
  if (g === undefined) return undefined;
  const version: Version = { epoch: g['epoch'] === undefined ? 0 : Number(g['epoch']), release: g['release']!.split('.').map(Number), text };
  if (g['pre'] !== undefined) {
    const letter = g['preL']!.toLowerCase();
    version.pre = [letter === 'alpha' ? 'a' : letter === 'beta' ? 'b' : ['c', 'pre', 'preview'].includes(letter) ? 'rc' : letter, Number(g['preN'] ?? 0)];
  }
  if (g['post'] !== undefined) version.post = Number(g['postN1'] ?? g['postN2'] ?? 0);
  if (g['dev'] !== undefined) version.dev = Number(g['devN'] ?? 0);
  if (g['local'] !== undefined) version.local = g['local'].toLowerCase().replace(/[-_]/g, '.');
  return version;
}

export const isPrerelease = (v: Version): boolean => v.pre !== undefined || v.dev !== undefined;

/** The canonical text `str(Version(...))` prints: `1.0rc1`, `2.9.0.post0`. */
export function formatVersion(v: Version): string {
  let text = `${v.epoch !== 0 ? `${v.epoch}!` : ''}${v.release.join('.')}`;
  if (v.pre) text += `${v.pre[0]}${v.pre[1]}`;
  if (v.post !== undefined) text += `.post${v.post}`;
  if (v.dev !== undefined) text += `.dev${v.dev}`;
  if (v.local !== undefined) text += `+${v.local}`;
  return text;
}

const PRE_RANK: Record<string, number> = { a: 0, b: 1, rc: 2 };

function compareReleases(a: number[], b: number[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** packaging's ordering: epoch, release, then dev < pre < final < post. */
export function compareVersions(a: Version, b: Version, withLocal = true): number {
  if (a.epoch !== b.epoch) return Math.sign(a.epoch - b.epoch);
  const release = compareReleases(a.release, b.release);
  if (release !== 0) return release;
  const preKey = (v: Version): number[] =>
    v.pre !== undefined ? [PRE_RANK[v.pre[0]] ?? 0, v.pre[1]] : v.post === undefined && v.dev !== undefined ? [-Infinity] : [Infinity];
  const pa = preKey(a);
  const pb = preKey(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0) ? -1 : 1;
  const post = (a.post ?? -Infinity) - (b.post ?? -Infinity);
  if (post !== 0 && !Number.isNaN(post)) return Math.sign(post);
  const dev = (a.dev ?? Infinity) - (b.dev ?? Infinity);
  if (dev !== 0 && !Number.isNaN(dev)) return Math.sign(dev);
  if (!withLocal) return 0;
  if (a.local === b.local) return 0;
  if (a.local === undefined) return -1;
  if (b.local === undefined) return 1;
  return a.local < b.local ? -1 : 1;
}

export interface Specifier {
  operator: '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';
  version: string;
}

export class SpecifierError extends Error {}

/** Reads `>=1.5,<3` (commas, spaces around each clause). */
export function parseSpecifiers(text: string): Specifier[] {
  if (text.trim() === '') return [];
  return text.split(',').map((clause) => {
    const m = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*([^\s,;]+)\s*$/.exec(clause);
    if (m === null) throw new SpecifierError(`Invalid specifier: '${clause.trim()}'`);
    const operator = m[1] as Specifier['operator'];
    const version = m[2]!;
    const wildcard = version.endsWith('.*');
    if (operator !== '===' && parseVersion(wildcard ? version.slice(0, -2) : version) === undefined) throw new SpecifierError(`Invalid specifier: '${clause.trim()}'`);
    if (wildcard && operator !== '==' && operator !== '!=') throw new SpecifierError(`Invalid specifier: '${clause.trim()}'`);
    return { operator, version };
  });
}

/** `str(SpecifierSet)`: the clauses sorted, joined with commas. */
export const formatSpecifiers = (specifiers: Specifier[]): string =>
  specifiers
    .map((s) => `${s.operator}${s.version}`)
    .sort()
    .join(',');

function matchesOne(v: Version, { operator, version }: Specifier): boolean {
  if (operator === '===') return v.text.trim().toLowerCase() === version.toLowerCase();
  if (version.endsWith('.*')) {
    const prefix = parseVersion(version.slice(0, -2))!;
    const same = v.epoch === prefix.epoch && prefix.release.every((n, i) => (v.release[i] ?? 0) === n);
    return operator === '==' ? same : !same;
  }
  const spec = parseVersion(version)!;
  switch (operator) {
    case '==':
      return compareVersions(v, spec, spec.local !== undefined) === 0;
    case '!=':
      return compareVersions(v, spec, spec.local !== undefined) !== 0;
    case '<=':
      return compareVersions(v, spec, false) <= 0;
    case '>=':
      return compareVersions(v, spec, false) >= 0;
    case '<':
      // `<3.0` does not admit 3.0's own pre-releases.
      return compareVersions(v, spec, false) < 0 && (isPrerelease(spec) || !isPrerelease(v) || compareReleases(v.release, spec.release) !== 0);
    case '>':
      // `>1.7` does not admit 1.7's post-releases (or local versions).
      return compareVersions(v, spec, false) > 0 && (spec.post !== undefined || v.post === undefined || compareReleases(v.release, spec.release) !== 0);
    case '~=': {
      const prefix = spec.release.slice(0, -1);
      return compareVersions(v, spec, false) >= 0 && v.epoch === spec.epoch && prefix.every((n, i) => (v.release[i] ?? 0) === n);
    }
  }
}

export function satisfies(version: string | Version, specifiers: Specifier[], { prereleases = false } = {}): boolean {
  const v = typeof version === 'string' ? parseVersion(version) : version;
  if (v === undefined) return specifiers.length === 0;
  const allowPre = prereleases || specifiers.some((s) => s.operator !== '!=' && s.operator !== '===' && !s.version.endsWith('.*') && isPrerelease(parseVersion(s.version)!));
  if (isPrerelease(v) && !allowPre) return false;
  return specifiers.every((s) => matchesOne(v, s));
}
