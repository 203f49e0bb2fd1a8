/**
 * What the reference solutions (exercises/<slug>/solution/steps.ts) share: the console's actions
 * as SDK calls. Used by tests and by the site's "show me" button, always against the emulator.
 */
import { CreateFunctionCommand, GetFunctionConfigurationCommand, type LambdaClient, type Runtime } from '@aws-sdk/client-lambda';
import { zipFiles } from './zip.ts';

export interface StepsContext {
  /** Prepended to function and layer names, as in the checks. */
  prefix: string;
  /** The execution role new functions get (the console creates `<name>-role-<suffix>`). */
  role: string;
  /** Filled in by the steps: the answers a learner would type. */
  answers: Record<string, string>;
}

export const referenceRuntime: Runtime = 'nodejs22.x';

export async function createNodeFunction(
  lambda: LambdaClient,
  ctx: StepsContext,
  base: string,
  files: Record<string, string>,
  environment?: Record<string, string>,
): Promise<void> {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: `${ctx.prefix}${base}`,
      Runtime: referenceRuntime,
      Handler: 'index.handler',
      Role: ctx.role,
      Code: { ZipFile: zipFiles(files) },
      Environment: environment === undefined ? undefined : { Variables: environment },
    }),
  );
  await waitUntilSettled(lambda, `${ctx.prefix}${base}`);
}

/** Real Lambda answers `Pending`/`InProgress` for a moment after a change; the emulator settles at once. */
export async function waitUntilSettled(lambda: LambdaClient, name: string): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    if (config.State !== 'Pending' && config.LastUpdateStatus !== 'InProgress') return;
    await new Promise((resolve) => globalThis.setTimeout(resolve, 500));
  }
}
