/**
 * Every exercise can be done in Python: its Python reference solution (exercises/<slug>/solution-python/)
 * passes every task of the same checks the Node.js one passes, and its Python starter state fails every
 * task with the message that tells the learner what to do first. The checks see only the Lambda and
 * CloudWatch Logs APIs. In process (Python in worker threads behind the engine chooser) and over HTTP
 * (`npm run emulator`, whose Python functions always run in workers).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CreateFunctionCommand, GetFunctionConfigurationCommand, InvokeCommand, PublishLayerVersionCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createEngineChooser } from '../../../src/emulator/index.ts';
import { createNodePythonWorkerEnvironmentFactory } from '../../../src/hosts/node/node-worker-environment.ts';
import { runChecks } from '../../../src/checks/run.ts';
import type { CheckReport } from '../../../src/checks/types.ts';
import { referenceRuntimes } from '../../../src/checks/reference-steps.ts';
import { zipFiles } from '../../../src/checks/zip.ts';
import { environmentFactory } from './engine.ts';
import { ROLE, httpEmulator, inProcessEmulator, seededRandom, stepsContext, type Emulator, type EmulatorKind } from './harness.ts';
import { starterMessages as nodeStarterMessages } from './starter-messages.ts';
import { referenceSteps } from './steps.ts';

/** What the learner reads before doing anything: as in Node.js, but where a check names the Python file or import. */
const starterMessages: Record<string, Record<string, string>> = {
  ...nodeStarterMessages,
  'hello-lambda': {
    ...nodeStarterMessages['hello-lambda'],
    'create-function': 'Expected a function named hello-lambda, but Lambda answered ResourceNotFoundException. Create it in the Lambda console: Create function, Author from scratch, Function name hello-lambda, Runtime Node.js (or Python).',
  },
  'environment-variables': {
    'add-variable': 'Expected an environment variable HELLO on hello-lambda, found none.',
    'read-variable': "Expected lambda_function.py to read os.environ['HELLO']; it never does.",
    'run-test': 'HELLO is not set (Task 1), so the output cannot use it',
    'reserved-variable': 'No answer was given for "reserved-variable"',
  },
  layers: {
    'publish-layer': 'Expected a layer named random-words with at least one version, found none.',
    'attach-layer': 'Expected hello-layers to use a version of the layer random-words, found no layers.',
    'use-layer': 'Expected the handler file to load the library (from random_words import generate), found no import of random_words in lambda_function.py.',
    'layer-order': 'Expected hello-layers to use two layers (random-words and then planet-words), found none.',
  },
};
const functionOf: Record<string, string> = { 'hello-lambda': 'hello-lambda', 'environment-variables': 'hello-lambda', 'versions-and-aliases': 'hello-lambda', layers: 'hello-layers', chaining: 'chain-caller', 'function-url': 'hello-url', 's3-trigger': 'upload-processor', scheduled: 'nightly-report', 'sqs-batch': 'order-worker', permissions: 'inventory-report' };

function summary(report: CheckReport): Record<string, string> {
  return Object.fromEntries(report.tasks.map((t) => [t.id, `${t.passed ? 'passed' : 'failed'} ${t.points}/${t.maxPoints}: ${t.message}`]));
}

// One Python worker factory for the file, so its spare interpreter serves the next environment.
const python = createNodePythonWorkerEnvironmentFactory();
const engines = createEngineChooser({ nodejs: environmentFactory, python });
const open = (kind: EmulatorKind): Promise<Emulator> => (kind === 'in-process' ? Promise.resolve(inProcessEmulator(engines)) : httpEmulator());

describe.each<EmulatorKind>(['in-process', 'http'])('Python reference solutions on the %s emulator', { timeout: 180_000 }, (kind) => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  describe.each(Object.keys(referenceSteps))('%s', (slug) => {
    const steps = referenceSteps[slug]!;

    it('fails every task in the Python starter state, saying what to do', async () => {
      emu = await open(kind);
      const ctx = stepsContext('', 'python');
      await steps.start(emu.lambda, ctx);
      const report = await runChecks(slug, { lambda: emu.lambda, logs: emu.logs, target: 'emulator', download: emu.download, random: seededRandom(3) });
      for (const task of report.tasks) {
        expect(task.passed, summary(report)[task.id]).toBe(false);
        expect(task.points).toBe(0);
        expect(task.message).toContain(starterMessages[slug]![task.id]!);
      }
    });

    it('passes every task with the Python solution, which really runs on Python', async () => {
      emu = await open(kind);
      const ctx = stepsContext('', 'python');
      await steps.start(emu.lambda, ctx);
      await steps.solve(emu.lambda, ctx);
      const report = await runChecks(slug, { lambda: emu.lambda, logs: emu.logs, target: 'emulator', answers: ctx.answers, download: emu.download, random: seededRandom(3) });
      expect(Object.values(summary(report)).filter((line) => !line.startsWith('passed'))).toEqual([]);
      expect(report.points).toBe(report.maxPoints);
      const name = functionOf[slug]!;
      const config = await emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
      expect([config.Runtime, config.Handler]).toEqual([referenceRuntimes.python, 'lambda_function.lambda_handler']);
      const initStarts = () => emu!.logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${name}`, filterPattern: '"INIT_START"' }));
      let inits = await initStarts();
      if (!inits.events?.length) {
        // The environment started while the role could not write logs (permissions): a configuration change starts a new one.
        await emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Description: 'a cold start' }));
        await emu.lambda.send(new InvokeCommand({ FunctionName: name }));
        inits = await initStarts();
      }
      expect(inits.events?.[0]?.message).toMatch(/^INIT_START Runtime Version: python:/);
    });
  });
});

describe('Python: plausible wrong solutions fail with the message that says what is wrong', { timeout: 120_000 }, () => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });
  const check = (slug: string, answers: Record<string, string> = {}) =>
    runChecks(slug, { lambda: emu!.lambda, logs: emu!.logs, target: 'emulator', answers, download: emu!.download, random: seededRandom(5) });
  const task = (report: CheckReport, id: string) => report.tasks.find((t) => t.id === id)!;
  const setCode = (name: string, files: Record<string, string>) => emu!.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipFiles(files) }));

  it('a Python function whose handler is index.handler fails create-function on the handler only', async () => {
    emu = inProcessEmulator(engines);
    await emu.lambda.send(new CreateFunctionCommand({ FunctionName: 'hello-lambda', Runtime: 'python3.13', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipFiles({ 'lambda_function.py': 'def lambda_handler(event, context):\n    return None\n' }) } }));
    const result = task(await check('hello-lambda'), 'create-function');
    expect(result.points).toBe(20);
    expect(result.message).toBe('Expected the handler lambda_function.lambda_handler (file lambda_function.py, def lambda_handler), found "index.handler".');
  });

  describe('environment-variables', () => {
    async function solvedWith(source: string): Promise<Record<string, string>> {
      emu = inProcessEmulator(engines);
      const ctx = stepsContext('', 'python');
      await referenceSteps['environment-variables']!.start(emu.lambda, ctx);
      await referenceSteps['environment-variables']!.solve(emu.lambda, ctx);
      await setCode('hello-lambda', { 'lambda_function.py': source });
      return ctx.answers;
    }

    it('a hard-coded greeting passes run-test but fails read-variable, statically and on the probe copy', async () => {
      const answers = await solvedWith("import json\n\ndef lambda_handler(event, context):\n    return {'statusCode': 200, 'body': json.dumps('Hello world!')}\n");
      const report = await check('environment-variables', answers);
      expect(task(report, 'run-test').passed).toBe(true);
      const read = task(report, 'read-variable');
      expect(read.points).toBe(0);
      expect(read.message).toMatch(/^Expected lambda_function\.py to read os\.environ\['HELLO'\]; it never does\. Did you choose Deploy after editing\? A copy of the function with HELLO=probe-[0-9a-f]{8} answered .*: expected the output to follow the variable\.$/);
    });

    it('os.getenv and environ.get imported from os count as reading the variable', async () => {
      const answers = await solvedWith("from os import getenv\nimport json\n\ndef lambda_handler(event, context):\n    return {'statusCode': 200, 'body': json.dumps('Hello ' + getenv('HELLO') + '!')}\n");
      expect(task(await check('environment-variables', answers), 'read-variable').passed).toBe(true);
      await setCode('hello-lambda', { 'lambda_function.py': "from os import environ\n\ndef lambda_handler(event, context):\n    return {'statusCode': 200, 'body': environ.get(\"HELLO\")}\n" });
      expect(task(await check('environment-variables', answers), 'read-variable').passed).toBe(true);
    });
  });

  it('a Python layer zipped without the python/ folder fails publish-layer, naming the path it found', async () => {
    emu = inProcessEmulator(engines);
    await referenceSteps['layers']!.start(emu.lambda, stepsContext('', 'python'));
    await emu.lambda.send(new PublishLayerVersionCommand({ LayerName: 'random-words', Content: { ZipFile: zipFiles({ 'random_words/__init__.py': 'WORDS = []\n', 'random_words/words.py': "WORDS = ['apple']\n" }) } }));
    const result = task(await check('layers'), 'publish-layer');
    expect(result.passed).toBe(false);
    expect(result.message).toBe('Version 1 holds random_words/__init__.py, but Python looks for packages in /opt/python: zip the folder so that its top level is python/ (expected python/random_words/__init__.py).');
  });

  it('the library bundled in the Python function instead of a layer fails use-layer', async () => {
    emu = inProcessEmulator(engines);
    const ctx = stepsContext('', 'python');
    await referenceSteps['layers']!.start(emu.lambda, ctx);
    await setCode('hello-layers', {
      'lambda_function.py': "from random_words import generate\n\ndef lambda_handler(event, context):\n    return {'words': generate(2)}\n",
      'random_words/__init__.py': "from .words import WORDS\n\ndef generate(count=1):\n    return WORDS[:count]\n",
      'random_words/words.py': "WORDS = ['apple', 'breeze']\n",
    });
    const use = task(await check('layers'), 'use-layer');
    expect(use.message).toBe("The function's own package contains random_words/__init__.py, random_words/words.py: the library should come from the layer only. Delete it from the function and deploy. None of the function's layers provide python/random_words/words.py, so [\"apple\",\"breeze\"] cannot come from a layer.");
  });
});
