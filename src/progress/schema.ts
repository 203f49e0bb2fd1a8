/**
 * The learner's saved progress, versioned. Written with zod/mini (about 6 KB gzipped in the page,
 * where classic zod would be over 90 KB): it runs on every lesson page that has a quiz.
 */
import * as z from 'zod/mini';

/** 2: one emulated account for the whole workbook (`account`), no longer one per exercise. */
export const PROGRESS_VERSION = 2;

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

/** The terminal's home: the learner's files (base64, as FileSystem.snapshot() gives them) and command history. */
export const terminalSchema = z
  .object({
    entries: z
      .array(
        z.object({
          path: z.string(),
          kind: z.enum(['file', 'dir']),
          data: z.optional(z.string().check(z.describe('A file\'s bytes, base64.'))),
          mtime: z.number(),
        }),
      )
      .check(z.describe('Every file and folder under /, parents before children.')),
    history: z.array(z.string()).check(z.describe('Command lines, oldest first.')),
  })
  .check(z.describe("The terminal's files and history, one per workbook, as a CloudShell home directory is."));

export const progressSchema = z
  .object({
    version: z.literal(PROGRESS_VERSION).check(z.describe('Format version; older files are migrated on load.')),
    quizzes: z.record(z.string(), quizProgressSchema).check(z.describe('Quiz results by bank id (the lesson slug).')),
    lessonsRead: z
      .record(z.string(), z.string())
      .check(z.describe('Lessons the learner has read: lesson slug to ISO timestamp of the first read.')),
    exercises: z
      .record(z.string(), z.unknown())
      .check(z.describe("Each exercise's own things (files, test events, checks, answers) by exercise slug, validated one by one against workspaceSchema (workspace-state.ts) when it is opened, so one damaged exercise never costs the others.")),
    account: z
      .optional(z.unknown())
      .check(z.describe("The learner's one emulated AWS account, shared by every exercise; validated against accountSchema (account.ts) where it is opened, so the quiz pages never load the emulator's schema.")),
    terminal: z
      .optional(terminalSchema)
      .check(z.describe('Absent until the terminal is first used; no migration needed.')),
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
export type TerminalProgress = z.infer<typeof terminalSchema>;
export type Learner = z.infer<typeof learnerSchema>;
