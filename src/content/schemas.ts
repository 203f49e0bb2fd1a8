/**
 * Schemas for the workbook's own metadata: exercise `meta.json` files and the extra lesson
 * frontmatter fields. The Astro build validates every file against them (src/content.config.ts),
 * so a bad field fails the build with the file and the field named.
 */
import * as z from 'zod';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. hello-lambda');

export const exerciseTaskSchema = z
  .object({
    id: slug.describe('Stable id of the task; checks report results under it.'),
    title: z.string().min(1).describe('What the learner does, as shown in the task list.'),
    points: z.number().int().min(0).max(100).describe('Points this task is worth.'),
    hidden: z.boolean().default(false).describe('Graded, but not shown to learners (instructor banks).'),
    hints: z
      .array(z.string().min(1).max(400))
      .max(3)
      .optional()
      .describe('Up to three hints, each a nudge further than the one before and never the answer; the page opens them in order, and the lab may charge points for each level.'),
  })
  .strict();

export const exerciseMetaSchema = z
  .object({
    slug: slug.describe('Folder name under exercises/ and the URL segment.'),
    title: z.string().min(1).describe('Title shown in navigation and on the exercise page.'),
    summary: z.string().min(1).max(300).describe('One or two sentences on what the learner builds.'),
    order: z.number().int().min(1).describe('Position in the exercise list.'),
    lessons: z.array(slug).min(1).describe('Slugs of the lessons (under content/lessons/) this exercise builds on.'),
    functionName: z.string().regex(/^[a-zA-Z0-9-_]{1,64}$/).describe('The Lambda function the exercise is about.'),
    tasks: z.array(exerciseTaskSchema).min(1).describe('Numbered tasks, in order.'),
  })
  .strict();

export type ExerciseMeta = z.infer<typeof exerciseMetaSchema>;
export type ExerciseTask = z.infer<typeof exerciseTaskSchema>;

/** Fields lessons add to Starlight's frontmatter. */
export const lessonFrontmatterSchema = z.object({
  exercise: slug.optional().describe('The exercise that practises this lesson.'),
  quiz: slug.optional().describe('The question bank (src/quizzes/banks/<id>.ts) shown at the end of the lesson.'),
});
