/**
 * Every exercise can be done in Python: its Python reference solution (exercises/<slug>/solution-python/)
 * passes every task of the same checks the Node.js one passes, and its Python starter state fails every
 * task with the message that tells the learner what to do first. The checks see only the AWS APIs.
 * In process (Python in worker threads behind the engine chooser: python-solutions.test.ts) and over
 * HTTP (`npm run emulator`, whose Python functions always run in workers: python-solutions.http.test.ts),
 * two files so that the two halves run side by side.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GetFunctionConfigurationCommand, InvokeCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createEngineChooser } from '../../../src/emulator/index.ts';
import { createNodePythonWorkerEnvironmentFactory } from '../../../src/hosts/node/node-worker-environment.ts';
import { runChecks } from '../../../src/checks/run.ts';
import { referenceRuntimes } from '../../../src/checks/reference-steps.ts';
import { environmentFactory } from './engine.ts';
import { httpEmulator, inProcessEmulator, seededRandom, stepsContext, type Emulator, type EmulatorKind } from './harness.ts';
import { starterMessages as nodeStarterMessages, summary } from './starter-messages.ts';
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

// One Python worker factory for the file, so its spare interpreter serves the next environment.
export const python = createNodePythonWorkerEnvironmentFactory();
export const engines = createEngineChooser({ nodejs: environmentFactory, python });
export const open = (kind: EmulatorKind): Promise<Emulator> => (kind === 'in-process' ? Promise.resolve(inProcessEmulator(engines)) : httpEmulator());

export function describePythonSolutions(kind: EmulatorKind): void {
    describe(`Python reference solutions on the ${kind} emulator`, { timeout: 180_000 }, () => {
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
}
