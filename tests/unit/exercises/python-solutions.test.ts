/** Python reference solutions on the in-process emulator (python-solutions-suite.ts), and plausible wrong Python solutions. */
import { afterEach, describe, expect, it } from 'vitest';
import { CreateFunctionCommand, PublishLayerVersionCommand, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { runChecks } from '../../../src/checks/run.ts';
import type { CheckReport } from '../../../src/checks/types.ts';
import { zipFiles } from '../../../src/checks/zip.ts';
import { ROLE, inProcessEmulator, seededRandom, stepsContext, type Emulator } from './harness.ts';
import { referenceSteps } from './steps.ts';
import { describePythonSolutions, engines } from './python-solutions-suite.ts';

describePythonSolutions('in-process');

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
