/**
 * pip's resolver (resolvelib) over the offline store, in the order pip works: every requirement the
 * learner gave is collected first, then the unpinned project pip prefers next (pinned `==`, then
 * upper-bounded, then the learner's order, then any specifier, then by name) is pinned and its
 * Requires-Dist collected, until nothing is left. The newest version that fits wins; the store is
 * small and flat, so a conflict is reported, never backtracked. Each step logs what pip logs.
 */
import { canonicalName } from './metadata.ts';
import { compareVersions, parseSpecifiers, parseVersion, satisfies, type Specifier } from './pep440.ts';
import { evaluateMarker, formatRequirement, parseRequirement, type Requirement } from './requirement.ts';
import type { StoredWheel, WheelIndex } from './store.ts';

/** One requirement and where it came from: a parent candidate, a requirements-file line, or the command line. */
export interface RequirementNode {
  requirement: Requirement;
  parent?: Candidate;
  /** `-r requirements.txt (line 1)`. */
  source?: string;
}

export interface Candidate {
  key: string;
  wheel: StoredWheel;
  /** The requirement that first brought it in: its name is the one pip displays. */
  via: RequirementNode;
  extras: Set<string>;
  /** Installed already (outside --target), so pip keeps it. */
  installed?: { version: string; location: string };
}

/** A failure pip reports with ERROR lines (stderr) and sometimes info lines (stdout) first. */
export class ResolutionError extends Error {
  /** Lines after the errors, unprefixed (the terminal's word on its store). */
  readonly notes: string[] = [];
  constructor(
    readonly errors: string[],
    readonly info: string[] = [],
  ) {
    super(errors.join('\n'));
  }
}

export interface ResolveOptions {
  index: WheelIndex;
  pythonVersion: string;
  environment: Readonly<Record<string, string>>;
  noDeps: boolean;
  /** What is installed where pip would look (none with --target). */
  installed: (key: string) => { version: string; location: string; requiresDist: string[] } | undefined;
  /** Prefer a newer version to the installed one for these keys (`--upgrade`). */
  upgrade: boolean;
  displayPath: (path: string) => string;
  info: (line: string) => void;
}

export interface Resolution {
  /** In the order pip pinned them. */
  candidates: Candidate[];
  /** parent key → child keys, for the installation order. */
  edges: Map<string, Set<string>>;
}

/** `from_path()`: the chain of requirements that led here, `six>=1.5->python-dateutil`. */
function fromPath(node: RequirementNode): string {
  const own = formatRequirement(node.requirement);
  if (node.parent !== undefined) return `${own}->${fromPath(node.parent.via)}`;
  if (node.source !== undefined) return `${own}->${node.source}`;
  return own;
}

/** How pip names a requirement in `Collecting …` and `Requirement already satisfied: …`. */
function describe(node: RequirementNode, location?: string): string {
  let text = formatRequirement(node.requirement);
  if (location !== undefined) text += ` in ${location}`;
  const from = node.parent !== undefined ? fromPath(node.parent.via) : node.source;
  if (from !== undefined) text += ` (from ${from})`;
  return text;
}

/** pip's `format_size`. */
export function formatSize(bytes: number): string {
  if (bytes > 1000 * 1000) return `${(bytes / 1000 / 1000).toFixed(1)} MB`;
  if (bytes > 10 * 1000) return `${Math.floor(bytes / 1000)} kB`;
  if (bytes > 1000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${Math.floor(bytes)} bytes`;
}

export function resolve(roots: RequirementNode[], options: ResolveOptions): Resolution {
  const { index, info } = options;
  const criteria = new Map<string, { nodes: RequirementNode[]; order: number }>();
  const pinned = new Map<string, Candidate>();
  const edges = new Map<string, Set<string>>();
  const order: string[] = [];
  const pythonVersion = parseVersion(options.pythonVersion)!;

  const specifiersOf = (key: string): Specifier[] => criteria.get(key)!.nodes.flatMap((n) => n.requirement.specifiers);

  /** The store's versions that fit every requirement on `key`, newest first; why the others were left out. */
  const matches = (key: string, specifiers: Specifier[]) => {
    const skippedByPython: string[] = [];
    const fitting = (index.packages[key] ?? [])
      .filter((w) => {
        if (w.requiresPython === undefined) return true;
        let fits = true;
        try {
          fits = satisfies(pythonVersion, parseSpecifiers(w.requiresPython), { prereleases: true });
        } catch {
          fits = true; // pip ignores an invalid Requires-Python
        }
        if (!fits) skippedByPython.push(`${w.version} Requires-Python ${w.requiresPython}`);
        return fits;
      })
      .filter((w) => satisfies(w.version, specifiers))
      .sort((a, b) => compareVersions(parseVersion(b.version)!, parseVersion(a.version)!));
    return { fitting, skippedByPython };
  };

  const notFound = (node: RequirementNode, skippedByPython: string[]): ResolutionError => {
    const key = canonicalName(node.requirement.name);
    const all = (index.packages[key] ?? []).map((w) => w.version).sort((a, b) => compareVersions(parseVersion(a)!, parseVersion(b)!));
    const available = all.filter((v) => !skippedByPython.some((s) => s.startsWith(`${v} `)));
    const shown = node.parent !== undefined ? `${formatRequirement(node.requirement)} (from ${candidateName(node.parent)})` : formatRequirement(node.requirement);
    const errors: string[] = [];
    if (skippedByPython.length > 0) errors.push(`Ignored the following versions that require a different python version: ${skippedByPython.join('; ')}`);
    errors.push(`Could not find a version that satisfies the requirement ${shown} (from versions: ${available.join(', ') || 'none'})`);
    errors.push(`No matching distribution found for ${formatRequirement(node.requirement)}`);
    return new ResolutionError(errors);
  };

  /** Adds a requirement; the first one on a project collects it (pip prepares a candidate and logs it). */
  const add = (node: RequirementNode): void => {
    const requirement = node.requirement;
    if (requirement.marker !== undefined && !evaluateMarker(requirement.marker, node.parent ? [...node.parent.extras] : [], options.environment)) {
      if (node.parent === undefined) info(`Ignoring ${requirement.name}: markers '${requirement.markerText}' don't match your environment`);
      return;
    }
    const key = canonicalName(requirement.name);
    const existing = criteria.get(key);
    if (existing !== undefined) {
      existing.nodes.push(node);
      const pin = pinned.get(key);
      for (const extra of requirement.extras) pin?.extras.add(extra);
      if (pin !== undefined && !satisfies(pin.installed?.version ?? pin.wheel.version, specifiersOf(key))) throw conflict(key, existing.nodes);
      if (pin === undefined && matches(key, specifiersOf(key)).fitting.length === 0) throw conflict(key, existing.nodes);
      return;
    }
    criteria.set(key, { nodes: [node], order: criteria.size });
    const installed = options.installed(key);
    if (installed !== undefined && satisfies(installed.version, requirement.specifiers, { prereleases: true })) {
      const best = matches(key, requirement.specifiers).fitting[0];
      const isRoot = node.parent === undefined;
      if (!(options.upgrade && isRoot && best !== undefined && compareVersions(parseVersion(best.version)!, parseVersion(installed.version)!) > 0)) {
        info(`Requirement already satisfied: ${describe(node, options.displayPath(installed.location))} (${installed.version})`);
        return;
      }
    }
    const { fitting, skippedByPython } = matches(key, requirement.specifiers);
    const best = fitting[0];
    if (best === undefined) throw notFound(node, skippedByPython);
    info(`Collecting ${describe(node)}`);
    info(`  Using cached ${best.file}.metadata (${formatSize(best.metadataSize)})`);
  };

  const conflict = (key: string, nodes: RequirementNode[]): ResolutionError => {
    const triggers = [...new Set(nodes.map((n) => (n.parent === undefined ? formatRequirement(n.requirement) : triggerOf(n.parent))))].sort();
    const info = triggers.length === 1 ? triggers[0]! : `${triggers.slice(0, -1).join(', ')} and ${triggers[triggers.length - 1]}`;
    const causes = nodes.map((n) => `    ${n.parent !== undefined ? `${candidateName(n.parent)} ${n.parent.wheel.version} depends on ` : 'The user requested '}${formatRequirement(n.requirement)}`);
    const noCandidates = (index.packages[key] ?? []).length === 0 ? `\n\nAdditionally, some packages in these conflicts have no matching distributions available for your environment:\n    ${key}` : '';
    return new ResolutionError(
      [`Cannot install ${info} because these package versions have conflicting dependencies.`, 'ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts'],
      [`\nThe conflict is caused by:\n${causes.join('\n')}${noCandidates}\n\nTo fix this you could try to:\n1. loosen the range of package versions you've specified\n2. remove package versions to allow pip to attempt to solve the dependency conflict\n`],
    );
  };

  const userOrder = new Map<string, number>();
  for (const root of roots) if (!userOrder.has(canonicalName(root.requirement.name))) userOrder.set(canonicalName(root.requirement.name), userOrder.size);
  for (const root of roots) add(root);

  for (;;) {
    const open = [...criteria.keys()].filter((key) => !pinned.has(key) && !isSatisfiedByInstalled(key));
    if (open.length === 0) break;
    const preference = (key: string): (number | string)[] => {
      const specifiers = specifiersOf(key);
      const pin = specifiers.some((s) => s.operator.startsWith('==') && !s.version.includes('*'));
      const upper = specifiers.some((s) => ['<', '<=', '~='].includes(s.operator) || (s.operator === '==' && s.version.includes('*')));
      return [1, 1, pin ? 0 : 1, upper ? 0 : 1, userOrder.get(key) ?? Infinity, specifiers.length > 0 ? 0 : 1, key];
    };
    open.sort((a, b) => {
      const pa = preference(a);
      const pb = preference(b);
      for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
      return 0;
    });
    const key = open[0]!;
    const { nodes } = criteria.get(key)!;
    const wheel = matches(key, specifiersOf(key)).fitting[0];
    if (wheel === undefined) throw conflict(key, nodes);
    const candidate: Candidate = { key, wheel, via: nodes[0]!, extras: new Set(nodes.flatMap((n) => n.requirement.extras)) };
    pinned.set(key, candidate);
    order.push(key);
    edges.set(key, new Set());
    if (options.noDeps) continue;
    for (const text of wheel.requiresDist) {
      const child = parseRequirement(text);
      if (child.marker !== undefined && !evaluateMarker(child.marker, [...candidate.extras], options.environment)) continue;
      edges.get(key)!.add(canonicalName(child.name));
      add({ requirement: child, parent: candidate });
    }
  }

  function isSatisfiedByInstalled(key: string): boolean {
    const installed = options.installed(key);
    if (installed === undefined || !satisfies(installed.version, specifiersOf(key), { prereleases: true })) return false;
    const root = criteria.get(key)!.nodes.some((n) => n.parent === undefined);
    const best = matches(key, specifiersOf(key)).fitting[0];
    return !(options.upgrade && root && best !== undefined && compareVersions(parseVersion(best.version)!, parseVersion(installed.version)!) > 0);
  }

  return { candidates: order.map((key) => pinned.get(key)!), edges };
}

/** The name pip shows for a candidate: `tabulate`, or `tabulate[widechars]` with extras. */
function candidateName(c: Candidate): string {
  const extras = [...c.extras].sort();
  return extras.length > 0 ? `${c.key}[${extras.join(',')}]` : c.key;
}

function triggerOf(parent: Candidate): string {
  return parent.via.parent !== undefined ? parent.via.parent.via.requirement.name : parent.via.source ?? `${candidateName(parent)}==${parent.wheel.version}`;
}

/**
 * pip's installation order (get_topological_weights): leaves first, peeled off round by round,
 * each round weighted by what is left; ties broken by name, both in reverse, as pip sorts them.
 */
export function installationOrder(keys: string[], edges: Map<string, Set<string>>): string[] {
  // Every resolved project is a node (installed ones too, as leaves); pip's root node counts in the size.
  const graph = new Map<string, Set<string>>();
  for (const [parent, children] of edges) {
    graph.set(parent, new Set(children));
    for (const child of children) if (!graph.has(child)) graph.set(child, new Set());
  }
  for (const key of keys) if (!graph.has(key)) graph.set(key, new Set());
  const weights = new Map<string, number>();
  while (graph.size > 0) {
    const leaves = [...graph].filter(([, children]) => children.size === 0).map(([k]) => k);
    if (leaves.length === 0) break; // a cycle: pip walks it; the store has none
    const weight = graph.size; // len(graph) - 1, pip's root node left out
    for (const leaf of leaves) weights.set(leaf, weight);
    for (const leaf of leaves) graph.delete(leaf);
    for (const children of graph.values()) for (const leaf of leaves) children.delete(leaf);
  }
  return [...keys].sort((a, b) => {
    const wa = weights.get(a) ?? 0;
    const wb = weights.get(b) ?? 0;
    if (wa !== wb) return wb - wa;
    return a < b ? 1 : a > b ? -1 : 0;
  });
}
