/** What grading a submission produces: plain data every report format (table, CSV, Gradescope, JUnit) reads. */

export interface LearnerIdentity {
  name: string;
  id: string;
}

/** What a failing check expected and what it found. */
export interface Mismatch {
  expected: string;
  got: string;
}

/** Points taken off what the work earned, by the lab's policy (late-policy.ts), each saying why. */
export interface Deduction {
  kind: 'late' | 'hints';
  points: number;
  reason: string;
}

/** One graded unit: an exercise task or a quiz question. */
export interface GradedTest {
  /** `hello-lambda/test-invoke` or `quiz:layers/layer-order`. */
  key: string;
  name: string;
  /** After deductions (hint costs); `checkScore` is what the check gave. */
  score: number;
  maxScore: number;
  status: 'passed' | 'partial' | 'failed';
  /** What the learner reads: the check's message or the question's feedback. */
  output: string;
  /** For a failing check: each value it expected and what it found. */
  mismatches?: Mismatch[];
  /** The highest hint level the learner opened for this task (exercise tasks only). */
  hintsOpened?: number;
  /** What the check earned before any deduction; present only when a deduction applied. */
  checkScore?: number;
  deductions?: Deduction[];
  /** From the instructor's bank: graded and counted, details kept from learner-facing reports. */
  hidden: boolean;
  /** The task's check ran out of time (partial credit kept for the other tasks). */
  timedOut: boolean;
}

export interface GradedPart {
  kind: 'exercise' | 'quiz';
  /** Exercise slug or quiz bank id. */
  id: string;
  title: string;
  /** After every deduction: its tests' scores, less the late penalty. */
  score: number;
  maxScore: number;
  /** Taken off the part as a whole (the late penalty); tests carry their own. */
  deductions?: Deduction[];
  /** What the file said it scored, when it said so; never used for the grade. */
  claimed?: { score: number; maxScore: number };
  tests: GradedTest[];
  /** For the instructor: what in the file was not trusted, or could not be used. */
  notes: string[];
}

export interface SubmissionGrade {
  /** The file as named on the command line. */
  file: string;
  learner: LearnerIdentity;
  /** `corrupt`: the file could not be read as a workbook. `error`: the grader itself failed on it. */
  status: 'graded' | 'corrupt' | 'error';
  problem?: string;
  /** When the workbook was exported (the file's `exportedAt`), or, in older files, the newest date it records. */
  submittedAt?: string;
  /** Where `submittedAt` came from: the export stamp, or a guess from the newest date in the file. */
  submittedAtSource?: 'exported' | 'newest-date';
  /** The late policy's verdict, once applied: days late, and whether the penalty was left to another system. */
  late?: { daysLate: number; percent: number; applied: boolean; note: string };
  parts: GradedPart[];
  score: number;
  maxScore: number;
  /** Milliseconds spent, for the bench only; reports never print it, so they stay identical run to run. */
  timing?: { totalMs: number; sandboxStartMs: number };
}

/** The columns of every report, in order: every exercise, then every quiz. */
export interface GradeColumn {
  kind: 'exercise' | 'quiz';
  id: string;
  title: string;
  maxScore: number;
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;

export function statusOf(score: number, maxScore: number): GradedTest['status'] {
  return score >= maxScore ? 'passed' : score > 0 ? 'partial' : 'failed';
}
