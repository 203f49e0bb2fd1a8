/**
 * Runs a lesson's or a quiz's handler in the workbook's emulator (QuickJS, through LambdaClient),
 * to check that what the text claims the handler returns or logs is what Lambda would show.
 */
import { CreateAliasCommand, CreateFunctionCommand, InvokeCommand, PublishVersionCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createEngineChooser, createPythonEnvironmentFactory, type EnvironmentFactory } from '../../../src/emulator/index.ts';
import { nodePyodideSource } from '../../../src/hosts/node/pyodide.ts';
import { ROLE, inProcessClients, makeService, quickJSEngine, zipBytes } from './harness.ts';

export interface HandlerRun {
  /** Each run's response payload (JSON text), or undefined when the invocation failed. */
  responses: (string | undefined)[];
  /** Every log event of the runs, in order: platform lines and `<ts>\t<requestId>\tINFO\t<message>` lines. */
  logs: string[];
}

// Python's interpreter loads only when a Python handler first runs.
let python: EnvironmentFactory | undefined;
const engine = createEngineChooser({
  nodejs: quickJSEngine(),
  python: (spec, deps) => (python ??= createPythonEnvironmentFactory({ pyodide: nodePyodideSource }))(spec, deps),
});

/** The console's files and handler for a runtime: index.mjs for Node.js, lambda_function.py for Python. */
function deployment(runtime: string, code: string): { Runtime: 'nodejs22.x' | 'python3.14'; Handler: string; files: Record<string, string> } {
  return runtime.startsWith('python')
    ? { Runtime: 'python3.14', Handler: 'lambda_function.lambda_handler', files: { 'lambda_function.py': code } }
    : { Runtime: 'nodejs22.x', Handler: 'index.handler', files: { 'index.mjs': code } };
}

export async function runHandler(
  code: string,
  event: string,
  options: { runs?: number; qualifier?: string; executedVersion?: string; runtime?: string; timeout?: number; rolePolicy?: string } = {},
): Promise<HandlerRun> {
  const { service } = makeService(engine);
  const { lambda, logs } = inProcessClients(service);
  const name = 'workbook-fn';
  try {
    const { Runtime, Handler, files } = deployment(options.runtime ?? 'nodejs22.x', code);
    // As the page's <TryIt rolePolicy>: a role of the function's own with that inline policy.
    let role = ROLE;
    if (options.rolePolicy) {
      role = service.iam.createBasicExecutionRole(`${name}-role`);
      service.iam.putRolePolicy({ RoleName: `${name}-role`, PolicyName: `${name}-policy`, PolicyDocument: options.rolePolicy });
    }
    await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime, Handler, Role: role, ...(options.timeout ? { Timeout: options.timeout } : {}), Code: { ZipFile: zipBytes(files) } }));
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
