import { describe, expect, it } from 'vitest';
import { filesHash, freshWorkspace, parseWorkspace } from '../progress/workspace-state.ts';
import { validateImport } from './transfer.ts';
import { emptyProgress, serializeProgress } from '../progress/index.ts';

const starter = { 'index.mjs': 'export const handler = async () => 1;\n' };

describe('the workspace state', () => {
  it('starts from the starter files with one saved test event', () => {
    const ws = freshWorkspace('hello-lambda', starter, '{}');
    expect(ws).toMatchObject({ version: 1, exercise: 'hello-lambda', files: starter, activeFile: 'index.mjs', testEvents: [{ name: 'hello-world', json: '{}' }] });
    expect(ws.files).not.toBe(starter);
  });

  it('reads back what it saved', () => {
    const ws = freshWorkspace('layers', starter, '{}');
    expect(parseWorkspace(JSON.parse(JSON.stringify(ws)), 'layers')).toEqual({ ok: true, state: ws });
  });

  it('refuses another exercise’s workspace and a damaged one, saying why', () => {
    const ws = freshWorkspace('layers', starter, '{}');
    expect(parseWorkspace(ws, 'hello-lambda')).toEqual({ ok: false, reason: 'it belongs to the exercise "layers", not "hello-lambda"' });
    const damaged = { ...ws, files: { 'index.mjs': 42 } };
    expect(parseWorkspace(damaged, 'layers')).toMatchObject({ ok: false, reason: expect.stringContaining('files.index.mjs') });
    const tooMany = { ...ws, testEvents: Array.from({ length: 11 }, (_, i) => ({ name: `e${i}`, json: '{}' })) };
    expect(parseWorkspace(tooMany, 'layers').ok).toBe(false);
  });

  it('hashes files independently of their order, and changes with their text', () => {
    expect(filesHash({ a: '1', b: '2' })).toBe(filesHash({ b: '2', a: '1' }));
    expect(filesHash({ a: '1' })).not.toBe(filesHash({ a: '2' }));
  });
});

describe('importing a progress file', () => {
  it('accepts an export', () => {
    const progress = { ...emptyProgress(), exercises: { 'hello-lambda': freshWorkspace('hello-lambda', starter, '{}') } };
    const result = validateImport(serializeProgress(progress));
    expect(result.ok).toBe(true);
  });

  it('refuses a file that is not JSON, another app’s JSON, or one with a broken exercise', () => {
    expect(validateImport('{"version":1,"quizzes":')).toMatchObject({ ok: false, reason: expect.stringContaining('not valid JSON') });
    expect(validateImport('{"name":"other app"}')).toMatchObject({ ok: false });
    const broken = { ...emptyProgress(), exercises: { 'hello-lambda': { version: 1, exercise: 'layers' } } };
    expect(validateImport(JSON.stringify(broken))).toMatchObject({ ok: false, reason: expect.stringContaining('The exercise "hello-lambda" in the file is not valid') });
  });

  it('refuses a file whose one account is damaged, naming the field', () => {
    const damaged = { ...emptyProgress(), account: { emulator: { formatVersion: 1, region: 'us-east-1', accountId: 'x' } } };
    expect(validateImport(JSON.stringify(damaged))).toEqual({ ok: false, reason: 'The AWS account in the file is not valid: the field "account.emulator.accountId" is not valid: must be a 12-digit account id.' });
  });

  it('accepts an export from before one account per workbook (one snapshot per exercise)', () => {
    const old = { version: 1, quizzes: {}, lessonsRead: {}, exercises: { 'hello-lambda': { ...freshWorkspace('hello-lambda', starter, '{}'), emulator: { formatVersion: 1, region: 'us-east-1', accountId: '123456789012', accountConcurrency: 1000, functions: {}, layers: {}, code: {} } } } };
    const result = validateImport(JSON.stringify(old));
    expect(result.ok).toBe(true);
    expect(result.ok && result.progress.account).toMatchObject({ unmerged: { 'hello-lambda': { emulator: { accountId: '123456789012' } } } });
  });
});

describe('the saved emulator snapshot', () => {
  it('keeps only the newest log events of each stream', async () => {
    const { boundedSnapshot, SAVED_EVENTS_PER_STREAM } = await import('./persistence.ts');
    const events = Array.from({ length: SAVED_EVENTS_PER_STREAM + 5 }, (_, i) => ({ timestamp: i, ingestionTime: i, message: `line ${i}`, eventId: String(i + 1) }));
    const snapshot = { formatVersion: 1 as const, region: 'us-east-1', accountId: '123456789012', accountConcurrency: 1000, functions: {}, layers: {}, code: {}, queue: [], sinks: [], s3: { buckets: {}, nextSequence: 0 }, eventSourceMappings: {}, sqs: { queues: {} }, sns: { topics: {}, subscriptions: {} }, events: { buses: {}, rules: {} }, iam: { roles: {}, policies: {}, provisioned: true }, logGroups: { g: { logGroupName: 'g', creationTime: 0, streams: { s: { logStreamName: 's', creationTime: 0, events } } } } };
    const bounded = boundedSnapshot(snapshot);
    expect(bounded.logGroups['g']!.streams['s']!.events).toHaveLength(SAVED_EVENTS_PER_STREAM);
    expect(bounded.logGroups['g']!.streams['s']!.events[0]!.message).toBe('line 5');
    expect(snapshot.logGroups.g.streams.s.events).toHaveLength(SAVED_EVENTS_PER_STREAM + 5);
  });
});
