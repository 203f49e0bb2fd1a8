/**
 * Python functions in worker_threads, as the emulator server runs them: the hostile cases of
 * hostile-code.test.ts, in Python. Each ends in the Lambda error a learner would see; the worker is
 * terminated where the guest cannot stop itself, and the same function answers again, cold.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExecutionEnvironment, InvocationOutcome } from '../../emulator/index.ts';
import { harness, makeSpec, messages, type Harness } from '../../../tests/support/engine-harness.ts';
import { createNodePythonWorkerEnvironmentFactory } from './node-worker-environment.ts';

// A virtual clock, so a busy loop is stopped after its CPU budget of real time, not its timeout.
const factory = createNodePythonWorkerEnvironmentFactory({ cpuBudgetMs: 1500 });
const started: ExecutionEnvironment[] = [];
afterAll(() => started.forEach((e) => e.shutdown()));

/** A function that attacks when asked, and otherwise answers: after an attack it must answer again. */
async function hostile(attack: string, overrides: { timeout?: number; memorySize?: number } = {}): Promise<Harness> {
  const h = await harness(factory, makeSpec({
    'lambda_function.py': `import sys, time
def attack(event):
${attack.split('\n').map((l) => `    ${l}`).join('\n')}

def lambda_handler(event, context):
    if event.get("attack"):
        print("attacking")
        return attack(event)
    return {"ok": True}
`,
  }, { runtime: 'python3.12', handler: 'lambda_function.lambda_handler', ...overrides }));
  started.push(h.env);
  return h;
}

const doc = (o: InvocationOutcome) => JSON.parse(o.payload) as { errorType: string; errorMessage: string; stackTrace?: string[] };

/** The same environment answers again: a cold start on a new worker after a discard. */
async function answersAgain(h: Harness, discarded: boolean): Promise<void> {
  const again = await h.invoke({});
  expect(again.payload).toBe('{"ok": true}');
  expect(again.coldStart).toBe(discarded);
}

describe('Python functions in worker threads', { timeout: 180_000 }, () => {
  it('runs a handler in a worker, warm, with the logs of the outcome and the host clock moved by the virtual duration', async () => {
    const h = await hostile('time.sleep(0.25)\nreturn "slept"');
    const before = h.clock.now();
    const first = await h.invoke({ attack: true }, 'req-1');
    expect([first.payload, first.coldStart, first.durationMs]).toEqual(['"slept"', true, 250]);
    expect(messages(first).filter((m) => !m.startsWith('INIT_START') && !m.startsWith('REPORT'))).toEqual(['START RequestId: req-1 Version: $LATEST', 'attacking', 'END RequestId: req-1']);
    expect(h.clock.now()).toBe(before + 250);
    await answersAgain(h, false);
  });

  it('while True: pass in the handler: terminated at its deadline, Sandbox.Timedout, its print kept', async () => {
    const h = await hostile('while True:\n    pass', { timeout: 2 });
    const out = await h.invoke({ attack: true }, 'req-loop');
    expect(doc(out)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: 'RequestId: req-loop Error: Task timed out after 2.00 seconds' });
    const lines = messages(out);
    expect(lines[0]).toMatch(/^INIT_START Runtime Version: python:3\.14\./);
    expect(lines.slice(1, -1)).toEqual([
      'START RequestId: req-loop Version: $LATEST',
      'attacking',
      '2026-07-22T10:00:02.000Z req-loop Task timed out after 2.00 seconds',
      'END RequestId: req-loop',
    ]);
    expect(lines.at(-1)).toBe('REPORT RequestId: req-loop\tDuration: 2000.00 ms\tBilled Duration: 2000 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tInit Duration: 0.00 ms\tStatus: timeout');
    expect(out.environmentDiscarded).toBe(true);
    await answersAgain(h, true);
  });

  it('an endless loop at module scope: INIT times out after 10 s', async () => {
    const h = await harness(factory, makeSpec({ 'lambda_function.py': 'while True:\n    pass\n' }, { runtime: 'python3.13', handler: 'lambda_function.lambda_handler' }));
    started.push(h.env);
    const out = await h.invoke({}, 'req-init-loop');
    expect(doc(out)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: 'RequestId: req-init-loop Error: Task timed out after 10.00 seconds' });
    expect(messages(out).slice(1)).toEqual([
      'INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout',
      'START RequestId: req-init-loop Version: $LATEST',
      'END RequestId: req-init-loop',
      'REPORT RequestId: req-init-loop\tDuration: 0.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 128 MB\tStatus: timeout',
    ]);
  });

  it('a memory bomb: Runtime.OutOfMemory at the function\'s memory size, even when it catches MemoryError', async () => {
    for (const attack of ['keep = []\nwhile True:\n    keep.append(bytearray(10**6))', 'keep = []\nwhile True:\n    try:\n        keep.append(bytearray(10**6))\n    except MemoryError:\n        pass']) {
      const h = await hostile(attack);
      const out = await h.invoke({ attack: true }, 'req-oom');
      expect(doc(out)).toEqual({ errorType: 'Runtime.OutOfMemory', errorMessage: 'RequestId: req-oom Error: Runtime exited with error: signal: killed' });
      expect(messages(out).at(-1)).toMatch(/\tMax Memory Used: 128 MB\t.*Status: error\tError Type: Runtime\.OutOfMemory$/);
      expect(messages(out)).not.toContain(expect.stringContaining('[ERROR] MemoryError'));
      await answersAgain(h, true);
    }
  });

  it('deep recursion: RecursionError as Lambda reports it, the environment kept', async () => {
    const h = await hostile('def f(n):\n    return f(n + 1) + 1\nreturn f(0)');
    const out = await h.invoke({ attack: true }, 'req-rec');
    expect(doc(out)).toMatchObject({ errorType: 'RecursionError', errorMessage: 'maximum recursion depth exceeded' });
    expect(doc(out).stackTrace!.at(-1)).toMatch(/^ {2}\[Previous line repeated \d+ more times\]\n$/);
    expect(out.environmentDiscarded).toBe(false);
    await answersAgain(h, false);
  });

  it('100 MB of print: truncated after 1 MB with a notice, the result still returned', async () => {
    const h = await hostile('line = "x" * 100000\nfor i in range(1000):\n    print(line)\nreturn "done"');
    const out = await h.invoke({ attack: true });
    expect(out.payload).toBe('"done"');
    expect(messages(out)).toContain('[Lambda Workbook emulator] Log output truncated: this invocation wrote more than 1048576 bytes of logs; the rest was dropped.');
    expect(out.logs.reduce((n, l) => n + l.message.length, 0)).toBeLessThan(1_200_000);
    await answersAgain(h, false);
  });

  it('keeps a spare worker with its interpreter loaded once one has answered', async () => {
    await factory.spareReady();
    const h = await hostile('return "fresh"');
    const out = await h.invoke({ attack: true });
    expect([out.payload, out.coldStart]).toEqual(['"fresh"', true]);
  });
});

describe('Python functions cannot reach the machine they run on', { timeout: 180_000 }, () => {
  const marker = () => join(tmpdir(), `lambda-workbook-escape-${randomUUID()}`);
  const attempts: [string, (file: string) => string][] = [
    ['os.system', (file) => `import os\nreturn os.system("touch ${file}")`],
    ['subprocess', (file) => `import subprocess\nreturn subprocess.run(["touch", "${file}"]).returncode`],
    ["ctypes and libc's system()", (file) => `import ctypes\nreturn ctypes.CDLL(None).system(b"touch ${file}")`],
    ["the js module and Node's child_process", (file) => `import js\nreturn str(js.process.getBuiltinModule("child_process").execSync("touch ${file}"))`],
    ["the js module and Node's fs", (file) => `import js\nreturn str(js.process.getBuiltinModule("fs").writeFileSync("${file}", "x"))`],
    ['pyodide_js.mountNodeFS', (file) => `import pyodide_js, os\npyodide_js.mountNodeFS("/host", "${dirname(file)}")\nopen("/host/${basename(file)}", "w").write("x")\nreturn "written"`],
    ['run_js', (file) => `from pyodide.code import run_js\nreturn str(run_js('process.getBuiltinModule("fs").writeFileSync("${file}", "x")'))`],
  ];

  for (const [door, attack] of attempts) {
    it(`${door}: refused, nothing written on the host, and the function answers again`, async () => {
      const file = marker();
      const h = await hostile(attack(file));
      const out = await h.invoke({ attack: true });
      expect(out.functionError).toBe('Unhandled');
      expect(existsSync(file)).toBe(false);
      await h.invoke({}).then((again) => expect(again.payload).toBe('{"ok": true}'));
    });
  }

  it('os.system and subprocess fail with the error a handler can catch', async () => {
    const h = await hostile('import os, subprocess\nout = []\nfor f in (lambda: os.system("ls"), lambda: subprocess.run(["ls"])):\n    try:\n        f()\n    except OSError as e:\n        out.append(str(e))\nreturn out');
    const out = await h.invoke({ attack: true });
    expect(JSON.parse(out.payload)).toEqual(['[Errno 52] emscripten does not support processes.', '[Errno 138] emscripten does not support processes.']);
  });

  it('the network is closed: a socket to a listening loopback port fails, and the port sees no connection', async () => {
    let connections = 0;
    const server = createServer(() => void connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const h = await hostile(`import socket\ntry:\n    socket.create_connection(("127.0.0.1", ${port}), timeout=2)\n    return "connected"\nexcept OSError as e:\n    return str(e)`);
      const out = await h.invoke({ attack: true });
      expect(JSON.parse(out.payload)).toBe('[Errno 40] Network access is not available to functions in the Lambda Workbook emulator (on Lambda it is); call AWS services through boto3.');
      const viaJs = await hostile(`import js\nreturn str(js.process.getBuiltinModule("net").connect(${port}, "127.0.0.1"))`);
      expect((await viaJs.invoke({ attack: true })).functionError).toBe('Unhandled');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(connections).toBe(0);
    } finally {
      server.close();
    }
  });
});
