/**
 * The grader's JSON: every submission as graded, with each test's feedback, expected/got, hint
 * levels and deductions. What `npm run grade -- --compare previous.json` reads back, and what the
 * instructor's view opens. Timings are left out so two runs on the same work write the same file.
 */
import type { SubmissionGrade } from '../results.ts';

export const GRADES_FORMAT = 'lambda-workbook-grades';
export const GRADES_VERSION = 1;

export interface GradesFile {
  format: typeof GRADES_FORMAT;
  version: typeof GRADES_VERSION;
  grades: SubmissionGrade[];
}

export function jsonReport(grades: readonly SubmissionGrade[]): string {
  const file: GradesFile = { format: GRADES_FORMAT, version: GRADES_VERSION, grades: grades.map(({ timing: _timing, ...g }) => g) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a file `--format json` wrote; anything else is refused with what is wrong and where. */
export function readJsonReport(text: string, where: string): SubmissionGrade[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${where} is not JSON (${(err as Error).message}).`);
  }
  if (!isObject(data) || data.format !== GRADES_FORMAT) throw new Error(`${where} is not the grader's JSON: write it with npm run grade -- --format json --out ${where}.`);
  if (data.version !== GRADES_VERSION) throw new Error(`${where} is version ${JSON.stringify(data.version)} of the grader's JSON; this grader reads version ${GRADES_VERSION}.`);
  if (!Array.isArray(data.grades)) throw new Error(`${where}: "grades" is not a list.`);
  data.grades.forEach((g: unknown, i: number) => {
    const ok =
      isObject(g) &&
      typeof g.file === 'string' &&
      isObject(g.learner) &&
      typeof g.learner.name === 'string' &&
      typeof g.learner.id === 'string' &&
      typeof g.score === 'number' &&
      Array.isArray(g.parts) &&
      g.parts.every((p: unknown) => isObject(p) && typeof p.id === 'string' && typeof p.score === 'number' && Array.isArray(p.tests) && p.tests.every((t: unknown) => isObject(t) && typeof t.key === 'string' && typeof t.score === 'number' && typeof t.maxScore === 'number'));
    if (!ok) throw new Error(`${where}: grades[${i}] is not a graded submission (file, learner, score, parts with tests).`);
  });
  return data.grades as SubmissionGrade[];
}
