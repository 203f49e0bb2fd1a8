/**
 * What the reference solutions (exercises/<slug>/solution/steps.ts) share: the console's actions
 * as SDK calls. Used by tests and by the site's "show me" button, always against the emulator.
 */
import { CreateFunctionCommand, GetFunctionConfigurationCommand, type LambdaClient, type Runtime } from '@aws-sdk/client-lambda';
import { consoleDefaults, type Language } from './languages.ts';
import { zipFiles } from './zip.ts';

export interface StepsContext {
  /** Prepended to function and layer names, as in the checks. */
  prefix: string;
  /** The execution role new functions get (the console creates `<name>-role-<suffix>`). */
  role: string;
  /** Filled in by the steps: the answers a learner would type. */
  answers: Record<string, string>;
  /** The language the learner picked; Node.js when absent. */
  language?: Language;
}

/** The runtime the reference solutions create their functions with, in each language. */
export const referenceRuntimes: Record<Language, Runtime> = { nodejs: 'nodejs22.x', python: 'python3.14' };
export const referenceRuntime: Runtime = referenceRuntimes.nodejs;

export function languageOfSteps(ctx: StepsContext): Language {
  return ctx.language ?? 'nodejs';
}

/** Creates the function as the console does in the learner's language, with its default handler. */
export async function createFunction(
  lambda: LambdaClient,
  ctx: StepsContext,
  base: string,
  files: Record<string, string>,
  environment?: Record<string, string>,
): Promise<void> {
  const language = languageOfSteps(ctx);
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: `${ctx.prefix}${base}`,
      Runtime: referenceRuntimes[language],
      Handler: consoleDefaults[language].handler,
      Role: ctx.role,
      Code: { ZipFile: zipFiles(files) },
      Environment: environment === undefined ? undefined : { Variables: environment },
    }),
  );
  await waitUntilSettled(lambda, `${ctx.prefix}${base}`);
}

/** A Node.js function, whatever language the context names. */
export async function createNodeFunction(lambda: LambdaClient, ctx: StepsContext, ...rest: DropContext<Parameters<typeof createFunction>>): Promise<void> {
  await createFunction(lambda, { ...ctx, language: 'nodejs' }, ...rest);
}

/** A step helper's own arguments, after the client and the context. */
type DropContext<T extends unknown[]> = T extends [unknown, unknown, ...infer Rest] ? Rest : never;

/** Real Lambda answers `Pending`/`InProgress` for a moment after a change; the emulator settles at once. */
export async function waitUntilSettled(lambda: LambdaClient, name: string): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    if (config.State !== 'Pending' && config.LastUpdateStatus !== 'InProgress') return;
    await new Promise((resolve) => globalThis.setTimeout(resolve, 500));
  }
}
