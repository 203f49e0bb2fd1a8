/**
 * Partial credit: a task's check adds weighted criteria; the verdict's score is the weight that
 * passed over the total, and its message lists every failure (or what was verified, on success).
 */
import type { Mismatch, Verdict } from './types.ts';

/** Thrown inside a check when nothing further can be judged (e.g. the function does not exist). */
export class CheckFailure extends Error {
  constructor(
    message: string,
    /** What was expected and what was found instead, when the failure compares a value. */
    readonly mismatch?: Mismatch,
  ) {
    super(message);
    this.name = 'CheckFailure';
  }
}

interface Criterion {
  weight: number;
  passed: boolean;
  message: string;
  mismatch?: Mismatch | undefined;
}

export class Criteria {
  readonly #criteria: Criterion[] = [];

  /** `message` says what was found: on success what is right, on failure what was expected instead ('' when another criterion's message already says it). */
  add(weight: number, passed: boolean, message: string, mismatch?: Mismatch): boolean {
    this.#criteria.push({ weight, passed, message, mismatch });
    return passed;
  }

  verdict(): Verdict {
    const total = this.#criteria.reduce((sum, c) => sum + c.weight, 0);
    const earned = this.#criteria.filter((c) => c.passed).reduce((sum, c) => sum + c.weight, 0);
    const failures = this.#criteria.filter((c) => !c.passed && c.message !== '').map((c) => c.message);
    const score = total === 0 ? 0 : earned / total;
    const message = failures.length > 0 ? failures.join(' ') : this.#criteria.map((c) => c.message).join(' ');
    const mismatches = this.#criteria.flatMap((c) => (!c.passed && c.mismatch !== undefined ? [c.mismatch] : []));
    return { score, message, ...(mismatches.length > 0 ? { mismatches } : {}) };
  }
}

export function pass(message: string): Verdict {
  return { score: 1, message };
}

export function fail(message: string, mismatch?: Mismatch): Verdict {
  return { score: 0, message, ...(mismatch ? { mismatches: [mismatch] } : {}) };
}
