/**
 * The learner's saved progress, versioned. Written with zod/mini (about 6 KB gzipped in the page,
 * where classic zod would be over 90 KB): it runs on every lesson page that has a quiz.
 */
import * as z from 'zod/mini';

export const PROGRESS_VERSION = 1;

/** One answer as the quiz form collects it; the question's kind decides which shape is meaningful. */
export const quizAnswerSchema = z
  .union([
    z.string().check(z.describe('single: option id; output: the text the learner typed')),
    z.array(z.string()).check(z.describe('multiple: chosen option ids; ordering: item ids in the chosen order')),
    z
      .object({
        value: z.number().check(z.describe('The number typed.')),
        unit: z.string().check(z.describe('The unit chosen.')),
      })
      .check(z.describe('number: a value with its unit')),
  ])
  .check(z.describe('An answer to one question.'));

export const quizProgressSchema = z
  .object({
    answers: z
      .record(z.string(), quizAnswerSchema)
      .check(z.describe('The last submitted answers, by question id.')),
    score: z.number().check(z.describe('Points earned on the last submission.')),
    maxScore: z.number().check(z.describe('Points available in the bank at that time.')),
    updatedAt: z.string().check(z.describe('ISO timestamp of the last submission.')),
  })
  .check(z.describe('One quiz: the last submission and its grade.'));

/** Who the learner is, asked for when a lab-mode site exports the workbook for grading. */
export const learnerSchema = z
  .object({
    name: z.string().check(z.describe('The name the learner typed.')),
    id: z.string().check(z.describe('The student id the learner typed (the gradebook key).')),
  })
  .check(z.describe('The learner, as given on export.'));

export const progressSchema = z
  .object({
    version: z.literal(PROGRESS_VERSION).check(z.describe('Format version; older files are migrated on load.')),
    quizzes: z.record(z.string(), quizProgressSchema).check(z.describe('Quiz results by bank id (the lesson slug).')),
    lessonsRead: z
      .record(z.string(), z.string())
      .check(z.describe('Lessons the learner has read: lesson slug to ISO timestamp of the first read.')),
    exercises: z
      .record(z.string(), z.unknown())
      .check(z.describe("Each exercise's workspace by exercise slug, validated one by one against workspaceSchema (workspace-state.ts) when it is opened, so one damaged exercise never costs the others.")),
    exportedAt: z
      .optional(z.string())
      .check(z.describe('ISO timestamp of the export, written into the file when it is saved for handing in: the time the late policy counts from. Absent in files exported before it was recorded.')),
    learner: z
      .optional(learnerSchema)
      .check(z.describe('Absent in self-paced use and in files saved before lab mode; no migration needed.')),
  })
  .check(z.describe('Everything the workbook remembers for one learner in one browser.'));

export type QuizAnswer = z.infer<typeof quizAnswerSchema>;
export type QuizProgress = z.infer<typeof quizProgressSchema>;
export type Progress = z.infer<typeof progressSchema>;
export type Learner = z.infer<typeof learnerSchema>;
