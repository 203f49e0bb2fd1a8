/**
 * What every control-plane operation shares: the account's state and services, and how the
 * `{name}` parameter (name or ARN, maybe qualified) reaches a function record.
 */
import type { Clock } from '../runtime/contract.ts';
import type { LogStore } from '../logs/log-store.ts';
import { LATEST, functionArn, parseFunctionRef } from './arn.ts';
import type { CodeStore, StoredCode } from './code-store.ts';
import type { EnvironmentPool } from './environment-pool.ts';
import { functionNotFound, invalidParameter } from './errors.ts';
import type { EventQueue } from './event-queue.ts';
import type { LayerRegistry } from './layers.ts';
import type { IamService } from '../iam/iam-service.ts';
import type { SqsService } from '../sqs/sqs-service.ts';
import type { EmulatorState, FunctionRecord, VersionConfig } from './state.ts';

export type Json = Record<string, unknown>;

/** A request field the caller sent as a string; anything else counts as absent. */
export function stringField(input: Json, key: string): string | undefined {
  const value = input[key];
  return typeof value === 'string' ? value : undefined;
}

/** A function version reached through a name, ARN, version or alias. */
export interface Target {
  fn: FunctionRecord;
  config: VersionConfig;
  /** The qualifier used by the caller (`$LATEST` when none), for ARNs and event-invoke config. */
  qualifier: string;
  qualified: boolean;
}

export interface ServiceContext {
  readonly state: EmulatorState;
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  /** Request ids and RevisionIds. */
  readonly uuid: () => string;
  /** Alias weighted routing's random source. */
  readonly routingRandom: () => number;
  readonly code: CodeStore;
  readonly layers: LayerRegistry;
  readonly logs: LogStore;
  readonly pool: EnvironmentPool;
  readonly queue: EventQueue<Target>;
  /** The account's queues: event source mappings read from them. */
  readonly sqs: SqsService;
  /** Where clients reach this account (`http://127.0.0.1:4010`), or '' in process: function URLs are built on it. */
  endpoint(): string;
  /** The account's IAM: execution roles and their policies. */
  readonly iam: IamService;
  /** Code.Location URL of a deployment package. */
  codeLocation(sha: string): string;
  /** Stores the package a `Code` object names: its ZipFile, or the S3 object it points at. */
  storeCode(source: Json | undefined): Promise<StoredCode>;
}

/** A function's ARN in this account and Region. */
export function arnOf(ctx: ServiceContext, name: string, qualifier?: string): string {
  return functionArn(ctx.region, ctx.accountId, name, qualifier);
}

/** For operations on the function itself (no versions or aliases). */
export function unqualifiedFunction(ctx: ServiceContext, name: string, op: 'update' | 'publish' | 'alias' | 'concurrency' | 'eventConfig' = 'update'): FunctionRecord {
  const ref = parseFunctionRef(name, undefined, ctx.region);
  const fn = ctx.state.functions[ref.name];
  if (!fn) throw functionNotFound(arnOf(ctx, ref.name));
  if (ref.qualifier !== undefined && op !== 'eventConfig') {
    throw invalidParameter(
      'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.',
    );
  }
  return fn;
}

/** The version a name plus optional qualifier reaches ($LATEST, a version, or an alias's primary version). */
export function resolveTarget(ctx: ServiceContext, name: string, qualifierParam: string | undefined, op: 'get' | 'invoke'): Target {
  const ref = parseFunctionRef(name, qualifierParam, ctx.region);
  const fn = ctx.state.functions[ref.name];
  const q = ref.qualifier;
  if (!fn) throw missingTarget(ctx, ref.name, q, op);
  if (q === undefined || q === LATEST) return { fn, config: fn.latest, qualifier: LATEST, qualified: q !== undefined };
  const version = fn.versions[q];
  if (version) return { fn, config: version, qualifier: q, qualified: true };
  const alias = fn.aliases[q];
  if (alias) {
    const config = alias.FunctionVersion === LATEST ? fn.latest : fn.versions[alias.FunctionVersion];
    if (!config) throw missingTarget(ctx, ref.name, q, op);
    return { fn, config, qualifier: q, qualified: true };
  }
  throw missingTarget(ctx, ref.name, q, op);
}

/** The error for a name and qualifier that reach nothing: an invoke names `$LATEST` when no qualifier was given. */
function missingTarget(ctx: ServiceContext, name: string, qualifier: string | undefined, op: 'get' | 'invoke'): Error {
  return functionNotFound(arnOf(ctx, name, qualifier ?? (op === 'invoke' ? LATEST : undefined)));
}

/** Whether an ARN names an existing function, version or alias (destinations may point at one). */
export function functionExists(ctx: ServiceContext, arn: string): boolean {
  try {
    const ref = parseFunctionRef(arn, undefined, ctx.region);
    const fn = ctx.state.functions[ref.name];
    if (!fn) return false;
    if (ref.qualifier === undefined || ref.qualifier === LATEST) return true;
    return fn.versions[ref.qualifier] !== undefined || fn.aliases[ref.qualifier] !== undefined;
  } catch {
    return false;
  }
}
