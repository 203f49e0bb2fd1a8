/** Reading the learner's answers leniently: spacing, case and a trailing `)` or `.` do not matter. */
import { show } from './lambda-reads.ts';
import type { CheckContext, Mismatch } from './types.ts';
import type { Criteria } from './verdict.ts';

export function answer(ctx: CheckContext, id: string): string | undefined {
  const value = ctx.answers[id]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** The letter of a multiple-choice answer: `b`, `B`, `b)`, `(b)` and `b. The qualified...` all give `b`. */
export function choice(ctx: CheckContext, id: string): string | undefined {
  const value = answer(ctx, id);
  const match = value?.match(/^\(?([a-z])(?:[).:\s]|$)/i);
  return match?.[1]?.toLowerCase();
}

export function missingAnswer(id: string): string {
  return `No answer was given for "${id}": answer the question in the exercise to get this point.`;
}

/** The expected/got of an unanswered question. */
export function noAnswer(id: string): Mismatch {
  return { expected: `an answer to "${id}"`, got: 'no answer' };
}

/**
 * Scores an answer that names an IAM action (`lambda:InvokeFunction`), quotes and case aside:
 * `right` says what a right answer shows, `wrong` what was expected ("Expected the action ...").
 */
export function addActionAnswer(c: Criteria, ctx: CheckContext, id: string, accepted: readonly string[], right: (given: string) => string, wrong: string, expected: string): void {
  const given = answer(ctx, id);
  if (given === undefined) {
    c.add(1, false, missingAnswer(id), noAnswer(id));
    return;
  }
  const ok = accepted.some((a) => a.toLowerCase() === given.replace(/^["'`]|["'`]$/g, '').toLowerCase());
  c.add(1, ok, ok ? right(given) : `${wrong}, got ${show(given)}.`, { expected, got: show(given) });
}
