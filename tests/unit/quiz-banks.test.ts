import { describe, expect, it } from 'vitest';
import { limits } from '../../src/emulator/index.ts';
import { quizBanks } from '../../src/quizzes/index.ts';
import { quizBankSchema, type Question } from '../../src/quizzes/schema.ts';
import { gradeQuiz } from '../../src/grading/quiz.ts';
import { runHandler } from './support/run-handler.ts';

function limitValue(path: string): number {
  let value: unknown = limits;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !(part in value)) throw new Error(`no limit ${path}`);
    value = (value as Record<string, unknown>)[part];
  }
  if (typeof value !== 'number') throw new Error(`limit ${path} is not a number`);
  return value;
}

const questions = quizBanks.flatMap((bank) => bank.questions.map((q) => [`${bank.id}/${q.id}`, q] as const));

describe('question banks', () => {
  it.each(quizBanks.map((b) => [b.id, b] as const))('%s validates against the schema', (_, bank) => {
    const result = quizBankSchema.safeParse(bank);
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(bank.questions.length).toBeGreaterThanOrEqual(5);
  });

  it('use every kind of question somewhere', () => {
    const kinds = new Set(quizBanks.flatMap((b) => b.questions.map((q) => q.kind)));
    expect([...kinds].sort()).toEqual(['multiple', 'number', 'ordering', 'output', 'single']);
  });

  it('a perfect answer sheet scores full marks in every bank', () => {
    for (const bank of quizBanks) {
      const answers = Object.fromEntries(bank.questions.map((q) => [q.id, perfectAnswer(q)]));
      const grade = gradeQuiz(bank, answers);
      expect(grade.score, bank.id).toBe(grade.maxScore);
      expect(grade.perQuestion.every((g) => g.correct)).toBe(true);
    }
  });
});

describe('limit guard: every limit asked in a bank is the limits module value', () => {
  const limitQuestions = questions.filter(([, q]) => q.limit !== undefined);

  it('there are limit questions to guard', () => {
    expect(limitQuestions.length).toBeGreaterThanOrEqual(10);
  });

  it.each(limitQuestions)('%s', (_, q) => {
    const value = limitValue(q.limit!);
    if (q.kind === 'number') expect(q.answer).toBe(value);
    else if (q.kind === 'single') {
      const right = q.options.find((o) => o.id === q.answer)!;
      expect(right.text).toContain(value.toLocaleString('en-US'));
    } else throw new Error(`${q.id}: limit references are checked on number and single questions only`);
  });

  it('every number question in the limits bank names its limit', () => {
    const bank = quizBanks.find((b) => b.id === 'limits')!;
    for (const q of bank.questions) if (q.kind === 'number') expect(q.limit, q.id).toBeDefined();
  });

  it('the stale values from older material are never a right answer', () => {
    const stale = [3008, 256 * 1024, 512 * 1024 * 1024];
    for (const [, q] of questions) if (q.kind === 'number') expect(stale).not.toContain(q.answer);
  });
});

describe('output questions: the accepted answer is what the handler really returns or logs', () => {
  const outputs = questions.filter(([, q]) => q.kind === 'output');

  it.each(outputs)('%s', async (_, q) => {
    if (q.kind !== 'output') return;
    const run = await runHandler(q.code, q.event, {
      runs: q.runs,
      qualifier: q.qualifier,
      executedVersion: q.executedVersion,
    });
    if (q.ask === 'response') {
      const last = run.responses.at(-1);
      expect(last).toBeDefined();
      expect(gradeQuiz({ id: 'x', title: 'x', questions: [q] }, { [q.id]: last! }).score).toBe(q.points ?? 1);
    } else {
      const messages = run.logs.map((line) => line.split('\t').slice(3).join('\t'));
      expect(q.accepted.some((a) => messages.includes(a))).toBe(true);
    }
  });
});

function perfectAnswer(q: Question) {
  switch (q.kind) {
    case 'single':
      return q.answer;
    case 'multiple':
      return q.answers;
    case 'number':
      return { value: q.answer, unit: q.units[0]!.unit };
    case 'ordering':
      return q.answer;
    case 'output':
      return q.accepted[0]!;
  }
}
