/**
 * Grades one exported workbook: every exercise re-checked from the learner's restored account,
 * every quiz re-graded from the question banks. Scores the file claims are read only to flag a
 * difference; the grade is always what the work earns.
 */
import { exercises } from '../../exercises/index.ts';
import { parseProgress, type Progress } from '../progress/index.ts';
import { accountSchema } from '../progress/account.ts';
import type { QuizBank } from '../quizzes/schema.ts';
import { gradeExercise, ungradable, type ExerciseGradingOptions } from './grade-exercise.ts';
import { publicBanks, type GradingBanks } from './instructor-bank.ts';
import { gradeSavedQuizzes, type SavedQuizGrade } from './quiz.ts';
import { round2, statusOf, type GradeColumn, type GradedPart, type LearnerIdentity, type SubmissionGrade } from './results.ts';

export interface SubmissionGradingOptions extends Omit<ExerciseGradingOptions, 'hidden'> {
  banks?: GradingBanks;
}

/** The report columns: every exercise, then every quiz, whatever a submission holds. */
export function gradeColumns(banks: GradingBanks = publicBanks()): GradeColumn[] {
  return [
    ...exercises.map((e) => ({ kind: 'exercise' as const, id: e.meta.slug, title: e.meta.title, maxScore: round2(e.meta.tasks.reduce((n, t) => n + t.points, 0)) })),
    ...banks.banks.map((b) => ({ kind: 'quiz' as const, id: b.id, title: b.title, maxScore: b.questions.reduce((n, q) => n + (q.points ?? 1), 0) })),
  ];
}

function fileLearner(file: string): LearnerIdentity {
  const base = file.split(/[\\/]/).pop() ?? file;
  return { name: base.replace(/\.json$/i, ''), id: '' };
}

function gradeQuizPart(bank: QuizBank, grade: SavedQuizGrade, progress: Progress, hidden: ReadonlySet<string>): GradedPart {
  const saved = Object.hasOwn(progress.quizzes, bank.id) ? progress.quizzes[bank.id] : undefined;
  return {
    kind: 'quiz',
    id: bank.id,
    title: bank.title,
    score: grade.score,
    maxScore: grade.maxScore,
    ...(saved !== undefined ? { claimed: { score: saved.score, maxScore: saved.maxScore } } : {}),
    tests: grade.perQuestion.map((q, i) => ({
      key: `quiz:${bank.id}/${q.id}`,
      name: `Quiz ${bank.title}: question ${i + 1} (${q.id})`,
      score: q.points,
      maxScore: q.maxPoints,
      status: statusOf(q.points, q.maxPoints),
      output: q.feedback,
      hidden: hidden.has(`quiz:${bank.id}/${q.id}`),
      timedOut: false,
    })),
    notes: [],
  };
}

function claimNote(part: GradedPart): string | undefined {
  const c = part.claimed;
  // Only a claim above the earned grade matters: it is what a tampered file would show.
  if (c === undefined || c.score <= part.score) return undefined;
  return `The file claims ${c.score}/${c.maxScore} for ${part.title}; the work earns ${part.score}/${part.maxScore}.`;
}

/** A file that cannot be read as a workbook: reported with its reason, scored 0 out of everything. */
export function corruptSubmission(file: string, problem: string, banks: GradingBanks = publicBanks()): SubmissionGrade {
  return { file, learner: fileLearner(file), status: 'corrupt', problem, parts: [], score: 0, maxScore: total(gradeColumns(banks)) };
}

/** Grades the text of one submission file. A file that is not a workbook comes back `corrupt`, never thrown. */
export async function gradeSubmission(file: string, text: string, options: SubmissionGradingOptions): Promise<SubmissionGrade> {
  const banks = options.banks ?? publicBanks();
  const parsed = parseProgress(text);
  if (!parsed.ok) return corruptSubmission(file, parsed.problem, banks);
  const progress = parsed.progress;
  const learner = progress.learner !== undefined && progress.learner.name.trim() !== '' ? { name: progress.learner.name.trim(), id: progress.learner.id.trim() } : fileLearner(file);
  const parts: GradedPart[] = [];
  const account = accountSchema.safeParse(progress.account ?? {});
  for (const exercise of exercises) {
    const slug = exercise.meta.slug;
    const gradingOptions = { ...options, hidden: banks.hidden };
    if (!account.success) {
      const issue = account.error.issues[0]!;
      const why = `the field "${['account', ...issue.path.map(String)].join('.')}" is not valid: ${issue.message}`;
      parts.push(ungradable(exercise, `The AWS account saved in the file cannot be restored: ${why}.`, gradingOptions));
      continue;
    }
    // A file saved before one account per workbook: each exercise is graded on the account its page
    // kept, as it was then; merging them could rename the function a check looks for.
    const own = account.data.unmerged?.[slug]?.emulator;
    const part = await gradeExercise(exercise, progress.exercises[slug], gradingOptions, own ?? account.data.emulator);
    if (own !== undefined) part.notes.unshift(`Graded on the account this exercise's page kept: the file is from before one account per workbook.`);
    parts.push(part);
  }
  // The score saved beside the answers is read only to flag a claim; the grade comes from the answers.
  const quizGrades = gradeSavedQuizzes(banks.banks, progress.quizzes);
  banks.banks.forEach((bank, i) => parts.push(gradeQuizPart(bank, quizGrades[i]!, progress, banks.hidden)));
  for (const part of parts) {
    const note = claimNote(part);
    if (note !== undefined) part.notes.push(note);
  }
  const submitted = submissionTime(progress);
  return {
    file,
    learner,
    status: 'graded',
    ...(submitted !== undefined ? { submittedAt: submitted.at, submittedAtSource: submitted.source } : {}),
    parts,
    score: round2(parts.reduce((n, p) => n + p.score, 0)),
    maxScore: round2(parts.reduce((n, p) => n + p.maxScore, 0)),
  };
}

/**
 * When the work was handed in: the export stamp, or in files exported before it was written, the
 * newest date the file records (a quiz submitted, a lesson read, a workspace saved), which is no
 * later than the export.
 */
export function submissionTime(progress: Progress): { at: string; source: 'exported' | 'newest-date' } | undefined {
  if (progress.exportedAt !== undefined && Number.isFinite(Date.parse(progress.exportedAt))) return { at: new Date(progress.exportedAt).toISOString(), source: 'exported' };
  const dates = [
    ...Object.values(progress.quizzes).map((q) => q.updatedAt),
    ...Object.values(progress.lessonsRead),
    ...Object.values(progress.exercises).map((w) => (typeof w === 'object' && w !== null ? (w as { updatedAt?: unknown }).updatedAt : undefined)),
  ]
    .map((d) => (typeof d === 'string' ? Date.parse(d) : Number.NaN))
    .filter(Number.isFinite);
  if (dates.length === 0) return undefined;
  return { at: new Date(Math.max(...dates)).toISOString(), source: 'newest-date' };
}

function total(columns: GradeColumn[]): number {
  return round2(columns.reduce((n, c) => n + c.maxScore, 0));
}
