/** Invoke: synchronous, asynchronous (the event queue) and DryRun; running a version in an execution environment; `LogType: Tail`. */
import type { EnvironmentSpec, InvocationOutcome, InvokeInput } from '../runtime/contract.ts';
import { mayWriteLogs } from './execution-role.ts';
import { limits } from '../limits.ts';
import { jsonPlatformEvents } from '../runtime/log-format.ts';
import { functionLogging } from './logging-config.ts';
import { provisionedKey } from './provisioned-concurrency.ts';
import { bytesToBase64, fromUtf8, utf8 } from '../zip.ts';
import { pickVersion } from './aliases.ts';
import { arnOf, resolveTarget, type ServiceContext, type Target } from './context.ts';
import { LambdaError, quote, validationError } from './errors.ts';
import type { VersionConfig } from './state.ts';
import { requestEntityTooLarge } from './validation.ts';

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface InvokeRequest {
  FunctionName: string;
  Qualifier?: string;
  InvocationType?: string;
  LogType?: string;
  /** Base64 JSON, as in the X-Amz-Client-Context header. */
  ClientContext?: string;
  Payload?: Uint8Array;
  /** The id the API already gave this request (x-amzn-RequestId); one is drawn when absent. */
  RequestId?: string;
}

export interface InvokeResult {
  StatusCode: number;
  Payload: Uint8Array;
  FunctionError?: string;
  LogResult?: string;
  ExecutedVersion?: string;
  /** Not on the wire: the request id, also sent as x-amzn-RequestId. */
  RequestId: string;
}

export async function invoke(ctx: ServiceContext, request: InvokeRequest): Promise<InvokeResult> {
  const type = request.InvocationType ?? 'RequestResponse';
  if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
    throw validationError(quote(type), 'invocationType', 'Member must satisfy enum value set: [Event, RequestResponse, DryRun]');
  }
  const payloadBytes = request.Payload ?? new Uint8Array();
  const max = type === 'Event' ? limits.payload.asyncBytes : limits.payload.syncRequestBytes;
  if (payloadBytes.byteLength > max) {
    // Lambda words the two limits differently: the synchronous one names the operation, the asynchronous one the size.
    throw requestEntityTooLarge(
      type === 'Event'
        ? `${payloadBytes.byteLength} byte payload is too large for the Event invocation type (limit ${max} bytes)`
        : `Request must be smaller than ${max} bytes for the InvokeFunction operation`,
    );
  }
  const target = resolveTarget(ctx, request.FunctionName, request.Qualifier, 'invoke');
  const payload = decodePayload(payloadBytes);
  const requestId = request.RequestId ?? ctx.uuid();
  if (type === 'DryRun') return { StatusCode: 204, Payload: new Uint8Array(), RequestId: requestId };
  if (type === 'Event') {
    ctx.queue.enqueue({
      requestId,
      functionName: target.fn.latest.FunctionName,
      ...(target.qualified ? { qualifier: target.qualifier } : {}),
      payload,
    });
    return { StatusCode: 202, Payload: new Uint8Array(), RequestId: requestId };
  }
  const clientContext = request.ClientContext !== undefined ? decodeClientContext(request.ClientContext) : undefined;
  const { outcome, executedVersion } = await runInvocation(ctx, target, payload, requestId, clientContext);
  const out: InvokeResult = { StatusCode: 200, Payload: utf8(outcome.payload), ExecutedVersion: executedVersion, RequestId: requestId };
  if (outcome.functionError) out.FunctionError = outcome.functionError;
  if (request.LogType === 'Tail') out.LogResult = tailLog(outcome);
  return out;
}

/** InvokeAsync (deprecated, still served): an Event invoke that answers `{"Status":202}`. */
export async function invokeAsync(ctx: ServiceContext, functionName: string, invokeArgs: Uint8Array, requestId?: string): Promise<{ Status: number }> {
  const result = await invoke(ctx, { FunctionName: functionName, InvocationType: 'Event', Payload: invokeArgs, ...(requestId ? { RequestId: requestId } : {}) });
  return { Status: result.StatusCode };
}

/** Picks the version (alias weights), runs it in an environment and records its logs. Throws TooManyRequestsException. */
export async function runInvocation(
  ctx: ServiceContext,
  target: Target,
  payload: string,
  requestId: string,
  clientContext?: unknown,
  traceId?: string,
): Promise<{ outcome: InvocationOutcome; executedVersion: string }> {
  const config = pickVersion(ctx, target);
  const name = config.FunctionName;
  const input: InvokeInput = { requestId, payload, invokedFunctionArn: arnOf(ctx, name, target.qualified ? target.qualifier : undefined) };
  if (clientContext !== undefined) input.clientContext = clientContext;
  if (traceId !== undefined) input.traceId = traceId;
  const { outcome, logStreamName } = await ctx.pool.invoke(
    () => environmentSpec(ctx, config),
    name,
    config.Version,
    input,
    // A version's or alias's provisioned environments serve invocations made through it.
    target.qualified ? provisionedKey(name, target.qualifier) : undefined,
  );
  const logging = functionLogging(config);
  // With JSON, the platform's own lines are records too, and the system level filters them.
  const events = logging.format === 'JSON' ? jsonPlatformEvents(outcome.logs, logging.systemLogLevel ?? 'INFO') : outcome.logs;
  // The execution role must let the function write its logs, as on AWS.
  if (mayWriteLogs(ctx, config.Role, name, logging.logGroup, logStreamName)) ctx.logs.append(logging.logGroup, logStreamName, events, ctx.clock.now());
  return { outcome: events === outcome.logs ? outcome : { ...outcome, logs: events }, executedVersion: config.Version };
}

/** `LogType: Tail`: the last 4 KB of the invocation's log, base64. */
export function tailLog(outcome: InvocationOutcome): string {
  const text = outcome.logs.map((e) => (e.message.endsWith('\n') ? e.message : `${e.message}\n`)).join('');
  const bytes = utf8(text);
  return bytesToBase64(bytes.subarray(Math.max(0, bytes.byteLength - limits.logTailBytes)));
}

/** What a new execution environment for `config` is built from. */
export function environmentSpec(ctx: ServiceContext, config: VersionConfig, initializationType?: 'provisioned-concurrency'): EnvironmentSpec {
  const layerVersions = config.Layers.map((arn) => ctx.layers.versionByArn(arn)).filter((v) => v !== undefined);
  return {
    functionName: config.FunctionName,
    version: config.Version,
    functionArn: arnOf(ctx, config.FunctionName),
    region: ctx.region,
    accountId: ctx.accountId,
    runtime: config.Runtime,
    handler: config.Handler,
    memorySize: config.MemorySize,
    timeout: config.Timeout,
    ephemeralStorage: config.EphemeralStorageSize,
    environment: { ...(config.Environment ?? {}) },
    code: ctx.code.files(config.CodeSha256),
    opt: ctx.layers.mergeOpt(layerVersions),
    logging: functionLogging(config),
    ...(initializationType ? { initializationType } : {}),
  };
}

/** One decoder for every payload: building one per invoke costs more than the decode itself. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodePayload(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) return '{}';
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new LambdaError('InvalidRequestContentException', 'Could not parse request body into json: Could not parse payload into json: Invalid UTF-8 start byte');
  }
  try {
    JSON.parse(text);
  } catch (err) {
    throw new LambdaError(
      'InvalidRequestContentException',
      `Could not parse request body into json: Could not parse payload into json: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return text;
}

function decodeClientContext(b64: string): unknown {
  const invalid = () => new LambdaError('InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.');
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    throw invalid();
  }
  try {
    return JSON.parse(fromUtf8(bytes));
  } catch {
    throw invalid();
  }
}
