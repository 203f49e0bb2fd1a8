/**
 * Plausible wrong solutions, one or more per task: each must fail that task with the message that
 * tells the learner what is wrong, and leave the tasks it got right passing.
 */
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  GetFunctionUrlConfigCommand,
  InvokeCommand,
  ListFunctionsCommand,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  UpdateFunctionUrlConfigCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { readFileSync } from 'node:fs';
import { AttachRolePolicyCommand, PutRolePolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { afterEach, describe, expect, it } from 'vitest';
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand } from '@aws-sdk/client-s3';
import { iamBeside, neighboursBeside } from '../../../src/checks/context.ts';
import { s3PutEvent } from '../../../exercises/s3-trigger/solution/steps.ts';
import { advanceToNextFiring } from '../../../exercises/scheduled/solution/steps.ts';
import { sqsExecutionPolicy } from '../../../exercises/sqs-batch/solution/steps.ts';
import { basicExecutionPolicy, lambdaTrust } from '../../../exercises/permissions/solution/steps.ts';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { zipFiles } from '../../../src/checks/zip.ts';
import { runChecks } from '../../../src/checks/run.ts';
import type { CheckReport, TaskResult } from '../../../src/checks/types.ts';
import { randomWordsLayerZip, planetWordsLayerZip } from '../../../exercises/layers/solution/steps.ts';
import { VIRTUAL_EPOCH, createVirtualClock } from '../../../src/emulator/index.ts';
import { ACCOUNT, ROLE, inProcessEmulator, seededRandom, stepsContext, type Emulator } from './harness.ts';
import { referenceSteps } from './steps.ts';

let emu: Emulator;
afterEach(async () => emu.close());

async function check(slug: string, answers: Record<string, string> = {}): Promise<CheckReport> {
  return runChecks(slug, { lambda: emu.lambda, logs: emu.logs, target: 'emulator', answers, download: emu.download, random: seededRandom(5) });
}

function task(report: CheckReport, id: string): TaskResult {
  const found = report.tasks.find((t) => t.id === id);
  if (found === undefined) throw new Error(`no task ${id}`);
  return found;
}

const setCode = (lambda: LambdaClient, name: string, files: Record<string, string>) => lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipFiles(files) }));

describe('hello-lambda: wrong solutions', () => {
  it('a function whose handler setting names another file fails create-function on the handler only', async () => {
    emu = inProcessEmulator();
    await emu.lambda.send(new CreateFunctionCommand({ FunctionName: 'hello-lambda', Runtime: 'nodejs22.x', Handler: 'app.lambdaHandler', Role: ROLE, Code: { ZipFile: zipFiles({ 'app.mjs': 'export const lambdaHandler = async () => null;\n' }) } }));
    const result = task(await check('hello-lambda'), 'create-function');
    expect(result.passed).toBe(false);
    expect(result.points).toBe(20);
    expect(result.message).toBe('Expected the handler index.handler (file index.mjs, export handler), found "app.lambdaHandler".');
    expect(result.mismatches).toEqual([{ expected: 'index.handler', got: '"app.lambdaHandler"' }]);
  });

  it('a handler that answers something else fails test-invoke, showing both', async () => {
    emu = inProcessEmulator();
    const ctx = stepsContext();
    await referenceSteps['hello-lambda']!.solve(emu.lambda, ctx);
    await setCode(emu.lambda, 'hello-lambda', { 'index.mjs': "export const handler = async () => 'Hello from Lambda!';\n" });
    const report = await check('hello-lambda', ctx.answers);
    expect(task(report, 'test-invoke').message).toBe('Expected the test to return {"statusCode":200,"body":"\\"Hello from Lambda!\\""} (the console\'s default code), got "Hello from Lambda!".');
    expect(task(report, 'test-invoke').mismatches).toEqual([{ expected: '{"statusCode":200,"body":"\\"Hello from Lambda!\\""}', got: '"Hello from Lambda!"' }]);
    expect(task(report, 'create-function').passed).toBe(true);
    expect(task(report, 'create-function').mismatches).toBeUndefined();
  });

  it('a handler that throws fails test-invoke with the error type and message', async () => {
    emu = inProcessEmulator();
    const ctx = stepsContext();
    await referenceSteps['hello-lambda']!.solve(emu.lambda, ctx);
    await setCode(emu.lambda, 'hello-lambda', { 'index.mjs': "export const handler = async () => { throw new TypeError('nope'); };\n" });
    expect(task(await check('hello-lambda', ctx.answers), 'test-invoke').message).toBe('Invoking hello-lambda with the test event: the function failed with TypeError: nope.');
  });

  it('a function never invoked fails logs (the checker\'s own test invocation runs after the logs check)', async () => {
    emu = inProcessEmulator();
    const ctx = stepsContext();
    await referenceSteps['hello-lambda']!.start(emu.lambda, ctx);
    await referenceSteps['environment-variables']!.start(emu.lambda, ctx);
    const report = await check('hello-lambda');
    expect(task(report, 'logs').message).toBe("Expected the log group /aws/lambda/hello-lambda, but it does not exist yet: Lambda creates it at the function's first invocation. Run a test first.");
    expect(task(report, 'logs').mismatches).toEqual([{ expected: 'the log group /aws/lambda/hello-lambda', got: 'no such log group' }]);
    expect(task(report, 'test-invoke').passed).toBe(true);
    expect(task(await check('hello-lambda'), 'logs').passed).toBe(true);
  });

  it('wrong answers fail execution-role and qualifiers with what was expected', async () => {
    emu = inProcessEmulator();
    const ctx = stepsContext();
    await referenceSteps['hello-lambda']!.solve(emu.lambda, ctx);
    const arn = 'arn:aws:lambda:us-east-1:111111111111:function:hello-lambda';
    const report = await check('hello-lambda', { 'role-policy': 'AdministratorAccess', 'qualified-arn': arn, 'arn-choice': 'a)' });
    const role = task(report, 'execution-role');
    expect(role.points).toBeCloseTo(10 / 3, 2);
    expect(role.message).toBe('Expected the name of the policy attached to the execution role (it allows logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents), got "AdministratorAccess".');
    expect(task(report, 'qualifiers').message).toBe(`Expected the qualified ARN of $LATEST, ${arn}:$LATEST, got "${arn}". Answer a is not it: a qualifier is the suffix after the function name; look at which ARN the console shows with :$LATEST.`);
    expect(task(report, 'qualifiers').points).toBe(0);
    expect(role.mismatches).toEqual([{ expected: 'the name of the policy attached to the execution role', got: '"AdministratorAccess"' }]);
    expect(task(report, 'qualifiers').mismatches).toEqual([
      { expected: `${arn}:$LATEST`, got: `"${arn}"` },
      { expected: 'the choice that describes qualified and unqualified ARNs', got: 'answer a' },
    ]);
  });

  it('a multiple-choice answer that is not a letter is asked for again as a letter', async () => {
    emu = inProcessEmulator();
    const ctx = stepsContext();
    await referenceSteps['hello-lambda']!.solve(emu.lambda, ctx);
    const result = task(await check('hello-lambda', { ...ctx.answers, 'arn-choice': 'both have a suffix' }), 'qualifiers');
    expect(result.points).toBe(10);
    expect(result.message).toBe('Answer "arn-choice" with the letter of one choice (a, b, c, d), got "both have a suffix".');
  });
});

describe('environment-variables: wrong solutions', () => {
  async function solvedWith(files: Record<string, string>, vars: Record<string, string> = { HELLO: 'world' }): Promise<Record<string, string>> {
    emu = inProcessEmulator();
    const ctx = stepsContext();
    await referenceSteps['environment-variables']!.start(emu.lambda, ctx);
    await referenceSteps['environment-variables']!.solve(emu.lambda, ctx);
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'hello-lambda', Environment: { Variables: vars } }));
    await setCode(emu.lambda, 'hello-lambda', files);
    return ctx.answers;
  }

  it('HELLO=World (wrong case of the value) gets half of add-variable', async () => {
    const answers = await solvedWith({ 'index.mjs': 'export const handler = async () => ({ statusCode: 200, body: JSON.stringify(`Hello ${process.env.HELLO}!`) });\n' }, { HELLO: 'World' });
    const result = task(await check('environment-variables', answers), 'add-variable');
    expect(result.points).toBe(10);
    expect(result.message).toBe('Expected HELLO to be "world", found "World".');
    expect(result.mismatches).toEqual([{ expected: 'HELLO=world', got: 'HELLO=World' }]);
  });

  it('hello=world (wrong case of the key) fails add-variable naming the near miss', async () => {
    const answers = await solvedWith({ 'index.mjs': 'export const handler = async () => ({ statusCode: 200, body: JSON.stringify(`Hello ${process.env.hello}!`) });\n' }, { hello: 'world' });
    expect(task(await check('environment-variables', answers), 'add-variable').message).toBe('Expected the key HELLO, found hello: keys are case-sensitive.');
  });

  it('hard-coded output passes run-test but fails read-variable, statically and on the probe copy', async () => {
    const answers = await solvedWith({ 'index.mjs': "export const handler = async () => ({ statusCode: 200, body: JSON.stringify('Hello world!') });\n" });
    const report = await check('environment-variables', answers);
    expect(task(report, 'run-test').passed).toBe(true);
    const read = task(report, 'read-variable');
    expect(read.points).toBe(0);
    expect(read.message).toMatch(/^Expected index\.mjs to read process\.env\.HELLO; it never does\. Did you choose Deploy after editing\? A copy of the function with HELLO=probe-[0-9a-f]{8} answered "\{\\"statusCode\\":200,\\"body\\":\\"\\\\\\"Hello world!\\\\\\"\\"\}": expected the output to follow the variable\.$/);
  });

  it('code that reads HELLO but prints a spelled-out greeting is caught by the probe copy only', async () => {
    const answers = await solvedWith({ 'index.mjs': "const greeting = process.env.HELLO;\nexport const handler = async () => ({ statusCode: 200, body: JSON.stringify('Hello ' + 'wor' + 'ld!') });\n" });
    const read = task(await check('environment-variables', answers), 'read-variable');
    expect(read.points).toBe(17.5);
    expect(read.message).toMatch(/^A copy of the function with HELLO=probe-[0-9a-f]{8} answered .*: expected the output to follow the variable\.$/);
  });

  it('the variable set but never read fails read-variable and run-test', async () => {
    const answers = await solvedWith({ 'index.mjs': "export const handler = async () => ({ statusCode: 200, body: JSON.stringify('Hello from Lambda!') });\n" });
    const report = await check('environment-variables', answers);
    expect(task(report, 'read-variable').message).toContain('Expected index.mjs to read process.env.HELLO; it never does.');
    expect(task(report, 'run-test').message).toBe('Expected the output to contain the value of HELLO ("world"), got {"statusCode":200,"body":"\\"Hello from Lambda!\\""}.');
  });

  it('reading the variable with destructuring counts as reading it', async () => {
    const answers = await solvedWith({ 'index.mjs': 'const { HELLO } = process.env;\nexport const handler = async () => ({ statusCode: 200, body: JSON.stringify(`Hello ${HELLO}!`) });\n' });
    expect(task(await check('environment-variables', answers), 'read-variable').passed).toBe(true);
  });

  it('an answer without Lambda\'s message, or naming a key Lambda accepts, fails reserved-variable', async () => {
    const answers = await solvedWith({ 'index.mjs': 'export const handler = async () => ({ statusCode: 200, body: JSON.stringify(`Hello ${process.env.HELLO}!`) });\n' });
    const vague = task(await check('environment-variables', { ...answers, 'reserved-variable': 'it did not work' }), 'reserved-variable');
    expect(vague.message).toBe('Expected Lambda\'s error message (it speaks of "reserved keys"), got "it did not work". Expected your answer to name the key you tried, as Lambda does ("Reserved keys used in this request: AWS_REGION").');
    const wrongKey = task(await check('environment-variables', { 'reserved-variable': 'Reserved keys used in this request: HELLO' }), 'reserved-variable');
    expect(wrongKey.points).toBe(10);
    expect(wrongKey.message).toBe('HELLO is not a reserved key: Lambda accepted it. Try AWS_REGION.');
  });

  it('leaves no temporary function behind after probing, whatever the outcome', async () => {
    const answers = await solvedWith({ 'index.mjs': "export const handler = async () => ({ statusCode: 200, body: JSON.stringify('Hello world!') });\n" });
    await check('environment-variables', { ...answers, 'reserved-variable': 'Reserved keys used in this request: HELLO' });
    await check('environment-variables', answers);
    const names = (await emu.lambda.send(new ListFunctionsCommand({}))).Functions?.map((f) => f.FunctionName);
    expect(names).toEqual(['hello-lambda']);
  });

  it('the reference answer quotes the emulator\'s refusal exactly', async () => {
    const answers = await solvedWith({ 'index.mjs': 'export const handler = async () => ({ statusCode: 200, body: JSON.stringify(`Hello ${process.env.HELLO}!`) });\n' });
    expect(answers['reserved-variable']).toBe('Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION');
    expect(task(await check('environment-variables', answers), 'reserved-variable').message).toContain('Lambda refuses AWS_REGION: InvalidParameterValueException: Lambda was unable to configure');
  });
});

describe('versions-and-aliases: wrong solutions', () => {
  async function started(): Promise<void> {
    emu = inProcessEmulator();
    await referenceSteps['versions-and-aliases']!.start(emu.lambda, stepsContext());
  }
  const v2Code = { 'index.mjs': 'export const handler = async () => ({ statusCode: 200, body: JSON.stringify(`Hi ${process.env.HELLO}, v2`) });\n' };

  it('a version published but $LATEST never edited fails edit-latest', async () => {
    await started();
    await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'hello-lambda' }));
    const report = await check('versions-and-aliases');
    expect(task(report, 'publish-version').passed).toBe(true);
    expect(task(report, 'edit-latest').message).toMatch(/^Expected \$LATEST to differ from a published version after an edit, but it has the same code \(CodeSha256 \S+\) and configuration as version 1\. Change the code or HELLO and deploy\.$/);
  });

  it('an alias on $LATEST fails create-alias, saying why', async () => {
    await started();
    await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'hello-lambda' }));
    await setCode(emu.lambda, 'hello-lambda', v2Code);
    await emu.lambda.send(new CreateAliasCommand({ FunctionName: 'hello-lambda', Name: 'prod', FunctionVersion: '$LATEST' }));
    const report = await check('versions-and-aliases');
    const alias = task(report, 'create-alias');
    expect(alias.points).toBe(17.5);
    expect(alias.message).toBe('Expected prod to point to a published version, found "$LATEST": $LATEST changes with every edit, so production would run untested code.');
    expect(task(report, 'edit-latest').passed).toBe(true);
  });

  it('an alias without weights fails shift-traffic', async () => {
    await started();
    await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'hello-lambda' }));
    await setCode(emu.lambda, 'hello-lambda', v2Code);
    await emu.lambda.send(new CreateAliasCommand({ FunctionName: 'hello-lambda', Name: 'prod', FunctionVersion: '1' }));
    const report = await check('versions-and-aliases');
    expect(task(report, 'create-alias').passed).toBe(true);
    expect(task(report, 'shift-traffic').message).toBe('Expected prod to send a share of its traffic (e.g. 10%) to a second version, found no additional version. Edit the alias, Weighted alias.');
  });

  it('a weighted alias is seen reaching both versions, with the counts', async () => {
    await started();
    await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'hello-lambda' }));
    await setCode(emu.lambda, 'hello-lambda', v2Code);
    await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'hello-lambda' }));
    await emu.lambda.send(new CreateAliasCommand({ FunctionName: 'hello-lambda', Name: 'prod', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } }));
    const result = task(await check('versions-and-aliases'), 'shift-traffic');
    expect(result.passed).toBe(true);
    expect(result.message).toMatch(/^prod sends 50% of invocations to version 2 and the rest to version 1\. \d+ invocations of hello-lambda:prod reached both versions \(version \d: \d+, version \d: \d+\)\.$/);
  });

  it('an edit published as version 2 with prod moved there still shows that version 1 kept its code', async () => {
    await started();
    await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'hello-lambda' }));
    await setCode(emu.lambda, 'hello-lambda', v2Code);
    await emu.lambda.send(new PublishVersionCommand({ FunctionName: 'hello-lambda' }));
    await emu.lambda.send(new CreateAliasCommand({ FunctionName: 'hello-lambda', Name: 'prod', FunctionVersion: '1' }));
    await emu.lambda.send(new UpdateAliasCommand({ FunctionName: 'hello-lambda', Name: 'prod', FunctionVersion: '2' }));
    const result = task(await check('versions-and-aliases'), 'edit-latest');
    expect(result.passed).toBe(true);
    expect(result.message).toBe('$LATEST differs from version 1 in its code, while version 1 kept what was published.');
  });
});

describe('layers: wrong solutions', () => {
  const handlerWithLayer = { 'index.js': "const { generate } = require('random-words');\nexports.handler = async () => ({ words: generate(3) });\n" };
  const library = (root: string): Record<string, string> => ({
    [`${root}random-words/index.js`]: "const words = require('./words.js');\nexports.generate = (n) => Array.from({ length: n }, () => words[0]);\n",
    [`${root}random-words/words.js`]: "module.exports = ['apple', 'river'];\n",
  });

  async function started(): Promise<void> {
    emu = inProcessEmulator();
    await referenceSteps.layers!.start(emu.lambda, stepsContext());
  }

  async function publish(name: string, zip: Uint8Array): Promise<string> {
    const layer = await emu.lambda.send(new PublishLayerVersionCommand({ LayerName: name, Content: { ZipFile: zip } }));
    return layer.LayerVersionArn ?? '';
  }

  it('a layer zipped without the nodejs/ folder fails publish-layer, naming the path it found', async () => {
    await started();
    await publish('random-words', zipFiles(library('')));
    const result = task(await check('layers'), 'publish-layer');
    expect(result.points).toBeCloseTo(25 / 3, 2);
    expect(result.message).toBe("Version 1 holds random-words/index.js, but Node.js looks for modules in /opt/nodejs/node_modules: zip the folder so that its top level is nodejs/ (expected nodejs/node_modules/random-words/index.js).");
  });

  it('the library bundled in the function instead of a layer fails attach-layer and use-layer', async () => {
    await started();
    await setCode(emu.lambda, 'hello-layers', { ...handlerWithLayer, ...library('node_modules/') });
    const report = await check('layers');
    expect(task(report, 'attach-layer').message).toBe('Expected hello-layers to use a version of the layer random-words, found no layers. Add it under Layers, Add a layer, Custom layers.');
    const use = task(report, 'use-layer');
    expect(use.message).toBe("The function's own package contains node_modules/random-words/index.js, node_modules/random-words/words.js: the library should come from the layer only. Delete it from the function and deploy. None of the function's layers provide nodejs/node_modules/random-words/words.js, so [\"apple\",\"apple\",\"apple\"] cannot come from a layer.");
  });

  it('bundling a copy while also using the layer still fails the bundling criterion', async () => {
    await started();
    const arn = await publish('random-words', randomWordsLayerZip());
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'hello-layers', Layers: [arn] }));
    await setCode(emu.lambda, 'hello-layers', { ...handlerWithLayer, ...library('node_modules/') });
    const use = task(await check('layers'), 'use-layer');
    expect(use.points).toBe(26.25);
    expect(use.message).toContain("The function's own package contains node_modules/random-words/index.js");
  });

  it('hard-coded words fail use-layer: no require, and words not in the list', async () => {
    await started();
    const arn = await publish('random-words', randomWordsLayerZip());
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'hello-layers', Layers: [arn] }));
    await setCode(emu.lambda, 'hello-layers', { 'index.js': "exports.handler = async () => ({ words: ['apple', 'banana'] });\n" });
    const use = task(await check('layers'), 'use-layer');
    expect(use.points).toBe(0);
    expect(use.message).toBe('Expected the handler file to load the library (import { generate } from \'random-words\'), found no import or require of random-words in index.js. It returned ["apple","banana"], but "banana" is not in the layer\'s word list.');
  });

  it('the wrong answer, or the override layer listed first, fails layer-order', async () => {
    await started();
    const words = await publish('random-words', randomWordsLayerZip());
    const planets = await publish('planet-words', planetWordsLayerZip());
    await setCode(emu.lambda, 'hello-layers', handlerWithLayer);
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'hello-layers', Layers: [words, planets] }));
    const wrong = task(await check('layers', { 'layer-wins': 'random-words' }), 'layer-order');
    expect(wrong.points).toBe(15);
    expect(wrong.message).toBe('Your answer names "random-words", but the function uses nodejs/node_modules/random-words/words.js from planet-words: layers are extracted in order, and the later one replaces the file.');
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'hello-layers', Layers: [planets, words] }));
    const reversed = await check('layers', { 'layer-wins': planets });
    expect(task(reversed, 'layer-order').message).toContain('Your answer names "planet-words", but the function uses nodejs/node_modules/random-words/words.js from random-words');
    expect(task(reversed, 'use-layer').passed).toBe(true);
  });

  it('index.js next to the console\'s index.mjs is the module that runs, and the one judged', async () => {
    await started();
    const arn = await publish('random-words', randomWordsLayerZip());
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'hello-layers', Layers: [arn] }));
    await setCode(emu.lambda, 'hello-layers', { ...handlerWithLayer, 'index.mjs': "export const handler = async () => ({ words: ['console'] });\n" });
    const use = task(await check('layers'), 'use-layer');
    expect(use.passed).toBe(true);
    expect(use.message).toMatch(/^index\.js loads random-words\. The library is not bundled in the function's own package\. It returned \["[a-z]+","[a-z]+","[a-z]+"\], words from the layer\.$/);
  });

  it('an ES module handler importing the library from the layer passes use-layer too', async () => {
    await started();
    const arn = await publish('random-words', randomWordsLayerZip());
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'hello-layers', Layers: [arn] }));
    await setCode(emu.lambda, 'hello-layers', { 'index.mjs': "import { generate } from 'random-words';\nexport const handler = async () => ({ words: generate(2) });\n" });
    const use = task(await check('layers'), 'use-layer');
    expect(use.message).toMatch(/^index\.mjs loads random-words\. .* It returned \["[a-z]+","[a-z]+"\], words from the layer\.$/);
    expect(use.passed).toBe(true);
  });

  it('a second layer that shares no file with the first fails layer-order', async () => {
    await started();
    const words = await publish('random-words', randomWordsLayerZip());
    const other = await publish('planet-words', zipFiles({ 'nodejs/node_modules/planets/index.js': "module.exports = ['mars'];\n" }));
    await setCode(emu.lambda, 'hello-layers', handlerWithLayer);
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'hello-layers', Layers: [words, other] }));
    const result = task(await check('layers', { 'layer-wins': 'planet-words' }), 'layer-order');
    expect(result.message).toBe("Expected two of hello-layers's layers to ship the same file (e.g. nodejs/node_modules/random-words/words.js), but no path appears twice. Which layer wins cannot be judged without a shared file.");
  });
});

describe('chaining: wrong solutions', () => {
  const iam = () => iamBeside(emu.lambda);
  const calleeArn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:hello-lambda`;
  const callerSource = readFileSync(new URL('../../../exercises/chaining/starter/index.mjs', import.meta.url), 'utf8');
  const putPolicy = (document: unknown, name = 'invoke-hello-lambda') =>
    iam().send(new PutRolePolicyCommand({ RoleName: 'lambda-role', PolicyName: name, PolicyDocument: JSON.stringify(document) }));
  const allow = (resource: string | string[], action: string | string[] = 'lambda:InvokeFunction') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });
  const invokeCaller = () => emu.lambda.send(new InvokeCommand({ FunctionName: 'chain-caller', Payload: new TextEncoder().encode('{}') }));

  async function started(): Promise<void> {
    emu = inProcessEmulator();
    await referenceSteps.chaining!.start(emu.lambda, stepsContext());
    await emu.lambda.send(new CreateFunctionCommand({ FunctionName: 'chain-caller', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipFiles({ 'index.mjs': callerSource }) } }));
  }

  it('the reference run passes, quoting the refusal from the logs and naming the one resource', async () => {
    emu = inProcessEmulator();
    const ctx = stepsContext();
    await referenceSteps.chaining!.start(emu.lambda, ctx);
    await referenceSteps.chaining!.solve(emu.lambda, ctx);
    const report = await check('chaining', ctx.answers);
    expect(task(report, 'meet-denied').message).toBe(
      `chain-caller exists (nodejs22.x, index.handler). Its logs hold the refusal: "User: arn:aws:sts::${ACCOUNT}:assumed-role/lambda-role/chain-caller is not authorized to perform: lambda:InvokeFunction on resource: ${calleeArn}". The role lacked lambda:InvokeFunction.`,
    );
    expect(task(report, 'least-privilege').message).toBe(`The role lambda-role allows lambda:InvokeFunction. A statement names ${calleeArn}. It allows lambda:InvokeFunction on ${calleeArn} and nothing else.`);
    expect(task(report, 'chain-works').message).toBe('chain-caller called hello-lambda and answered {"statusCode":200,"body":"\\"Hello from Lambda!\\""}, as hello-lambda does.');
  });

  it('a policy that was added before the first test fails meet-denied only: the refusal was never met', async () => {
    await started();
    await putPolicy(allow(calleeArn));
    await invokeCaller();
    const report = await check('chaining', { 'denied-action': 'lambda:InvokeFunction' });
    expect(task(report, 'meet-denied').passed).toBe(false);
    expect(task(report, 'meet-denied').message).toBe('Expected the logs of chain-caller (/aws/lambda/chain-caller) to hold an AccessDeniedException for lambda:InvokeFunction, found none. Test chain-caller before you change its role: the first call must be refused.');
    expect(task(report, 'least-privilege').passed).toBe(true);
    expect(task(report, 'chain-works').passed).toBe(true);
  });

  it('Resource "*" (or a wildcard over functions) makes the chain work but fails least-privilege', async () => {
    await started();
    await invokeCaller();
    await putPolicy(allow('*'));
    let report = await check('chaining', { 'denied-action': 'lambda:InvokeFunction' });
    expect(task(report, 'meet-denied').passed).toBe(true);
    expect(task(report, 'chain-works').passed).toBe(true);
    expect(task(report, 'least-privilege').passed).toBe(false);
    expect(task(report, 'least-privilege').message).toBe(`Expected a statement allowing lambda:InvokeFunction on ${calleeArn} itself. Expected lambda:InvokeFunction on ${calleeArn} only (least privilege), but the role also allows it on * (in invoke-hello-lambda).`);
    await putPolicy(allow([calleeArn, `arn:aws:lambda:us-east-1:${ACCOUNT}:function:*`], 'lambda:*'));
    report = await check('chaining', {});
    expect(task(report, 'least-privilege').points).toBe(20);
    expect(task(report, 'least-privilege').message).toBe(`Expected lambda:InvokeFunction on ${calleeArn} only (least privilege), but the role also allows it on arn:aws:lambda:us-east-1:${ACCOUNT}:function:* (in invoke-hello-lambda).`);
    expect(task(report, 'meet-denied').message).toBe('No answer was given for "denied-action": answer the question in the exercise to get this point.');
  });

  it('a policy on another function leaves the chain refused, and says so', async () => {
    await started();
    await invokeCaller();
    await putPolicy(allow(`${calleeArn}-v2`));
    const report = await check('chaining', { 'denied-action': 'lambda:GetFunction' });
    expect(task(report, 'meet-denied').message).toBe('Expected the action the message says the role may not perform, got "lambda:GetFunction".');
    expect(task(report, 'least-privilege').message).toBe(`Expected a statement allowing lambda:InvokeFunction on ${calleeArn} itself. Expected lambda:InvokeFunction on ${calleeArn} only (least privilege), but the role also allows it on ${calleeArn}-v2 (in invoke-hello-lambda).`);
    expect(task(report, 'chain-works').message).toBe(
      `Invoking chain-caller is still refused: the function failed with AccessDeniedException: User: arn:aws:sts::${ACCOUNT}:assumed-role/lambda-role/chain-caller is not authorized to perform: lambda:InvokeFunction on resource: ${calleeArn} because no identity-based policy allows the lambda:InvokeFunction action. Give its role the permission (Task 2).`,
    );
  });

  it('with no permission yet, chain-works does not invoke (its refusal would reach the logs Task 1 reads)', async () => {
    await started();
    const report = await check('chaining', {});
    expect(task(report, 'chain-works').message).toBe('The execution role of chain-caller does not allow lambda:InvokeFunction yet, so chain-caller cannot call hello-lambda: give the role the permission (Task 2) and test again.');
    expect(task(report, 'least-privilege').message).toBe('Expected the execution role lambda-role to allow lambda:InvokeFunction on ' + calleeArn + ', found no policy that allows it (AWSLambdaBasicExecutionRole). Add an inline policy to the role.');
    expect(task(await check('chaining', {}), 'meet-denied').message).toContain('found none. Test chain-caller before you change its role');
  });
});

describe('function-url: wrong solutions', () => {
  const starter = { 'index.mjs': readFileSync(new URL('../../../exercises/function-url/starter/index.mjs', import.meta.url), 'utf8') };
  const solution = { 'index.mjs': readFileSync(new URL('../../../exercises/function-url/solution/index.mjs', import.meta.url), 'utf8') };
  const publicUrl = { FunctionName: 'hello-url', StatementId: 'FunctionURLAllowPublicAccess', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' as const };
  const invokeViaUrl = { FunctionName: 'hello-url', StatementId: 'FunctionURLAllowInvokeAction', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true };

  async function withUrl(files: Record<string, string>, authType: 'NONE' | 'AWS_IAM' = 'NONE'): Promise<void> {
    emu = inProcessEmulator();
    await emu.lambda.send(new CreateFunctionCommand({ FunctionName: 'hello-url', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipFiles(files) } }));
    await emu.lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'hello-url', AuthType: authType }));
  }

  it('the reference run passes, saying what it saw through the URL', async () => {
    emu = inProcessEmulator();
    const ctx = stepsContext();
    await referenceSteps['function-url']!.solve(emu.lambda, ctx);
    const report = await check('function-url');
    const url = (await emu.lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: 'hello-url' }))).FunctionUrl;
    expect(url).toMatch(/^https:\/\/[a-z0-9]{32}\.lambda-url\.us-east-1\.on\.aws\/$/);
    expect(task(report, 'create-url').message).toBe(
      `hello-url has the function URL ${url} with AuthType NONE. Its resource-based policy lets everyone (Principal *) call lambda:InvokeFunctionUrl when the URL's auth type is NONE. It also lets everyone call lambda:InvokeFunction through the URL only (lambda:InvokedViaFunctionUrl = true). A GET to the URL was let through (it answered 400).`,
    );
    expect(task(report, 'http-response').message).toMatch(/^GET \?name=learner[0-9a-f]{6} answered 200\. Its Content-Type is application\/json\. Its body is \{"message":"Hello, learner[0-9a-f]{6}!"\}\. Without \?name it answered 400\.$/);
    expect(task(report, 'cors').message).toBe(
      'The URL\'s CORS allows the origin https://www.example.com. It allows GET. A request from https://www.example.com got Access-Control-Allow-Origin: https://www.example.com. A request from https://attacker.example.net got no Access-Control-Allow-Origin, so a browser keeps the answer from that page.',
    );
  });

  it('a URL without its resource-based policy answers 403 and fails create-url', async () => {
    await withUrl(solution);
    const report = await check('function-url');
    const create = task(report, 'create-url');
    expect(create.points).toBe(8.75);
    expect(create.message).toBe(
      "Expected a statement in hello-url's resource-based policy allowing Principal * the action lambda:InvokeFunctionUrl with the condition lambda:FunctionUrlAuthType = NONE, found no policy. Expected a second statement allowing Principal * the action lambda:InvokeFunction with the condition lambda:InvokedViaFunctionUrl = true: since October 2025 a URL needs both. Expected a GET to the URL to reach the function, but it answered 403 with \"{\\\"Message\\\":\\\"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html\\\"}\".",
    );
    expect(task(report, 'http-response').message).toBe('The URL refused the request (403): give it its resource-based policy first (Task 1).');
  });

  it('only the InvokeFunctionUrl statement (the rule before October 2025) still answers 403', async () => {
    await withUrl(solution);
    await emu.lambda.send(new AddPermissionCommand(publicUrl));
    const create = task(await check('function-url'), 'create-url');
    expect(create.points).toBe(17.5);
    expect(create.message).toMatch(/^Expected a second statement allowing Principal \* the action lambda:InvokeFunction .* but it answered 403 with /);
  });

  it('an AWS_IAM URL fails create-url on its auth type', async () => {
    await withUrl(solution, 'AWS_IAM');
    const create = task(await check('function-url'), 'create-url');
    expect(create.message).toMatch(/^Expected the URL's AuthType to be NONE \(public\), found "AWS_IAM": an AWS_IAM URL answers only signed requests\./);
  });

  it("the console's default code answers through the URL but fails http-response on headers, body and the 400", async () => {
    await withUrl(starter);
    await emu.lambda.send(new AddPermissionCommand(publicUrl));
    await emu.lambda.send(new AddPermissionCommand(invokeViaUrl));
    const report = await check('function-url');
    expect(task(report, 'create-url').passed).toBe(true);
    const response = task(report, 'http-response');
    // Lambda gives a result without a content-type header application/json, so only the body and the 400 fail.
    expect(response.points).toBe(14);
    expect(response.message).toMatch(/^Expected the body \{"message":"Hello, learner[0-9a-f]{6}!"\} \(the name from the query string\), got "\\"Hello from Lambda!\\""\. Expected a GET without \?name to answer 400 \(Bad Request\), got 200 with "\\"Hello from Lambda!\\""\.$/);
    expect(task(report, 'cors').message).toBe('Expected the URL\'s CORS settings to allow the origin https://www.example.com, found no CORS settings. Set them with aws lambda update-function-url-config --cors.');
  });

  it('AllowOrigins "*" fails cors: every page could read the answers', async () => {
    await withUrl(solution);
    await emu.lambda.send(new AddPermissionCommand(publicUrl));
    await emu.lambda.send(new AddPermissionCommand(invokeViaUrl));
    await emu.lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: 'hello-url', Cors: { AllowOrigins: ['*'], AllowMethods: ['GET'] } }));
    let result = task(await check('function-url'), 'cors');
    expect(result.message).toBe('Expected AllowOrigins to name https://www.example.com, found "*": every web page could read the answers.');
    await emu.lambda.send(new UpdateFunctionUrlConfigCommand({ FunctionName: 'hello-url', Cors: { AllowOrigins: ['https://www.example.com'], AllowMethods: ['POST'] } }));
    result = task(await check('function-url'), 'cors');
    expect(result.points).toBe(22.5);
    expect(result.message).toBe('Expected AllowMethods to include GET, found ["POST"].');
  });
});

describe('s3-trigger: wrong solutions', () => {
  const bucket = 'uploads-ada-1815';
  const starter = readFileSync(new URL('../../../exercises/s3-trigger/starter/index.mjs', import.meta.url), 'utf8');
  const solution = readFileSync(new URL('../../../exercises/s3-trigger/solution/index.mjs', import.meta.url), 'utf8');
  const arn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:upload-processor`;
  const s3 = () => neighboursBeside(emu.lambda).s3;
  const grant = (resource: string) =>
    iamBeside(emu.lambda).send(new PutRolePolicyCommand({ RoleName: 'lambda-role', PolicyName: 'write-summaries', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: resource }] }) }));
  const testS3Put = () => emu.lambda.send(new InvokeCommand({ FunctionName: 'upload-processor', Payload: new TextEncoder().encode(JSON.stringify(s3PutEvent(bucket, 'uploads/my+photo.txt'))) }));

  /** upload-processor from the starter, triggered by the bucket (for `prefix`), with the console's statement. */
  async function triggered(prefix: string | null = 'uploads/', options: { sourceAccount?: boolean } = {}): Promise<void> {
    emu = inProcessEmulator();
    await emu.lambda.send(new CreateFunctionCommand({ FunctionName: 'upload-processor', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipFiles({ 'index.mjs': starter }) } }));
    await s3().send(new CreateBucketCommand({ Bucket: bucket }));
    await emu.lambda.send(new AddPermissionCommand({ FunctionName: 'upload-processor', StatementId: 'lambda-s3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: `arn:aws:s3:::${bucket}`, ...(options.sourceAccount === false ? {} : { SourceAccount: ACCOUNT }) }));
    const filter = prefix === null ? {} : { Filter: { Key: { FilterRules: [{ Name: 'prefix' as const, Value: prefix }] } } };
    await s3().send(new PutBucketNotificationConfigurationCommand({ Bucket: bucket, NotificationConfiguration: { LambdaFunctionConfigurations: [{ LambdaFunctionArn: arn, Events: ['s3:ObjectCreated:*'], ...filter }] } }));
  }

  it('the reference run passes, quoting the refusal and reading the summary of the checker\'s own upload', async () => {
    emu = inProcessEmulator();
    const ctx = stepsContext();
    await referenceSteps['s3-trigger']!.solve(emu.lambda, ctx);
    const report = await check('s3-trigger', ctx.answers);
    expect(task(report, 'add-trigger').message).toBe(`upload-processor's policy lets s3.amazonaws.com invoke it for the bucket ${bucket} in account ${ACCOUNT}. The bucket ${bucket} notifies upload-processor. It sends s3:ObjectCreated:*. Only keys under uploads/ trigger it, so the summaries it writes under processed/ do not.`);
    expect(task(report, 'meet-denied').message).toBe(`Its logs hold the refusal: "User: arn:aws:sts::${ACCOUNT}:assumed-role/lambda-role/upload-processor is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::${bucket}/processed/my+photo.txt.json"". The role lacked s3:PutObject.`);
    expect(task(report, 'process-uploads').message).toMatch(new RegExp(`^Uploaded s3://${bucket}/uploads/check [0-9a-f]{8}\\.txt: upload-processor wrote processed/check [0-9a-f]{8}\\.txt\\.json with \\{"source":"uploads/check [0-9a-f]{8}\\.txt","size":22\\}\\.$`));
    expect(report.points).toBe(100);
  });

  it('a trigger for every key fails add-trigger, naming the recursive loop', async () => {
    await triggered(null);
    const result = task(await check('s3-trigger'), 'add-trigger');
    expect(result.points).toBe(15);
    expect(result.message).toContain('Expected the trigger to filter on the prefix uploads/, found no prefix: every summary the function writes under processed/ would trigger it again, a recursive loop.');
  });

  it('a statement without SourceAccount loses that point only', async () => {
    await triggered('uploads/', { sourceAccount: false });
    const result = task(await check('s3-trigger'), 'add-trigger');
    expect(result.points).toBe(20);
    expect(result.message).toContain(`Expected the statement for s3.amazonaws.com to name your account too (SourceAccount ${ACCOUNT}), found "none"`);
  });

  it('granting before the first test fails meet-denied, and the checker does not upload while the role cannot write', async () => {
    await triggered();
    let report = await check('s3-trigger', { 'denied-action': 's3:PutObject' });
    expect(task(report, 'process-uploads').message).toBe('The execution role of upload-processor does not allow s3:PutObject yet, so it cannot write a summary: give the role the permission (Task 3), then upload.');
    expect(task(report, 'meet-denied').message).toBe('Expected the logs of upload-processor (/aws/lambda/upload-processor) to hold an AccessDenied for s3:PutObject, found none. Test upload-processor with an S3 Put event for your bucket before you change its role: the first write must be refused.');
    await grant(`arn:aws:s3:::${bucket}/processed/*`);
    await testS3Put();
    report = await check('s3-trigger', { 'denied-action': 's3:PutObject' });
    expect(task(report, 'meet-denied').passed).toBe(false);
    expect(task(report, 'grant-write').passed).toBe(true);
  });

  it('a grant on the whole bucket fails least privilege', async () => {
    await triggered();
    await testS3Put();
    await grant(`arn:aws:s3:::${bucket}/*`);
    const report = await check('s3-trigger', { 'denied-action': 'PutObject' });
    expect(task(report, 'meet-denied').message).toContain('Expected the action the message says the role may not perform, got "PutObject".');
    expect(task(report, 'grant-write').message).toBe(`Expected a statement allowing s3:PutObject on arn:aws:s3:::${bucket}/processed/*, found arn:aws:s3:::${bucket}/*. Expected s3:PutObject on arn:aws:s3:::${bucket}/processed/* only (least privilege), but the role also allows it on arn:aws:s3:::${bucket}/* (in write-summaries).`);
  });

  it('the starter code writes the summary under the encoded key, and process-uploads says to decode it', async () => {
    await triggered();
    await grant(`arn:aws:s3:::${bucket}/processed/*`);
    let result = task(await check('s3-trigger'), 'process-uploads');
    expect(result.passed).toBe(false);
    expect(result.message).toMatch(/^Uploaded s3:\/\/uploads-ada-1815\/uploads\/check [0-9a-f]{8}\.txt: expected the summary processed\/check [0-9a-f]{8}\.txt\.json, found processed\/check\+[0-9a-f]{8}\.txt\.json: S3 sends the key URL-encoded \(a space as \+\); decode it before you use it, and Deploy\.$/);
    await setCode(emu.lambda, 'upload-processor', { 'index.mjs': solution });
    result = task(await check('s3-trigger'), 'process-uploads');
    expect(result.passed).toBe(true);
  });
});

describe('scheduled: wrong solutions', () => {
  const starter = readFileSync(new URL('../../../exercises/scheduled/starter/index.mjs', import.meta.url), 'utf8');
  const arn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:nightly-report`;
  const ruleArn = `arn:aws:events:us-east-1:${ACCOUNT}:rule/nightly-report-schedule`;
  const events = () => neighboursBeside(emu.lambda).events;

  /** nightly-report from the starter, the rule on `expression`, a statement for `permission` (the rule's ARN unless given; null: none; 'any rule': no SourceArn) and the target. */
  async function scheduled(expression: string, options: { permission?: string | null; target?: boolean } = {}): Promise<void> {
    emu = inProcessEmulator();
    await emu.lambda.send(new CreateFunctionCommand({ FunctionName: 'nightly-report', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipFiles({ 'index.mjs': starter }) } }));
    await events().send(new PutRuleCommand({ Name: 'nightly-report-schedule', ScheduleExpression: expression }));
    const sourceArn = options.permission === undefined ? ruleArn : options.permission;
    if (sourceArn !== null) await emu.lambda.send(new AddPermissionCommand({ FunctionName: 'nightly-report', StatementId: 'events', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com', ...(sourceArn === 'any rule' ? {} : { SourceArn: sourceArn }) }));
    if (options.target !== false) await events().send(new PutTargetsCommand({ Rule: 'nightly-report-schedule', Targets: [{ Id: 'fn', Arn: arn }] }));
  }

  it('the reference run passes, quoting the firing', async () => {
    emu = inProcessEmulator();
    const ctx = stepsContext();
    await referenceSteps.scheduled!.solve(emu.lambda, ctx);
    const report = await check('scheduled');
    expect(task(report, 'schedule-rule').message).toBe('The rule nightly-report-schedule runs on cron(0 3 * * ? *), 03:00 UTC every day. It is enabled. Its target is nightly-report.');
    expect(task(report, 'invoke-permission').message).toBe("nightly-report's resource-based policy lets events.amazonaws.com invoke it for nightly-report-schedule only (statement nightly-report-schedule).");
    expect(task(report, 'fired').message).toMatch(new RegExp(`^The rule fired: "Daily report for 2026-01-01 \\(Scheduled Event [0-9a-f-]{36} at 2026-01-01T03:00:00Z from ${ruleArn}\\)"\\.$`));
    expect(task(report, 'event-time').message).toMatch(/^Given a Scheduled Event for 2020-\d\d-\d\dT03:00:00Z, nightly-report reported \{"report":"daily","for":"2020-\d\d-\d\d"\}\.$/);
  });

  it('a five-field cron is refused by EventBridge; a rule at another time, or a rate, fails on the schedule only; another spelling of 03:00 daily passes', async () => {
    await expect(scheduled('cron(0 3 * * *)')).rejects.toThrow('Parameter ScheduleExpression is not valid.');
    await emu.close();
    await scheduled('cron(0 15 * * ? *)');
    let result = task(await check('scheduled'), 'schedule-rule');
    expect(result.points).toBe(15);
    expect(result.message).toBe('Expected the rule nightly-report-schedule to have the schedule cron(0 3 * * ? *) (03:00 UTC every day), found "cron(0 15 * * ? *)": minutes 0, hours 3, every day of the month (*) and any day of the week (?), every month and year (*).');
    await emu.close();
    await scheduled('rate(1 day)');
    result = task(await check('scheduled'), 'schedule-rule');
    expect(result.message).toBe('Expected the rule nightly-report-schedule to have the schedule cron(0 3 * * ? *) (03:00 UTC every day), found "rate(1 day)": a rate counts from when the rule was made, so it fires at whatever time that was, not at 03:00.');
    await emu.close();
    await scheduled('cron(00 03 ? * * *)');
    result = task(await check('scheduled'), 'schedule-rule');
    expect(result.passed).toBe(true);
    expect(result.message).toBe('The rule nightly-report-schedule runs on cron(00 03 ? * * *), 03:00 UTC every day. It is enabled. Its target is nightly-report.');
  });

  it('without the policy statement EventBridge cannot deliver: invoke-permission says which command adds it, and the firing never reaches the logs', async () => {
    await scheduled('cron(0 3 * * ? *)', { permission: null });
    await advanceToNextFiring(emu.lambda);
    const report = await check('scheduled');
    expect(task(report, 'schedule-rule').passed).toBe(true);
    expect(task(report, 'invoke-permission').message).toBe(`Expected a statement in nightly-report's resource-based policy that lets events.amazonaws.com invoke it, found none: without it EventBridge cannot deliver. aws lambda add-permission --function-name nightly-report --statement-id nightly-report-schedule --action lambda:InvokeFunction --principal events.amazonaws.com --source-arn ${ruleArn}.`);
    expect(task(report, 'fired').passed).toBe(false);
  });

  it('a statement for another rule, or no target, fails the task it belongs to, saying which', async () => {
    await scheduled('cron(0 3 * * ? *)', { permission: `${ruleArn}-old`, target: false });
    const report = await check('scheduled');
    expect(task(report, 'schedule-rule').message).toBe(`Expected the rule's targets to include ${arn}, found none: aws events put-targets --rule nightly-report-schedule --targets Id=nightly-report,Arn=${arn}.`);
    expect(task(report, 'invoke-permission').message).toBe(`Expected the statement for events.amazonaws.com to name the rule (SourceArn ${ruleArn}), found "${ruleArn}-old".`);
  });

  it('a statement without SourceArn lets the rule in, but fails invoke-permission: any rule in any account could invoke the function', async () => {
    await scheduled('cron(0 3 * * ? *)', { permission: 'any rule' });
    await advanceToNextFiring(emu.lambda);
    const report = await check('scheduled');
    expect(task(report, 'invoke-permission').message).toMatch(/^Expected the statement for events\.amazonaws\.com to name the rule \(SourceArn arn:aws:events:[^)]+\), found one without a SourceArn: it lets any EventBridge rule, in any account, invoke nightly-report\. Remove it \(aws lambda remove-permission\) and add one for the rule: aws lambda add-permission /);
    expect(task(report, 'fired').passed).toBe(true);
  });

  it("the starter reports the day it runs, and a test with the checker's own events never counts as the rule firing", async () => {
    await scheduled('cron(0 3 * * ? *)');
    let report = await check('scheduled');
    expect(task(report, 'event-time').message).toMatch(/^Given a Scheduled Event for 2020-\d\d-\d\dT03:00:00Z, expected \{"report":"daily","for":"2020-\d\d-\d\d"\}, got \{"report":"daily","for":"2026-01-01"\}: report the day the event is about \(its time\), not the day the function runs\.$/);
    report = await check('scheduled');
    expect(task(report, 'fired').message).toBe(`Expected the logs of nightly-report (/aws/lambda/nightly-report) to show a Scheduled Event from ${ruleArn}, found none. In the Services tab choose To the next scheduled firing (on a real account, wait for 03:00 UTC), and keep the starter's console.log line.`);
  });
});

describe('sqs-batch: wrong solutions', () => {
  const starter = readFileSync(new URL('../../../exercises/sqs-batch/starter/index.mjs', import.meta.url), 'utf8');
  const queueArn = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
  const sqs = () => neighboursBeside(emu.lambda).sqs;

  /** order-worker from the starter, the two queues (orders with `redrive`), the role allowed to poll, and optionally the mapping. */
  async function queued(redrive: Record<string, unknown> | null, mapping?: { FunctionResponseTypes?: 'ReportBatchItemFailures'[] }): Promise<void> {
    emu = inProcessEmulator();
    await emu.lambda.send(new CreateFunctionCommand({ FunctionName: 'order-worker', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipFiles({ 'index.mjs': starter }) } }));
    await sqs().send(new CreateQueueCommand({ QueueName: 'orders-dlq' }));
    await sqs().send(new CreateQueueCommand({ QueueName: 'orders', ...(redrive === null ? {} : { Attributes: { RedrivePolicy: JSON.stringify(redrive) } }) }));
    await iamBeside(emu.lambda).send(new AttachRolePolicyCommand({ RoleName: 'lambda-role', PolicyArn: sqsExecutionPolicy }));
    if (mapping !== undefined) await emu.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'order-worker', EventSourceArn: queueArn('orders'), ...mapping }));
  }

  it('the reference run passes, naming the mapping and the one failed message', async () => {
    emu = inProcessEmulator();
    const ctx = stepsContext();
    await referenceSteps['sqs-batch']!.solve(emu.lambda, ctx);
    const report = await check('sqs-batch', ctx.answers);
    expect(task(report, 'queues').message).toBe('orders moves messages it cannot deliver to orders-dlq. After 3 receives a message goes there.');
    expect(task(report, 'mapping').message).toMatch(/^An event source mapping \([0-9a-f-]{36}\) feeds orders to order-worker\. It is (Enabled|Creating)\. It reads the batch item failures the function reports\. Lambda's refusal named sqs:ReceiveMessage\.$/);
    expect(task(report, 'partial-failures').message).toMatch(/^Given a batch of three messages whose second has quantity 0, order-worker reported only that one: \{"batchItemFailures":\[\{"itemIdentifier":"[0-9a-f-]{36}"\}\]\}\.$/);
    expect(task(report, 'dead-letter').message).toBe('orders-dlq holds 1 message(s) that failed too often.');
  });

  it('no redrive policy, or a maxReceiveCount of 10, fails queues saying what is wrong', async () => {
    await queued(null);
    expect(task(await check('sqs-batch'), 'queues').message).toBe(`Expected the RedrivePolicy of orders to name ${queueArn('orders-dlq')} as its deadLetterTargetArn, found "no RedrivePolicy". Expected a maxReceiveCount from 1 to 5, found "none": a poison message is retried that many times before it is set aside.`);
    await emu.close();
    await queued({ deadLetterTargetArn: queueArn('orders-dlq'), maxReceiveCount: '10' });
    const result = task(await check('sqs-batch'), 'queues');
    expect(result.points).toBe(13.33);
    expect(result.message).toBe('Expected a maxReceiveCount from 1 to 5, found 10: a poison message is retried that many times before it is set aside.');
  });

  it('a mapping without ReportBatchItemFailures fails mapping, saying Lambda would ignore the reported failures', async () => {
    await queued({ deadLetterTargetArn: queueArn('orders-dlq'), maxReceiveCount: '3' }, {});
    const result = task(await check('sqs-batch', { 'missing-permission': 'ReceiveMessage' }), 'mapping');
    expect(result.points).toBe(18.75);
    expect(result.message).toBe('Expected the mapping to have FunctionResponseTypes ReportBatchItemFailures, found none: without it Lambda ignores the failures the function reports, and a failed batch comes back whole.');
  });

  it('the starter fails the whole batch, and an empty dead-letter queue says how to fill it', async () => {
    await queued({ deadLetterTargetArn: queueArn('orders-dlq'), maxReceiveCount: '3' }, { FunctionResponseTypes: ['ReportBatchItemFailures'] });
    const report = await check('sqs-batch', { 'missing-permission': 'sqs:SendMessage' });
    expect(task(report, 'mapping').message).toBe('Expected the permission Lambda\'s refusal says the role lacks, got "sqs:SendMessage".');
    expect(task(report, 'partial-failures').message).toMatch(/^Given a batch of three messages whose second has quantity 0, the function failed with Error: Order o-[0-9a-f]{4}: the quantity must be a whole number above 0, got 0: the whole batch fails, and its two good messages would be processed again\. Report only the failed message in batchItemFailures\.$/);
    expect(task(report, 'dead-letter').message).toBe('Expected orders-dlq to hold the poison message, found it empty. Send a message that cannot succeed (not json) to orders, then let it be received maxReceiveCount times (in the page, +1 minute in the Services tab, once per receive).');
  });

  /** The starter's loop with each record handled on its own; `answer` is what the handler returns after it (failed: the records that failed). */
  const catching = (answer: string) => `export const handler = async (event) => {
  const failed = [];
  for (const record of event.Records) {
    try {
      const order = JSON.parse(record.body);
      if (!Number.isInteger(order.quantity) || order.quantity <= 0) throw new Error('bad quantity');
    } catch (err) {
      failed.push(record);
    }
  }
  ${answer}
};
`;
  const partialFailures = async (answer: string): Promise<TaskResult> => {
    await queued({ deadLetterTargetArn: queueArn('orders-dlq'), maxReceiveCount: '3' }, { FunctionResponseTypes: ['ReportBatchItemFailures'] });
    await setCode(emu.lambda, 'order-worker', { 'index.mjs': catching(answer) });
    return task(await check('sqs-batch', { 'missing-permission': 'sqs:ReceiveMessage' }), 'partial-failures');
  };
  /** The start of a failed partial-failures message, as a pattern. */
  const given = String.raw`^Given a batch of three messages whose second has quantity 0, expected \{"batchItemFailures":\[\{"itemIdentifier":"[0-9a-f-]{36}"\}\]\}, got `;

  it('a handler that swallows the errors and returns nothing, or misspells the key, fails partial-failures: Lambda would delete the bad message too', async () => {
    let result = await partialFailures('');
    expect(result.passed).toBe(false);
    expect(result.message).toBe(`Given a batch of three messages whose second has quantity 0, expected ${result.mismatches![0]!.expected}, got null: the function returned nothing. Lambda reads that as no failures and deletes every message, the bad one too: it is lost instead of coming back and ending in the dead-letter queue. Return {"batchItemFailures": [...]} after the loop.`);
    await emu.close();
    result = await partialFailures('return { BatchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })) };');
    expect(result.message).toMatch(/: Lambda reads only the key batchItemFailures \(spelled exactly so\), not "BatchItemFailures"\. Lambda reads that as no failures and deletes every message, the bad one too: /);
  });

  it('failures named by their receipt handles, or as bare ids, fail partial-failures: Lambda would fail the whole batch', async () => {
    let result = await partialFailures('return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.receiptHandle })) };');
    expect(result.message).toMatch(new RegExp(given + String.raw`\{"batchItemFailures":\[\{"itemIdentifier":"AQEB[0-9a-f]{40}"\}\]\}: itemIdentifier is the record's messageId, not its receiptHandle\. Lambda finds no message with that id, and fails the whole batch: the two good messages would be processed again\.$`));
    await emu.close();
    result = await partialFailures('return { batchItemFailures: failed.map((r) => r.messageId) };');
    expect(result.message).toMatch(new RegExp(given + String.raw`\{"batchItemFailures":\["[0-9a-f-]{36}"\]\}: each failure must be an object \{"itemIdentifier": <the record's messageId>\}, and "[0-9a-f-]{36}" is not\. Lambda cannot read that, and fails the whole batch: the two good messages would be processed again\.$`));
  });

  it('extra keys beside batchItemFailures are ignored, as Lambda ignores them', async () => {
    const result = await partialFailures("return { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })), processed: 2 };");
    expect(result.passed).toBe(true);
  });
});

describe('permissions: wrong solutions', () => {
  const iam = () => iamBeside(emu.lambda);
  const started = async (): Promise<void> => {
    emu = inProcessEmulator();
    await referenceSteps.permissions!.start(emu.lambda, stepsContext());
  };
  /** Task 1 done as the instructions say: Lambda trusted instead of EC2, and the function on the role. */
  const trusted = async (): Promise<void> => {
    await started();
    await iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: 'inventory-app-role', PolicyDocument: lambdaTrust }));
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'inventory-report', Role: APP_ROLE }));
  };
  const APP_ROLE = `arn:aws:iam::${ACCOUNT}:role/inventory-app-role`;

  it('the reference run passes, saying what the trust policy, the role and the function\'s policy now allow', async () => {
    emu = inProcessEmulator();
    const ctx = stepsContext();
    await referenceSteps.permissions!.start(emu.lambda, ctx);
    await referenceSteps.permissions!.solve(emu.lambda, ctx);
    const report = await check('permissions', ctx.answers);
    expect(report.tasks.map((t) => t.message)).toEqual([
      'The trust policy of inventory-app-role lets lambda.amazonaws.com assume it and no one else. inventory-report runs as it. The teammate\'s trust policy let ec2.amazonaws.com assume the role, not Lambda.',
      'The role inventory-app-role lacked logs:CreateLogStream, so Lambda wrote no logs.',
      'The role inventory-app-role allows logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents (AWSLambdaBasicExecutionRole). Its logs reach /aws/lambda/inventory-report again.',
      'No statement lets just anyone invoke inventory-report. "partner-invoke" lets account 222222222222 invoke it.',
    ]);
  });

  it('before the teammate\'s commands every task says to run them first', async () => {
    emu = inProcessEmulator();
    await emu.lambda.send(new CreateFunctionCommand({ FunctionName: 'inventory-report', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipFiles({ 'index.mjs': 'export const handler = async () => ({});' }) } }));
    const report = await check('permissions', { 'trusted-principal': 'ec2.amazonaws.com', 'missing-log-permission': 'logs:PutLogEvents' });
    expect(task(report, 'trust-lambda').message).toBe('Expected a role named inventory-app-role, but IAM answered NoSuchEntity. There is no role inventory-app-role yet: run the teammate\'s commands at the top of the exercise first.');
    for (const id of ['find-missing-logs', 'repair-role', 'repair-policy']) {
      expect(task(report, id).message).toBe(`Expected inventory-report to run as the role inventory-app-role, found "${ROLE}". There is no role inventory-app-role yet: run the teammate's commands at the top of the exercise first.`);
    }
  });

  it('a trust policy that keeps EC2 beside Lambda loses a fifth of trust-lambda; a repaired trust not yet used says to run the command again', async () => {
    await started();
    await iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: 'inventory-app-role', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] }, Action: 'sts:AssumeRole' }] }) }));
    let report = await check('permissions', { 'trusted-principal': 'lambda.amazonaws.com' });
    expect(task(report, 'trust-lambda').message).toBe(
      'Expected it to let only lambda.amazonaws.com assume inventory-app-role, found also ec2.amazonaws.com: no one else needs to act as this role. '
      + `Expected inventory-report to run as the role inventory-app-role, found "${ROLE}": once Lambda may assume the role, run the teammate's update-function-configuration command again. `
      + 'Expected the principal the teammate\'s trust policy named (aws iam get-role shows it), got "lambda.amazonaws.com".',
    );
    expect(task(report, 'repair-role').message).toBe(`Expected inventory-report to run as the role inventory-app-role, found "${ROLE}". Lambda may assume it now: run the teammate's update-function-configuration command again.`);
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'inventory-report', Role: APP_ROLE }));
    report = await check('permissions', { 'trusted-principal': 'EC2.amazonaws.com' });
    expect(task(report, 'trust-lambda').points).toBe(20);
    expect(task(report, 'trust-lambda').message).toBe('Expected it to let only lambda.amazonaws.com assume inventory-app-role, found also ec2.amazonaws.com: no one else needs to act as this role.');
  });

  it('an inline policy with only PutLogEvents is not enough, and says which actions are missing', async () => {
    await trusted();
    await iam().send(new PutRolePolicyCommand({ RoleName: 'inventory-app-role', PolicyName: 'logs', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }] }) }));
    await emu.lambda.send(new InvokeCommand({ FunctionName: 'inventory-report' }));
    const report = await check('permissions', { 'missing-log-permission': 's3:GetObject' });
    expect(task(report, 'find-missing-logs').message).toBe('Expected one of the logs actions the console says the role does not allow, got "s3:GetObject".');
    expect(task(report, 'repair-role').message).toMatch(/^Expected the role inventory-app-role to allow logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents, but it does not allow logs:CreateLogGroup, logs:CreateLogStream \(its policies: logs\)\. Attach AWSLambdaBasicExecutionRole\. Expected a log stream in \/aws\/lambda\/inventory-report created since inventory-report last changed \(\S+\), found none\.$/);
  });

  it('the streams the console\'s role wrote before do not count: the role must be seen writing, after the policy is attached', async () => {
    // A clock that moves on between the learner's steps, as the page's does.
    const clock = createVirtualClock(VIRTUAL_EPOCH);
    emu = inProcessEmulator(undefined, clock);
    await referenceSteps.permissions!.start(emu.lambda, stepsContext());
    // Tested right after Create function: the console's role wrote a stream.
    await emu.lambda.send(new InvokeCommand({ FunctionName: 'inventory-report' }));
    clock.advance(60_000);
    await iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: 'inventory-app-role', PolicyDocument: lambdaTrust }));
    await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'inventory-report', Role: APP_ROLE }));
    await iam().send(new AttachRolePolicyCommand({ RoleName: 'inventory-app-role', PolicyArn: basicExecutionPolicy }));
    let result = task(await check('permissions'), 'repair-role');
    expect(result.points).toBe(16.67);
    expect(result.message).toMatch(/^Expected a log stream in \/aws\/lambda\/inventory-report created since inventory-report last changed \(\d{4}-\d\d-\d\dT[\d:.]+Z\), found none: Test the function again now that the role may write logs\.$/);
    clock.advance(60_000);
    await emu.lambda.send(new InvokeCommand({ FunctionName: 'inventory-report' }));
    result = task(await check('permissions'), 'repair-role');
    expect(result.passed).toBe(true);
  });

  it('adding the partner but keeping the public statement earns half of repair-policy', async () => {
    await trusted();
    await emu.lambda.send(new AddPermissionCommand({ FunctionName: 'inventory-report', StatementId: 'partner-invoke', Action: 'lambda:InvokeFunction', Principal: '222222222222' }));
    const result = task(await check('permissions'), 'repair-policy');
    expect(result.points).toBe(17.5);
    expect(result.message).toBe('Expected no statement that lets any principal (*) invoke inventory-report without a condition, found "public-invoke": remove it with aws lambda remove-permission.');
  });
});
