/** What the similarity report reads: each submission's handler files per exercise, and the exercises' own starter and reference code. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exercises } from '../../exercises/index.ts';
import type { LearnerCode } from '../grading/similarity.ts';
import { parseProgress } from '../progress/index.ts';
import { parseWorkspace } from '../progress/workspace-state.ts';

const exercisesDir = fileURLToPath(new URL('../../exercises/', import.meta.url));

/** The starter and reference solution (Node.js and Python) of each exercise: code no learner wrote alone. */
export function exerciseBaseCode(): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const { meta } of exercises) {
    const files: Record<string, string> = {};
    for (const kind of ['starter', 'solution', 'starter-python', 'solution-python']) {
      const dir = join(exercisesDir, meta.slug, kind);
      if (!existsSync(dir)) continue;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        // steps.ts is the reference steps script, not function code.
        if (entry.isFile() && entry.name !== 'steps.ts') files[`${kind}/${entry.name}`] = readFileSync(join(dir, entry.name), 'utf8');
      }
    }
    out[meta.slug] = files;
  }
  return out;
}

/** A submission's handler code; undefined for a file that is not a workbook (the grade report says so). */
export function learnerCode(file: string, text: string): LearnerCode | undefined {
  const parsed = parseProgress(text);
  if (!parsed.ok) return undefined;
  const { progress } = parsed;
  const learner = progress.learner !== undefined && progress.learner.name.trim() !== '' ? progress.learner : undefined;
  const who = learner ? `${learner.name.trim()}${learner.id.trim() ? ` (${learner.id.trim()})` : ''}, ${file}` : file;
  const code: Record<string, Record<string, string>> = {};
  for (const { meta } of exercises) {
    const raw = progress.exercises[meta.slug];
    if (raw === undefined) continue;
    const ws = parseWorkspace(raw, meta.slug);
    if (ws.ok) code[meta.slug] = ws.state.files;
  }
  return { who, exercises: code };
}
