/** The reference steps of every exercise, by slug. */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { StepsContext } from '../../../src/checks/reference-steps.ts';
import * as chaining from '../../../exercises/chaining/solution/steps.ts';
import * as environmentVariables from '../../../exercises/environment-variables/solution/steps.ts';
import * as functionUrl from '../../../exercises/function-url/solution/steps.ts';
import * as helloLambda from '../../../exercises/hello-lambda/solution/steps.ts';
import * as layers from '../../../exercises/layers/solution/steps.ts';
import * as scheduled from '../../../exercises/scheduled/solution/steps.ts';
import * as permissions from '../../../exercises/permissions/solution/steps.ts';
import * as s3Trigger from '../../../exercises/s3-trigger/solution/steps.ts';
import * as sqsBatch from '../../../exercises/sqs-batch/solution/steps.ts';
import * as versionsAndAliases from '../../../exercises/versions-and-aliases/solution/steps.ts';

export interface ReferenceSteps {
  start(lambda: LambdaClient, ctx: StepsContext): Promise<void>;
  solve(lambda: LambdaClient, ctx: StepsContext): Promise<void>;
}

export const referenceSteps: Record<string, ReferenceSteps> = {
  'hello-lambda': helloLambda,
  'environment-variables': environmentVariables,
  'versions-and-aliases': versionsAndAliases,
  layers,
  chaining,
  'function-url': functionUrl,
  's3-trigger': s3Trigger,
  scheduled,
  'sqs-batch': sqsBatch,
  permissions,
};
