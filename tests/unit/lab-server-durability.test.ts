/**
 * The lab server keeps each account on disk: a change it acknowledged is there after SIGKILL and a
 * restart, in the right account, even when many learners' requests shared one flush.
 */
import { describe, expect, it } from 'vitest';
import { CreateFunctionCommand, GetFunctionCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { clientsFor, destroy, startLab } from './support/lab-server.ts';
import { ECHO_CODE, zipBytes } from './support/harness.ts';

const ROSTER = 'name,id\nAda Lovelace,ada\nBrian Kernighan,brian\nCarol Shaw,carol\n';

describe('the lab server, killed with SIGKILL', () => {
  it('still has every change it acknowledged, in each learner\'s own account', { timeout: 180_000 }, async () => {
    let lab = await startLab(ROSTER, ['--inline']);
    const ids = ['ada', 'brian', 'carol'];
    const bucket = (id: string) => `kept-${process.pid}-${id}`;
    let clients = ids.map((id) => clientsFor(lab.url, lab.learner(id)));
    await Promise.all(
      ids.map(async (id, i) => {
        const c = clients[i]!;
        const account = lab.learner(id).accountId;
        await c.lambda.send(new CreateFunctionCommand({ FunctionName: `fn-${id}`, Runtime: 'nodejs22.x', Role: `arn:aws:iam::${account}:role/lambda-role`, Handler: 'index.handler', Code: { ZipFile: zipBytes(ECHO_CODE) } }));
        await c.s3.send(new CreateBucketCommand({ Bucket: bucket(id) }));
        const { QueueUrl } = await c.sqs.send(new CreateQueueCommand({ QueueName: 'kept' }));
        // Many writes from every learner at once: they share flushes.
        await Promise.all(Array.from({ length: 20 }, (_, n) => Promise.all([
          c.s3.send(new PutObjectCommand({ Bucket: bucket(id), Key: `k${n}`, Body: `${id}-${n}` })),
          c.sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: `${id}-${n}` })),
        ])));
      }),
    );
    const killed = new Promise<void>((resolve) => lab.child.once('exit', () => resolve()));
    lab.child.kill('SIGKILL');
    await killed;
    clients.forEach(destroy);

    lab = await startLab(ROSTER, ['--inline'], lab.dir);
    clients = ids.map((id) => clientsFor(lab.url, lab.learner(id)));
    try {
      for (const [i, id] of ids.entries()) {
        const c = clients[i]!;
        expect((await c.lambda.send(new GetFunctionCommand({ FunctionName: `fn-${id}` }))).Configuration?.FunctionName).toBe(`fn-${id}`);
        for (const n of [0, 19]) expect(await (await c.s3.send(new GetObjectCommand({ Bucket: bucket(id), Key: `k${n}` }))).Body!.transformToString()).toBe(`${id}-${n}`);
        const QueueUrl = `${lab.url}/${lab.learner(id).accountId}/kept`;
        const bodies: string[] = [];
        for (let round = 0; round < 5 && bodies.length < 20; round++) {
          const { Messages = [] } = await c.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }));
          bodies.push(...Messages.map((m) => m.Body!));
        }
        expect(bodies.sort()).toEqual(Array.from({ length: 20 }, (_, n) => `${id}-${n}`).sort());
      }
    } finally {
      clients.forEach(destroy);
      await lab.stop();
    }
  });
});
