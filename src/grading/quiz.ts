/**
 * Grades a quiz: pure data in, pure data out, so the lesson page and the command-line grader
 * give the same score. Answers may come from a hand-edited progress file: any shape is accepted
 * and a wrong shape counts as unanswered.
 */
import type { Question, QuizBank } from '../quizzes/schema.ts';
import type { QuizAnswer } from '../progress/schema.ts';

export interface QuestionGrade {
  id: string;
  /** True only for a fully right answer. */
  correct: boolean;
  /** Points earned; partial credit for multiple choice and ordering. */
  points: number;
  maxPoints: number;
  /** What to show the learner: the verdict, then the question's explanation. */
  feedback: string;
}

export interface QuizGrade {
  score: number;
  maxScore: number;
  perQuestion: QuestionGrade[];
}

export type QuizAnswers = Readonly<Record<string, QuizAnswer | undefined>>;

interface Verdict {
  /** Fraction of the points earned, 0 to 1. */
  fraction: number;
  /** Said before the explanation. */
  verdict: string;
}

const UNANSWERED: Verdict = { fraction: 0, verdict: 'Not answered.' };

/** What a question is worth: its points, 1 by default. */
export function questionPoints(q: QuizBank['questions'][number]): number {
  return q.points ?? 1;
}

/** The most a bank can score. */
export function maxScore(bank: QuizBank): number {
  return bank.questions.reduce((sum, q) => sum + questionPoints(q), 0);
}

export function gradeQuiz(bank: QuizBank, answers: QuizAnswers): QuizGrade {
  const perQuestion = bank.questions.map((q) => {
    const maxPoints = questionPoints(q);
    const answer = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    const { fraction, verdict } = answer === undefined ? UNANSWERED : gradeQuestion(q, answer);
    return {
      id: q.id,
      correct: fraction === 1,
      points: round(maxPoints * fraction),
      maxPoints,
      feedback: `${verdict} ${q.explanation}`,
    };
  });
  return {
    score: round(perQuestion.reduce((sum, g) => sum + g.points, 0)),
    maxScore: perQuestion.reduce((sum, g) => sum + g.maxPoints, 0),
    perQuestion,
  };
}

export function gradeQuestion(q: Question, answer: unknown): Verdict {
  switch (q.kind) {
    case 'single':
      if (typeof answer !== 'string' || answer === '') return UNANSWERED;
      return answer === q.answer ? right() : wrong();
    case 'multiple': {
      if (!isStringArray(answer) || answer.length === 0) return UNANSWERED;
      const picked = new Set(answer);
      const hits = q.answers.filter((a) => picked.has(a)).length;
      const misses = [...picked].filter((a) => !q.answers.includes(a)).length;
      if (hits === q.answers.length && misses === 0) return right();
      const fraction = Math.max(0, hits - misses) / q.answers.length;
      return fraction > 0
        ? { fraction, verdict: `Partly right: ${hits} of ${q.answers.length} right options chosen${misses ? `, ${misses} wrong` : ''}.` }
        : wrong();
    }
    case 'number': {
      if (!isNumberAnswer(answer)) return UNANSWERED;
      const unit = q.units.find((u) => u.unit === answer.unit);
      if (!unit) return { fraction: 0, verdict: `Not quite: ${answer.unit} is not a unit this question takes.` };
      const tolerance = q.tolerance ?? 0;
      // Compare in the base unit with a relative epsilon so 15 minutes equals 900 seconds exactly.
      const distance = Math.abs(answer.value * unit.factor - q.answer);
      return distance <= tolerance + Math.abs(q.answer) * 1e-9 ? right() : wrong();
    }
    case 'ordering': {
      if (!isStringArray(answer) || answer.length === 0) return UNANSWERED;
      // The form sends '' for a position no item took, so gaps and repeats both land here.
      if (answer.length !== q.answer.length || new Set(answer).size !== answer.length || !answer.every((id) => q.answer.includes(id))) {
        return { fraction: 0, verdict: 'Not quite: give every item its own position.' };
      }
      const inPlace = q.answer.filter((id, i) => answer[i] === id).length;
      if (inPlace === q.answer.length) return right();
      return inPlace > 0
        ? { fraction: inPlace / q.answer.length, verdict: `Partly right: ${inPlace} of ${q.answer.length} in the right place.` }
        : wrong();
    }
    case 'output': {
      if (typeof answer !== 'string' || answer.trim() === '') return UNANSWERED;
      if (q.ask === 'log') return q.accepted.some((a) => a.trim() === answer.trim()) ? right() : wrong();
      const given = canonicalJson(answer);
      if (given === undefined) return { fraction: 0, verdict: 'Not quite: the answer is not JSON. A handler’s result comes back as JSON text.' };
      return q.accepted.some((a) => canonicalJson(a) === given) ? right() : wrong();
    }
  }
}

const right = (): Verdict => ({ fraction: 1, verdict: 'Right.' });
const wrong = (): Verdict => ({ fraction: 0, verdict: 'Not quite.' });

function isStringArray(x: unknown): x is string[] {
  return Array.isArray(x) && x.every((v) => typeof v === 'string');
}

function isNumberAnswer(x: unknown): x is { value: number; unit: string } {
  if (typeof x !== 'object' || x === null) return false;
  const { value, unit } = x as { value?: unknown; unit?: unknown };
  return typeof value === 'number' && Number.isFinite(value) && typeof unit === 'string';
}

/** JSON text to one spelling (sorted keys, no spaces), or undefined when it is not JSON. */
export function canonicalJson(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** One bank's grade, recomputed from saved answers. */
export interface SavedQuizGrade extends QuizGrade {
  bankId: string;
  /** When the learner last checked this quiz, if ever. */
  updatedAt?: string;
}

/**
 * Regrades every bank from the answers saved in a progress file. The score stored next to the
 * answers is never trusted: a hand-edited file gets the grade its answers earn.
 */
export function gradeSavedQuizzes(
  banks: readonly QuizBank[],
  saved: Readonly<Record<string, { answers: QuizAnswers; updatedAt?: string } | undefined>>,
): SavedQuizGrade[] {
  return banks.map((bank) => {
    const entry = Object.hasOwn(saved, bank.id) ? saved[bank.id] : undefined;
    return { bankId: bank.id, updatedAt: entry?.updatedAt, ...gradeQuiz(bank, entry?.answers ?? {}) };
  });
}
