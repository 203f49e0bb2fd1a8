/**
 * results.json as the Gradescope autograder specification publishes it
 * (gradescope-autograders.readthedocs.io, "Output format"): every field it names, nothing else.
 */
import * as z from 'zod';

const visibility = z.enum(['hidden', 'after_due_date', 'after_published', 'visible']);
const format = z.enum(['text', 'html', 'simple_format', 'md', 'ansi']);

export const gradescopeTestSchema = z
  .object({
    score: z.number().optional(),
    max_score: z.number().optional(),
    status: z.enum(['passed', 'failed']).optional(),
    name: z.string().optional(),
    name_format: format.optional(),
    number: z.string().optional(),
    output: z.string().optional(),
    output_format: format.optional(),
    tags: z.array(z.string()).optional(),
    visibility: visibility.optional(),
    extra_data: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const gradescopeResultsSchema = z
  .object({
    score: z.number().optional(),
    execution_time: z.number().optional(),
    output: z.string().optional(),
    output_format: format.optional(),
    test_output_format: format.optional(),
    test_name_format: format.optional(),
    visibility: visibility.optional(),
    stdout_visibility: visibility.optional(),
    extra_data: z.record(z.string(), z.unknown()).optional(),
    tests: z.array(gradescopeTestSchema).optional(),
    leaderboard: z.array(z.object({ name: z.string(), value: z.union([z.number(), z.string()]), order: z.enum(['asc', 'desc']).optional() }).strict()).optional(),
  })
  .strict()
  // The specification: a score is required unless every test carries one.
  .refine((r) => r.score !== undefined || (r.tests !== undefined && r.tests.every((t) => t.score !== undefined)), 'score is required when a test has none');
