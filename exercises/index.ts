/**
 * The workbook's exercises: metadata and checks together, importable in the browser and in Node.
 * meta.json is validated on load, so a bad file fails loudly instead of grading wrongly.
 */
import { exerciseMetaSchema } from '../src/content/schemas.ts';
import chainingMeta from './chaining/meta.json';
import { checks as chaining } from './chaining/check.ts';
import environmentVariablesMeta from './environment-variables/meta.json';
import { checks as environmentVariables } from './environment-variables/check.ts';
import functionUrlMeta from './function-url/meta.json';
import { checks as functionUrl } from './function-url/check.ts';
import helloLambdaMeta from './hello-lambda/meta.json';
import { checks as helloLambda } from './hello-lambda/check.ts';
import layersMeta from './layers/meta.json';
import { checks as layers } from './layers/check.ts';
import scheduledMeta from './scheduled/meta.json';
import { checks as scheduled } from './scheduled/check.ts';
import permissionsMeta from './permissions/meta.json';
import { checks as permissions } from './permissions/check.ts';
import s3TriggerMeta from './s3-trigger/meta.json';
import { checks as s3Trigger } from './s3-trigger/check.ts';
import sqsBatchMeta from './sqs-batch/meta.json';
import { checks as sqsBatch } from './sqs-batch/check.ts';
import versionsAndAliasesMeta from './versions-and-aliases/meta.json';
import { checks as versionsAndAliases } from './versions-and-aliases/check.ts';
import type { Exercise, ExerciseChecks } from '../src/checks/types.ts';

function exercise(meta: unknown, checks: ExerciseChecks): Exercise {
  return { meta: exerciseMetaSchema.parse(meta), checks };
}

/** In the order learners meet them. */
export const exercises: readonly Exercise[] = [
  exercise(helloLambdaMeta, helloLambda),
  exercise(environmentVariablesMeta, environmentVariables),
  exercise(versionsAndAliasesMeta, versionsAndAliases),
  exercise(layersMeta, layers),
  exercise(chainingMeta, chaining),
  exercise(functionUrlMeta, functionUrl),
  exercise(s3TriggerMeta, s3Trigger),
  exercise(scheduledMeta, scheduled),
  exercise(sqsBatchMeta, sqsBatch),
  exercise(permissionsMeta, permissions),
].sort((a, b) => a.meta.order - b.meta.order);

export function findExercise(slug: string): Exercise {
  const found = exercises.find((e) => e.meta.slug === slug);
  if (found === undefined) throw new Error(`No exercise "${slug}". Known: ${exercises.map((e) => e.meta.slug).join(', ')}.`);
  return found;
}
