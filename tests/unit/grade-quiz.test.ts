import { describe, expect, it } from 'vitest';
import { gradeQuiz, gradeSavedQuizzes, canonicalJson } from '../../src/grading/quiz.ts';
import { type Question, type QuizBank, quizBankSchema } from '../../src/quizzes/schema.ts';

const numberQuestion = {
      id: 'number',
      kind: 'number',
      prompt: 'Fifteen minutes',
      units: [
        { unit: 'seconds', factor: 1 },
        { unit: 'minutes', factor: 60 },
      ],
      answer: 900,
      explanation: 'Fifteen minutes.',
    } satisfies Question;

const outputQuestion = {
      id: 'output',
      kind: 'output',
      prompt: 'What does it return?',
      code: 'export const handler = async () => ({ a: 1, b: [2] });',
      event: '{}',
      ask: 'response',
      accepted: ['{"a":1,"b":[2]}'],
      explanation: 'An object.',
    } satisfies Question;

const bank = {
  id: 'sample',
  title: 'Sample',
  questions: [
    {
      id: 'single',
      kind: 'single',
      prompt: 'Pick b',
      options: [
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
      ],
      answer: 'b',
      explanation: 'B it is.',
    },
    {
      id: 'multiple',
      kind: 'multiple',
      points: 2,
      prompt: 'Pick a and c',
      options: [
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
        { id: 'c', text: 'C' },
        { id: 'd', text: 'D' },
      ],
      answers: ['a', 'c'],
      explanation: 'A and C.',
    },
    numberQuestion,
    {
      id: 'ordering',
      kind: 'ordering',
      prompt: 'Order',
      items: [
        { id: 'c', text: 'C' },
        { id: 'a', text: 'A' },
        { id: 'b', text: 'B' },
        { id: 'd', text: 'D' },
      ],
      answer: ['a', 'b', 'c', 'd'],
      explanation: 'Alphabetical.',
    },
    outputQuestion,
    {
      id: 'log',
      kind: 'output',
      prompt: 'What does it log?',
      code: "export const handler = async () => { console.log('hi there'); };",
      event: '{}',
      ask: 'log',
      accepted: ['hi there'],
      explanation: 'A greeting.',
    },
  ],
} satisfies QuizBank;

const grade = (id: string, answer: unknown) =>
  gradeQuiz(bank, { [id]: answer as never }).perQuestion.find((g) => g.id === id)!;

describe('gradeQuiz', () => {
  it('the sample bank is valid', () => {
    expect(quizBankSchema.safeParse(bank).success).toBe(true);
  });

  it('adds up points and reports every question, answered or not', () => {
    const result = gradeQuiz(bank, { single: 'b', multiple: ['a'] });
    expect(result.maxScore).toBe(7);
    expect(result.score).toBe(2);
    expect(result.perQuestion.map((g) => g.id)).toEqual(bank.questions.map((q) => q.id));
    expect(result.perQuestion[2]).toEqual({ id: 'number', correct: false, points: 0, maxPoints: 1, feedback: 'Not answered. Fifteen minutes.' });
  });

  describe('single choice', () => {
    it('right', () => expect(grade('single', 'b')).toMatchObject({ correct: true, points: 1, feedback: 'Right. B it is.' }));
    it('wrong', () => expect(grade('single', 'a')).toMatchObject({ correct: false, points: 0, feedback: 'Not quite. B it is.' }));
    it('a malformed answer counts as unanswered', () => expect(grade('single', ['b'])).toMatchObject({ correct: false, points: 0, feedback: 'Not answered. B it is.' }));
  });

  describe('multiple choice', () => {
    it('right', () => expect(grade('multiple', ['c', 'a'])).toMatchObject({ correct: true, points: 2 }));
    it('partial: one of two right options', () =>
      expect(grade('multiple', ['a'])).toMatchObject({ correct: false, points: 1, feedback: 'Partly right: 1 of 2 right options chosen. A and C.' }));
    it('a wrong pick cancels a right one', () => expect(grade('multiple', ['a', 'b'])).toMatchObject({ correct: false, points: 0 }));
    it('partial with a wrong pick still counts the surplus', () =>
      expect(grade('multiple', ['a', 'c', 'b'])).toMatchObject({ correct: false, points: 1, feedback: 'Partly right: 2 of 2 right options chosen, 1 wrong. A and C.' }));
    it('wrong', () => expect(grade('multiple', ['b', 'd'])).toMatchObject({ correct: false, points: 0, feedback: 'Not quite. A and C.' }));
  });

  describe('number with a unit', () => {
    it('right in the base unit', () => expect(grade('number', { value: 900, unit: 'seconds' }).correct).toBe(true));
    it('right in another unit', () => expect(grade('number', { value: 15, unit: 'minutes' }).correct).toBe(true));
    it('wrong value', () => expect(grade('number', { value: 900, unit: 'minutes' }).correct).toBe(false));
    it('a unit the question does not take', () =>
      expect(grade('number', { value: 0.25, unit: 'hours' })).toMatchObject({ correct: false, feedback: 'Not quite: hours is not a unit this question takes. Fifteen minutes.' }));
    it('not a number', () => expect(grade('number', { value: Number.NaN, unit: 'seconds' }).feedback).toMatch(/^Not answered/));
    it('tolerance is honoured', () => {
      const tolerant = { ...bank, questions: [{ ...numberQuestion, tolerance: 5 }] } satisfies QuizBank;
      expect(gradeQuiz(tolerant, { number: { value: 904, unit: 'seconds' } }).score).toBe(1);
      expect(gradeQuiz(tolerant, { number: { value: 906, unit: 'seconds' } }).score).toBe(0);
    });
  });

  describe('ordering', () => {
    it('right', () => expect(grade('ordering', ['a', 'b', 'c', 'd'])).toMatchObject({ correct: true, points: 1 }));
    it('partial: credit per item in its place', () =>
      expect(grade('ordering', ['a', 'b', 'd', 'c'])).toMatchObject({ correct: false, points: 0.5, feedback: 'Partly right: 2 of 4 in the right place. Alphabetical.' }));
    it('wrong', () => expect(grade('ordering', ['d', 'c', 'b', 'a'])).toMatchObject({ correct: false, points: 0 }));
    it('a position no item took gets no credit', () =>
      expect(grade('ordering', ['a', '', 'c', 'd'])).toMatchObject({ points: 0, feedback: 'Not quite: give every item its own position. Alphabetical.' }));
    it('repeated items get no credit', () =>
      expect(grade('ordering', ['a', 'a', 'c', 'd'])).toMatchObject({ points: 0, feedback: 'Not quite: give every item its own position. Alphabetical.' }));
  });

  describe('what a handler returns or logs', () => {
    it('right, whatever the spacing and key order', () => expect(grade('output', '{ "b": [2], "a": 1 }').correct).toBe(true));
    it('wrong value', () => expect(grade('output', '{"a":1,"b":[3]}').correct).toBe(false));
    it('not JSON', () => expect(grade('output', 'a is 1').feedback).toMatch(/^Not quite: the answer is not JSON/));
    it('a string result must be quoted JSON', () => {
      const q = { ...bank, questions: [{ ...outputQuestion, accepted: ['"ok"'] }] } satisfies QuizBank;
      expect(gradeQuiz(q, { output: '"ok"' }).score).toBe(1);
      expect(gradeQuiz(q, { output: 'ok' }).score).toBe(0);
    });
    it('log text right after trimming', () => expect(grade('log', '  hi there\n').correct).toBe(true));
    it('log text wrong', () => expect(grade('log', 'hi').correct).toBe(false));
    it('empty counts as unanswered', () => expect(grade('log', '   ').feedback).toMatch(/^Not answered/));
  });

  it('ignores answers to questions the bank does not have, and inherited keys', () => {
    const answers = Object.create({ single: 'b' }) as Record<string, string>;
    answers['nope'] = 'x';
    expect(gradeQuiz(bank, answers).score).toBe(0);
  });

  it('canonicalJson sorts keys at every depth', () => {
    expect(canonicalJson('{"b":{"d":1,"c":2},"a":[{"z":1,"y":2}]}')).toBe('{"a":[{"y":2,"z":1}],"b":{"c":2,"d":1}}');
    expect(canonicalJson('nope')).toBeUndefined();
  });
});

describe('gradeSavedQuizzes', () => {
  it('regrades saved answers and ignores the score stored beside them', () => {
    const saved = {
      sample: { answers: { single: 'a', multiple: ['a', 'c'] }, score: 99, maxScore: 7, updatedAt: '2026-11-22T10:00:00.000Z' },
    };
    const [grade] = gradeSavedQuizzes([bank], saved);
    expect(grade).toMatchObject({ bankId: 'sample', score: 2, maxScore: 7, updatedAt: '2026-11-22T10:00:00.000Z' });
  });

  it('grades a bank never attempted as zero, with every question unanswered', () => {
    const [grade] = gradeSavedQuizzes([bank], {});
    expect(grade!.score).toBe(0);
    expect(grade!.updatedAt).toBeUndefined();
    expect(grade!.perQuestion.every((g) => g.feedback.startsWith('Not answered.'))).toBe(true);
  });
});
