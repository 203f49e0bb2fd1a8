/**
 * Every runnable example in the lessons and every "what does this handler return" question, run
 * through the workbook's emulator (QuickJS) via @aws-sdk/client-lambda, as the learner runs them.
 * The Node-only checks in lessons.test.ts and quiz-banks.test.ts catch a wrong answer fast; this
 * one proves the sandbox agrees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  InvokeCommand,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { limits, fmt } from '../../src/emulator/limits';
import { quizBanks } from '../../src/quizzes';
import { gradeQuiz } from '../../src/grading/quiz';
import { findTryIts, readLessons } from './support/lessons';
import { ROLE, inProcessClients, makeService, quickJSEngine, zipBytes } from './support/harness';

const enc = new TextEncoder();
const dec = new TextDecoder();
let lambda: LambdaClient;
let functions = 0;

beforeAll(() => {
  lambda = inProcessClients(makeService(quickJSEngine()).service).lambda;
});
afterAll(() => lambda?.destroy());

async function createFunction(code: string): Promise<string> {
  const name = `example-${++functions}`;
  await lambda.send(
    new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.mjs': code }) } }),
  );
  return name;
}

async function invoke(functionName: string, event: string, qualifier?: string) {
  const out = await lambda.send(new InvokeCommand({ FunctionName: functionName, Qualifier: qualifier, Payload: enc.encode(event), LogType: 'Tail' }));
  return {
    payload: out.Payload ? dec.decode(out.Payload) : '',
    log: out.LogResult ? dec.decode(Uint8Array.from(atob(out.LogResult), (c) => c.charCodeAt(0))) : '',
    functionError: out.FunctionError,
  };
}

describe('lesson TryIt blocks in the emulator', () => {
  const blocks = readLessons().flatMap(findTryIts);
  const evaluate = (source: string | undefined): unknown =>
    source === undefined ? undefined : new Function('limits', 'fmt', `return (${source});`)(limits, fmt);

  it.each(blocks.map((b, i) => [`${b.lesson} #${i}`, b] as const))('%s', async (_, block) => {
    const code = evaluate(block.attributes['code']) as string;
    const event = (evaluate(block.attributes['event']) as string | undefined) ?? '{}';
    const expectation = evaluate(block.attributes['expect']) as { response?: string; logIncludes?: string[] };
    const run = await invoke(await createFunction(code), event);
    if (expectation.response !== undefined) {
      expect(run.functionError).toBeUndefined();
      expect(run.payload).toBe(expectation.response);
    }
    for (const needle of expectation.logIncludes ?? []) expect(run.log).toContain(needle);
  });
});

describe('quiz output questions in the emulator', () => {
  const outputs = quizBanks.flatMap((bank) => bank.questions.filter((q) => q.kind === 'output').map((q) => [`${bank.id}/${q.id}`, q] as const));

  it.each(outputs)('%s', async (_, q) => {
    if (q.kind !== 'output') return;
    const name = await createFunction(q.code);
    if (q.executedVersion && q.executedVersion !== '$LATEST') {
      // Publish until the wanted version number exists; each needs different code to be a new version.
      for (let v = 1; v <= Number(q.executedVersion); v++) {
        await lambda.send(new PublishVersionCommand({ FunctionName: name, Description: `v${v}` }));
        if (v < Number(q.executedVersion)) {
          await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipBytes({ 'index.mjs': `${q.code}\n// revision ${v + 1}` }) }));
        }
      }
    }
    if (q.qualifier && !/^\d+$/.test(q.qualifier) && q.qualifier !== '$LATEST') {
      await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: q.qualifier, FunctionVersion: q.executedVersion ?? '$LATEST' }));
    }
    let run = await invoke(name, q.event, q.qualifier);
    for (let i = 1; i < (q.runs ?? 1); i++) run = await invoke(name, q.event, q.qualifier);
    if (q.ask === 'response') {
      expect(gradeQuiz({ id: 'x', title: 'x', questions: [q] }, { [q.id]: run.payload }).perQuestion[0]!.correct).toBe(true);
    } else {
      const messages = run.log.split('\n').map((line) => line.split('\t').slice(3).join('\t'));
      expect(q.accepted.some((a) => messages.includes(a))).toBe(true);
    }
  });
});
