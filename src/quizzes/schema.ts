/**
 * Question banks are data. This schema checks every bank in the unit tests (and can check an
 * instructor's bank at grading time); banks themselves import only the types, so a page that
 * grades a quiz never ships zod.
 */
import * as z from 'zod';

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. cold-start');

/** A dotted path into `limits` from src/emulator/limits.ts, such as `timeout.max`. */
export const limitPathSchema = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*)*$/, 'must be a dotted path into limits, e.g. timeout.max')
  .describe('The limit this question asks about, as a path into `limits` (src/emulator/limits.ts); a test checks the answer equals it.');

const optionSchema = z
  .object({
    id: id.describe('Stable id of the option; answers refer to it.'),
    text: z.string().min(1).describe('The option as the learner reads it (plain text, `code` in backticks allowed).'),
  })
  .strict();

const common = {
  id: id.describe('Stable id of the question within its bank; saved answers refer to it.'),
  prompt: z.string().min(1).describe('The question as the learner reads it.'),
  explanation: z
    .string()
    .min(1)
    .describe('Why the answer is what it is; shown as feedback after grading, right or wrong.'),
  points: z.number().int().min(1).max(10).optional().describe('Points for a fully right answer; 1 when omitted.'),
  limit: limitPathSchema.optional(),
};

export const singleChoiceSchema = z
  .object({
    kind: z.literal('single').describe('Exactly one option is right.'),
    ...common,
    options: z.array(optionSchema).min(2).describe('The choices, shown in this order.'),
    answer: id.describe('The id of the right option.'),
  })
  .strict();

export const multipleChoiceSchema = z
  .object({
    kind: z.literal('multiple').describe('One or more options are right; partial credit for partly right picks.'),
    ...common,
    options: z.array(optionSchema).min(3).describe('The choices, shown in this order.'),
    answers: z.array(id).min(1).describe('The ids of every right option.'),
  })
  .strict();

export const unitSchema = z
  .object({
    unit: z.string().min(1).describe('The unit as offered to the learner, e.g. `seconds`.'),
    factor: z.number().positive().describe('How many base units one of this unit is (the first unit listed has factor 1).'),
  })
  .strict();

export const numberQuestionSchema = z
  .object({
    kind: z.literal('number').describe('A number with a unit, e.g. a limit.'),
    ...common,
    units: z.array(unitSchema).min(1).describe('Units the learner may answer in; the first is the base unit.'),
    answer: z.number().describe('The right value, in the base unit.'),
    tolerance: z.number().min(0).optional().describe('Accepted distance from the answer, in the base unit; 0 when omitted.'),
  })
  .strict();

export const orderingQuestionSchema = z
  .object({
    kind: z.literal('ordering').describe('Put the items in order; partial credit per item in its right place.'),
    ...common,
    items: z.array(optionSchema).min(3).describe('The items, in the (shuffled) order they are shown.'),
    answer: z.array(id).min(3).describe('Item ids in the right order.'),
  })
  .strict();

export const outputQuestionSchema = z
  .object({
    kind: z.literal('output').describe('What a handler returns or logs for an event; the learner may run it.'),
    ...common,
    code: z.string().min(1).describe('An ES module (index.mjs) exporting `handler`; runs in the emulator and in Node alike.'),
    event: z.string().describe('The event as JSON text.'),
    runs: z
      .number()
      .int()
      .min(1)
      .max(5)
      .optional()
      .describe('How many times the event is sent to one warm environment; the answer is about the last run. 1 when omitted.'),
    qualifier: z
      .string()
      .regex(/^[a-zA-Z0-9$_-]+$/)
      .optional()
      .describe('The alias or version the event is sent to (`prod`, `2`); unqualified ($LATEST) when omitted.'),
    executedVersion: z
      .string()
      .regex(/^(\$LATEST|[0-9]+)$/)
      .optional()
      .describe('The version that runs, when the qualifier is an alias; `$LATEST` when omitted.'),
    ask: z.enum(['response', 'log']).describe('`response`: the JSON the invocation returns; `log`: the text of a console.log call.'),
    accepted: z
      .array(z.string())
      .min(1)
      .describe('Accepted answers. For `response`, JSON compared by value; for `log`, text compared after trimming.'),
  })
  .strict();

export const questionSchema = z.discriminatedUnion('kind', [
  singleChoiceSchema,
  multipleChoiceSchema,
  numberQuestionSchema,
  orderingQuestionSchema,
  outputQuestionSchema,
]);

export const quizBankSchema = z
  .object({
    id: id.describe('Bank id: the slug of the lesson it belongs to (frontmatter `quiz`).'),
    title: z.string().min(1).describe('Heading shown above the quiz.'),
    questions: z.array(questionSchema).min(5).describe('At least five questions, shown in this order.'),
  })
  .strict()
  .superRefine((bank, ctx) => {
    const seen = new Set<string>();
    bank.questions.forEach((q, i) => {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `duplicate question id ${q.id}` });
      seen.add(q.id);
      const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['questions', i], message });
      if (q.kind === 'single' || q.kind === 'multiple') {
        const ids = q.options.map((o) => o.id);
        if (new Set(ids).size !== ids.length) issue('option ids must be unique');
        const right = q.kind === 'single' ? [q.answer] : q.answers;
        for (const a of right) if (!ids.includes(a)) issue(`answer ${a} is not an option`);
        if (q.kind === 'multiple' && new Set(q.answers).size !== q.answers.length) issue('answers repeat an option');
      }
      if (q.kind === 'ordering') {
        const ids = q.items.map((o) => o.id);
        const sorted = (a: string[]) => [...a].sort().join('\n');
        if (new Set(ids).size !== ids.length) issue('item ids must be unique');
        if (sorted(ids) !== sorted(q.answer)) issue('answer must list every item exactly once');
        if (ids.join('\n') === q.answer.join('\n')) issue('items are shown already in the right order');
      }
      if (q.kind === 'number' && q.units[0]?.factor !== 1) issue('the first unit is the base unit and must have factor 1');
      if (q.kind === 'output') {
        try {
          JSON.parse(q.event);
        } catch {
          issue('event must be JSON text');
        }
        if (q.ask === 'response') {
          for (const a of q.accepted) {
            try {
              JSON.parse(a);
            } catch {
              issue(`accepted response ${a} is not JSON`);
            }
          }
        }
      }
    });
  });

export type QuizBank = z.input<typeof quizBankSchema>;
export type Question = z.input<typeof questionSchema>;
export type QuestionKind = Question['kind'];
