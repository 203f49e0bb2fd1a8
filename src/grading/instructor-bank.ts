/**
 * The instructor's bank (`npm run grade -- --bank FILE`): extra question banks whose answers never
 * ship in the public site, and exercise tasks or questions to grade without showing learners their
 * details. A JSON file:
 *   { "banks": [QuizBank, ...], "hiddenTasks": ["layers/layer-order"],
 *     "hiddenQuestions": ["limits/max-timeout"], "visibility": "after_due_date" }
 * Every question of a bank in the file is hidden; a bank with a public bank's id replaces it.
 */
import * as z from 'zod';
import { exercises } from '../../exercises/index.ts';
import { quizBanks } from '../quizzes/index.ts';
import { quizBankSchema, type QuizBank } from '../quizzes/schema.ts';
import { parseJsonFile } from '../lab/json-file.ts';

/** Gradescope's visibility values for what learners may not see yet. */
export const hiddenVisibilitySchema = z.enum(['hidden', 'after_due_date', 'after_published']);
export type HiddenVisibility = z.infer<typeof hiddenVisibilitySchema>;

export const instructorBankSchema = z
  .object({
    banks: z.array(quizBankSchema).default([]).describe('Instructor-only banks; learners answer them on the lab site, the answers stay here.'),
    hiddenTasks: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/)).default([]).describe('Exercise tasks as exercise/task, graded but hidden.'),
    hiddenQuestions: z.array(z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/)).default([]).describe('Questions of public banks as bank/question, graded but hidden.'),
    visibility: hiddenVisibilitySchema.default('after_due_date').describe('When Gradescope shows hidden tests to learners.'),
  })
  .strict();

export interface GradingBanks {
  /** Public banks with instructor replacements applied, then the instructor's new banks. */
  banks: readonly QuizBank[];
  /** `slug/task` and `quiz:bank/question` keys graded but hidden from learners. */
  hidden: ReadonlySet<string>;
  visibility: HiddenVisibility;
}

export function publicBanks(): GradingBanks {
  return { banks: quizBanks, hidden: new Set(), visibility: 'after_due_date' };
}

/** Reads the bank file's JSON text; throws an Error naming the first wrong field. */
export function readInstructorBank(text: string, where: string): GradingBanks {
  const data = parseJsonFile(text, where);
  const parsed = instructorBankSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${where}: the field "${issue.path.join('.') || '(top)'}" is not valid: ${issue.message}`);
  }
  const file = parsed.data;
  const hidden = new Set<string>();
  for (const key of file.hiddenTasks) {
    const [slug, task] = key.split('/');
    const exercise = exercises.find((e) => e.meta.slug === slug);
    if (exercise === undefined || !exercise.meta.tasks.some((t) => t.id === task)) throw new Error(`${where}: hiddenTasks names ${key}, which is no exercise task.`);
    hidden.add(key);
  }
  const replaced = new Map(file.banks.map((b) => [b.id, b as QuizBank]));
  const banks = [...quizBanks.map((b) => replaced.get(b.id) ?? b), ...file.banks.filter((b) => !quizBanks.some((p) => p.id === b.id))] as QuizBank[];
  for (const bank of file.banks) for (const q of bank.questions) hidden.add(`quiz:${bank.id}/${q.id}`);
  for (const key of file.hiddenQuestions) {
    const [bankId, questionId] = key.split('/');
    if (!banks.some((b) => b.id === bankId && b.questions.some((q) => q.id === questionId))) throw new Error(`${where}: hiddenQuestions names ${key}, which is no question in any bank.`);
    hidden.add(`quiz:${key}`);
  }
  return { banks, hidden, visibility: file.visibility };
}
