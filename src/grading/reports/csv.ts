/** The class gradebook as CSV (RFC 4180): one row per learner, one column per exercise and quiz, then the total. */
import type { GradeColumn, SubmissionGrade } from '../results.ts';
import { deductionLines, mismatchLines } from './feedback.ts';

/** Quotes a field when it holds a comma, quote or line break, doubling inner quotes. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function columnHeading(column: GradeColumn): string {
  return `${column.kind === 'exercise' ? 'Exercise' : 'Quiz'}: ${column.title} [${column.maxScore}]`;
}

/** Every deduction of a learner, one per line: `hello-lambda/logs: Opened hint 1: …`, `layers: 2 days late: …`. */
function deductionsCell(g: SubmissionGrade): string {
  return g.parts.flatMap((p) => [...deductionLines(p).map((l) => `${p.id}: ${l}`), ...p.tests.flatMap((t) => deductionLines(t).map((l) => `${t.key}: ${l}`))]).join('\n');
}

/** Every failing check that compared a value, one per line: `hello-lambda/create-function: Expected: … Got: …`. */
function failingChecksCell(g: SubmissionGrade): string {
  return g.parts.flatMap((p) => p.tests.filter((t) => mismatchLines(t).length > 0).map((t) => `${t.key}: ${mismatchLines(t).join(' ')}`)).join('\n');
}

/**
 * The gradebook's columns are the same as ever; a lab with a late policy or hint costs adds `Late`
 * and `Deductions` after the total, and failing checks that compared a value add `Failing checks`
 * (expected and got), so importers keyed on the first columns read every file alike.
 */
export function csvReport(grades: readonly SubmissionGrade[], columns: readonly GradeColumn[]): string {
  const max = columns.reduce((n, c) => n + c.maxScore, 0);
  const withLate = grades.some((g) => g.late !== undefined);
  const withDeductions = grades.some((g) => deductionsCell(g) !== '');
  const withFailing = grades.some((g) => failingChecksCell(g) !== '');
  const header = ['Name', 'ID', 'File', 'Status', ...columns.map(columnHeading), `Total [${Math.round(max * 100) / 100}]`, ...(withLate ? ['Late'] : []), ...(withDeductions ? ['Deductions'] : []), ...(withFailing ? ['Failing checks'] : [])];
  const rows = grades.map((g) => {
    const byId = new Map(g.parts.map((p) => [`${p.kind}:${p.id}`, p.score]));
    // A corrupt file scores 0 everywhere, so the gradebook still has the learner's row.
    return [
      g.learner.name,
      g.learner.id,
      g.file,
      g.status,
      ...columns.map((c) => byId.get(`${c.kind}:${c.id}`) ?? 0),
      g.score,
      ...(withLate ? [g.late?.note ?? ''] : []),
      ...(withDeductions ? [deductionsCell(g)] : []),
      ...(withFailing ? [failingChecksCell(g)] : []),
    ];
  });
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
