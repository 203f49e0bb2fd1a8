/**
 * Where the class stands, from the grade export: the spread of scores, the pass rate of each task
 * and quiz question, the check messages learners fail most, who has not started, and each learner.
 * Plain data for the instructor's page; every table it draws is one of these, so it exports as is.
 */
import { csvField } from '../grading/reports/csv.ts';
import type { ClassResults, LearnerResult, PartKind } from './grade-export.ts';

const round1 = (n: number): number => Math.round(n * 10) / 10;
const percent = (score: number, max: number): number => (max > 0 ? round1((score / max) * 100) : 0);
const graded = (c: ClassResults): LearnerResult[] => c.learners.filter((l) => l.status === 'graded');

export interface ScoreBin {
  /** Percent of the maximum, from (included) … to (excluded, but 100 is in the last bin). */
  from: number;
  to: number;
  count: number;
}

/** Graded learners per tenth of the maximum score. */
export function scoreDistribution(c: ClassResults, bins = 10): ScoreBin[] {
  const width = 100 / bins;
  const out: ScoreBin[] = Array.from({ length: bins }, (_, i) => ({ from: round1(i * width), to: round1((i + 1) * width), count: 0 }));
  for (const l of graded(c)) {
    const p = l.maxScore > 0 ? (l.score / l.maxScore) * 100 : 0;
    out[Math.min(bins - 1, Math.floor(p / width))]!.count += 1;
  }
  return out;
}

export interface PassRate {
  kind: PartKind;
  part: string;
  /** The task or question; the exercise or quiz itself when the export has no detail (CSV). */
  item: string;
  passed: number;
  learners: number;
  /** Percent of graded learners with full marks on it. */
  rate: number;
  /** Average score, percent of its points. */
  averagePercent: number;
}

/** Per task and quiz question (Gradescope, JUnit), or per exercise and quiz (CSV). */
export function passRates(c: ClassResults): PassRate[] {
  const rates = new Map<string, PassRate & { scored: number; max: number }>();
  const count = (kind: PartKind, part: string, item: string, score: number, maxScore: number) => {
    const key = `${kind}\u0000${part}\u0000${item}`;
    const r = rates.get(key) ?? { kind, part, item, passed: 0, learners: 0, rate: 0, averagePercent: 0, scored: 0, max: 0 };
    r.learners += 1;
    if (score >= maxScore) r.passed += 1;
    r.scored += score;
    r.max += maxScore;
    rates.set(key, r);
  };
  for (const l of graded(c)) {
    if (l.tests) for (const t of l.tests) count(t.kind, t.partTitle, t.name, t.score, t.maxScore);
    else for (const p of l.parts) count(p.kind, p.title, p.title, p.score, p.maxScore);
  }
  return [...rates.values()].map(({ scored, max, ...r }) => ({ ...r, rate: percent(r.passed, r.learners), averagePercent: percent(scored, max) }));
}

export interface FailingMessage {
  /** An exercise's check, or a quiz question's feedback. */
  kind: PartKind;
  message: string;
  /** Learners whose check said it. */
  learners: number;
  /** The tasks or questions that said it. */
  items: string[];
}

/** The check messages and feedback of failed tasks and questions, most learners first. */
export function commonFailures(c: ClassResults, limit = 20): FailingMessage[] {
  const byMessage = new Map<string, { kind: PartKind; learners: Set<string>; items: Set<string> }>();
  graded(c).forEach((l, i) => {
    for (const t of l.tests ?? []) {
      if (t.passed || !t.output.trim()) continue;
      const message = t.output.trim();
      const m = byMessage.get(message) ?? { kind: t.kind, learners: new Set(), items: new Set() };
      m.learners.add(`${i}`);
      m.items.add(t.name);
      byMessage.set(message, m);
    }
  });
  return [...byMessage.entries()]
    .map(([message, m]) => ({ kind: m.kind, message, learners: m.learners.size, items: [...m.items].sort() }))
    .sort((a, b) => b.learners - a.learners || a.message.localeCompare(b.message))
    .slice(0, limit);
}

export interface NotStarted {
  name: string;
  id: string;
  file: string;
  /** Why the learner is listed. */
  reason: string;
}

/** Learners with no point in any exercise or quiz, and those whose file could not be graded. */
export function notStarted(c: ClassResults): NotStarted[] {
  return c.learners
    .filter((l) => l.status !== 'graded' || l.parts.every((p) => p.score === 0))
    .map((l) => ({
      name: l.name,
      id: l.id,
      file: l.file,
      reason: l.status === 'graded' ? 'no points in any exercise or quiz' : `file not graded (${l.status}${l.problem ? `: ${l.problem}` : ''})`,
    }));
}

export interface LearnerRow {
  name: string;
  id: string;
  status: string;
  score: number;
  maxScore: number;
  percent: number;
  /** Tasks and questions with full marks, of all. */
  passed: number;
  tests: number;
  /** Exercise or quiz → score, in the export's column order. */
  parts: Record<string, number>;
}

export function learnerRows(c: ClassResults): LearnerRow[] {
  return c.learners.map((l) => ({
    name: l.name,
    id: l.id,
    status: l.status,
    score: l.score,
    maxScore: l.maxScore,
    percent: percent(l.score, l.maxScore),
    passed: l.tests ? l.tests.filter((t) => t.passed).length : l.parts.filter((p) => p.score >= p.maxScore).length,
    tests: l.tests ? l.tests.length : l.parts.length,
    parts: Object.fromEntries(l.parts.map((p) => [p.title, p.score])),
  }));
}

export interface ClassOverview {
  learners: number;
  graded: number;
  averagePercent: number;
  medianPercent: number;
}

export function overview(c: ClassResults): ClassOverview {
  const ps = graded(c).map((l) => percent(l.score, l.maxScore)).sort((a, b) => a - b);
  const mid = ps.length / 2;
  return {
    learners: c.learners.length,
    graded: ps.length,
    averagePercent: ps.length ? round1(ps.reduce((n, p) => n + p, 0) / ps.length) : 0,
    medianPercent: ps.length ? (ps.length % 2 ? ps[Math.floor(mid)]! : round1((ps[mid - 1]! + ps[mid]!) / 2)) : 0,
  };
}

// ---- tables: sorting and CSV ------------------------------------------------------------------------

export type Cell = string | number;

/** Sorts rows by one column: numbers numerically, text in the reader's collation; ties keep their order. */
export function sortRows<T extends readonly Cell[]>(rows: readonly T[], column: number, direction: 'ascending' | 'descending'): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const x = a.row[column]!;
      const y = b.row[column]!;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true, sensitivity: 'base' });
      return c * sign || a.i - b.i;
    })
    .map(({ row }) => row);
}

/** A table as CSV (RFC 4180), as the grader writes its gradebook. */
export function tableCsv(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [headers, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
