/** What grading a submission produces: plain data every report format (table, CSV, Gradescope, JUnit) reads. */

export interface LearnerIdentity {
  name: string;
  id: string;
}

/** One graded unit: an exercise task or a quiz question. */
export interface GradedTest {
  /** `hello-lambda/test-invoke` or `quiz:layers/layer-order`. */
  key: string;
  name: string;
  score: number;
  maxScore: number;
  status: 'passed' | 'partial' | 'failed';
  /** What the learner reads: the check's message or the question's feedback. */
  output: string;
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
  score: number;
  maxScore: number;
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
