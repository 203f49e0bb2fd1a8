/**
 * SQS through an event source mapping on the virtual clock: 10,000 messages in batches of 10
 * through a warm function (receive, build the SQS event, invoke, delete), against 1,000 direct
 * invokes of the same function with the same batches, in one run.
 */
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import { LambdaService, connectInProcess, createQuickJSEnvironmentFactory, createVirtualClock, VIRTUAL_EPOCH, zip } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';

const SOURCE = 'exports.handler = async (event) => ({ n: event.Records.length });';
const MESSAGES = 10_000;
const BATCH = 10;
const ROUNDS = 9;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const sqsSection = {
  name: 'sqs event source mapping: 10,000 messages in batches of 10 against 1,000 direct invokes of the same batches',
  async run(): Promise<string[]> {
    const wasmModule = await loadQuickJSWasmModule();
    const clock = createVirtualClock(VIRTUAL_EPOCH);
    const service = new LambdaService({ environmentFactory: createQuickJSEnvironmentFactory({ wasmModule }), clock, region: 'us-east-1', accountId: '111111111111' });
    await service.createFunction({
      FunctionName: 'bench', Runtime: 'nodejs22.x', Role: 'arn:aws:iam::111111111111:role/lambda-role', Handler: 'index.handler',
      Code: { ZipFile: Buffer.from(zip({ 'index.js': SOURCE })).toString('base64') },
    });
    const queueArn = 'arn:aws:sqs:us-east-1:111111111111:bench';
    const client = connectInProcess(service).sqs;
    await client.send(new CreateQueueCommand({ QueueName: 'bench' }));
    client.destroy();
    const queue = service.sqs.queueByArn(queueArn)!;
    // An SQS mapping needs a role that may poll the queue, as on AWS.
    service.iam.attachRolePolicy({ RoleName: 'lambda-role', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole' });
    service.createEventSourceMapping({ EventSourceArn: queueArn, FunctionName: 'bench', BatchSize: BATCH });
    // Sending is not what is measured: messages go straight onto the queue, as SendMessage would store them.
    const fill = () => {
      for (let i = 0; i < MESSAGES; i++) service.sqs.sendServiceMessage(queue, { body: `{"order":${i},"item":"book"}`, senderId: 'AIDABENCH' });
    };

    // The same batches as direct invokes: the events the poller built, captured once.
    const events: string[] = [];
    const capture = service.runInvocation.bind(service);
    service.runInvocation = (target, payload, requestId) => {
      if (events.length < MESSAGES / BATCH) events.push(payload);
      return capture(target, payload, requestId);
    };
    fill();
    await service.scheduler.drain(); // warm-up: the pollers' environments start here, not in the rounds
    service.runInvocation = capture;
    if (events.length !== MESSAGES / BATCH) throw new Error(`the poller sent ${events.length} batches, not ${MESSAGES / BATCH}`);
    const payloads = events.map((e) => new TextEncoder().encode(e));
    for (const p of payloads.slice(0, 100)) await service.invoke({ FunctionName: 'bench', Payload: p });

    const esm: number[] = [];
    const direct: number[] = [];
    // Each round times both, back to back, so load from elsewhere hits them alike; the ratio is the median of the rounds'.
    for (let r = 0; r < ROUNDS; r++) {
      fill();
      let t0 = performance.now();
      const batches = await service.scheduler.drain();
      esm.push(performance.now() - t0);
      if (batches !== MESSAGES / BATCH || queue.counts(clock.now()).visible !== 0) throw new Error(`the poller handled ${batches} batches`);
      t0 = performance.now();
      for (const p of payloads) {
        const out = await service.invoke({ FunctionName: 'bench', Payload: p });
        if (out.FunctionError) throw new Error('direct invoke failed');
      }
      direct.push(performance.now() - t0);
    }
    service.shutdown();
    const e = median(esm);
    const d = median(direct);
    const ratio = median(esm.map((ms, i) => ms / direct[i]!));
    const perBatch = (ms: number) => `${((ms * 1000) / (MESSAGES / BATCH)).toFixed(1)} µs a batch`;
    return [
      `1,000 direct invokes of the batches (warm):                ${d.toFixed(1)} ms  (${perBatch(d)})`,
      `10,000 messages through the event source mapping:          ${e.toFixed(1)} ms  (${perBatch(e)}; ${Math.round((MESSAGES * 1000) / e).toLocaleString('en-US')} messages/s)  ${ratio.toFixed(2)}x the direct invokes  (target <= 1.5x)`,
    ];
  },
};

// Run alone: tsx --import ./src/hosts/node/text-imports.mjs src/bench/bench-sqs.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`## ${sqsSection.name}`);
  for (const line of await sqsSection.run()) console.log(line);
}
