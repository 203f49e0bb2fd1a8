/**
 * S3 notifications' cost: an object upload that S3 turns into an event record and Lambda runs
 * as an asynchronous invocation, against the same function invoked asynchronously directly, in
 * one run. The upload goes through the emulator's router (as the HTTP server and the in-page
 * handler hand it over) and, for scale, through the in-process S3Client.
 */
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { HttpResponse } from '@smithy/core/transport';
import { connectInProcess, createQuickJSEnvironmentFactory, createRouter, LambdaService, realClock, zip } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';

const ACCOUNT = '111111111111';
const SOURCE = 'exports.handler = async (event) => ({ n: event.Records ? event.Records.length : event.n });';
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:bench`;
const AUTHORIZATION = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`;
const encoder = new TextEncoder();

/** Mean µs per call over `n` sequential calls. */
async function perCall(n: number, run: (i: number) => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await run(i);
  return ((performance.now() - t0) * 1000) / n;
}

export const s3Section = {
  name: 's3 notifications: PutObject → event record → async invoke, against a direct async invoke',
  async run(): Promise<string[]> {
    const service = new LambdaService({
      environmentFactory: createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule }),
      clock: realClock,
      region: 'us-east-1',
      accountId: ACCOUNT,
    });
    await service.createFunction({
      FunctionName: 'bench', Runtime: 'nodejs22.x', Role: `arn:aws:iam::${ACCOUNT}:role/lambda-role`, Handler: 'index.handler',
      Code: { ZipFile: Buffer.from(zip({ 'index.js': SOURCE })).toString('base64') },
    });
    service.addPermission('bench', undefined, { StatementId: 's3', Action: 'lambda:InvokeFunction', Principal: 's3.amazonaws.com', SourceArn: 'arn:aws:s3:::bench-bucket' });
    const route = createRouter(service);
    const s3Request = (method: string, path: string, query: Record<string, string>, body: string) =>
      route({ method, path, query, headers: { authorization: AUTHORIZATION }, body: encoder.encode(body) });
    await s3Request('PUT', '/bench-bucket', {}, '');
    const notification = `<NotificationConfiguration><CloudFunctionConfiguration><CloudFunction>${FUNCTION_ARN}</CloudFunction><Event>s3:ObjectCreated:*</Event></CloudFunctionConfiguration></NotificationConfiguration>`;
    const configured = await s3Request('PUT', '/bench-bucket', { notification: '' }, notification);
    if (configured.status !== 200) throw new Error(`notification configuration refused: ${new TextDecoder().decode(configured.body)}`);
    const { s3, clientConfig, close } = connectInProcess(service);
    // The SDK's own cost per PutObject, with a handler that answers at once: not the emulator's to shrink.
    const canned = {
      handle: async () => ({ response: new HttpResponse({ statusCode: 200, headers: { ETag: '"0"' }, body: new Uint8Array() }) }),
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      destroy() {},
    };
    const sdkAlone = new S3Client({ ...clientConfig, requestHandler: canned, forcePathStyle: true });

    /** Runs what the upload queued; exactly one invocation must have run. */
    const runQueued = async () => {
      const attempts = await service.scheduler.processDue();
      if (attempts !== 1 || service.queue.pending.length !== 0) throw new Error(`expected one invocation, ran ${attempts}, ${service.queue.pending.length} left`);
    };
    const payload = encoder.encode('{"n":1}');
    // The record one upload sends, to tell S3's own cost from the bigger event the function parses.
    await s3Request('PUT', '/bench-bucket/photos/sample.jpg', { 'x-id': 'PutObject' }, 'a small object body');
    const record = encoder.encode(service.queue.pending[0]!.payload);
    await runQueued();
    const runs = {
      direct: async () => {
        await service.invoke({ FunctionName: 'bench', InvocationType: 'Event', Payload: payload });
        await runQueued();
      },
      directRecord: async () => {
        await service.invoke({ FunctionName: 'bench', InvocationType: 'Event', Payload: record });
        await runQueued();
      },
      router: async (i: number) => {
        const res = await s3Request('PUT', `/bench-bucket/photos/${i}.jpg`, { 'x-id': 'PutObject' }, 'a small object body');
        if (res.status !== 200) throw new Error(`PutObject answered ${res.status}`);
        await runQueued();
      },
      sdk: async (i: number) => {
        await s3.send(new PutObjectCommand({ Bucket: 'bench-bucket', Key: `sdk/${i}.jpg`, Body: 'a small object body' }));
        await runQueued();
      },
      sdkAlone: (i: number) => sdkAlone.send(new PutObjectCommand({ Bucket: 'bench-bucket', Key: `sdk/${i}.jpg`, Body: 'a small object body' })),
    };
    const names = Object.keys(runs) as (keyof typeof runs)[];
    const rounds = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<keyof typeof runs, number[]>;
    for (const name of names) await perCall(200, runs[name]); // warm-up
    // Interleaved rounds, so drift (GC, other load) hits every variant alike.
    for (let r = 0; r < 7; r++) for (const name of names) rounds[name].push(await perCall(500, runs[name]));
    close();
    sdkAlone.destroy();

    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const us = Object.fromEntries(names.map((n) => [n, median(rounds[n])])) as Record<keyof typeof runs, number>;
    const fmt = (n: number) => `${n.toFixed(1)} µs`;
    return [
      `direct async Invoke ({"n":1}), then the queued invocation runs:   ${fmt(us.direct)}`,
      `direct async Invoke with an S3 event record (${record.byteLength} bytes):      ${fmt(us.directRecord)}`,
      `S3 PutObject (router) → event record → async invoke runs:         ${fmt(us.router)}  ${(us.router / us.direct).toFixed(2)}x the direct async invoke, ${(us.router / us.directRecord).toFixed(2)}x with the same record`,
      `S3 PutObject (in-process S3Client) → ... → invoke runs:           ${fmt(us.sdk)}  of which the SDK alone (canned answer): ${fmt(us.sdkAlone)}`,
    ];
  },
};

// Run alone: tsx --import ./src/hosts/node/text-imports.mjs src/bench/bench-s3.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`## ${s3Section.name}`);
  for (const line of await s3Section.run()) console.log(line);
}
