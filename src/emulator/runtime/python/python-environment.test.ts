/**
 * The Python engine in this thread, through the contract: exact log lines, error documents and
 * context fields as Lambda's Python runtime writes them. One factory (one Pyodide load, then
 * snapshots) serves the whole file.
 */
import { describe, expect, it } from 'vitest';
import type { EnvironmentSpec, InvocationOutcome } from '../contract.ts';
import { createPythonEnvironmentFactory } from './index.ts';
import { nodePyodideSource } from '../../../hosts/node/pyodide.ts';
import { ARN, START, harness, makeSpec, messages } from '../../../../tests/support/engine-harness.ts';

const factory = createPythonEnvironmentFactory({ pyodide: nodePyodideSource });

const pythonSpec = (files: Record<string, string>, overrides: Partial<EnvironmentSpec> & { layer?: Record<string, string> } = {}) =>
  makeSpec(files, { runtime: 'python3.12', handler: 'lambda_function.lambda_handler', ...overrides });

const fn = (body: string) => ({ 'lambda_function.py': body });
const doc = (o: InvocationOutcome) => JSON.parse(o.payload) as { errorMessage: string; errorType: string; requestId: string; stackTrace: string[] };
const at = (ms: number) => new Date(START + ms).toISOString();
const NBSP = '\u00a0';

/** INIT_START as the engine writes it: what runs is CPython 3.14 in Pyodide, whatever the runtime. */
const INIT_START = /^INIT_START Runtime Version: python:3\.14\.pyodide-314\.0\.8\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/;

describe('the Python engine', { timeout: 120_000 }, () => {
  it('imports the module once at INIT; module scope survives warm invokes; print lines and logging records are log events', async () => {
    const h = await harness(factory, pythonSpec(fn(`import logging
logger = logging.getLogger()
logger.setLevel(logging.INFO)
count = 0
print("module scope")

def lambda_handler(event, context):
    global count
    count += 1
    print("multi\\nline\\nstring")
    print("another\\rline")
    logger.info("seen %s", event["name"])
    logging.getLogger("quiet").debug("not shown")
    return {"count": count, "name": event["name"]}
`)));
    const first = await h.invoke({ name: 'Ada' }, 'req-1');
    const second = await h.invoke({ name: 'Grace' }, 'req-2');
    expect([first.payload, second.payload]).toEqual(['{"count": 1, "name": "Ada"}', '{"count": 2, "name": "Grace"}']);
    expect([first.coldStart, second.coldStart]).toEqual([true, false]);
    const [initStart, ...rest] = messages(first);
    expect(initStart).toMatch(INIT_START);
    expect(rest.slice(0, -1)).toEqual([
      'module scope',
      'START RequestId: req-1 Version: $LATEST',
      'multi', 'line', 'string', 'another\rline',
      `[INFO]\t${at(0)}\treq-1\tseen Ada`,
      'END RequestId: req-1',
    ]);
    expect(rest.at(-1)).toMatch(/^REPORT RequestId: req-1\tDuration: 0\.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: 0\.00 ms\t$/);
    expect(messages(second)).toEqual([
      'START RequestId: req-2 Version: $LATEST',
      'multi', 'line', 'string', 'another\rline',
      `[INFO]\t${at(0)}\treq-2\tseen Grace`,
      'END RequestId: req-2',
      expect.stringMatching(/^REPORT RequestId: req-2\tDuration: 0\.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\t$/),
    ]);
    const used = Number(/Max Memory Used: (\d+) MB/.exec(messages(second).at(-1)!)![1]);
    expect(used).toBeGreaterThan(15);
    expect(used).toBeLessThanOrEqual(128);
  });

  it('leaves the root logger at WARNING, as Lambda does, so an INFO record needs setLevel; warnings and stderr still log', async () => {
    const h = await harness(factory, pythonSpec(fn(`import logging, sys
def lambda_handler(event, context):
    logging.info("hidden")
    logging.warning("careful: %d", 3)
    sys.stderr.write("to stderr\\n")
    print("no newline", end="")
    return None
`)));
    const out = await h.invoke({}, 'req-w');
    expect(out.payload).toBe('null');
    expect(messages(out).slice(1, -2)).toEqual([
      'START RequestId: req-w Version: $LATEST',
      `[WARNING]\t${at(0)}\treq-w\tcareful: 3`,
      'to stderr',
      'no newline',
    ]);
  });

  it('gives the handler Lambda\'s context: names, ARN as invoked, memory as a string, identity, client context and the time left', async () => {
    const h = await harness(factory, pythonSpec(fn(`import time
def lambda_handler(event, context):
    before = context.get_remaining_time_in_millis()
    time.sleep(1.25)
    return {
        "function_name": context.function_name, "function_version": context.function_version,
        "invoked_function_arn": context.invoked_function_arn, "memory_limit_in_mb": context.memory_limit_in_mb,
        "aws_request_id": context.aws_request_id, "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "identity": [context.identity.cognito_identity_id, context.identity.cognito_identity_pool_id],
        "client_context": None if context.client_context is None else [context.client_context.custom, context.client_context.client.app_title],
        "remaining": [before, context.get_remaining_time_in_millis()],
        "now": time.time(),
    }
`), { memorySize: 256, timeout: 5 }));
    const out = await h.env.invoke({
      requestId: 'req-ctx', payload: '{}', invokedFunctionArn: `${ARN}:live`,
      clientContext: { custom: { tenant: 't1' }, client: { app_title: 'workbook' } },
    });
    expect(JSON.parse(out.payload)).toEqual({
      function_name: 'fn', function_version: '$LATEST', invoked_function_arn: `${ARN}:live`, memory_limit_in_mb: '256',
      aws_request_id: 'req-ctx', log_group_name: '/aws/lambda/fn', log_stream_name: h.env.logStreamName,
      identity: [null, null], client_context: [{ tenant: 't1' }, 'workbook'], remaining: [5000, 3750], now: (START + 1250) / 1000,
    });
    expect(out.durationMs).toBe(1250);
  });

  it('sets every variable Lambda\'s Python runtime sets, the function\'s own, and a trace id per invoke', async () => {
    const h = await harness(factory, pythonSpec(fn(`import os
def lambda_handler(event, context):
    return dict(os.environ)
`), { runtime: 'python3.13', environment: { TABLE: 'orders' } }));
    const env = JSON.parse((await h.invoke({})).payload) as Record<string, string>;
    expect(env).toMatchObject({
      AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1', AWS_LAMBDA_FUNCTION_NAME: 'fn', AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128', AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fn', AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_EXECUTION_ENV: 'AWS_Lambda_python3.13', AWS_LAMBDA_RUNTIME_API: '169.254.100.1:9001', _HANDLER: 'lambda_function.lambda_handler',
      LAMBDA_TASK_ROOT: '/var/task', LAMBDA_RUNTIME_DIR: '/var/runtime', TZ: ':UTC', LANG: 'en_US.UTF-8', LC_CTYPE: 'C.UTF-8',
      PYTHONPATH: '/var/runtime', PWD: '/var/task', SHLVL: '0', TABLE: 'orders',
    });
    expect(env['AWS_LAMBDA_LOG_STREAM_NAME']).toBe(h.env.logStreamName);
    expect(env['_X_AMZN_TRACE_ID']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0;Lineage=1:[0-9a-f]{8}:0$/);
    expect(env['AWS_ACCESS_KEY_ID']).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(Object.keys(env).filter((k) => k === 'NODE_PATH' || k === 'HOME')).toEqual([]);
  });

  it('returns a raised exception as Lambda\'s Python error document, and logs it with no-break-space indentation', async () => {
    const h = await harness(factory, pythonSpec(fn(`def lambda_handler(event, context):
    if event.get("fail"):
        raise Exception("Failed: " + event["fail"])
    return event["missing"]
`)));
    const keyError = await h.invoke({}, 'req-k');
    expect(keyError.functionError).toBe('Unhandled');
    expect(keyError.errorType).toBe('KeyError');
    expect(keyError.payload).toBe(
      '{"errorMessage": "\'missing\'", "errorType": "KeyError", "requestId": "req-k", "stackTrace": ["  File \\"/var/task/lambda_function.py\\", line 4, in lambda_handler\\n    return event[\\"missing\\"]\\n"]}',
    );
    expect(messages(keyError)).toContain(
      `[ERROR] KeyError: 'missing'\nTraceback (most recent call last):\n${NBSP.repeat(2)}File "/var/task/lambda_function.py", line 4, in lambda_handler\n${NBSP.repeat(4)}return event["missing"]`,
    );
    expect(keyError.environmentDiscarded).toBe(false);
    const raised = await h.invoke({ fail: 'some_error_msg' }, 'req-e');
    expect(doc(raised)).toEqual({
      errorMessage: 'Failed: some_error_msg', errorType: 'Exception', requestId: 'req-e',
      stackTrace: ['  File "/var/task/lambda_function.py", line 3, in lambda_handler\n    raise Exception("Failed: " + event["fail"])\n'],
    });
    expect(messages(raised).at(-1)).toMatch(/\tMax Memory Used: \d+ MB\t$/);
  });

  it('reports an unserialisable result as Runtime.MarshalError, and writes non-ASCII as python3.12 does and later runtimes escape it', async () => {
    const marshal = await (await harness(factory, pythonSpec(fn('def lambda_handler(event, context):\n    return {1, 2} if event.get("set") else {"café": "naïve"}\n')))).invoke({ set: true }, 'req-m');
    expect(marshal.payload).toBe('{"errorMessage": "Unable to marshal response: Object of type set is not JSON serializable", "errorType": "Runtime.MarshalError", "requestId": "req-m", "stackTrace": []}');
    const h13 = await harness(factory, pythonSpec(fn('import decimal\ndef lambda_handler(event, context):\n    return {"café": "naïve", "price": decimal.Decimal("1.10")}\n'), { runtime: 'python3.13' }));
    expect((await h13.invoke({})).payload).toBe('{"caf\\u00e9": "na\\u00efve", "price": 1.10}');
  });

  it('decodes an event nested to the limit, and reports one nested deeper as Runtime.UnmarshalError, as simplejson gives up; the environment stays', async () => {
    const nest = (depth: number, open: (inner: unknown) => unknown) => {
      let value: unknown = 'x[{"';
      for (let i = 0; i < depth; i++) value = open(value);
      return value;
    };
    const h = await harness(factory, pythonSpec(fn('def lambda_handler(event, context):\n    depth = 0\n    while isinstance(event, (list, dict)):\n        event = event[0] if isinstance(event, list) else event["k"]\n        depth += 1\n    return depth\n')));
    expect((await h.invoke(nest(1000, (v) => [v]))).payload).toBe('1000');
    const arrays = await h.invoke(nest(1001, (v) => [v]), 'req-deep');
    expect(arrays.payload).toBe('{"errorMessage": "Unable to unmarshal input: maximum recursion depth exceeded while decoding a JSON array from a unicode string", "errorType": "Runtime.UnmarshalError", "requestId": "req-deep", "stackTrace": []}');
    expect(arrays.functionError).toBe('Unhandled');
    const objects = await h.invoke(nest(1500, (v) => ({ k: v })), 'req-deep-o');
    expect(doc(objects).errorMessage).toBe('Unable to unmarshal input: maximum recursion depth exceeded while decoding a JSON object from a unicode string');
    expect(objects.environmentDiscarded).toBe(false);
    expect((await h.invoke([['ok']])).payload).toBe('2');
  });

  describe('INIT failures: INIT_REPORT, the error document with an empty requestId, and a discarded environment', () => {
    const initFailure = async (files: Record<string, string>, handler = 'lambda_function.lambda_handler') => {
      const h = await harness(factory, pythonSpec(files, { handler }));
      const out = await h.invoke({}, 'req-init');
      expect(out.functionError).toBe('Unhandled');
      expect(out.environmentDiscarded).toBe(true);
      return out;
    };
    const warning = `[WARNING]\t${at(0)}\t\tLAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. However, in rare cases, a Lambda runtime update can cause unexpected function behavior. For functions using managed runtimes, runtime updates can be triggered by a function change, or can be applied automatically. To determine if the runtime has been updated, check the runtime version in the INIT_START log entry. If this error correlates with a change in the runtime version, you may be able to mitigate this error by temporarily rolling back to the previous runtime version. For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html`;

    it('a missing module: Runtime.ImportModuleError', async () => {
      const out = await initFailure({ 'other.py': 'x = 1\n' });
      expect(out.payload).toBe('{"errorMessage": "Unable to import module \'lambda_function\': No module named \'lambda_function\'", "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []}');
      expect(messages(out).slice(1)).toEqual([
        warning,
        "[ERROR] Runtime.ImportModuleError: Unable to import module 'lambda_function': No module named 'lambda_function'\nTraceback (most recent call last):",
        'INIT_REPORT Init Duration: 0.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError',
        'START RequestId: req-init Version: $LATEST',
        'END RequestId: req-init',
        expect.stringMatching(/^REPORT RequestId: req-init\tDuration: 0\.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tStatus: error\tError Type: Runtime\.ImportModuleError$/),
      ]);
    });

    it('a missing dependency names the dependency', async () => {
      expect(doc(await initFailure(fn('import requests\ndef lambda_handler(event, context):\n    return 1\n'))).errorMessage)
        .toBe("Unable to import module 'lambda_function': No module named 'requests'");
    });

    it('a missing handler function: Runtime.HandlerNotFound', async () => {
      expect((await initFailure(fn('def handler(event, context):\n    return 1\n'))).payload)
        .toBe('{"errorMessage": "Handler \'lambda_handler\' missing on module \'lambda_function\'", "errorType": "Runtime.HandlerNotFound", "requestId": "", "stackTrace": []}');
    });

    it('a syntax error: Runtime.UserCodeSyntaxError, with the offending line', async () => {
      const out = await initFailure(fn('import json\n\nx = = 1\ndef lambda_handler(event, context):\n    return 1\n'));
      expect(doc(out)).toEqual({
        errorMessage: "Syntax error in module 'lambda_function': invalid syntax (lambda_function.py, line 3)",
        errorType: 'Runtime.UserCodeSyntaxError', requestId: '',
        stackTrace: ['  File "/var/task/lambda_function.py" Line 3\n    x = = 1\n'],
      });
    });

    it('an exception at module scope keeps its own type and the import frames', async () => {
      const out = await initFailure(fn('raise ValueError("bad config")\n'));
      expect(doc(out)).toMatchObject({ errorMessage: 'bad config', errorType: 'ValueError', requestId: '' });
      expect(doc(out).stackTrace.at(-1)).toBe('  File "/var/task/lambda_function.py", line 1, in <module>\n    raise ValueError("bad config")\n');
    });

    it('a handler without a dot: Runtime.MalformedHandlerName', async () => {
      expect(doc(await initFailure(fn('x = 1\n'), 'lambda_function'))).toMatchObject({
        errorType: 'Runtime.MalformedHandlerName', errorMessage: "Bad handler 'lambda_function': not enough values to unpack (expected 2, got 1)",
      });
    });
  });

  it('ends on sys.exit() and sys.exit(2) with Runtime.ExitError, and starts cold after', async () => {
    const h = await harness(factory, pythonSpec(fn('import sys\ndef lambda_handler(event, context):\n    sys.exit(event.get("code"))\n')));
    const bare = await h.invoke({}, 'req-x0');
    expect(JSON.parse(bare.payload)).toEqual({ errorType: 'Runtime.ExitError', errorMessage: 'RequestId: req-x0 Error: Runtime exited without providing a reason' });
    expect(bare.environmentDiscarded).toBe(true);
    expect(messages(bare).slice(-3)).toEqual([
      'RequestId: req-x0 Error: Runtime exited without providing a reason',
      'END RequestId: req-x0',
      expect.stringMatching(/\tStatus: error\tError Type: Runtime\.ExitError$/),
    ]);
    const two = await h.invoke({ code: 2 }, 'req-x2');
    expect(two.coldStart).toBe(true);
    expect(JSON.parse(two.payload).errorMessage).toBe('RequestId: req-x2 Error: Runtime exited with error: exit status 2');
  });

  it('times out in a sleep past the deadline: the Task timed out line, Sandbox.Timedout, and a cold start after', async () => {
    const h = await harness(factory, pythonSpec(fn('import time\ndef lambda_handler(event, context):\n    print("going to sleep")\n    time.sleep(event["s"])\n    return "woke"\n'), { timeout: 2 }));
    const out = await h.invoke({ s: 10 }, 'req-t');
    expect(JSON.parse(out.payload)).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: 'RequestId: req-t Error: Task timed out after 2.00 seconds' });
    expect(messages(out).slice(1)).toEqual([
      'START RequestId: req-t Version: $LATEST',
      'going to sleep',
      `${at(2000)} req-t Task timed out after 2.00 seconds`,
      'END RequestId: req-t',
      expect.stringMatching(/^REPORT RequestId: req-t\tDuration: 2000\.00 ms\tBilled Duration: 2000 ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: 0\.00 ms\tStatus: timeout$/),
    ]);
    expect(out.environmentDiscarded).toBe(true);
    const after = await h.invoke({ s: 0.5 }, 'req-t2');
    expect([after.payload, after.coldStart, after.durationMs]).toEqual(['"woke"', true, 500]);
  });

  it('lays out the file system: /var/task read-only, /tmp writable, kept while warm and capped at the ephemeral storage', async () => {
    const h = await harness(factory, pythonSpec(fn(`import os, tempfile
def attempt(action):
    try:
        action()
        return "ok"
    except OSError as e:
        return e.strerror

def lambda_handler(event, context):
    tmp = tempfile.gettempdir()
    path = os.path.join(tmp, "counter")
    n = int(open(path).read()) + 1 if os.path.exists(path) else 1
    open(path, "w").write(str(n))
    def huge():
        with open(os.path.join(tmp, "huge"), "wb") as f:
            f.seek(513 * 1024 * 1024)
            f.write(b"x")
    return {
        "tmp": tmp, "n": n, "cwd": os.getcwd(), "code": sorted(os.listdir(".")),
        "task": attempt(lambda: open("new.txt", "w")),
        "root": attempt(lambda: open(os.path.join(os.sep, "elsewhere.txt"), "w")),
        "huge": attempt(huge),
    }
`), { ephemeralStorage: 512 }));
    const first = JSON.parse((await h.invoke({})).payload);
    expect(first).toEqual({ tmp: '/tmp', n: 1, cwd: '/var/task', code: ['lambda_function.py'], task: 'Read-only file system', root: 'Read-only file system', huge: 'No space left on device' });
    expect(JSON.parse((await h.invoke({})).payload).n).toBe(2);
  });

  it('imports packages beside the handler, layers from /opt/python and the runtime\'s own site-packages only, and a handler in a submodule', async () => {
    const h = await harness(factory, pythonSpec({
      'src/app.py': `import sys
import helpers
from vendored import shout
import from_layer, from_site
def handler(event, context):
    try:
        import from_other_minor
        other = "importable"
    except ImportError:
        other = "not importable"
    return [helpers.NAME, shout("hi"), from_layer.NAME, from_site.NAME, other, sys.path[:4]]
`,
      'helpers.py': 'NAME = "helpers"\n',
      'vendored/__init__.py': 'def shout(s):\n    return s.upper()\n',
    }, {
      handler: 'src/app.handler',
      layer: {
        'python/from_layer.py': 'NAME = "layer"\n',
        'python/lib/python3.12/site-packages/from_site/__init__.py': 'NAME = "site-packages"\n',
        'python/lib/python3.14/site-packages/from_other_minor.py': 'NAME = "other"\n',
      },
    }));
    expect(JSON.parse((await h.invoke({})).payload)).toEqual([
      'helpers', 'HI', 'layer', 'site-packages', 'not importable',
      ['/var/task', '/opt/python/lib/python3.12/site-packages', '/opt/python', '/var/runtime'],
    ]);
  });
});
