/**
 * LambdaService: one emulated account in one Region. Functions, $LATEST and published versions,
 * aliases with weighted routing, layers, reserved concurrency, event-invoke configuration, the
 * asynchronous event queue and CloudWatch-style logs. Operations take and return Lambda's wire
 * shapes (PascalCase JSON), so the REST router stays a thin translation. Each Lambda area lives in
 * its own module (functions, versions, aliases, concurrency, event-invoke-config, invoke); this
 * class owns the state and hands it to them through a ServiceContext.
 */
import type { AwsBridge, Clock, EnvironmentFactory, InvocationOutcome } from '../runtime/contract.ts';
import { SDK_NOT_CONNECTED } from '../runtime/sdk.ts';
import { limits } from '../limits.ts';
import { LogStore } from '../logs/log-store.ts';
import * as aliases from './aliases.ts';
import { layerArn } from './arn.ts';
import { CodeStore } from './code-store.ts';
import * as concurrency from './concurrency.ts';
import { arnOf, resolveTarget, type Json, type ServiceContext, type Target } from './context.ts';
import { Sinks } from './destinations.ts';
import { dict, toDict } from './dict.ts';
import { EnvironmentPool } from './environment-pool.ts';
import * as eventInvokeConfig from './event-invoke-config.ts';
import { EventQueue } from './event-queue.ts';
import * as functions from './functions.ts';
import * as invocation from './invoke.ts';
import { LayerRegistry } from './layers.ts';
import type { PageRequest } from './pagination.ts';
import type { EmulatorState } from './state.ts';
import * as versions from './versions.ts';

export type { InvocationType, InvokeRequest, InvokeResult } from './invoke.ts';
export type { Target } from './context.ts';
export { tailLog } from './invoke.ts';

export interface LambdaServiceOptions {
  environmentFactory: EnvironmentFactory;
  clock: Clock;
  /** Random source in [0, 1): alias weights and the engine use it; seed it in tests. */
  random?: () => number;
  /** Alias weighted routing's own source, so a test can script which version each invoke gets; defaults to `random`. */
  routingRandom?: () => number;
  /** Request ids and RevisionIds. */
  uuid?: () => string;
  region?: string;
  accountId?: string;
  /** Account concurrency limit; defaults to limits.concurrency.accountDefault. Lower it for teaching. */
  accountConcurrency?: number;
  /** Prefix of Code.Location / Content.Location URLs, e.g. `http://127.0.0.1:4010`. */
  endpoint?: string;
  /** A state to start from (see snapshot()). */
  state?: EmulatorState;
}

export const CODE_ROUTE = '/_emulator/code/';

/** The account and Region an emulator has unless told otherwise: AWS's documentation placeholder account is not used, so ARNs never look real. */
export const DEFAULT_ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'us-east-1';

export class LambdaService {
  readonly region: string;
  readonly accountId: string;
  readonly clock: Clock;
  readonly random: () => number;
  readonly routingRandom: () => number;
  readonly uuid: () => string;
  readonly logs: LogStore;
  readonly sinks: Sinks;
  readonly queue: EventQueue<Target>;
  readonly layers: LayerRegistry;
  readonly code: CodeStore;
  endpoint: string;
  readonly #state: EmulatorState;
  readonly #pool: EnvironmentPool;
  readonly #ctx: ServiceContext;
  #sdk: AwsBridge | undefined;

  constructor(options: LambdaServiceOptions) {
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.routingRandom = options.routingRandom ?? this.random;
    this.uuid = options.uuid ?? (() => globalThis.crypto.randomUUID());
    this.region = options.state?.region ?? options.region ?? DEFAULT_REGION;
    this.accountId = options.state?.accountId ?? options.accountId ?? DEFAULT_ACCOUNT_ID;
    this.endpoint = options.endpoint ?? '';
    this.#state = options.state
      ? withoutPrototypes(structuredClone(options.state))
      : {
          formatVersion: 1,
          region: this.region,
          accountId: this.accountId,
          accountConcurrency: options.accountConcurrency ?? limits.concurrency.accountDefault,
          functions: dict(),
          layers: dict(),
          code: dict(),
          queue: [],
          sinks: [],
          logGroups: dict(),
        };
    if (options.accountConcurrency !== undefined) this.#state.accountConcurrency = options.accountConcurrency;
    this.code = new CodeStore(this.#state.code);
    this.logs = new LogStore(this.#state.logGroups, this.region, this.accountId);
    this.sinks = new Sinks(this.#state.sinks);
    this.layers = new LayerRegistry(this.#state.layers, {
      region: this.region,
      accountId: this.accountId,
      code: this.code,
      now: () => this.clock.now(),
      codeLocation: (sha) => this.codeLocation(sha),
    });
    const state = this.#state;
    // Functions' SDK calls reach this account once a host connects it (connectInProcess does).
    const aws: AwsBridge = (call) => (this.#sdk ? this.#sdk(call) : Promise.resolve(SDK_NOT_CONNECTED));
    this.#pool = new EnvironmentPool(options.environmentFactory, { clock: this.clock, random: this.random, aws }, {
      get accountLimit() {
        return state.accountConcurrency;
      },
      reserved: (name) => state.functions[name]?.reservedConcurrency,
      totalReserved: () => concurrency.reservedTotal(state),
    });
    this.queue = new EventQueue<Target>(this.#state.queue, this);
    this.#ctx = {
      state,
      region: this.region,
      accountId: this.accountId,
      clock: this.clock,
      uuid: this.uuid,
      routingRandom: this.routingRandom,
      code: this.code,
      layers: this.layers,
      logs: this.logs,
      pool: this.#pool,
      queue: this.queue,
      codeLocation: (sha) => this.codeLocation(sha),
    };
  }

  // ---------------------------------------------------------------- state

  /** A JSON-serialisable copy of everything the account holds (environments are not state: they restart cold). */
  snapshot(): EmulatorState {
    this.#collectCode();
    return structuredClone(this.#state);
  }

  get accountConcurrency(): number {
    return this.#state.accountConcurrency;
  }

  set accountConcurrency(value: number) {
    this.#state.accountConcurrency = value;
  }

  /** Shuts every warm environment down. */
  shutdown(): void {
    this.queue.stop();
    this.#pool.shutdownAll();
  }

  /** Where the SDK inside functions (boto3) sends its calls: the first connection stays. */
  connectSdk(bridge: AwsBridge): void {
    this.#sdk ??= bridge;
  }

  codeLocation(sha: string): string {
    return `${this.endpoint}${CODE_ROUTE}${encodeURIComponent(sha)}`;
  }

  // ---------------------------------------------------------------- functions (functions.ts)

  createFunction(input: Json): Promise<Json> {
    return functions.createFunction(this.#ctx, input);
  }

  getFunction(name: string, qualifier?: string): Json {
    return functions.getFunction(this.#ctx, name, qualifier);
  }

  getFunctionConfiguration(name: string, qualifier?: string): Json {
    return functions.getFunctionConfiguration(this.#ctx, name, qualifier);
  }

  updateFunctionCode(name: string, input: Json): Promise<Json> {
    return functions.updateFunctionCode(this.#ctx, name, input);
  }

  async updateFunctionConfiguration(name: string, input: Json): Promise<Json> {
    return functions.updateFunctionConfiguration(this.#ctx, name, input);
  }

  deleteFunction(name: string, qualifier?: string): void {
    functions.deleteFunction(this.#ctx, name, qualifier);
  }

  listFunctions(input: PageRequest & { FunctionVersion?: string }): Json {
    return functions.listFunctions(this.#ctx, input);
  }

  // ---------------------------------------------------------------- versions (versions.ts)

  publishVersion(name: string, input: Json): Json {
    return versions.publishVersion(this.#ctx, name, input);
  }

  listVersionsByFunction(name: string, input: PageRequest): Json {
    return versions.listVersionsByFunction(this.#ctx, name, input);
  }

  // ---------------------------------------------------------------- aliases (aliases.ts)

  createAlias(name: string, input: Json): Json {
    return aliases.createAlias(this.#ctx, name, input);
  }

  getAlias(name: string, aliasName: string): Json {
    return aliases.getAlias(this.#ctx, name, aliasName);
  }

  updateAlias(name: string, aliasName: string, input: Json): Json {
    return aliases.updateAlias(this.#ctx, name, aliasName, input);
  }

  deleteAlias(name: string, aliasName: string): void {
    aliases.deleteAlias(this.#ctx, name, aliasName);
  }

  listAliases(name: string, input: PageRequest & { FunctionVersion?: string }): Json {
    return aliases.listAliases(this.#ctx, name, input);
  }

  // ---------------------------------------------------------------- layers (layers.ts)

  publishLayerVersion(layerName: string, input: Json): Promise<Json> {
    return this.layers.publish(layerName, input);
  }

  getLayerVersion(layerName: string, version: number): Json {
    return this.layers.get(layerName, version);
  }

  getLayerVersionByArn(arn: string): Json {
    return this.layers.getByArn(arn);
  }

  listLayerVersions(layerName: string, filters: Parameters<LayerRegistry['list']>[1]): Json {
    return this.layers.list(layerName, filters);
  }

  listLayers(filters: Parameters<LayerRegistry['listLayers']>[0]): Json {
    return this.layers.listLayers(filters);
  }

  deleteLayerVersion(layerName: string, version: number): void {
    this.layers.delete(layerName, version);
  }

  // ---------------------------------------------------------------- concurrency (concurrency.ts)

  putFunctionConcurrency(name: string, input: Json): Json {
    return concurrency.putFunctionConcurrency(this.#ctx, name, input);
  }

  getFunctionConcurrency(name: string): Json {
    return concurrency.getFunctionConcurrency(this.#ctx, name);
  }

  deleteFunctionConcurrency(name: string): void {
    concurrency.deleteFunctionConcurrency(this.#ctx, name);
  }

  getAccountSettings(): Json {
    return concurrency.getAccountSettings(this.#ctx);
  }

  // ---------------------------------------------------------------- event invoke config (event-invoke-config.ts)

  putFunctionEventInvokeConfig(name: string, qualifier: string | undefined, input: Json, merge: boolean): Json {
    return eventInvokeConfig.putFunctionEventInvokeConfig(this.#ctx, name, qualifier, input, merge);
  }

  getFunctionEventInvokeConfig(name: string, qualifier?: string): Json {
    return eventInvokeConfig.getFunctionEventInvokeConfig(this.#ctx, name, qualifier);
  }

  deleteFunctionEventInvokeConfig(name: string, qualifier?: string): void {
    eventInvokeConfig.deleteFunctionEventInvokeConfig(this.#ctx, name, qualifier);
  }

  listFunctionEventInvokeConfigs(name: string, input: PageRequest): Json {
    return eventInvokeConfig.listFunctionEventInvokeConfigs(this.#ctx, name, input);
  }

  /** The async settings that apply to an invocation made with `qualifier`. */
  eventInvokeSettings(functionName: string, qualifier: string): eventInvokeConfig.EventInvokeSettings {
    return eventInvokeConfig.eventInvokeSettings(this.#ctx, functionName, qualifier);
  }

  // ---------------------------------------------------------------- invoke (invoke.ts)

  invoke(request: invocation.InvokeRequest): Promise<invocation.InvokeResult> {
    return invocation.invoke(this.#ctx, request);
  }

  /** Picks the version (alias weights), runs it in an environment and records its logs. Throws TooManyRequestsException. */
  runInvocation(target: Target, payload: string, requestId: string, clientContext?: unknown): Promise<{ outcome: InvocationOutcome; executedVersion: string }> {
    return invocation.runInvocation(this.#ctx, target, payload, requestId, clientContext);
  }

  /** The target an asynchronous event was queued for, re-resolved at each attempt (the function may be gone). */
  resolveQueued(functionName: string, qualifier: string | undefined): Target | undefined {
    try {
      return resolveTarget(this.#ctx, functionName, qualifier, 'invoke');
    } catch {
      return undefined;
    }
  }

  functionArn(name: string, qualifier?: string): string {
    return arnOf(this.#ctx, name, qualifier);
  }

  /** Downloads a deployment package (Code.Location / Content.Location). */
  codeZip(sha: string): Uint8Array | undefined {
    return this.code.zipBytes(sha);
  }

  /** What the inspection API shows: functions, warm environments, queue, sinks, layer warnings. */
  inspect(): Json {
    return {
      region: this.region,
      accountId: this.accountId,
      accountConcurrency: this.#state.accountConcurrency,
      now: this.clock.now(),
      functions: Object.values(this.#state.functions).map((fn) => ({
        FunctionName: fn.latest.FunctionName,
        versions: versions.allVersions(fn).map((c) => c.Version),
        aliases: Object.keys(fn.aliases),
        reservedConcurrency: fn.reservedConcurrency ?? null,
        busy: this.#pool.busy(fn.latest.FunctionName),
        warm: Object.fromEntries(versions.allVersions(fn).map((c) => [c.Version, this.#pool.idleCount(fn.latest.FunctionName, c.Version)])),
      })),
      layers: Object.values(this.#state.layers).flatMap((l) =>
        Object.values(l.versions).map((v) => ({ LayerVersionArn: layerArn(this.region, this.accountId, v.LayerName, v.Version), warnings: v.Warnings })),
      ),
      queue: this.#state.queue.map((e) => ({ ...e })),
      ...(this.queue.lastError ? { schedulerError: this.queue.lastError } : {}),
      sinks: this.sinks.list(),
    };
  }

  /** Drops stored zips no function version or layer version uses any more. */
  #collectCode(): void {
    const inUse = new Set<string>(this.layers.shasInUse());
    for (const fn of Object.values(this.#state.functions)) for (const c of versions.allVersions(fn)) inUse.add(c.CodeSha256);
    this.code.collect(inUse);
  }
}

/** Restored state comes from JSON: give every name-keyed map back its prototype-free form. */
function withoutPrototypes(state: EmulatorState): EmulatorState {
  state.functions = toDict(state.functions);
  for (const fn of Object.values(state.functions)) {
    fn.versions = toDict(fn.versions);
    fn.aliases = toDict(fn.aliases);
    fn.eventInvokeConfigs = toDict(fn.eventInvokeConfigs);
  }
  state.layers = toDict(state.layers);
  for (const layer of Object.values(state.layers)) layer.versions = toDict(layer.versions);
  state.code = toDict(state.code);
  state.logGroups = toDict(state.logGroups);
  for (const group of Object.values(state.logGroups)) group.streams = toDict(group.streams);
  return state;
}
