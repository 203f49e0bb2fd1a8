/** The terminal reports: a summary per learner (what failed and why) and the class table. */
import type { GradeColumn, SubmissionGrade } from '../results.ts';
import { deductionLines, mismatchLines } from './feedback.ts';

function pad(cells: string[][]): string[] {
  const widths = cells[0]!.map((_, col) => Math.max(...cells.map((row) => (row[col] ?? '').length)));
  return cells.map((row) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ').trimEnd());
}

function who(grade: SubmissionGrade): string {
  return grade.learner.id ? `${grade.learner.name} (${grade.learner.id})` : grade.learner.name;
}

export function learnerSummary(grade: SubmissionGrade): string {
  const head = `${who(grade)}, ${grade.file}`;
  if (grade.status !== 'graded') return `${head}: ${grade.status === 'corrupt' ? 'NOT GRADED, the file is not a workbook export' : 'GRADER FAILURE'}: ${grade.problem ?? ''}`;
  const lines = [`${head}: ${grade.score}/${grade.maxScore}`];
  if (grade.late !== undefined) lines.push(`  late: ${grade.late.note}`);
  for (const part of grade.parts) {
    lines.push(`  ${part.kind === 'exercise' ? 'Exercise' : 'Quiz'} ${part.title}: ${part.score}/${part.maxScore}`);
    for (const line of deductionLines(part)) lines.push(`    deducted: ${line}`);
    for (const t of part.tests) {
      // Quiz questions right in full are not worth a line each; tasks always are.
      if (part.kind === 'quiz' && t.status === 'passed') continue;
      lines.push(`    ${t.status === 'passed' ? 'passed' : t.timedOut ? 'timed out' : t.status}  ${t.score}/${t.maxScore}  ${t.name}${t.hidden ? ' [hidden]' : ''}`);
      if (t.status !== 'passed') lines.push(`      ${t.output}`);
      for (const line of mismatchLines(t)) lines.push(`        ${line}`);
      for (const line of deductionLines(t)) lines.push(`      deducted: ${line}`);
    }
    for (const note of part.notes) lines.push(`    note: ${note}`);
  }
  return lines.join('\n');
}

export function classTable(grades: readonly SubmissionGrade[], columns: readonly GradeColumn[]): string {
  const exercises = columns.filter((c) => c.kind === 'exercise');
  const hasQuizzes = columns.some((c) => c.kind === 'quiz');
  const quizMax = columns.filter((c) => c.kind === 'quiz').reduce((n, c) => n + c.maxScore, 0);
  const max = Math.round(columns.reduce((n, c) => n + c.maxScore, 0) * 100) / 100;
  const header = ['Learner', 'ID', ...exercises.map((c) => `${c.id} /${c.maxScore}`), ...(hasQuizzes ? [`quizzes /${quizMax}`] : []), `total /${max}`, 'status'];
  const rows = grades.map((g) => {
    const score = (kind: string, id: string): number => g.parts.find((p) => p.kind === kind && p.id === id)?.score ?? 0;
    const quizzes = Math.round(g.parts.filter((p) => p.kind === 'quiz').reduce((n, p) => n + p.score, 0) * 100) / 100;
    return [g.learner.name, g.learner.id, ...exercises.map((c) => String(score('exercise', c.id))), ...(hasQuizzes ? [String(quizzes)] : []), String(g.score), g.status];
  });
  const graded = grades.filter((g) => g.status === 'graded');
  const mean = graded.length === 0 ? 0 : Math.round((graded.reduce((n, g) => n + g.score, 0) / graded.length) * 100) / 100;
  const unreadable = grades.length - graded.length;
  return [...pad([header, ...rows]), '', `${grades.length} submission(s): ${graded.length} graded, mean ${mean}/${max}${unreadable > 0 ? `; ${unreadable} not graded (see above)` : ''}.`].join('\n');
}
