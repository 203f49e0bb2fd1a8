import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { exerciseMetaSchema, lessonFrontmatterSchema } from './content/schemas.ts';

export const collections = {
  /** Lessons and site pages: top-level content/, rendered by Starlight. */
  docs: defineCollection({
    loader: glob({ base: './content', pattern: '**/*.{md,mdx}' }),
    schema: docsSchema({ extend: lessonFrontmatterSchema }),
  }),
  /** Exercise metadata: exercises/<slug>/meta.json. */
  exercises: defineCollection({
    loader: glob({ base: './exercises', pattern: '*/meta.json', generateId: ({ entry }) => entry.split('/')[0]! }),
    schema: exerciseMetaSchema,
  }),
  /** Exercise instructions: exercises/<slug>/exercise.mdx. */
  exerciseInstructions: defineCollection({
    loader: glob({ base: './exercises', pattern: '*/exercise.mdx', generateId: ({ entry }) => entry.split('/')[0]! }),
  }),
};
