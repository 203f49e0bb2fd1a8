/** The lines every report adds under a test: what a failing check expected and saw, and what the lab's policy took off. */
import type { GradedPart, GradedTest, SubmissionGrade } from '../results.ts';

/** `Expected: …` / `Got: …`, one pair per value the check compared and found wrong. */
export function mismatchLines(test: GradedTest): string[] {
  if (test.status === 'passed') return [];
  return (test.mismatches ?? []).flatMap((m) => [`Expected: ${m.expected}`, `Got: ${m.got}`]);
}

/** Each deduction's reason, on its own line. */
export function deductionLines(item: Pick<GradedTest | GradedPart, 'deductions'>): string[] {
  return (item.deductions ?? []).map((d) => d.reason);
}

/** A test's whole feedback: the check's message, then expected/got, then deductions. */
export function testFeedback(test: GradedTest): string {
  return [test.output, ...mismatchLines(test), ...deductionLines(test)].join('\n');
}

/** The sentence on lateness, when the lab has a late policy. */
export function lateLine(grade: SubmissionGrade): string | undefined {
  return grade.late?.note;
}
