/**
 * The lab's grading policy, applied to graded submissions after the checks ran: hint costs per
 * task, then the late penalty per exercise. Pure and separate from the checks, so a regrade under
 * another policy never re-runs a learner's code, and every deduction says what it took and why.
 * A deduction never takes more than the work earned: a score never goes below 0.
 */
import { daysLate, describeLatePenalty, latePercent, type HintCosts, type LabMode } from '../lab/config.ts';
import { round2, statusOf, type Deduction, type GradedPart, type GradedTest, type SubmissionGrade } from './results.ts';

export type LabPolicy = Pick<LabMode, 'due' | 'latePenalty' | 'hintCosts'>;

export interface PolicyOptions {
  /** `leave`: lateness is another system's business (Gradescope's own late settings); reported, not deducted. */
  late: 'apply' | 'leave';
}

/** The points opening hints 1..level costs: each level opened adds its own cost. */
export function hintCost(costs: HintCosts, level: number): number {
  return round2(costs.slice(0, Math.max(0, Math.min(level, costs.length))).reduce((n, c) => n + c, 0));
}

function hintDeduction(test: GradedTest, costs: HintCosts | undefined): Deduction | undefined {
  const level = test.hintsOpened ?? 0;
  if (costs === undefined || level === 0) return undefined;
  const cost = hintCost(costs, level);
  const points = round2(Math.min(cost, test.score));
  const which = level === 1 ? 'hint 1' : `hints 1-${level}`;
  const charge = costs.slice(0, level).join(' + ');
  return {
    kind: 'hints',
    points,
    reason: `Opened ${which}: -${points} point${points === 1 ? '' : 's'} (the lab charges ${charge}${points < cost ? `, capped at what the task earned` : ''}).`,
  };
}

function withTestDeductions(test: GradedTest, costs: HintCosts | undefined): GradedTest {
  const deduction = hintDeduction(test, costs);
  if (deduction === undefined) return test;
  const score = round2(test.score - deduction.points);
  return { ...test, checkScore: test.score, score, status: statusOf(score, test.maxScore), deductions: [deduction] };
}

function lateDeduction(part: GradedPart, earned: number, percent: number, days: number): Deduction | undefined {
  if (part.kind !== 'exercise' || percent === 0 || earned === 0) return undefined;
  const penalty = round2((part.maxScore * percent) / 100);
  const points = round2(Math.min(penalty, earned));
  return {
    kind: 'late',
    points,
    reason: `${days} day${days === 1 ? '' : 's'} late: -${percent}% of ${part.maxScore} points = -${points}${points < penalty ? ' (capped at what the exercise earned)' : ''}.`,
  };
}

function lateNote(grade: SubmissionGrade, policy: LabPolicy, days: number, percent: number, options: PolicyOptions): string {
  const at = grade.submittedAtSource === 'newest-date' ? `no export time in the file, its newest date ${grade.submittedAt}` : `exported ${grade.submittedAt}`;
  const when = `${at}, due ${new Date(policy.due!).toISOString()}`;
  const rule = describeLatePenalty(policy.latePenalty!);
  if (options.late === 'leave') return `Late policy not applied here: Gradescope's own late-submission settings handle lateness (by the workbook's time: ${days} day${days === 1 ? '' : 's'} late; ${when}).`;
  if (days === 0) return `On time (${when}).`;
  return `${days} day${days === 1 ? '' : 's'} late (${when}): -${percent}% on each exercise (${rule}).`;
}

/** The submission with the lab's hint costs and late penalty applied; unchanged when the lab sets neither. */
export function applyLabPolicy(grade: SubmissionGrade, policy: LabPolicy, options: PolicyOptions): SubmissionGrade {
  if (grade.status !== 'graded') return grade;
  const late = policy.latePenalty !== undefined && policy.due !== undefined ? policy.latePenalty : undefined;
  if (late === undefined && policy.hintCosts === undefined) return grade;
  let lateState: SubmissionGrade['late'];
  let percent = 0;
  let days = 0;
  if (late !== undefined) {
    if (grade.submittedAt === undefined) {
      lateState = { daysLate: 0, percent: 0, applied: false, note: 'No late penalty: the file records no export time and no other date to go by.' };
    } else {
      days = daysLate(policy.due!, grade.submittedAt);
      percent = options.late === 'apply' ? latePercent(late, days) : 0;
      lateState = { daysLate: days, percent, applied: options.late === 'apply', note: lateNote(grade, policy, days, latePercent(late, days), options) };
    }
  }
  const parts = grade.parts.map((part): GradedPart => {
    const tests = part.tests.map((t) => (part.kind === 'exercise' ? withTestDeductions(t, policy.hintCosts) : t));
    const earned = round2(tests.reduce((n, t) => n + t.score, 0));
    const deduction = lateDeduction(part, earned, percent, days);
    const score = round2(earned - (deduction?.points ?? 0));
    return { ...part, tests, score, ...(deduction ? { deductions: [deduction] } : {}) };
  });
  return { ...grade, parts, score: round2(parts.reduce((n, p) => n + p.score, 0)), ...(lateState ? { late: lateState } : {}) };
}

/** Every deduction of a test, as one line for a report: `Opened hints 1-2: -3 points (...).` */
export function deductionText(deductions: readonly Deduction[] | undefined): string {
  return (deductions ?? []).map((d) => d.reason).join(' ');
}
