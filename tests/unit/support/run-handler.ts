/**
 * Runs a lesson's or a quiz's handler in the workbook's emulator (QuickJS, through LambdaClient),
 * to check that what the text claims the handler returns or logs is what Lambda would show.
 */
import { CreateAliasCommand, CreateFunctionCommand, InvokeCommand, PublishVersionCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ROLE, inProcessClients, makeService, quickJSEngine, zipBytes } from './harness.ts';

export interface HandlerRun {
  /** Each run's response payload (JSON text), or undefined when the invocation failed. */
  responses: (string | undefined)[];
  /** Every log event of the runs, in order: platform lines and `<ts>\t<requestId>\tINFO\t<message>` lines. */
  logs: string[];
}

const engine = quickJSEngine();

export async function runHandler(
  code: string,
  event: string,
  options: { runs?: number; qualifier?: string; executedVersion?: string } = {},
): Promise<HandlerRun> {
  const { service } = makeService(engine);
  const { lambda, logs } = inProcessClients(service);
  const name = 'workbook-fn';
  try {
    await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE, Code: { ZipFile: zipBytes({ 'index.mjs': code }) } }));
    let qualifier: string | undefined;
    if (options.executedVersion && options.executedVersion !== '$LATEST') {
      // Publish until the version asked for exists; each needs a change, or Lambda returns the last one.
      for (let n = 1; n <= Number(options.executedVersion); n++) {
        await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: name, Description: `release ${n}` }));
        qualifier = (await lambda.send(new PublishVersionCommand({ FunctionName: name }))).Version;
      }
    }
    if (options.qualifier) {
      await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: options.qualifier, FunctionVersion: qualifier ?? '$LATEST' }));
      qualifier = options.qualifier;
    }
    const responses: (string | undefined)[] = [];
    for (let i = 0; i < (options.runs ?? 1); i++) {
      const out = await lambda.send(new InvokeCommand({ FunctionName: name, ...(qualifier ? { Qualifier: qualifier } : {}), Payload: new TextEncoder().encode(event) }));
      responses.push(out.FunctionError ? undefined : new TextDecoder().decode(out.Payload));
    }
    const events = await logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${name}` }));
    return { responses, logs: (events.events ?? []).map((e) => (e.message ?? '').replace(/\n$/, '')) };
  } finally {
    service.shutdown();
  }
}
