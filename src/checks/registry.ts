/**
 * The workbook's exercises: metadata and checks together, importable in the browser and in Node.
 * meta.json is validated on load, so a bad file fails loudly instead of grading wrongly.
 */
import { exerciseMetaSchema } from '../content/schemas';
import environmentVariablesMeta from '../../exercises/environment-variables/meta.json';
import { checks as environmentVariables } from '../../exercises/environment-variables/check';
import helloLambdaMeta from '../../exercises/hello-lambda/meta.json';
import { checks as helloLambda } from '../../exercises/hello-lambda/check';
import layersMeta from '../../exercises/layers/meta.json';
import { checks as layers } from '../../exercises/layers/check';
import versionsAndAliasesMeta from '../../exercises/versions-and-aliases/meta.json';
import { checks as versionsAndAliases } from '../../exercises/versions-and-aliases/check';
import type { Exercise, ExerciseChecks } from './types';

function exercise(meta: unknown, checks: ExerciseChecks): Exercise {
  return { meta: exerciseMetaSchema.parse(meta), checks };
}

/** In the order learners meet them. */
export const exercises: readonly Exercise[] = [
  exercise(helloLambdaMeta, helloLambda),
  exercise(environmentVariablesMeta, environmentVariables),
  exercise(versionsAndAliasesMeta, versionsAndAliases),
  exercise(layersMeta, layers),
].sort((a, b) => a.meta.order - b.meta.order);

export function findExercise(slug: string): Exercise {
  const found = exercises.find((e) => e.meta.slug === slug);
  if (found === undefined) throw new Error(`No exercise "${slug}". Known: ${exercises.map((e) => e.meta.slug).join(', ')}.`);
  return found;
}
