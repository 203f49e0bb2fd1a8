/**
 * The SDK inside functions, host side: a guest's call (service, operation, input) runs through the
 * real AWS SDK for JavaScript v3 client, in process, against the account the function runs in, and
 * comes back as plain data: the output with its status, request id and headers, or the service error.
 * The guest's boto3 (runtime/python/guest/boto3) turns that into boto3's shapes.
 */
import type { AwsAnswer, AwsBridge, CallerPrincipal } from './runtime/contract.ts';

type Command = { middlewareStack: { add(middleware: unknown, options: { step: 'deserialize'; name: string }): void } };
type CommandClass = new (input: Record<string, unknown>) => Command;
type Client = { send(command: Command): Promise<Record<string, unknown>> };

/** boto3's service names for the SDK clients the emulator answers. */
export const SDK_SERVICES = ['lambda', 'logs', 's3', 'sqs', 'sns', 'events', 'iam', 'sts'] as const;

const lowerCased = (headers: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));

/** A streamed body (S3's GetObject Body) read whole, so it crosses to the guest as bytes. */
async function readBodies(output: Record<string, unknown>): Promise<void> {
  const body = output['Body'] as { transformToByteArray?: () => Promise<Uint8Array> } | undefined;
  if (body && typeof body.transformToByteArray === 'function') output['Body'] = await body.transformToByteArray();
}

type Package = Record<string, unknown>;

/** Each service's SDK package, loaded at a guest's first call to it (a page that never makes one never loads them). */
const PACKAGES: Record<string, { load: () => Promise<Package>; client: string; options?: Record<string, unknown> }> = {
  lambda: { load: () => import('@aws-sdk/client-lambda'), client: 'LambdaClient' },
  logs: { load: () => import('@aws-sdk/client-cloudwatch-logs'), client: 'CloudWatchLogsClient' },
  s3: { load: () => import('@aws-sdk/client-s3'), client: 'S3Client', options: { forcePathStyle: true } },
  sqs: { load: () => import('@aws-sdk/client-sqs'), client: 'SQSClient' },
  sns: { load: () => import('@aws-sdk/client-sns'), client: 'SNSClient' },
  events: { load: () => import('@aws-sdk/client-eventbridge'), client: 'EventBridgeClient' },
  iam: { load: () => import('@aws-sdk/client-iam'), client: 'IAMClient' },
  sts: { load: () => import('@aws-sdk/client-sts'), client: 'STSClient' },
};

/**
 * `clientConfig(principal, service)`: the SDK configuration whose requests to that service reach the
 * account as that function's execution role (or as the administrator without one). Clients are
 * made once per service and role session.
 */
export function createSdkBridge(clientConfig: (principal: CallerPrincipal | undefined, service: string) => object): AwsBridge {
  const clients = new Map<string, Client>();
  const loaded = new Map<string, Package>();
  const clientFor = async (service: string, principal: CallerPrincipal | undefined): Promise<{ client: Client; commands: Package }> => {
    const pkg = PACKAGES[service]!;
    let commands = loaded.get(service);
    if (!commands) loaded.set(service, (commands = await pkg.load()));
    const key = `${service}\u0000${principal ? `${principal.roleArn}\u0000${principal.sessionName}` : ''}`;
    let client = clients.get(key);
    if (!client) {
      const Client = commands[pkg.client] as new (config: Record<string, unknown>) => Client;
      client = new Client({ ...clientConfig(principal, service), ...pkg.options });
      clients.set(key, client);
    }
    return { client, commands };
  };
  return async (call, principal): Promise<AwsAnswer> => {
    const known = Object.hasOwn(PACKAGES, call.service) && /^[A-Z][A-Za-z0-9]*$/.test(call.operation);
    const found = known ? await clientFor(call.service, principal) : undefined;
    const service = found ? { client: found.client } : Object.hasOwn(PACKAGES, call.service) ? { client: undefined } : undefined;
    const commands = found?.commands;
    const Command = commands?.[`${call.operation}Command`] as CommandClass | undefined;
    if (!service || !Command) {
      const message = service ? `The ${call.service} client has no operation ${call.operation}.` : `Unknown service: '${call.service}'. Valid service names are: ${SDK_SERVICES.join(', ')}`;
      return { error: { code: service ? 'UnknownOperation' : 'UnknownService', message, status: 400, requestId: '', headers: {}, fields: {} } };
    }
    const client = service.client!;
    const command = new Command(call.input);
    let headers: Record<string, string> = {};
    // The raw response headers, which boto3 shows in ResponseMetadata.HTTPHeaders.
    command.middlewareStack.add(
      (next: (args: unknown) => Promise<{ response?: { headers?: Record<string, string> } }>) => async (args: unknown) => {
        const result = await next(args);
        headers = lowerCased(result.response?.headers);
        return result;
      },
      { step: 'deserialize', name: 'workbookResponseHeaders' },
    );
    // Inside Lambda the SDK sends the invocation's _X_AMZN_TRACE_ID as X-Amzn-Trace-Id (its recursion
    // detection middleware); the services keep it with what they pass on, and Lambda reads its Lineage.
    const traceHeader = call.traceHeader;
    if (traceHeader) {
      command.middlewareStack.add(
        (next: (args: { request?: { headers?: Record<string, string> } }) => Promise<unknown>) => async (args: { request?: { headers?: Record<string, string> } }) => {
          if (args.request?.headers && !Object.keys(args.request.headers).some((k) => k.toLowerCase() === 'x-amzn-trace-id')) args.request.headers['X-Amzn-Trace-Id'] = traceHeader;
          return next(args);
        },
        { step: 'build', name: 'workbookRecursionDetection' } as never,
      );
    }
    try {
      const { $metadata, ...output } = await client.send(command);
      await readBodies(output);
      const metadata = $metadata as { httpStatusCode?: number; requestId?: string } | undefined;
      return { output, status: metadata?.httpStatusCode ?? 200, requestId: headers['x-amzn-requestid'] ?? metadata?.requestId ?? '', headers };
    } catch (err) {
      const e = err as Error & { $metadata?: { httpStatusCode?: number; requestId?: string }; $response?: { headers?: Record<string, string> } };
      const errorHeaders = lowerCased(e.$response?.headers);
      const fields = Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('$') && k !== 'name' && k !== 'message'));
      return {
        error: {
          code: e.name, message: e.message, status: e.$metadata?.httpStatusCode ?? 500,
          requestId: errorHeaders['x-amzn-requestid'] ?? e.$metadata?.requestId ?? '', headers: errorHeaders, fields,
        },
      };
    }
  };
}
