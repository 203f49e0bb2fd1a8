/**
 * Checks for "Environment variables": HELLO=world is configured, the code reads it (and does not
 * just print "world"), a test shows it, and the learner met Lambda's refusal of a reserved key.
 */
import { CreateFunctionCommand, DeleteFunctionCommand, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { answer, missingAnswer, noAnswer } from '../../src/checks/answers.ts';
import { languageOf, type Language } from '../../src/checks/languages.ts';
import { configuration, describeFunctionError, functionCode, getFunction, invoke, show } from '../../src/checks/lambda-reads.ts';
import type { CheckContext, ExerciseChecks, Verdict } from '../../src/checks/types.ts';
import { Criteria } from '../../src/checks/verdict.ts';
import { zipFiles, text, type FileMap } from '../../src/checks/zip.ts';

export const functionBase = 'hello-lambda';
const howToCreate = 'Do the exercise "Hello, Lambda" first: it creates the function.';
export const variableName = 'HELLO';
export const variableValue = 'world';

/**
 * The source of the module the handler setting names: `index.handler` -> index.js, index.mjs or
 * index.cjs on Node.js; `lambda_function.lambda_handler` -> lambda_function.py, and
 * `app.handlers.main` -> app/handlers.py, on Python.
 */
export function handlerSource(config: FunctionConfiguration, files: FileMap): { path: string; source: string } | undefined {
  if (languageOf(config.Runtime) === 'python') {
    const path = `${(config.Handler ?? 'lambda_function.lambda_handler').replace(/\.[^.]+$/, '').replace(/\./g, '/')}.py`;
    return files[path] === undefined ? undefined : { path, source: text(files[path]) };
  }
  const module = (config.Handler ?? 'index.handler').replace(/\.[^.]+$/, '');
  // The order the Node.js runtime tries them in: with both index.js and index.mjs, index.js runs.
  for (const extension of ['.js', '.mjs', '.cjs']) {
    const path = `${module}${extension}`;
    if (files[path] !== undefined) return { path, source: text(files[path]) };
  }
  return undefined;
}

/**
 * Node.js: `process.env.HELLO`, `process.env['HELLO']` or `const { HELLO } = process.env`.
 * Python: `os.environ['HELLO']`, `os.environ.get('HELLO')`, `os.getenv('HELLO')` (or `environ`/`getenv` imported from os).
 */
export function readsVariable(source: string, key: string, language: Language = 'nodejs'): boolean {
  if (language === 'python') {
    const item = new RegExp(`\\benviron\\s*(?:\\[\\s*|\\.get\\(\\s*)['"]${key}['"]`);
    const getenv = new RegExp(`\\bgetenv\\(\\s*['"]${key}['"]`);
    return item.test(source) || getenv.test(source);
  }
  const member = new RegExp(`process\\.env\\s*(?:\\?\\.\\s*|\\.\\s*)?(?:${key}\\b|\\[\\s*['"\`]${key}['"\`]\\s*\\])`);
  const destructured = new RegExp(`\\{[^}]*\\b${key}\\b[^}]*\\}\\s*=\\s*process\\.env\\b`);
  return member.test(source) || destructured.test(source);
}

/** How the handler reads the variable, in the learner's language, for messages. */
function readExpression(language: Language, key: string): string {
  return language === 'python' ? `os.environ['${key}']` : `process.env.${key}`;
}

/** A string literal or template text that spells the value, e.g. `'Hello world!'`. */
function hardCodes(source: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(['"\`])[^'"\`\\n]*\\b${escaped}\\b[^'"\`\\n]*\\1`).test(source);
}

function variables(config: FunctionConfiguration): Record<string, string> {
  return config.Environment?.Variables ?? {};
}

async function addVariable(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const vars = variables(configuration(await getFunction(ctx, name, undefined, howToCreate)));
  const c = new Criteria();
  const value = vars[variableName];
  if (value === undefined) {
    const nearMiss = Object.keys(vars).find((k) => k.toLowerCase() === variableName.toLowerCase());
    c.add(2, false, nearMiss !== undefined
      ? `Expected the key ${variableName}, found ${nearMiss}: keys are case-sensitive.`
      : `Expected an environment variable ${variableName} on ${name}, found ${Object.keys(vars).length === 0 ? 'none' : Object.keys(vars).join(', ')}.`,
      { expected: `the key ${variableName}`, got: Object.keys(vars).length === 0 ? 'no environment variables' : `the keys ${Object.keys(vars).join(', ')}` });
    return c.verdict();
  }
  c.add(1, true, `${variableName} is set.`);
  c.add(1, value === variableValue, value === variableValue ? `${variableName}=${variableValue}.` : `Expected ${variableName} to be ${show(variableValue)}, found ${show(value)}.`, { expected: `${variableName}=${variableValue}`, got: `${variableName}=${value}` });
  return c.verdict();
}

/** Creates a throwaway copy of the function with another value, invokes it and deletes it. Emulator only. */
async function outputFollowsVariable(ctx: CheckContext, config: FunctionConfiguration, files: FileMap): Promise<{ followed: boolean; probe: string; output: string }> {
  const probe = `probe-${ctx.randomHex(8)}`;
  const copy = `${ctx.name(functionBase)}-check-${ctx.randomHex(8)}`;
  const zipped: Record<string, Uint8Array> = { ...files };
  await ctx.lambda.send(
    new CreateFunctionCommand({
      FunctionName: copy,
      Runtime: config.Runtime,
      Handler: config.Handler,
      Role: config.Role,
      Code: { ZipFile: zipFiles(zipped) },
      Environment: { Variables: { ...variables(config), [variableName]: probe } },
    }),
  );
  try {
    const result = await invoke(ctx, copy, {});
    return { followed: result.functionError === undefined && result.text.includes(probe), probe, output: result.text };
  } finally {
    await ctx.lambda.send(new DeleteFunctionCommand({ FunctionName: copy })).catch(() => undefined);
  }
}

async function readVariable(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const fn = await getFunction(ctx, name, undefined, howToCreate);
  const config = configuration(fn);
  const files = await functionCode(ctx, fn);
  const handler = handlerSource(config, files);
  const c = new Criteria();
  if (handler === undefined) {
    c.add(1, false, `Expected the handler file for ${show(config.Handler)} in the deployed code, found ${Object.keys(files).join(', ') || 'no files'}.`, { expected: `the handler file for ${show(config.Handler)}`, got: Object.keys(files).join(', ') || 'no files' });
    return c.verdict();
  }
  const language = languageOf(config.Runtime) ?? 'nodejs';
  const reads = readsVariable(handler.source, variableName, language);
  const expression = readExpression(language, variableName);
  c.add(1, reads, reads ? `${handler.path} reads ${expression}.` : `Expected ${handler.path} to read ${expression}; it never does. Did you choose Deploy after editing?`, { expected: `${handler.path} reads ${expression}`, got: 'no read of the variable in the deployed code' });
  const hardCoded = hardCodes(handler.source, variableValue);
  // Not spelling the value only counts in code that reads the variable; the starter code spells nothing either.
  c.add(1, reads && !hardCoded, !reads ? '' : hardCoded ? `${handler.path} spells "${variableValue}" in a string: the greeting must come from the variable, so that changing HELLO changes it without a new deployment.` : `${handler.path} does not spell the value itself.`, reads && hardCoded ? { expected: 'the greeting built from the variable', got: `"${variableValue}" written in a string` } : undefined);
  if (ctx.target === 'emulator') {
    const probe = await outputFollowsVariable(ctx, config, files);
    c.add(2, probe.followed, probe.followed
      ? `A copy with ${variableName}=${probe.probe} answered with ${probe.probe}.`
      : `A copy of the function with ${variableName}=${probe.probe} answered ${show(probe.output)}: expected the output to follow the variable.`,
      { expected: `an answer containing ${probe.probe} (the copy's ${variableName})`, got: show(probe.output) });
  }
  return c.verdict();
}

async function runTest(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const value = variables(configuration(await getFunction(ctx, name, undefined, howToCreate)))[variableName];
  const result = await invoke(ctx, name, {});
  if (result.functionError !== undefined) return { score: 0, message: `Invoking ${name}: ${describeFunctionError(result)}.`, mismatches: [{ expected: 'a successful invocation', got: describeFunctionError(result) }] };
  if (value === undefined) return { score: 0, message: `${variableName} is not set (Task 1), so the output cannot use it; the function answered ${show(result.json ?? result.text)}.`, mismatches: [{ expected: `the variable ${variableName} set`, got: 'no such variable' }] };
  const used = result.text.includes(value);
  return used
    ? { score: 1, message: `The test answered ${show(result.json ?? result.text)}, with the value of ${variableName}.` }
    : { score: 0, message: `Expected the output to contain the value of ${variableName} (${show(value)}), got ${show(result.json ?? result.text)}.`, mismatches: [{ expected: `an output containing ${show(value)}`, got: show(result.json ?? result.text) }] };
}

const reservedPhrase = /reserved keys?/i;
const keyInMessage = /Reserved keys used in this request:\s*([A-Za-z0-9_]+)/i;

async function reservedVariable(ctx: CheckContext): Promise<Verdict> {
  const given = answer(ctx, 'reserved-variable');
  const c = new Criteria();
  if (given === undefined) {
    c.add(2, false, missingAnswer('reserved-variable'), noAnswer('reserved-variable'));
    return c.verdict();
  }
  const mentionsReserved = reservedPhrase.test(given);
  c.add(1, mentionsReserved, mentionsReserved ? 'Your answer quotes Lambda\'s refusal.' : `Expected Lambda's error message (it speaks of "reserved keys"), got ${show(given)}.`, { expected: "Lambda's error message", got: show(given) });
  const key = given.match(keyInMessage)?.[1] ?? given.match(/\b(AWS_[A-Z0-9_]+|LAMBDA_[A-Z0-9_]+|_HANDLER|_X_AMZN_TRACE_ID)\b/)?.[1];
  if (key === undefined) {
    c.add(1, false, 'Expected your answer to name the key you tried, as Lambda does ("Reserved keys used in this request: AWS_REGION").', { expected: 'the message naming the key you tried', got: show(given) });
    return c.verdict();
  }
  if (ctx.target === 'emulator') {
    const refusal = await tryReservedKey(ctx, key);
    c.add(1, refusal !== undefined, refusal !== undefined
      ? `Lambda refuses ${key}: ${refusal}`
      : `${key} is not a reserved key: Lambda accepted it. Try AWS_REGION.`,
      { expected: 'a key Lambda reserves', got: `${key}, which Lambda accepts` });
  } else {
    const named = keyInMessage.test(given);
    c.add(1, named, named ? `Lambda refused ${key}.` : `Expected the whole message, ending "Reserved keys used in this request: ${key}".`, { expected: `the whole message, ending "Reserved keys used in this request: ${key}"`, got: show(given) });
  }
  return c.verdict();
}

/** Lambda's error message when a function is given `key`, or undefined when it accepts it. Emulator only. */
async function tryReservedKey(ctx: CheckContext, key: string): Promise<string | undefined> {
  const config = configuration(await getFunction(ctx, ctx.name(functionBase), undefined, howToCreate));
  const copy = `${ctx.name(functionBase)}-check-${ctx.randomHex(8)}`;
  // A do-nothing function in the same language: only the configuration is being tried.
  const python = languageOf(config.Runtime) === 'python';
  try {
    await ctx.lambda.send(
      new CreateFunctionCommand({
        FunctionName: copy,
        Runtime: config.Runtime ?? 'nodejs22.x',
        Handler: python ? 'lambda_function.lambda_handler' : 'index.handler',
        Role: config.Role,
        Code: { ZipFile: zipFiles(python ? { 'lambda_function.py': 'def lambda_handler(event, context):\n    return None\n' } : { 'index.mjs': 'export const handler = async () => null;\n' }) },
        Environment: { Variables: { [key]: 'x' } },
      }),
    );
  } catch (err) {
    const e = err as { name?: string; message?: string };
    return e.name === 'InvalidParameterValueException' ? `${e.name}: ${e.message ?? ''}` : undefined;
  }
  await ctx.lambda.send(new DeleteFunctionCommand({ FunctionName: copy })).catch(() => undefined);
  return undefined;
}

export const checks: ExerciseChecks = {
  slug: 'environment-variables',
  questions: [
    { id: 'reserved-variable', task: 'reserved-variable', prompt: 'Try to add the variable AWS_REGION. Paste the error message Lambda shows.' },
  ],
  tasks: [
    { id: 'add-variable', check: addVariable },
    { id: 'read-variable', check: readVariable },
    { id: 'run-test', check: runTest },
    { id: 'reserved-variable', check: reservedVariable },
  ],
};
