/**
 * Property-based test of SQS's delivery promise over random sequences of sends, receives,
 * deletes, visibility changes and time: no message is lost, none is delivered twice except once
 * its visibility timeout has passed (at least once, as SQS allows), and a deleted message never
 * comes back. A model of the queue says what each receive must return.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { connectInProcess } from '../../src/emulator/index.ts';
import { makeService } from './support/harness.ts';
import { createVmEnvironmentFactory } from './support/vm-engine.ts';

type Command =
  | { op: 'send'; delay: number }
  | { op: 'receive'; max: number; visibility: number }
  | { op: 'delete'; pick: number }
  | { op: 'change'; pick: number; seconds: number }
  | { op: 'advance'; ms: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('send' as const), delay: fc.constantFrom(0, 0, 0, 5, 30) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('receive' as const), max: fc.integer({ min: 1, max: 10 }), visibility: fc.constantFrom(0, 5, 30, 60) }), weight: 4 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('change' as const), pick: fc.nat(), seconds: fc.constantFrom(0, 10, 45) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 70_000 }) }), weight: 3 },
);

/** What the model knows of one message. */
interface Modelled {
  visibleAt: number;
  receives: number;
  deleted: boolean;
}

describe('SQS delivery, property-based', () => {
  it('no message lost, none delivered twice within its visibility timeout, deleted ones never come back', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 40 }), async (commands) => {
        const { service, clock } = makeService(createVmEnvironmentFactory());
        const sqs = connectInProcess(service).sqs;
        try {
          const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'prop' }));
          const model = new Map<string, Modelled>();
          /** Receipt handles the consumer holds, any of them possibly stale. */
          const held: { body: string; handle: string }[] = [];
          const visibleNow = () => [...model].filter(([, m]) => !m.deleted && m.visibleAt <= clock.now()).map(([body]) => body);
          const receive = async (max: number, visibility: number): Promise<Message[]> => {
            const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: max, VisibilityTimeout: visibility, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
            return out.Messages ?? [];
          };
          let sent = 0;
          for (const c of commands) {
            if (c.op === 'send') {
              const body = `m${sent++}`;
              await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, DelaySeconds: c.delay }));
              model.set(body, { visibleAt: clock.now() + c.delay * 1000, receives: 0, deleted: false });
            } else if (c.op === 'receive') {
              const expected = visibleNow();
              const got = await receive(c.max, c.visibility);
              // Nothing lost: as many as were visible, up to the maximum, each one visible and not deleted, none twice.
              expect(got.length).toBe(Math.min(c.max, expected.length));
              expect(new Set(got.map((m) => m.Body)).size).toBe(got.length);
              for (const m of got) {
                expect(expected).toContain(m.Body);
                const entry = model.get(m.Body!)!;
                entry.receives++;
                entry.visibleAt = clock.now() + c.visibility * 1000;
                expect(m.Attributes?.ApproximateReceiveCount).toBe(String(entry.receives));
                held.push({ body: m.Body!, handle: m.ReceiptHandle! });
              }
            } else if (c.op === 'delete' && held.length > 0) {
              const { body, handle } = held[c.pick % held.length]!;
              await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: handle }));
              model.get(body)!.deleted = true;
            } else if (c.op === 'change' && held.length > 0) {
              const { body, handle } = held[c.pick % held.length]!;
              const entry = model.get(body)!;
              const change = sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: handle, VisibilityTimeout: c.seconds }));
              if (entry.deleted) {
                await expect(change).rejects.toMatchObject({ Code: 'InvalidParameterValue' });
              } else {
                await change;
                entry.visibleAt = clock.now() + c.seconds * 1000;
              }
            } else if (c.op === 'advance') {
              clock.advance(c.ms);
            }
          }
          // In the end every message not deleted comes back once its timeout is over, and no deleted one does.
          clock.advance(120_000);
          const rest: string[] = [];
          for (let batch = await receive(10, 600); batch.length > 0; batch = await receive(10, 600)) rest.push(...batch.map((m) => m.Body!));
          const alive = [...model].filter(([, m]) => !m.deleted).map(([body]) => body);
          expect(rest.sort()).toEqual(alive.sort());
        } finally {
          sqs.destroy();
          service.shutdown();
        }
      }),
      { numRuns: 60 },
    );
  });
});
