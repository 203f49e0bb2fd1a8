/**
 * Provisioned concurrency: Put/Get/Delete/ListProvisionedConcurrencyConfig(s) on a published
 * version or an alias, with Lambda's checks against reserved and account concurrency, and the
 * work that provisions it on the clock: IN_PROGRESS until its environments have run INIT ahead
 * (AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency), then READY, or FAILED when INIT fails.
 * Invocations through that version or alias use those environments first, with no Init Duration;
 * beyond them they spill over to on-demand environments.
 */
import { limits } from '../limits.ts';
import { jsonPlatformEvents } from '../runtime/log-format.ts';
import { LATEST, parseFunctionRef } from './arn.ts';
import { isoMillis } from './clock.ts';
import { arnOf, type Json, type ServiceContext } from './context.ts';
import { LambdaError, conflict, functionNotFound, invalidParameter, notFound, quote, validationError } from './errors.ts';
import { functionLogging } from './logging-config.ts';
import type { ScheduledWork } from './scheduler.ts';
import type { EnvironmentSpec } from '../runtime/contract.ts';
import type { FunctionRecord, ProvisionedConcurrencyRecord, VersionConfig } from './state.ts';

/** The pool's name for a function's provisioned environments of one qualifier. */
export const provisionedKey = (functionName: string, qualifier: string): string => `${functionName}\u0000${qualifier}`;

const configMissing = () => new LambdaError('ProvisionedConcurrencyConfigNotFoundException', 'No Provisioned Concurrency Config found for this function');

interface Provisioning {
  state: 'PROVISIONING' | 'READY' | 'FAILED';
  /** The version its environments run. */
  version: string;
  count: number;
  reason?: string;
}

/** Why a provisioning failed, as the config's StatusReason. */
const FAILURE_REASONS = {
  // Recorded: a function whose INIT fails.
  init: 'FUNCTION_ERROR_INIT_FAILURE',
  unsupported: 'The Lambda Workbook emulator cannot run INIT ahead with this engine; invocations run on demand.',
  capacity: 'The Lambda Workbook emulator could not start that many execution environments on this machine (see --max-environments).',
} as const;

interface Target {
  fn: FunctionRecord;
  name: string;
  qualifier: string;
}

/** The version or alias a call names, with Lambda's error for each way it can be wrong. */
function pcTarget(ctx: ServiceContext, name: string, qualifierParam: string | undefined, op: 'put' | 'get' | 'delete'): Target {
  if (qualifierParam === undefined) throw validationError('null', 'qualifier', 'Member must not be null');
  const ref = parseFunctionRef(name, qualifierParam, ctx.region);
  const q = ref.qualifier ?? qualifierParam;
  if (q === LATEST) {
    throw invalidParameter(op === 'put' ? 'Provisioned Concurrency Configs cannot be applied to unpublished function versions.' : 'The function resource provided must be an alias or a published version.');
  }
  const isVersion = /^\d+$/.test(q);
  const missing = () => (isVersion ? functionNotFound(arnOf(ctx, ref.name, q)) : notFound(`Cannot find alias arn: ${arnOf(ctx, ref.name, q)}`));
  const fn = ctx.state.functions[ref.name];
  if (!fn) throw missing();
  if (isVersion ? !fn.versions[q] : !fn.aliases[q]) throw missing();
  return { fn, name: ref.name, qualifier: q };
}

/** The version a version's or alias's provisioned environments run. */
function versionOf(fn: FunctionRecord, qualifier: string): string | undefined {
  if (/^\d+$/.test(qualifier)) return fn.versions[qualifier] ? qualifier : undefined;
  return fn.aliases[qualifier]?.FunctionVersion;
}

/** Provisioned concurrency a function has over all its versions and aliases, leaving out one qualifier. */
export function provisionedTotal(fn: FunctionRecord, exceptQualifier?: string): number {
  let total = 0;
  for (const [q, r] of Object.entries(fn.provisionedConcurrency)) if (q !== exceptQualifier) total += r.Requested;
  return total;
}

export class ProvisionedConcurrency implements ScheduledWork {
  readonly #status = new Map<string, Provisioning>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly spec: (config: VersionConfig, initializationType: 'provisioned-concurrency') => EnvironmentSpec,
    private readonly wake: () => void,
  ) {}

  put(name: string, qualifier: string | undefined, input: Json): Json {
    const ctx = this.ctx;
    const requested = input['ProvisionedConcurrentExecutions'];
    if (typeof requested !== 'number' || !Number.isInteger(requested) || requested < 1) {
      throw validationError(quote(String(requested ?? 'null')), 'provisionedConcurrentExecutions', requested === undefined || requested === null ? 'Member must not be null' : 'Member must have value greater than or equal to 1');
    }
    const { fn, name: fnName, qualifier: q } = pcTarget(ctx, name, qualifier, 'put');
    if (/^\d+$/.test(q)) {
      if (Object.entries(fn.aliases).some(([alias, a]) => a.FunctionVersion === q && fn.provisionedConcurrency[alias])) throw conflict('Version is pointed by a Provisioned Concurrency alias');
    } else {
      const version = fn.aliases[q]!.FunctionVersion;
      if (version === LATEST) throw invalidParameter('Provisioned Concurrency Configs cannot be applied to unpublished function versions.');
      if (fn.provisionedConcurrency[version]) throw conflict("Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version");
    }
    const others = provisionedTotal(fn, q);
    if (fn.reservedConcurrency !== undefined) {
      if (others + requested > fn.reservedConcurrency) throw invalidParameter('Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function');
    } else {
      // Unreserved functions draw provisioned concurrency from the account's unreserved pool.
      let elsewhere = 0;
      for (const f of Object.values(ctx.state.functions)) if (f.reservedConcurrency === undefined) elsewhere += f === fn ? others : provisionedTotal(f);
      let reserved = 0;
      for (const f of Object.values(ctx.state.functions)) reserved += f.reservedConcurrency ?? 0;
      const unreserved = ctx.state.accountConcurrency - reserved - elsewhere;
      if (requested > unreserved) throw invalidParameter(`Specified ConcurrentExecutions for function is greater than account's unreserved concurrency [${unreserved}].`);
      const min = limits.concurrency.minimumUnreserved;
      if (unreserved - requested < min) throw invalidParameter(`Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${min}].`);
    }
    const now = ctx.clock.now();
    const record: ProvisionedConcurrencyRecord = { Requested: requested, LastModified: isoMillis(now), readyAt: now + limits.provisionedConcurrencyAllocationMs };
    fn.provisionedConcurrency[q] = record;
    this.#status.delete(provisionedKey(fnName, q));
    ctx.pool.deprovision(provisionedKey(fnName, q));
    this.wake();
    return this.#view(fnName, fn, q, record);
  }

  get(name: string, qualifier: string | undefined): Json {
    const { fn, name: fnName, qualifier: q } = pcTarget(this.ctx, name, qualifier, 'get');
    const record = fn.provisionedConcurrency[q];
    if (!record) throw configMissing();
    return this.#view(fnName, fn, q, record);
  }

  delete(name: string, qualifier: string | undefined): void {
    const { fn, name: fnName, qualifier: q } = pcTarget(this.ctx, name, qualifier, 'delete');
    this.forget(fn, fnName, q);
  }

  /** A version or alias (or its config) is gone: so are its provisioned environments. */
  forget(fn: FunctionRecord, functionName: string, qualifier: string): void {
    delete fn.provisionedConcurrency[qualifier];
    this.#status.delete(provisionedKey(functionName, qualifier));
    this.ctx.pool.deprovision(provisionedKey(functionName, qualifier));
  }

  list(name: string, page: { Marker?: string; MaxItems?: number }): Json {
    const ref = parseFunctionRef(name, undefined, this.ctx.region);
    const fn = this.ctx.state.functions[ref.name];
    if (!fn) throw functionNotFound(arnOf(this.ctx, ref.name));
    const items = Object.entries(fn.provisionedConcurrency).map(([q, r]) => ({ FunctionArn: arnOf(this.ctx, ref.name, q), ...this.#view(ref.name, fn, q, r) }));
    const start = page.Marker && /^\d+$/.test(page.Marker) ? Number(page.Marker) : 0;
    const size = page.MaxItems && page.MaxItems > 0 ? Math.min(page.MaxItems, 50) : 50;
    return { ProvisionedConcurrencyConfigs: items.slice(start, start + size), ...(start + size < items.length ? { NextMarker: String(start + size) } : {}) };
  }

  #view(functionName: string, fn: FunctionRecord, qualifier: string, record: ProvisionedConcurrencyRecord): Json {
    const status = this.#status.get(provisionedKey(functionName, qualifier));
    const ready = this.ctx.pool.provisionedCount(provisionedKey(functionName, qualifier));
    const current = versionOf(fn, qualifier);
    const allocated = ready?.count ?? 0;
    const base = { RequestedProvisionedConcurrentExecutions: record.Requested, AvailableProvisionedConcurrentExecutions: allocated, AllocatedProvisionedConcurrentExecutions: allocated };
    if (status?.state === 'FAILED') return { ...base, Status: 'FAILED', StatusReason: status.reason, LastModified: record.LastModified };
    // READY once every requested environment has run INIT for the version the alias points at now.
    const isReady = status?.state === 'READY' && status.version === current && allocated === record.Requested;
    return { ...base, Status: isReady ? 'READY' : 'IN_PROGRESS', LastModified: record.LastModified };
  }

  // ---- the scheduled work ----------------------------------------------------------------------

  /** Configs whose environments are not (or no longer) provisioned for the version they should run, and when. */
  #due(): { fn: FunctionRecord; name: string; qualifier: string; record: ProvisionedConcurrencyRecord; at: number }[] {
    const out: { fn: FunctionRecord; name: string; qualifier: string; record: ProvisionedConcurrencyRecord; at: number }[] = [];
    for (const [name, fn] of Object.entries(this.ctx.state.functions)) {
      for (const [qualifier, record] of Object.entries(fn.provisionedConcurrency)) {
        const status = this.#status.get(provisionedKey(name, qualifier));
        const version = versionOf(fn, qualifier);
        if (version === undefined || status?.state === 'PROVISIONING') continue;
        if (status && status.version === version && status.count === record.Requested) continue;
        // An alias moved to another version: its new environments start at once.
        out.push({ fn, name, qualifier, record, at: status ? Math.min(record.readyAt, this.ctx.clock.now()) : record.readyAt });
      }
    }
    return out;
  }

  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const d of this.#due()) if (next === undefined || d.at < next) next = d.at;
    return next;
  }

  async runDue(): Promise<number> {
    const now = this.ctx.clock.now();
    let ran = 0;
    for (const d of this.#due()) {
      if (d.at > now) continue;
      const version = versionOf(d.fn, d.qualifier)!;
      const config = version === LATEST ? d.fn.latest : d.fn.versions[version]!;
      const key = provisionedKey(d.name, d.qualifier);
      const count = d.record.Requested;
      this.#status.set(key, { state: 'PROVISIONING', version, count });
      const spec = this.spec(config, 'provisioned-concurrency');
      const { inits, failure } = await this.ctx.pool.provision(key, spec, count);
      const logging = functionLogging(config);
      for (const init of inits) {
        const events = logging.format === 'JSON' ? jsonPlatformEvents(init.logs, logging.systemLogLevel ?? 'INFO', 'provisioned-concurrency') : init.logs;
        this.ctx.logs.append(logging.logGroup, init.logStreamName, events, this.ctx.clock.now());
      }
      // The config may have been changed or deleted while INIT ran.
      if (d.fn.provisionedConcurrency[d.qualifier] !== d.record) {
        this.ctx.pool.deprovision(key);
        continue;
      }
      this.#status.set(key, failure ? { state: 'FAILED', version, count, reason: FAILURE_REASONS[failure] } : { state: 'READY', version, count });
      ran++;
    }
    return ran;
  }
}
