/**
 * Builds the context a check runs in. Against a real account the clients are wrapped so that only
 * reads and Invoke get through: a check that tried to write would fail loudly instead of changing
 * the learner's account. Both targets record every resource a check looked at.
 */
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetFunctionUrlConfigCommand,
  GetLayerVersionCommand,
  GetPolicyCommand as GetFunctionPolicyCommand,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListLayersCommand,
  ListLayerVersionsCommand,
  ListVersionsByFunctionCommand,
  GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  EventBridgeClient,
  DescribeRuleCommand,
  ListRuleNamesByTargetCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
} from '@aws-sdk/client-eventbridge';
import {
  GetBucketNotificationConfigurationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetQueueAttributesCommand, GetQueueUrlCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { HttpRequest, type HttpResponse } from '@smithy/protocol-http';
import type { CheckContext, CheckTarget, HttpAnswer, HttpRequestInit } from './types.ts';
import { unzipFiles, type FileMap } from './zip.ts';

/** The only commands a check may send to a real account. */
const readOnlyCommands: ReadonlyArray<abstract new (...args: never[]) => unknown> = [
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetAliasCommand,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  ListFunctionsCommand,
  GetFunctionUrlConfigCommand,
  GetFunctionPolicyCommand,
  GetLayerVersionCommand,
  ListLayerVersionsCommand,
  ListLayersCommand,
  InvokeCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  FilterLogEventsCommand,
  GetRoleCommand,
  ListRolePoliciesCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  ListEventSourceMappingsCommand,
  GetEventSourceMappingCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  HeadObjectCommand,
  GetObjectCommand,
  GetBucketNotificationConfigurationCommand,
  GetQueueUrlCommand,
  GetQueueAttributesCommand,
  ListQueuesCommand,
  DescribeRuleCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  ListRuleNamesByTargetCommand,
];

export class WriteRefusedError extends Error {
  constructor(command: string) {
    super(`The checker refused to send ${command} to a real AWS account: checks there only read and invoke.`);
    this.name = 'WriteRefusedError';
  }
}

export type Download = (url: string, signal: AbortSignal) => Promise<Uint8Array>;

export const fetchDownload: Download = async (url, signal) => {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`Downloading ${url.split('?')[0]} answered HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
};

/** The part of an SDK request handler a download needs, e.g. the in-page emulator's. */
export interface RequestHandlerLike {
  handle(request: HttpRequest, options?: { abortSignal?: AbortSignal }): Promise<{ response: HttpResponse }>;
}

async function responseBytes(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body && typeof (body as Blob).arrayBuffer === 'function') return new Uint8Array(await (body as Blob).arrayBuffer());
  if (body && typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    const chunks: Uint8Array[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array>) chunks.push(chunk);
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    chunks.reduce((offset, c) => (out.set(c, offset), offset + c.byteLength), 0);
    return out;
  }
  return new Uint8Array();
}

/** Downloads Location URLs through an SDK request handler: in the page, the emulator serves them with no network. */
export function requestHandlerDownload(handler: RequestHandlerLike): Download {
  return async (url, signal) => {
    const parsed = new URL(url);
    const request = new HttpRequest({
      method: 'GET',
      protocol: parsed.protocol,
      hostname: parsed.hostname,
      port: parsed.port === '' ? undefined : Number(parsed.port),
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      headers: { host: parsed.host },
    });
    const { response } = await handler.handle(request, { abortSignal: signal });
    if (response.statusCode !== 200) throw new Error(`Downloading ${parsed.pathname} answered HTTP ${response.statusCode}`);
    return responseBytes(response.body);
  };
}

/** The configuration every SDK client built beside `lambda` shares. */
function besideConfig(lambda: LambdaClient) {
  const config = lambda.config;
  return {
    region: config.region,
    credentials: config.credentials,
    requestHandler: config.requestHandler,
    maxAttempts: 1,
    ...(config.isCustomEndpoint && config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
  };
}

/**
 * An IAM client that goes where the Lambda client goes: with a custom endpoint (the emulator, which
 * serves every service on one address) to that endpoint, through the same request handler; against
 * a real account to IAM's own endpoint, with the same credentials. Never destroy it (nor the other
 * clients built beside `lambda`): it shares the Lambda client's request handler.
 */
export function iamBeside(lambda: LambdaClient): IAMClient {
  return new IAMClient(besideConfig(lambda));
}

/** S3, SQS and EventBridge clients beside `lambda`, as `iamBeside` builds IAM's; S3 path-style on the emulator, which addresses buckets so. */
export function neighboursBeside(lambda: LambdaClient): { s3: S3Client; sqs: SQSClient; events: EventBridgeClient } {
  const config = besideConfig(lambda);
  return {
    s3: new S3Client({ ...config, forcePathStyle: lambda.config.isCustomEndpoint }),
    sqs: new SQSClient(config),
    events: new EventBridgeClient(config),
  };
}

export interface ContextOptions {
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  iam: IAMClient;
  s3: S3Client;
  sqs: SQSClient;
  events: EventBridgeClient;
  target: CheckTarget;
  prefix: string;
  answers: Readonly<Record<string, string>>;
  signal: AbortSignal;
  resources: Set<string>;
  download: Download;
  random: () => number;
}

function describeResource(input: Record<string, unknown>): string | undefined {
  if (typeof input['FunctionName'] === 'string') {
    const qualifier = typeof input['Qualifier'] === 'string' ? `:${input['Qualifier']}` : '';
    const alias = typeof input['Name'] === 'string' ? ` alias ${input['Name']}` : '';
    return `function ${input['FunctionName']}${qualifier}${alias}`;
  }
  if (typeof input['LayerName'] === 'string') {
    const version = typeof input['VersionNumber'] === 'number' ? `:${input['VersionNumber']}` : '';
    return `layer ${input['LayerName']}${version}`;
  }
  if (typeof input['logGroupName'] === 'string') return `log group ${input['logGroupName']}`;
  if (typeof input['logGroupNamePrefix'] === 'string') return `log groups ${input['logGroupNamePrefix']}*`;
  if (typeof input['Bucket'] === 'string') return `bucket ${input['Bucket']}`;
  if (typeof input['QueueName'] === 'string') return `queue ${input['QueueName']}`;
  if (typeof input['QueueUrl'] === 'string') return `queue ${input['QueueUrl'].split('/').pop() ?? ''}`;
  if (typeof input['Rule'] === 'string') return `rule ${input['Rule']}`;
  if (typeof input['Name'] === 'string') return `rule ${input['Name']}`;
  return undefined;
}

interface Sender {
  send(command: unknown, options?: unknown): Promise<unknown>;
}

function guard<C extends object>(client: C, options: ContextOptions): C {
  const target = client as unknown as Sender;
  const send = async (command: unknown, sendOptions?: unknown): Promise<unknown> => {
    const isRead = readOnlyCommands.some((allowed) => command instanceof allowed);
    if (options.target === 'aws' && !isRead) {
      throw new WriteRefusedError((command as { constructor: { name: string } }).constructor.name);
    }
    const input = (command as { input?: Record<string, unknown> }).input ?? {};
    const resource = describeResource(input);
    const record = (): void => {
      if (resource !== undefined && isRead) options.resources.add(resource);
    };
    try {
      const output = await target.send(command, sendOptions ?? { abortSignal: options.signal });
      record();
      return output;
    } catch (err) {
      // An error the service answered (e.g. ResourceNotFoundException) still means we looked.
      if (typeof err === 'object' && err !== null && '$metadata' in err) record();
      throw err;
    }
  };
  return new Proxy(client, {
    get(object, property, receiver) {
      if (property === 'send') return send;
      return Reflect.get(object, property, receiver) as unknown;
    },
  });
}

/** `https://<url-id>.lambda-url.<region>.on.aws/...` (or `.localhost:<port>` on the emulator's server): the URL's id. */
const FUNCTION_URL_HOST = /^([a-z0-9]{32})\.lambda-url\.[a-z0-9-]+\.(?:on\.aws|localhost)$/i;

/**
 * Where a request to a function URL goes. Against AWS, the URL itself. On the emulator, the URL's
 * path form (`/lambda-url/<url-id>/<path>`) on the Lambda client's own endpoint: in the page that
 * endpoint exists only in the client's request handler, and `<id>.lambda-url.<region>.localhost`
 * does not resolve everywhere in Node.
 */
async function functionUrlTarget(options: ContextOptions, url: URL): Promise<URL> {
  const id = FUNCTION_URL_HOST.exec(url.hostname)?.[1];
  if (options.target !== 'emulator' || id === undefined || !options.lambda.config.isCustomEndpoint) return url;
  const endpoint = await options.lambda.config.endpoint?.();
  if (endpoint === undefined) return url;
  const port = endpoint.port === undefined ? '' : `:${endpoint.port}`;
  return new URL(`${endpoint.protocol}//${endpoint.hostname}${port}/lambda-url/${id}${url.pathname}${url.search}`);
}

/** One HTTP request through the Lambda client's request handler (the page's emulator, or the network). */
async function sendHttp(options: ContextOptions, url: string, init: HttpRequestInit): Promise<HttpAnswer> {
  const target = await functionUrlTarget(options, new URL(url));
  const query: Record<string, string> = {};
  for (const [key, value] of target.searchParams) query[key] = value;
  const request = new HttpRequest({
    method: init.method ?? 'GET',
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port === '' ? undefined : Number(target.port),
    path: target.pathname,
    query,
    headers: { host: target.host, ...(init.headers ?? {}) },
  });
  const handler = options.lambda.config.requestHandler as RequestHandlerLike;
  const { response } = await handler.handle(request, { abortSignal: options.signal });
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(response.headers)) headers[key.toLowerCase()] = value;
  return { status: response.statusCode, headers, body: new TextDecoder().decode(await responseBytes(response.body)) };
}

/**
 * Lets delivered work run before a check looks for its effect. On the emulator, its scheduler
 * runs what is due now (an S3 notification's asynchronous invoke, a mapping's poll), whatever its
 * clock: the grader's is virtual. On a real account, a second passes.
 */
async function settle(options: ContextOptions): Promise<void> {
  if (options.target === 'emulator' && (await runDue(options.lambda, options.signal))) return;
  await new Promise((resolve) => globalThis.setTimeout(resolve, 1000));
}

/**
 * Sends one request to the emulator's own routes (`/_emulator/...`) behind `lambda`, through the
 * client's request handler, and parses its JSON. Undefined when there is no emulator there to ask.
 */
export async function emulatorRoute<T = unknown>(lambda: LambdaClient, method: 'GET' | 'POST', path: string, query: Record<string, string> = {}, signal?: AbortSignal): Promise<T | undefined> {
  if (!lambda.config.isCustomEndpoint) return undefined;
  const endpoint = await lambda.config.endpoint?.();
  if (endpoint === undefined) return undefined;
  const handler = lambda.config.requestHandler as RequestHandlerLike;
  const request = new HttpRequest({
    method,
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    port: endpoint.port,
    path: `/_emulator/${path}`,
    query,
    headers: { host: endpoint.port === undefined ? endpoint.hostname : `${endpoint.hostname}:${endpoint.port}` },
  });
  const { response } = await handler.handle(request, signal === undefined ? {} : { abortSignal: signal });
  const text = new TextDecoder().decode(await responseBytes(response.body));
  if (response.statusCode !== 200) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** Asks the emulator behind `lambda` to run the work due now; false when there is no emulator there. */
export async function runDue(lambda: LambdaClient, signal?: AbortSignal): Promise<boolean> {
  return (await emulatorRoute(lambda, 'POST', 'scheduler/run-due', {}, signal)) !== undefined;
}

export function createCheckContext(options: ContextOptions): CheckContext {
  return {
    lambda: guard(options.lambda, options),
    logs: guard(options.logs, options),
    iam: guard(options.iam, options),
    s3: guard(options.s3, options),
    sqs: guard(options.sqs, options),
    events: guard(options.events, options),
    settle: () => settle(options),
    target: options.target,
    prefix: options.prefix,
    answers: options.answers,
    signal: options.signal,
    name: (base) => `${options.prefix}${base}`,
    request: (url, init = {}) => sendHttp(options, url, init),
    async downloadZip(url: string): Promise<FileMap> {
      return unzipFiles(await options.download(url, options.signal));
    },
    randomHex(length: number): string {
      let hex = '';
      while (hex.length < length) hex += Math.floor(options.random() * 16).toString(16);
      return hex;
    },
  };
}
