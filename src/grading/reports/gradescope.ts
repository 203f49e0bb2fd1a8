/**
 * results.json as the Gradescope autograder specification describes it: a total `score`, and one
 * test per exercise task and quiz question with name, score, max_score, status, output and
 * visibility. Hidden tests get the instructor bank's visibility (`after_due_date` by default);
 * notes meant for the instructor go to `extra_data`, which learners never see.
 */
import type { HiddenVisibility } from '../instructor-bank.ts';
import type { SubmissionGrade } from '../results.ts';
import { deductionLines, testFeedback } from './feedback.ts';

export interface GradescopeTest {
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  name: string;
  number: string;
  output: string;
  tags: string[];
  visibility: 'visible' | HiddenVisibility;
}

export interface GradescopeResults {
  score: number;
  output: string;
  visibility: 'visible';
  stdout_visibility: 'hidden';
  tests: GradescopeTest[];
  extra_data: { learner: { name: string; id: string }; file: string; status: SubmissionGrade['status']; notes: string[] };
}

export function gradescopeResults(grade: SubmissionGrade, hiddenVisibility: HiddenVisibility): GradescopeResults {
  const notes = grade.parts.flatMap((p) => p.notes.map((n) => `${p.id}: ${n}`));
  const extra = { learner: grade.learner, file: grade.file, status: grade.status, notes };
  if (grade.status !== 'graded') {
    const what = grade.status === 'corrupt' ? 'Your upload could not be read as an exported workbook' : 'The grader failed on your upload';
    return { score: 0, output: `${what}: ${grade.problem ?? 'no reason given'} Export your progress again from the workbook and upload that file.`, visibility: 'visible', stdout_visibility: 'hidden', tests: [], extra_data: extra };
  }
  const tests: GradescopeTest[] = [];
  grade.parts.forEach((part, p) => {
    part.tests.forEach((t, i) => {
      tests.push({
        score: t.score,
        max_score: t.maxScore,
        status: t.status === 'passed' ? 'passed' : 'failed',
        name: t.name,
        number: `${p + 1}.${i + 1}`,
        output: t.timedOut ? `Timed out. ${testFeedback(t)}` : testFeedback(t),
        tags: [part.kind, part.id],
        visibility: t.hidden ? hiddenVisibility : 'visible',
      });
    });
  });
  const exercises = grade.parts.filter((p) => p.kind === 'exercise');
  const quizzes = grade.parts.filter((p) => p.kind === 'quiz');
  const sum = (parts: typeof exercises, key: 'score' | 'maxScore'): number => Math.round(parts.reduce((n, x) => n + x[key], 0) * 100) / 100;
  return {
    score: grade.score,
    output: [
      `Graded ${grade.learner.name}${grade.learner.id ? ` (${grade.learner.id})` : ''}: exercises ${sum(exercises, 'score')}/${sum(exercises, 'maxScore')}, quizzes ${sum(quizzes, 'score')}/${sum(quizzes, 'maxScore')}. Every exercise was checked again from your exported account, and every quiz re-graded.`,
      ...(grade.late !== undefined ? [grade.late.note] : []),
      ...grade.parts.flatMap((p) => deductionLines(p).map((l) => `${p.title}: ${l}`)),
    ].join('\n'),
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests,
    extra_data: extra,
  };
}
