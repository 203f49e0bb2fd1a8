/**
 * The SDK inside functions, host side: a guest's call (service, operation, input) runs through the
 * real AWS SDK for JavaScript v3 client, in process, against the account the function runs in, and
 * comes back as plain data: the output with its status, request id and headers, or the service error.
 * The guest's boto3 (runtime/python/guest/boto3) turns that into boto3's shapes.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsAnswer, AwsBridge } from './runtime/contract.ts';

type Command = { middlewareStack: { add(middleware: unknown, options: { step: 'deserialize'; name: string }): void } };
type CommandClass = new (input: Record<string, unknown>) => Command;
type Client = { send(command: Command): Promise<Record<string, unknown>> };

/** boto3's service names for the SDK clients the emulator answers. */
export const SDK_SERVICES = ['lambda', 'logs', 's3', 'sqs', 'sns', 'events'] as const;

/** The account's SDK clients; read only when a guest first calls that service (the in-process emulator builds them on first use). */
export interface SdkClients {
  readonly lambda: LambdaClient;
  readonly logs: CloudWatchLogsClient;
  readonly s3?: S3Client;
  readonly sqs?: SQSClient;
  readonly sns?: SNSClient;
  readonly events?: EventBridgeClient;
}

const lowerCased = (headers: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));

/** A streamed body (S3's GetObject Body) read whole, so it crosses to the guest as bytes. */
async function readBodies(output: Record<string, unknown>): Promise<void> {
  const body = output['Body'] as { transformToByteArray?: () => Promise<Uint8Array> } | undefined;
  if (body && typeof body.transformToByteArray === 'function') output['Body'] = await body.transformToByteArray();
}

export function createSdkBridge(clients: SdkClients): AwsBridge {
  // Every command class of a client, loaded at a guest's first call (a page that never makes one never loads them).
  const services: Record<string, { client: () => Client | undefined; commands: () => Promise<Record<string, unknown>> }> = {
    lambda: { client: () => clients.lambda as unknown as Client, commands: () => import('@aws-sdk/client-lambda') },
    logs: { client: () => clients.logs as unknown as Client, commands: () => import('@aws-sdk/client-cloudwatch-logs') },
    s3: { client: () => clients.s3 as unknown as Client | undefined, commands: () => import('@aws-sdk/client-s3') },
    sqs: { client: () => clients.sqs as unknown as Client | undefined, commands: () => import('@aws-sdk/client-sqs') },
    sns: { client: () => clients.sns as unknown as Client | undefined, commands: () => import('@aws-sdk/client-sns') },
    events: { client: () => clients.events as unknown as Client | undefined, commands: () => import('@aws-sdk/client-eventbridge') },
  };
  return async (call): Promise<AwsAnswer> => {
    const known = Object.hasOwn(services, call.service) ? services[call.service]! : undefined;
    const client = known?.client();
    const service = known && client ? { client, commands: known.commands } : undefined;
    const commands = service && /^[A-Z][A-Za-z0-9]*$/.test(call.operation) ? await service.commands() : undefined;
    const Command = commands?.[`${call.operation}Command`] as CommandClass | undefined;
    if (!service || !Command) {
      const message = service ? `The ${call.service} client has no operation ${call.operation}.` : `Unknown service: '${call.service}'. Valid service names are: ${SDK_SERVICES.join(', ')}`;
      return { error: { code: service ? 'UnknownOperation' : 'UnknownService', message, status: 400, requestId: '', headers: {}, fields: {} } };
    }
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
    try {
      const { $metadata, ...output } = await service.client.send(command);
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
