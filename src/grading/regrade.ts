/**
 * A regrade's diff: after an instructor changes a check, a bank or the lab's policy, each learner's
 * grade before (a previous `--format json` file) and after, task by task. Only rows that changed
 * are listed, so a regrade that moves nothing prints only its summary.
 */
import { round2, type SubmissionGrade } from './results.ts';

/** Learners are matched by id, then by name when a file has no id (self-paced exports). */
function learnerKey(g: SubmissionGrade): string {
  return g.learner.id !== '' ? `id:${g.learner.id}` : `name:${g.learner.name}`;
}

function who(g: SubmissionGrade): string {
  return g.learner.id ? `${g.learner.name} (${g.learner.id})` : g.learner.name;
}

/** Each task's score, and each exercise's late penalty as a row of its own. */
function rows(g: SubmissionGrade): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of g.parts) {
    for (const t of part.tests) out.set(t.key, t.score);
    const late = (part.deductions ?? []).filter((d) => d.kind === 'late').reduce((n, d) => n + d.points, 0);
    if (late > 0) out.set(`${part.id} (late penalty)`, -round2(late));
  }
  return out;
}

const signed = (n: number): string => (n > 0 ? `+${round2(n)}` : `${round2(n)}`);
const show = (n: number | undefined): string => (n === undefined ? '-' : String(n));

function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, col) => Math.max(...cells.map((r) => r[col]!.length)));
  return cells.map((r) => r.map((c, col) => (col === 0 ? c.padEnd(widths[col]!) : c.padStart(widths[col]!))).join('  ').trimEnd());
}

export function regradeDiff(before: readonly SubmissionGrade[], after: readonly SubmissionGrade[]): string {
  const previous = new Map(before.map((g) => [learnerKey(g), g]));
  const lines: string[] = [];
  let up = 0;
  let down = 0;
  let same = 0;
  let onlyAfter = 0;
  for (const now of after) {
    const key = learnerKey(now);
    const then = previous.get(key);
    previous.delete(key);
    if (then === undefined) {
      onlyAfter++;
      lines.push(`${who(now)}: new in this grading, ${now.score}/${now.maxScore}.`);
      continue;
    }
    const a = rows(then);
    const b = rows(now);
    const keys = [...new Set([...a.keys(), ...b.keys()])];
    const changed = keys.filter((k) => a.get(k) !== b.get(k));
    const statusChanged = then.status !== now.status;
    if (changed.length === 0 && !statusChanged && then.score === now.score) {
      same++;
      continue;
    }
    if (now.score > then.score) up++;
    else if (now.score < then.score) down++;
    else same++;
    lines.push(`${who(now)}: ${then.score} -> ${now.score} (${signed(now.score - then.score)})${statusChanged ? `, ${then.status} -> ${now.status}` : ''}`);
    if (changed.length > 0) {
      const table = pad([['  task', 'before', 'after', 'change'], ...changed.map((k) => [`  ${k}`, show(a.get(k)), show(b.get(k)), signed((b.get(k) ?? 0) - (a.get(k) ?? 0))])]);
      lines.push(...table);
    }
  }
  const gone = [...previous.values()];
  for (const g of gone) lines.push(`${who(g)}: in the previous grading only (${g.score}/${g.maxScore}), not graded now.`);
  const mean = (gs: readonly SubmissionGrade[]): number => {
    const graded = gs.filter((g) => g.status === 'graded');
    return graded.length === 0 ? 0 : round2(graded.reduce((n, g) => n + g.score, 0) / graded.length);
  };
  const compared = after.length - onlyAfter;
  lines.push(
    '',
    `Regrade: ${compared} learner(s) compared, ${up} up, ${down} down, ${same} unchanged in total` +
      `${onlyAfter > 0 ? `; ${onlyAfter} new` : ''}${gone.length > 0 ? `; ${gone.length} only in the previous grading` : ''}. ` +
      `Mean ${mean(before)} -> ${mean(after)}.`,
  );
  return `${lines.join('\n')}\n`;
}
