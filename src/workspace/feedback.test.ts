import { describe, expect, it } from 'vitest';
import type { HostToWorker, WorkerLike, WorkerToHost } from '../emulator/index.ts';
import { RunningInvocations, STOPPED_BY_EMULATOR } from '../hosts/page/running-invocations.ts';
import { clearDraftEvent, isUnsavedDraft, loadDraftEvent, loadStash, removeStash, saveDraftEvent, saveStash } from './drafts.ts';
import { tabHint } from './editor-keys.ts';
import { classifyConnection, describeConnectionFailure, isNoResponse } from './connection-check.ts';
import { executionResult, stoppedByEmulatorNote } from './execution-result.ts';

/** A Storage over a Map; `full` makes every write throw as a full localStorage does. */
function memoryStorage(full = false): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => {
      if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      m.set(k, String(v));
    },
  };
}

describe('drafts kept across a reload', () => {
  it('keeps an unsaved test event per exercise and forgets it once saved', () => {
    const s = memoryStorage();
    expect(loadDraftEvent(s, 'hello-lambda')).toBeUndefined();
    expect(saveDraftEvent(s, 'hello-lambda', { name: 'wip', json: '{"a":' })).toBe(true);
    expect(loadDraftEvent(s, 'hello-lambda')).toEqual({ name: 'wip', json: '{"a":' });
    expect(loadDraftEvent(s, 'versions-aliases')).toBeUndefined();
    clearDraftEvent(s, 'hello-lambda');
    expect(loadDraftEvent(s, 'hello-lambda')).toBeUndefined();
  });

  it('drops a draft it cannot read instead of failing', () => {
    const s = memoryStorage();
    s.setItem('lambda-workbook:draft-event:hello-lambda', '{not json');
    expect(loadDraftEvent(s, 'hello-lambda')).toBeUndefined();
    s.setItem('lambda-workbook:draft-event:hello-lambda', JSON.stringify({ name: 3, json: '{}' }));
    expect(loadDraftEvent(s, 'hello-lambda')).toBeUndefined();
  });

  it('is a draft only when it differs from every saved event', () => {
    const saved = [{ name: 'hello-world', json: '{}' }];
    expect(isUnsavedDraft({ name: 'hello-world', json: '{}' }, saved)).toBe(false);
    expect(isUnsavedDraft({ name: 'hello-world', json: '{ }' }, saved)).toBe(true);
    expect(isUnsavedDraft({ name: 'other', json: '{}' }, saved)).toBe(true);
  });

  it('keeps the code from before a reset until it is restored, and says when it cannot', () => {
    const s = memoryStorage();
    const mine = { 'index.mjs': 'export const handler = async () => 42;', 'lib/a.mjs': '' };
    expect(saveStash(s, 'hello-lambda', mine)).toBe(true);
    expect(loadStash(s, 'hello-lambda')).toEqual(mine);
    removeStash(s, 'hello-lambda');
    expect(loadStash(s, 'hello-lambda')).toBeUndefined();
    expect(saveStash(memoryStorage(true), 'hello-lambda', mine)).toBe(false);
    s.setItem('lambda-workbook:code-before-reset:hello-lambda', JSON.stringify({ 'index.mjs': 5 }));
    expect(loadStash(s, 'hello-lambda')).toBeUndefined();
  });
});

describe('the execution result', () => {
  const requestId = '8f5a3c1e-1b2d-4c3e-9f00-0123456789ab';
  const log = [
    `START RequestId: ${requestId} Version: $LATEST`,
    `END RequestId: ${requestId}`,
    `REPORT RequestId: ${requestId}\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 41 MB\tInit Duration: 150.05 ms\t`,
    '',
  ].join('\n');

  it('reads status, response and the summary from the REPORT line, Init duration on a cold start', () => {
    const r = executionResult({ Payload: new TextEncoder().encode('{"statusCode":200}'), ExecutedVersion: '$LATEST' }, log);
    expect(r.status).toBe('Succeeded');
    expect(r.response).toBe('{\n  "statusCode": 200\n}');
    expect(r.summary).toEqual([
      ['Request ID', requestId],
      ['Executed version', '$LATEST'],
      ['Init duration', '150.05 ms'],
      ['Duration', '12.34 ms'],
      ['Billed duration', '13 ms'],
      ['Resources configured', '128 MB'],
      ['Max memory used', '41 MB'],
    ]);
    expect(r.logs).toBe(log);
  });

  it('has no Init duration on a warm start, says Failed on a function error, and shows a non-JSON response as is', () => {
    const warm = log.replace('Init Duration: 150.05 ms\t', '');
    const r = executionResult({ Payload: new TextEncoder().encode('not json'), FunctionError: 'Unhandled' }, warm);
    expect(r.status).toBe('Failed');
    expect(r.response).toBe('not json');
    expect(r.summary.map(([k]) => k)).toEqual(['Request ID', 'Duration', 'Billed duration', 'Resources configured', 'Max memory used']);
  });

  it('says that the emulator, not Lambda, stopped an invocation', () => {
    expect(stoppedByEmulatorNote('hello-lambda')).toMatch(/^The workbook's emulator stopped this invocation of hello-lambda .* This is not a Lambda feature/);
  });
});

describe('the editor’s Tab key', () => {
  it('says how to leave the editor, for each mode', () => {
    expect(tabHint(false)).toContain('Tab inserts spaces');
    expect(tabHint(false)).toContain('Ctrl+M');
    expect(tabHint(true)).toContain('Tab moves focus out of the editor');
  });
});

describe('stopping a running invocation (the workbook’s own control)', () => {
  function fakeWorker() {
    const messageHandlers: ((m: WorkerToHost) => void)[] = [];
    const errorHandlers: ((m: string) => void)[] = [];
    const worker = {
      sent: [] as HostToWorker[],
      terminated: 0,
      postMessage: (m: HostToWorker) => void worker.sent.push(m),
      terminate: () => void (worker.terminated += 1),
      onMessage: (h: (m: WorkerToHost) => void) => void messageHandlers.push(h),
      onError: (h: (m: string) => void) => void errorHandlers.push(h),
      reply: (m: WorkerToHost) => messageHandlers.forEach((h) => h(m)),
    };
    return worker;
  }
  const invoke = (name: string): HostToWorker => ({ type: 'invoke', id: 1, input: { requestId: 'r', payload: '{}', invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${name}:live` } });

  it('terminates only the named function’s busy workers and tells their environments they died', () => {
    const running = new RunningInvocations();
    const a = fakeWorker();
    const b = fakeWorker();
    const wa: WorkerLike = running.track(a);
    const wb: WorkerLike = running.track(b);
    const deaths: string[] = [];
    wa.onError((m) => deaths.push(`a: ${m}`));
    wb.onError((m) => deaths.push(`b: ${m}`));
    wa.postMessage(invoke('spin'));
    wb.postMessage(invoke('other'));
    expect(a.sent).toHaveLength(1);
    expect(running.count('spin')).toBe(1);
    expect(running.stop('spin')).toBe(1);
    expect(a.terminated).toBe(1);
    expect(b.terminated).toBe(0);
    expect(deaths).toEqual([`a: ${STOPPED_BY_EMULATOR}`]);
    expect(running.stop('spin')).toBe(0);
    expect(running.count('other')).toBe(1);
  });

  it('forgets a worker once its invocation has answered', () => {
    const running = new RunningInvocations();
    const a = fakeWorker();
    const wa = running.track(a);
    const seen: string[] = [];
    wa.onMessage((m) => seen.push(m.type));
    wa.postMessage({ type: 'create', id: 1, spec: {} as never, clock: { mode: 'real' }, seed: 1, options: {} });
    expect(running.count('spin')).toBe(0);
    wa.postMessage(invoke('spin'));
    a.reply({ type: 'outcome', id: 1, outcome: {} as never, now: 0 });
    expect(seen).toEqual(['outcome']);
    expect(running.stop('spin')).toBe(0);
    expect(a.terminated).toBe(0);
  });

  it('tells the page how far every worker’s engine download is, once per message, until it stops listening', () => {
    const running = new RunningInvocations();
    const a = fakeWorker();
    const b = fakeWorker();
    const wa = running.track(a);
    running.track(b);
    // The environment host listens too; the progress reaches the page once, whoever else listens.
    wa.onMessage(() => {});
    wa.onMessage(() => {});
    const heard: string[] = [];
    const stop = running.onEngineLoading((l) => heard.push(`${l.loadedBytes}/${l.totalBytes}${l.done ? ' done' : ''}`));
    a.reply({ type: 'engine-loading', loadedBytes: 1024, totalBytes: 14_000_000, done: false });
    b.reply({ type: 'engine-loading', loadedBytes: 2048, totalBytes: 0, done: false });
    a.reply({ type: 'outcome', id: 1, outcome: {} as never, now: 0 });
    a.reply({ type: 'engine-loading', loadedBytes: 14_000_000, totalBytes: 14_000_000, done: true });
    stop();
    a.reply({ type: 'engine-loading', loadedBytes: 1, totalBytes: 1, done: true });
    expect(heard).toEqual(['1024/14000000', '2048/0', '14000000/14000000 done']);
  });
});

describe('checking a real account: why it could not connect', () => {
  const sdkError = (name: string, message: string, status?: number) => Object.assign(new Error(message), { name, ...(status ? { $metadata: { httpStatusCode: status } } : {}) });

  it('names bad keys, a dead network and CORS apart', () => {
    const badKey = sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403);
    expect(classifyConnection(badKey)).toBe('keys');
    expect(classifyConnection(sdkError('InvalidSignatureException', 'The request signature we calculated does not match the signature you provided.', 403))).toBe('keys');
    const fetchFailed = new TypeError('Failed to fetch');
    expect(isNoResponse(fetchFailed)).toBe(true);
    expect(classifyConnection(fetchFailed, 'no-answer')).toBe('network');
    expect(classifyConnection(fetchFailed, 'answered')).toBe('cors');
  });

  it('lets an AccessDenied through: the account answered, and the checks say what is missing', () => {
    expect(classifyConnection(sdkError('AccessDeniedException', 'User is not authorized to perform: lambda:ListFunctions', 403))).toBeUndefined();
  });

  it('starts with "Couldn\'t connect", gives the reason and grades nothing', () => {
    const badKey = sdkError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403);
    expect(describeConnectionFailure('keys', badKey, 'https://lambda.us-east-1.amazonaws.com', 'us-east-1')).toBe(
      "Couldn't connect to your AWS account: AWS refused the keys (UnrecognizedClientException: The security token included in the request is invalid.). Check the access key ID and secret access key, and for temporary keys the session token; nothing was graded.",
    );
    const network = describeConnectionFailure('network', new TypeError('Failed to fetch'), 'https://lambda.us-east-9.amazonaws.com', 'us-east-9');
    expect(network).toMatch(/^Couldn't connect to https:\/\/lambda\.us-east-9\.amazonaws\.com: no answer came back \(Failed to fetch\)\. .*"us-east-9" is a Region/);
    expect(describeConnectionFailure('cors', new TypeError('Failed to fetch'), 'http://127.0.0.1:4010', 'us-east-1')).toContain('(CORS)');
    for (const kind of ['keys', 'network', 'cors', 'other'] as const) {
      expect(describeConnectionFailure(kind, new TypeError('x'), 'e', 'r')).not.toMatch(/0\/100|emulator running/);
    }
  });
});
