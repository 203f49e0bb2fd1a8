/**
 * An exercise's files, read at build time: the function's starter and solution code, and the
 * layer sources that ship with it (folders named `*-layer/` under starter/).
 */
import type { FunctionFiles } from './files.ts';

const raw = {
  ...import.meta.glob('../../exercises/*/{starter,solution,starter-python,solution-python}/**/*', { query: '?raw', import: 'default', eager: true }),
  // Globs skip node_modules even when the pattern names it, unless exhaustive: layer libraries live there.
  ...import.meta.glob('../../exercises/*/starter/*-layer/nodejs/node_modules/**/*', { query: '?raw', import: 'default', eager: true, exhaustive: true }),
} as Record<string, string>;

export interface ExerciseFiles {
  starter: FunctionFiles;
  solution: FunctionFiles;
  /** Layer name (folder without `-layer`) → files, paths relative to the layer root (nodejs/...). */
  layers: Record<string, FunctionFiles>;
  /** The same exercise in Python (lambda_function.py), for a learner who creates a Python function; its layers' roots hold python/. */
  python: { starter: FunctionFiles; solution: FunctionFiles; layers: Record<string, FunctionFiles> };
}

export function exerciseFiles(slug: string): ExerciseFiles {
  const out: ExerciseFiles = { starter: {}, solution: {}, layers: {}, python: { starter: {}, solution: {}, layers: {} } };
  const prefix = `../../exercises/${slug}/`;
  for (const [path, text] of Object.entries(raw)) {
    if (!path.startsWith(prefix)) continue;
    const [kind, ...rest] = path.slice(prefix.length).split('/');
    const rel = rest.join('/');
    if (kind === 'solution' && rel === 'steps.ts') continue; // the reference steps script, not function code
    const layer = /^([^/]+)-layer\/(.+)$/.exec(rel);
    if (kind === 'starter-python' || kind === 'solution-python') {
      if (!layer) out.python[kind === 'starter-python' ? 'starter' : 'solution'][rel] = text;
      else if (kind === 'starter-python') (out.python.layers[layer[1]!] ??= {})[layer[2]!] = text;
    } else if (layer) (out.layers[layer[1]!] ??= {})[layer[2]!] = text;
    else out[kind as 'starter' | 'solution'][rel] = text;
  }
  return out;
}
