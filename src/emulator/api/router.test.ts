/** The router's wire format, byte for byte: error headers and bodies, invoke headers, the inspection API. */
import { describe, expect, it } from 'vitest';
import { createRouter, type EmulatorRequest } from './router.ts';
import { ECHO_CODE, ROLE, allowSending, makeService, quickJSEngine, zipBase64 } from '../../../tests/unit/support/harness.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

function setup() {
  const setup = makeService(quickJSEngine());
  allowSending(setup);
  const { service, clock } = setup;
  const route = createRouter(service);
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}, query: Record<string, string> = {}) => {
    const req: EmulatorRequest = { method, path, query, headers, body: body === undefined ? new Uint8Array() : enc.encode(typeof body === 'string' ? body : JSON.stringify(body)) };
    const res = await route(req);
    const text = dec.decode(res.body);
    return { ...res, text, json: text ? JSON.parse(text) : undefined };
  };
  const create = (name: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/2015-03-31/functions', { FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBase64(ECHO_CODE) }, ...extra });
  return { service, clock, call, create };
}

describe('REST router wire format', () => {
  it('ResourceNotFoundException: 404, x-amzn-ErrorType, {"Type":"User","Message":...}', async () => {
    const { call } = setup();
    const res = await call('GET', '/2015-03-31/functions/nope');
    expect(res.status).toBe(404);
    expect(res.headers['x-amzn-ErrorType']).toBe('ResourceNotFoundException');
    expect(res.text).toBe('{"Type":"User","Message":"Function not found: arn:aws:lambda:us-east-1:111111111111:function:nope"}');
  });

  it('InvalidParameterValueException uses "message"; ValidationException carries no Type', async () => {
    const { create } = setup();
    const bad = await create('x', { Runtime: 'nodejs14.x' });
    expect([bad.status, bad.headers['x-amzn-ErrorType']]).toEqual([400, 'InvalidParameterValueException']);
    expect(Object.keys(bad.json)).toEqual(['Type', 'message']);
    const invalid = await create('x', { MemorySize: 64 });
    expect([invalid.status, invalid.headers['x-amzn-ErrorType']]).toEqual([400, 'ValidationException']);
    expect(invalid.json).toEqual({ message: "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128" });
    const notNumber = await create('x', { MemorySize: 'lots', Timeout: 2.5 });
    expect(notNumber.json).toEqual({ message: "2 validation errors detected: Value 'lots' at 'memorySize' failed to satisfy constraint: Member must be an integer; Value '2.5' at 'timeout' failed to satisfy constraint: Member must be an integer" });
  });

  it('TooManyRequestsException: 429 with Retry-After and Reason', async () => {
    const { call, create } = setup();
    await create('z');
    await call('PUT', '/2017-10-31/functions/z/concurrency', { ReservedConcurrentExecutions: 0 });
    const res = await call('POST', '/2015-03-31/functions/z/invocations', {});
    expect(res.status).toBe(429);
    expect(res.headers['x-amzn-ErrorType']).toBe('TooManyRequestsException');
    expect(res.headers['Retry-After']).toBe('1');
    expect(res.json).toEqual({ Type: 'User', message: 'Rate Exceeded.', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' });
  });

  it('Invoke sets X-Amz-Executed-Version, X-Amz-Function-Error and X-Amz-Log-Result', async () => {
    const { call, create } = setup();
    await create('e');
    const res = await call('POST', '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A111111111111%3Afunction%3Ae/invocations', { fail: 'no' }, { 'X-Amz-Log-Type': 'Tail' });
    expect(res.status).toBe(200);
    expect(res.headers['X-Amz-Executed-Version']).toBe('$LATEST');
    expect(res.headers['X-Amz-Function-Error']).toBe('Unhandled');
    expect(atob(res.headers['X-Amz-Log-Result']!)).toContain('Invoke Error');
    expect(res.json).toMatchObject({ errorType: 'Error', errorMessage: 'no' });
  });

  it('an unknown route is UnknownOperationException; a body that is not JSON is InvalidRequestContentException', async () => {
    const { call } = setup();
    const unknown = await call('PATCH', '/2015-03-31/functions');
    expect([unknown.status, unknown.headers['x-amzn-ErrorType']]).toEqual([404, 'UnknownOperationException']);
    const garbled = await call('POST', '/2015-03-31/functions', '{"FunctionName": ');
    expect([garbled.status, garbled.headers['x-amzn-ErrorType']]).toEqual([400, 'InvalidRequestContentException']);
  });

  it('the inspection API drains the scheduler on the virtual clock and shows SNS dead-letter messages', async () => {
    const { call, create, clock } = setup();
    const topic = 'arn:aws:sns:us-east-1:111111111111:dead-letters';
    await create('dl', { DeadLetterConfig: { TargetArn: topic } });
    await call('PUT', '/2019-09-25/functions/dl/event-invoke-config', { MaximumRetryAttempts: 1 });
    const t0 = clock.now();
    expect((await call('POST', '/2015-03-31/functions/dl/invocations', { fail: 'sns please' }, { 'X-Amz-Invocation-Type': 'Event' })).status).toBe(202);
    const partial = await call('POST', '/_emulator/scheduler/drain', undefined, {}, { untilMs: String(t0 + 30_000) });
    expect(partial.json).toEqual({ attempts: 1, pending: 1, now: t0 + 30_000 });
    const drained = await call('POST', '/_emulator/scheduler/drain');
    expect(drained.json).toEqual({ attempts: 1, pending: 0, now: t0 + 60_000 });
    const sinks = await call('GET', '/_emulator/sinks', undefined, {}, { target: topic });
    expect(sinks.json.Messages).toHaveLength(1);
    expect(sinks.json.Messages[0]).toMatchObject({ kind: 'sns', via: 'dead-letter', body: '{"fail":"sns please"}', attributes: { ErrorMessage: { DataType: 'String', StringValue: 'sns please' } } });
    const received = await call('POST', '/_emulator/sinks/receive', undefined, {}, { target: topic });
    expect(received.json.Messages).toHaveLength(1);
    expect((await call('GET', '/_emulator/sinks', undefined, {}, { target: topic })).json.Messages).toEqual([]);
  });

  it('POST /_emulator/clock/advance moves the clock on by ?ms= and runs what came due; ?to=next-firing needs a schedule', async () => {
    const { call, create, clock } = setup();
    await create('later');
    const t0 = clock.now();
    expect((await call('POST', '/2015-03-31/functions/later/invocations', { n: 1 }, { 'X-Amz-Invocation-Type': 'Event' })).status).toBe(202);
    const advanced = await call('POST', '/_emulator/clock/advance', undefined, {}, { ms: '60000' });
    expect(advanced.json).toEqual({ advancedMs: 60_000, now: t0 + 60_000, attempts: 1, pending: 0 });
    expect((await call('POST', '/_emulator/clock/advance', undefined, {}, { to: 'next-firing' })).json).toEqual({ message: 'No rule has a next firing: create a schedule first (events put-rule with a schedule expression, and a target).' });
    const bad = await call('POST', '/_emulator/clock/advance', undefined, {}, { ms: '-5' });
    expect([bad.status, bad.json]).toEqual([400, { message: 'Give how far to move the clock as ?ms=<milliseconds> (more than 0), or ?to=next-firing.' }]);
  });

  it('GET /_emulator/logs reads a whole log group at once, newest stream first, each event its time and message', async () => {
    const { call, create, clock, service } = setup();
    await create('logged');
    await call('POST', '/2015-03-31/functions/logged/invocations', { n: 1 });
    clock.advance(1000);
    service.logs.append('/aws/lambda/logged', 'later-stream', [{ timestamp: clock.now(), message: 'newest' }], clock.now());
    const read = await call('GET', '/_emulator/logs', undefined, {}, { logGroupName: '/aws/lambda/logged' });
    expect(read.status).toBe(200);
    const streams = read.json.logStreams as { logStreamName: string; events: { timestamp: number; message: string }[] }[];
    expect(streams.map((s) => s.logStreamName)).toEqual(['later-stream', expect.stringMatching(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/)]);
    expect(streams[0]!.events).toEqual([{ timestamp: clock.now(), message: 'newest' }]);
    expect(streams[1]!.events.map((e) => e.message.split(/[ \t]/)[0])).toEqual(['INIT_START', 'START', expect.stringMatching(/^\d{4}-\d\d-\d\dT/), 'END', 'REPORT']);
    expect(streams[1]!.events[2]!.message).toMatch(/\tINFO\tevent {"n":1}$/);
    const missing = await call('GET', '/_emulator/logs', undefined, {}, { logGroupName: '/aws/lambda/none' });
    expect([missing.status, missing.json]).toEqual([404, { message: 'The specified log group does not exist.' }]);
    expect((await call('GET', '/_emulator/logs')).status).toBe(400);
  });

  it('CloudWatch Logs errors use the JSON 1.1 shape', async () => {
    const { call } = setup();
    const res = await call('POST', '/', { logGroupName: '/aws/lambda/none' }, { 'X-Amz-Target': 'Logs_20140328.DescribeLogStreams', 'Content-Type': 'application/x-amz-json-1.1' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
  });
});

describe('hostile requests', () => {
  it('no request body or path makes the router answer 5xx', async () => {
    const fc = (await import('fast-check')).default;
    const { call, create } = setup();
    await create('target');
    const paths = [
      ['POST', '/2015-03-31/functions'],
      ['PUT', '/2015-03-31/functions/target/configuration'],
      ['PUT', '/2015-03-31/functions/target/code'],
      ['POST', '/2015-03-31/functions/target/versions'],
      ['POST', '/2015-03-31/functions/target/aliases'],
      ['PUT', '/2015-03-31/functions/target/aliases/a'],
      ['POST', '/2018-10-31/layers/l/versions'],
      ['PUT', '/2017-10-31/functions/target/concurrency'],
      ['PUT', '/2019-09-25/functions/target/event-invoke-config'],
      ['POST', '/2019-09-25/functions/target/event-invoke-config'],
      ['POST', '/2015-03-31/functions/target/invocations'],
      ['GET', '/2015-03-31/functions/%E0%A4%A'],
      ['GET', '/2018-10-31/layers/l/versions/x'],
    ] as const;
    const field = fc.oneof(fc.jsonValue(), fc.constantFrom('nodejs22.x', 'index.handler', 'arn:aws:iam::111111111111:role/r', '1', '$LATEST'));
    const body = fc.dictionary(
      fc.constantFrom('FunctionName', 'Runtime', 'Role', 'Handler', 'Code', 'ZipFile', 'MemorySize', 'Timeout', 'Environment', 'Layers', 'Name', 'FunctionVersion', 'RoutingConfig', 'Content', 'ReservedConcurrentExecutions', 'DestinationConfig', 'MaximumRetryAttempts', 'EphemeralStorage', 'Architectures', 'DeadLetterConfig', 'TracingConfig', 'RevisionId', 'CodeSha256', '__proto__', 'constructor'),
      field,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), body, async ([method, path], json) => {
        const res = await call(method, path, json);
        expect(res.status, `${method} ${path} ${JSON.stringify(json)} -> ${res.text}`).toBeLessThan(500);
      }),
      { numRuns: 400, seed: 7 },
    );
  }, 120_000);
});
