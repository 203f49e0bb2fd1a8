/** The class gradebook as CSV (RFC 4180): one row per learner, one column per exercise and quiz, then the total. */
import type { GradeColumn, SubmissionGrade } from '../results.ts';

/** Quotes a field when it holds a comma, quote or line break, doubling inner quotes. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function columnHeading(column: GradeColumn): string {
  return `${column.kind === 'exercise' ? 'Exercise' : 'Quiz'}: ${column.title} [${column.maxScore}]`;
}

export function csvReport(grades: readonly SubmissionGrade[], columns: readonly GradeColumn[]): string {
  const max = columns.reduce((n, c) => n + c.maxScore, 0);
  const header = ['Name', 'ID', 'File', 'Status', ...columns.map(columnHeading), `Total [${Math.round(max * 100) / 100}]`];
  const rows = grades.map((g) => {
    const byId = new Map(g.parts.map((p) => [`${p.kind}:${p.id}`, p.score]));
    // A corrupt file scores 0 everywhere, so the gradebook still has the learner's row.
    return [g.learner.name, g.learner.id, g.file, g.status, ...columns.map((c) => byId.get(`${c.kind}:${c.id}`) ?? 0), g.score];
  });
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
