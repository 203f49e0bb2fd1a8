/**
 * The Python twins of hostile-code.test.ts's Node.js cases that python-worker-environment.test.ts
 * does not already cover: each ends in the error Lambda's Python runtime gives, the worker host
 * survives, and the same function answers again (cold when the environment had to go).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ExecutionEnvironment, InvocationOutcome } from '../../emulator/index.ts';
import { harness, makeSpec, messages, type Harness } from '../../../tests/support/engine-harness.ts';
import { createNodePythonWorkerEnvironmentFactory } from './node-worker-environment.ts';

const factory = createNodePythonWorkerEnvironmentFactory({ cpuBudgetMs: 1500 });
const started: ExecutionEnvironment[] = [];
afterAll(() => started.forEach((e) => e.shutdown()));

const doc = (o: InvocationOutcome) => JSON.parse(o.payload) as { errorType: string; errorMessage: string; requestId?: string; stackTrace?: string[] };

async function fn(source: string, overrides: { timeout?: number; memorySize?: number } = {}): Promise<Harness> {
  const h = await harness(factory, makeSpec({ 'lambda_function.py': source }, { runtime: 'python3.14', handler: 'lambda_function.lambda_handler', ...overrides }));
  started.push(h.env);
  return h;
}

/** A handler that runs `attack` when the event asks, and answers `{"ok": true}` otherwise. */
function attacking(attack: string, prelude = ''): string {
  return `import sys, os, json
${prelude}
def attack(event, context):
${attack.split('\n').map((l) => `    ${l}`).join('\n')}

def lambda_handler(event, context):
    if event.get("attack"):
        return attack(event, context)
    return {"ok": True}
`;
}

async function answersAgain(h: Harness, cold: boolean): Promise<void> {
  const again = await h.invoke({});
  expect(again.payload).toBe('{"ok": true}');
  expect(again.coldStart).toBe(cold);
}

interface Twin {
  /** The Node.js case it mirrors, in hostile-code.test.ts. */
  node: string;
  name: string;
  attack: string;
  prelude?: string;
  timeout?: number;
  check: (o: InvocationOutcome) => void;
  /** Whether the environment is discarded (the next invoke is a cold start). */
  discarded: boolean;
}

const timedOut = (seconds: number) => (o: InvocationOutcome) =>
  expect(doc(o)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${o.requestId} Error: Task timed out after ${seconds.toFixed(2)} seconds` });
const outOfMemory = (o: InvocationOutcome) =>
  expect(doc(o)).toEqual({ errorType: 'Runtime.OutOfMemory', errorMessage: `RequestId: ${o.requestId} Error: Runtime exited with error: signal: killed` });

const twins: Twin[] = [
  {
    node: 'a loop inside a timer callback', name: 'a loop in an exception’s __str__, which the runtime calls to report it',
    attack: 'class Stubborn(Exception):\n    def __str__(self):\n        while True:\n            pass\nraise Stubborn()', timeout: 2, check: timedOut(2), discarded: true,
  },
  {
    node: 'a promise that never settles with nothing left to run', name: 'an async def handler: the runtime does not await it, and cannot marshal a coroutine',
    attack: 'async def later():\n    return 1\nreturn later()',
    check: (o) => expect(doc(o)).toEqual({ errorMessage: 'Unable to marshal response: Object of type coroutine is not JSON serializable', errorType: 'Runtime.MarshalError', requestId: o.requestId, stackTrace: [] }),
    discarded: false,
  },
  {
    node: 'a string doubled past the longest string QuickJS allows', name: 'a string doubled until memory runs out',
    attack: 's = "x"\nwhile True:\n    s = s + s', check: outOfMemory, discarded: true,
  },
  {
    node: 'timers until memory runs out', name: 'a dict of large values that never stops growing, with the MemoryError caught',
    attack: 'keep = {}\ni = 0\nwhile True:\n    try:\n        keep[i] = "y" * 10**6 + str(i)\n    except MemoryError:\n        pass\n    i += 1', check: outOfMemory, discarded: true,
  },
  {
    node: 'a 7 MB result', name: 'a 7 MB result',
    attack: 'return {"blob": "y" * (7 * 1024 * 1024)}',
    check: (o) => expect(doc(o).errorType).toBe('Function.ResponseSizeTooLarge'), discarded: false,
  },
  {
    node: 'a circular result', name: 'a circular result',
    attack: 'o = {}\no["self"] = o\nreturn o',
    check: (o) => expect(doc(o)).toEqual({ errorMessage: 'Unable to marshal response: Circular reference detected', errorType: 'Runtime.MarshalError', requestId: o.requestId, stackTrace: [] }),
    discarded: false,
  },
  {
    node: 'a toJSON that throws', name: 'a result no JSON encoder takes (an object)',
    attack: 'class Thing:\n    pass\nreturn {"thing": Thing()}',
    check: (o) => expect(doc(o)).toEqual({ errorMessage: 'Unable to marshal response: Object of type Thing is not JSON serializable', errorType: 'Runtime.MarshalError', requestId: o.requestId, stackTrace: [] }),
    discarded: false,
  },
  {
    node: 'throwing null', name: 'raising something that is not an exception',
    attack: 'raise 42',
    check: (o) => expect(doc(o)).toMatchObject({ errorType: 'TypeError', errorMessage: 'exceptions must derive from BaseException' }), discarded: false,
  },
  {
    node: 'an error whose name getter throws', name: 'an exception whose __str__ raises: the runtime dies reporting it, as awslambdaric does',
    attack: 'class Broken(Exception):\n    def __str__(self):\n        raise ValueError("no message for you")\nraise Broken()',
    check: (o) => expect(doc(o)).toEqual({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${o.requestId} Error: Runtime exited with error: exit status 1` }), discarded: true,
  },
  {
    node: 'process.exit in the handler', name: 'os._exit(3) in the handler',
    attack: 'os._exit(3)',
    check: (o) => expect(doc(o)).toEqual({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${o.requestId} Error: Runtime exited with error: exit status 3` }), discarded: true,
  },
  {
    node: 'replacing Promise, setTimeout and Date does not break the runtime', name: 'replacing print, time.time and json.loads does not break the runtime',
    attack: 'import builtins, time\nbuiltins.print = None\ntime.time = lambda: 0\njson.loads = None\nreturn {"tampered": True}',
    check: (o) => expect(o.payload).toBe('{"tampered": true}'), discarded: false,
  },
  {
    node: 'an uncaught exception thrown from a timer', name: 'a thread the handler starts (Pyodide has none: the error a handler can catch)',
    attack: 'import threading\ntry:\n    threading.Thread(target=lambda: None).start()\n    return "started"\nexcept RuntimeError as e:\n    return str(e)',
    check: (o) => expect(JSON.parse(o.payload)).toBe("can't start new thread"), discarded: false,
  },
];

describe('Python twins of the Node.js hostile cases', { timeout: 180_000 }, () => {
  for (const twin of twins) {
    it(`${twin.name} (twin of: ${twin.node})`, async () => {
      const h = await fn(attacking(twin.attack, twin.prelude), twin.timeout ? { timeout: twin.timeout } : {});
      const out = await h.invoke({ attack: true });
      twin.check(out);
      expect(out.environmentDiscarded ?? false).toBe(twin.discarded);
      await answersAgain(h, twin.discarded);
    });
  }

  it('a memory bomb at module scope: INIT ends in Runtime.OutOfMemory, and a later invoke tries INIT again', async () => {
    const h = await fn('keep = []\nwhile True:\n    keep.append(bytearray(10**6))\n\ndef lambda_handler(event, context):\n    return 1\n');
    const out = await h.invoke({}, 'req-init-oom');
    outOfMemory(out);
    expect(messages(out)).toContainEqual(expect.stringMatching(/^INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: error\tError Type: Runtime\.OutOfMemory$/));
    expect(out.environmentDiscarded).toBe(true);
  });

  it('deep recursion at module scope: INIT fails with the RecursionError, and the next invoke tries INIT again', async () => {
    const h = await fn('def f(n):\n    return f(n + 1)\n\nf(0)\n\ndef lambda_handler(event, context):\n    return 1\n');
    const out = await h.invoke({}, 'req-init-rec');
    expect(doc(out)).toMatchObject({ errorType: 'RecursionError', errorMessage: 'maximum recursion depth exceeded' });
    expect(messages(out)).toContainEqual(expect.stringMatching(/^INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: error\tError Type: RecursionError$/));
    const again = await h.invoke({}, 'req-init-rec-2');
    expect(doc(again).errorType).toBe('RecursionError');
  });
});
