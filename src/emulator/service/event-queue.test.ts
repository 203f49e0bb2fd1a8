/** The asynchronous queue's scheduler: system errors back off like throttles, and background scheduling on real time. */
import { describe, expect, it } from 'vitest';
import { allowSending, makeService, quickJSEngine, ECHO_CODE, ROLE, zipBase64 } from '../../../tests/unit/support/harness.ts';
import { LambdaService } from './lambda-service.ts';
import { realClock as systemClock } from '../runtime/clock.ts';
import type { EnvironmentFactory } from '../runtime/contract.ts';

const QUEUE = 'arn:aws:sqs:us-east-1:111111111111:failures';
const create = (service: LambdaService, name: string) =>
  service.createFunction({ FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBase64(ECHO_CODE) } });

describe('asynchronous event queue', () => {
  it('an environment that cannot start is a system error: backoff until the event is too old', async () => {
    const broken: EnvironmentFactory = async () => {
      throw new Error('QuickJS module failed to load');
    };
    const { service, clock } = makeService(broken);
    allowSending({ service });
    await create(service, 'sys');
    await service.updateFunctionConfiguration('sys', { DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:111111111111:dlq' } });
    service.putFunctionEventInvokeConfig('sys', undefined, { MaximumEventAgeInSeconds: 60, DestinationConfig: { OnFailure: { Destination: QUEUE } } }, false);
    const t0 = clock.now();
    await service.invoke({ FunctionName: 'sys', InvocationType: 'Event', Payload: new TextEncoder().encode('{"x":1}') });
    await service.scheduler.drain({ untilMs: t0 + 10_000 });
    const [pending] = service.queue.pending;
    expect(pending?.lastSystemError).toBe('Error: QuickJS module failed to load');
    expect(pending?.attempts).toBe(0);
    expect(pending?.nextAttemptAt).toBe(t0 + 15_000);
    await service.scheduler.drain();
    expect(clock.now() - t0).toBe(63_000);
    const record = JSON.parse(service.sinks.list(QUEUE)[0]!.body);
    expect(record.requestContext).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 0 });
    expect(service.sinks.list('arn:aws:sqs:us-east-1:111111111111:dlq')[0]!.attributes).toMatchObject({
      ErrorCode: { DataType: 'Number', StringValue: '500' },
      ErrorMessage: { DataType: 'String', StringValue: 'Error: QuickJS module failed to load' },
    });
  });

  it('start() works the queue off in the background on real time', async () => {
    const service = new LambdaService({ environmentFactory: quickJSEngine(), clock: systemClock, region: 'us-east-1', accountId: '111111111111' });
    allowSending({ service });
    await create(service, 'bg');
    service.putFunctionEventInvokeConfig('bg', undefined, { DestinationConfig: { OnSuccess: { Destination: QUEUE } } }, false);
    service.scheduler.start();
    await service.invoke({ FunctionName: 'bg', InvocationType: 'Event', Payload: new TextEncoder().encode('{"bg":true}') });
    for (let i = 0; i < 500 && service.sinks.list(QUEUE).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(JSON.parse(service.sinks.list(QUEUE)[0]!.body).requestContext.condition).toBe('Success');
    expect(service.queue.pending).toHaveLength(0);
    service.shutdown();
  });
});
