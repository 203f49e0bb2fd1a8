/**
 * LambdaService: one emulated account in one Region. Functions, $LATEST and published versions,
 * aliases with weighted routing, layers, reserved concurrency, event-invoke configuration, the
 * asynchronous event queue and CloudWatch-style logs. Operations take and return Lambda's wire
 * shapes (PascalCase JSON), so the REST router stays a thin translation.
 */
import type { Clock, EnvironmentFactory, EnvironmentSpec, InvocationOutcome } from '../runtime/contract.ts';
import { limits } from '../limits.ts';
import { LogStore } from '../logs/log-store.ts';
import { bytesToBase64, utf8 } from '../zip.ts';
import { ALIAS_NAME_PATTERN, FUNCTION_NAME_MAX, LATEST, functionArn, parseFunctionRef, type FunctionRef } from './arn.ts';
import { CodeStore } from './code-store.ts';
import { EnvironmentPool } from './environment-pool.ts';
import { LambdaError, ValidationErrors, quote, conflict, functionNotFound, invalidParameter, invalidParameterUntyped, notFound, preconditionFailed } from './errors.ts';
import { EventQueue } from './event-queue.ts';
import { Sinks, validateDestinationConfig } from './destinations.ts';
import { LayerRegistry } from './layers.ts';
import { isoMillis } from './clock.ts';
import { pageOf } from './pagination.ts';
import type { AliasRecord, EmulatorState, EventInvokeConfigRecord, FunctionRecord, VersionConfig } from './state.ts';
import { dict, toDict } from './dict.ts';
import { validateEnvironment, validateModel, validateRuntime } from './validation.ts';

type Json = Record<string, unknown>;

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

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

export interface InvokeRequest {
  FunctionName: string;
  Qualifier?: string;
  InvocationType?: string;
  LogType?: string;
  /** Base64 JSON, as in the X-Amz-Client-Context header. */
  ClientContext?: string;
  Payload?: Uint8Array;
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

/** A function version reached through a name, ARN, version or alias. */
export interface Target {
  fn: FunctionRecord;
  config: VersionConfig;
  /** The qualifier used by the caller (`$LATEST` when none), for ARNs and event-invoke config. */
  qualifier: string;
  qualified: boolean;
}

export const CODE_ROUTE = '/_emulator/code/';

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
  #state: EmulatorState;
  readonly #pool: EnvironmentPool;

  constructor(options: LambdaServiceOptions) {
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.routingRandom = options.routingRandom ?? this.random;
    this.uuid = options.uuid ?? (() => globalThis.crypto.randomUUID());
    this.region = options.state?.region ?? options.region ?? 'us-east-1';
    this.accountId = options.state?.accountId ?? options.accountId ?? '000000000000';
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
    this.#pool = new EnvironmentPool(options.environmentFactory, { clock: this.clock, random: this.random }, {
      get accountLimit() {
        return state.accountConcurrency;
      },
      reserved: (name) => state.functions[name]?.reservedConcurrency,
      totalReserved: () => Object.values(state.functions).reduce((n, f) => n + (f.reservedConcurrency ?? 0), 0),
    });
    this.queue = new EventQueue<Target>(this.#state.queue, this);
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

  codeLocation(sha: string): string {
    return `${this.endpoint}${CODE_ROUTE}${encodeURIComponent(sha)}`;
  }

  // ---------------------------------------------------------------- functions

  async createFunction(input: Json): Promise<Json> {
    const missing = new ValidationErrors();
    for (const [key, field] of [['Code', 'code'], ['FunctionName', 'functionName'], ['Role', 'role']] as const) {
      if (input[key] === undefined || input[key] === null) missing.add('null', field, 'Member must not be null');
    }
    missing.throwIfAny();
    const ref = this.#refForCreate(String(input['FunctionName']));
    validateModel(input);
    const runtime = validateRuntime(input['Runtime']);
    if (typeof input['Handler'] !== 'string') throw invalidParameter('Handler is required for .zip file deployment packages.');
    // Lambda reports Environment only once one was given (even an empty one).
    const environment = input['Environment'] !== undefined ? validateEnvironment(input['Environment']) : undefined;
    const layerVersions = this.layers.resolveForFunction(input['Layers']);
    const dlq = this.#deadLetterTarget(input['DeadLetterConfig']);
    const codeInput = input['Code'] as Json | undefined;
    if (!codeInput || codeInput['ZipFile'] === undefined) {
      throw invalidParameter('Please provide a source for function code.');
    }
    if (this.#state.functions[ref.name]) {
      throw conflict(`Function already exist: ${ref.name}`);
    }
    const stored = await this.code.put(codeInput['ZipFile']);
    this.#checkUnzippedTotal(stored.unzippedSize, layerVersions.map((l) => l.UnzippedSize));
    // Hashing the zip awaited: a concurrent CreateFunction of the same name may have won meanwhile.
    if (this.#state.functions[ref.name]) throw conflict(`Function already exist: ${ref.name}`);
    const config: VersionConfig = {
      FunctionName: ref.name,
      Version: LATEST,
      Runtime: runtime,
      Role: String(input['Role']),
      Handler: input['Handler'],
      Description: typeof input['Description'] === 'string' ? input['Description'] : '',
      Timeout: typeof input['Timeout'] === 'number' ? input['Timeout'] : limits.timeout.default,
      MemorySize: typeof input['MemorySize'] === 'number' ? input['MemorySize'] : limits.memory.default,
      EphemeralStorageSize: Number((input['EphemeralStorage'] as Json | undefined)?.['Size'] ?? limits.ephemeralStorage.default),
      ...(environment ? { Environment: environment } : {}),
      Architectures: Array.isArray(input['Architectures']) ? input['Architectures'].map(String) : ['x86_64'],
      Layers: layerVersions.length > 0 ? (input['Layers'] as unknown[]).map(String) : [],
      TracingMode: (input['TracingConfig'] as Json | undefined)?.['Mode'] === 'Active' ? 'Active' : 'PassThrough',
      ...(dlq ? { DeadLetterTargetArn: dlq } : {}),
      CodeSha256: stored.sha,
      CodeSize: stored.size,
      LastModified: isoMillis(this.clock.now()),
      RevisionId: this.uuid(),
      State: 'Active',
    };
    const fn: FunctionRecord = { latest: config, versions: dict(), nextVersion: 1, aliases: dict(), eventInvokeConfigs: dict() };
    this.#state.functions[ref.name] = fn;
    const view = this.#configView(config, undefined);
    // Lambda answers CreateFunction while the function is still Pending; it is Active right after.
    const created: Json = { ...view, State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' };
    delete created['LastUpdateStatus'];
    if (input['Publish'] === true) this.#publish(fn, undefined);
    return created;
  }

  getFunction(name: string, qualifier?: string): Json {
    const target = this.#resolve(name, qualifier, 'get');
    const config = this.#configView(target.config, target.qualified ? target.qualifier : undefined);
    const out: Json = {
      Code: { Location: this.codeLocation(target.config.CodeSha256), RepositoryType: 'S3' },
      Configuration: config,
    };
    const reserved = target.fn.reservedConcurrency;
    if (reserved !== undefined) out['Concurrency'] = { ReservedConcurrentExecutions: reserved };
    return out;
  }

  getFunctionConfiguration(name: string, qualifier?: string): Json {
    const target = this.#resolve(name, qualifier, 'get');
    return this.#configView(target.config, target.qualified ? target.qualifier : undefined);
  }

  async updateFunctionCode(name: string, input: Json): Promise<Json> {
    const fn = this.#unqualifiedFunction(name);
    this.#checkRevision(fn.latest.RevisionId, input['RevisionId']);
    if (input['Architectures'] !== undefined) validateModel({ Architectures: input['Architectures'] });
    if (input['ZipFile'] === undefined) throw invalidParameter('Please provide a source for function code.');
    const stored = await this.code.put(input['ZipFile']);
    const layerSizes = fn.latest.Layers.map((arn) => this.layers.versionByArn(arn)?.UnzippedSize ?? 0);
    this.#checkUnzippedTotal(stored.unzippedSize, layerSizes);
    if (input['DryRun'] === true) return { ...this.#configView(fn.latest, undefined), CodeSha256: stored.sha, CodeSize: stored.size };
    fn.latest = {
      ...fn.latest,
      CodeSha256: stored.sha,
      CodeSize: stored.size,
      ...(Array.isArray(input['Architectures']) ? { Architectures: input['Architectures'].map(String) } : {}),
      LastModified: isoMillis(this.clock.now()),
      RevisionId: this.uuid(),
    };
    this.#pool.retire(fn.latest.FunctionName, LATEST);
    if (input['Publish'] === true) this.#publish(fn, undefined);
    return this.#inProgress(this.#configView(fn.latest, undefined));
  }

  async updateFunctionConfiguration(name: string, input: Json): Promise<Json> {
    const fn = this.#unqualifiedFunction(name);
    this.#checkRevision(fn.latest.RevisionId, input['RevisionId']);
    validateModel(input);
    const next: VersionConfig = { ...fn.latest };
    if (input['Runtime'] !== undefined) next.Runtime = validateRuntime(input['Runtime']);
    if (input['Environment'] !== undefined) next.Environment = validateEnvironment(input['Environment']);
    if (input['Layers'] !== undefined) {
      const versions = this.layers.resolveForFunction(input['Layers']);
      this.#checkUnzippedTotal(this.code.unzippedSize(fn.latest.CodeSha256), versions.map((v) => v.UnzippedSize));
      next.Layers = (input['Layers'] as unknown[]).map(String);
    }
    if (input['DeadLetterConfig'] !== undefined) {
      const dlq = this.#deadLetterTarget(input['DeadLetterConfig']);
      if (dlq) next.DeadLetterTargetArn = dlq;
      else delete next.DeadLetterTargetArn;
    }
    if (typeof input['Role'] === 'string') next.Role = input['Role'];
    if (typeof input['Handler'] === 'string') next.Handler = input['Handler'];
    if (typeof input['Description'] === 'string') next.Description = input['Description'];
    if (typeof input['Timeout'] === 'number') next.Timeout = input['Timeout'];
    if (typeof input['MemorySize'] === 'number') next.MemorySize = input['MemorySize'];
    const storage = (input['EphemeralStorage'] as Json | undefined)?.['Size'];
    if (typeof storage === 'number') next.EphemeralStorageSize = storage;
    const mode = (input['TracingConfig'] as Json | undefined)?.['Mode'];
    if (mode === 'Active' || mode === 'PassThrough') next.TracingMode = mode;
    next.LastModified = isoMillis(this.clock.now());
    next.RevisionId = this.uuid();
    fn.latest = next;
    this.#pool.retire(next.FunctionName, LATEST);
    return this.#inProgress(this.#configView(fn.latest, undefined));
  }

  deleteFunction(name: string, qualifier?: string): void {
    const ref = parseFunctionRef(name, qualifier, this.region);
    const fn = this.#state.functions[ref.name];
    if (!fn) throw functionNotFound(this.#arn(ref.name));
    if (ref.qualifier === undefined) {
      delete this.#state.functions[ref.name];
      this.#pool.retireFunction(ref.name);
      return;
    }
    if (ref.qualifier === LATEST) throw invalidParameter('$LATEST version cannot be deleted without deleting the function.');
    if (!/^\d+$/.test(ref.qualifier)) throw invalidParameter('Deletion of aliases is not currently supported.');
    const usedBy = Object.values(fn.aliases).find((a) => a.FunctionVersion === ref.qualifier || a.AdditionalVersionWeights?.[ref.qualifier!] !== undefined);
    if (usedBy) {
      throw conflict(`Unable to delete version because the following aliases reference it: [${usedBy.Name}]`);
    }
    delete fn.versions[ref.qualifier];
    this.#pool.retire(ref.name, ref.qualifier);
  }

  listFunctions(input: { Marker?: string; MaxItems?: number; FunctionVersion?: string }): Json {
    if (input.FunctionVersion !== undefined && input.FunctionVersion !== 'ALL') {
      const errors = new ValidationErrors();
      errors.add(quote(input.FunctionVersion), 'functionVersion', 'Member must satisfy enum value set: [ALL]');
      errors.throwIfAny();
    }
    const names = Object.keys(this.#state.functions).sort();
    const configs: VersionConfig[] = [];
    for (const name of names) {
      const fn = this.#state.functions[name]!;
      if (input.FunctionVersion === 'ALL') configs.push(...this.#allVersions(fn));
      else configs.push(fn.latest);
    }
    const { page, next } = pageOf(configs, input.Marker, input.MaxItems);
    return {
      Functions: page.map((c) => this.#listView(c, input.FunctionVersion === 'ALL' ? c.Version : undefined)),
      ...(next ? { NextMarker: next } : {}),
    };
  }

  // ---------------------------------------------------------------- versions

  publishVersion(name: string, input: Json): Json {
    const fn = this.#unqualifiedFunction(name, 'publish');
    if (typeof input['CodeSha256'] === 'string' && input['CodeSha256'] !== fn.latest.CodeSha256) {
      throw invalidParameter(
        `CodeSHA256 (${input['CodeSha256']}) is different from current CodeSHA256 in $LATEST (${fn.latest.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
      );
    }
    this.#checkRevision(fn.latest.RevisionId, input['RevisionId']);
    const config = this.#publish(fn, typeof input['Description'] === 'string' ? input['Description'] : undefined);
    return this.#configView(config, config.Version);
  }

  listVersionsByFunction(name: string, input: { Marker?: string; MaxItems?: number }): Json {
    const fn = this.#unqualifiedFunction(name, 'publish');
    const { page, next } = pageOf(this.#allVersions(fn), input.Marker, input.MaxItems);
    return { Versions: page.map((c) => this.#listView(c, c.Version)), ...(next ? { NextMarker: next } : {}) };
  }

  // ---------------------------------------------------------------- aliases

  createAlias(name: string, input: Json): Json {
    const ref = parseFunctionRef(name, undefined, this.region);
    if (!this.#state.functions[ref.name] && ref.qualifier === undefined) {
      throw functionNotFound(this.#arn(ref.name, typeof input['FunctionVersion'] === 'string' ? input['FunctionVersion'] : undefined));
    }
    const fn = this.#unqualifiedFunction(name, 'alias');
    const aliasName = String(input['Name'] ?? '');
    this.#checkAliasName(aliasName);
    const version = String(input['FunctionVersion'] ?? '');
    const weights = this.#checkRouting(fn, version, input['RoutingConfig']);
    if (fn.aliases[aliasName]) throw conflict(`Alias already exists: ${this.#arn(fn.latest.FunctionName, aliasName)}`);
    const alias: AliasRecord = {
      Name: aliasName,
      FunctionVersion: version,
      Description: typeof input['Description'] === 'string' ? input['Description'] : '',
      ...(weights ? { AdditionalVersionWeights: weights } : {}),
      RevisionId: this.uuid(),
    };
    fn.aliases[aliasName] = alias;
    return this.#aliasView(fn, alias);
  }

  getAlias(name: string, aliasName: string): Json {
    const fn = this.#unqualifiedFunction(name, 'alias');
    const alias = fn.aliases[aliasName];
    if (!alias) throw notFound(`Cannot find alias arn: ${this.#arn(fn.latest.FunctionName, aliasName)}`);
    return this.#aliasView(fn, alias);
  }

  updateAlias(name: string, aliasName: string, input: Json): Json {
    const fn = this.#unqualifiedFunction(name, 'alias');
    const alias = fn.aliases[aliasName];
    if (!alias) throw notFound(`Alias not found: ${this.#arn(fn.latest.FunctionName, aliasName)}`);
    this.#checkRevision(alias.RevisionId, input['RevisionId']);
    const version = typeof input['FunctionVersion'] === 'string' ? input['FunctionVersion'] : alias.FunctionVersion;
    const routing = input['RoutingConfig'] !== undefined ? input['RoutingConfig'] : alias.AdditionalVersionWeights ? { AdditionalVersionWeights: alias.AdditionalVersionWeights } : undefined;
    const weights = this.#checkRouting(fn, version, routing);
    const next: AliasRecord = {
      Name: alias.Name,
      FunctionVersion: version,
      Description: typeof input['Description'] === 'string' ? input['Description'] : alias.Description,
      ...(weights ? { AdditionalVersionWeights: weights } : {}),
      RevisionId: this.uuid(),
    };
    fn.aliases[aliasName] = next;
    return this.#aliasView(fn, next);
  }

  deleteAlias(name: string, aliasName: string): void {
    const fn = this.#unqualifiedFunction(name, 'alias');
    delete fn.aliases[aliasName];
    delete fn.eventInvokeConfigs[aliasName];
  }

  listAliases(name: string, input: { Marker?: string; MaxItems?: number; FunctionVersion?: string }): Json {
    const fn = this.#unqualifiedFunction(name, 'alias');
    const all = Object.values(fn.aliases)
      .filter((a) => input.FunctionVersion === undefined || a.FunctionVersion === input.FunctionVersion)
      .sort((a, b) => (a.Name < b.Name ? -1 : 1));
    const { page, next } = pageOf(all, input.Marker, input.MaxItems);
    return { Aliases: page.map((a) => this.#aliasView(fn, a)), ...(next ? { NextMarker: next } : {}) };
  }

  // ---------------------------------------------------------------- layers (delegated)

  publishLayerVersion(layerName: string, input: Json): Promise<Json> {
    return this.layers.publish(layerName, input);
  }

  // ---------------------------------------------------------------- concurrency

  putFunctionConcurrency(name: string, input: Json): Json {
    const ref = parseFunctionRef(name, undefined, this.region);
    if (!this.#state.functions[ref.name]) throw functionNotFound(this.#arn(ref.name, ref.qualifier ?? LATEST));
    const fn = this.#unqualifiedFunction(name, 'concurrency');
    const value = input['ReservedConcurrentExecutions'];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      const errors = new ValidationErrors();
      errors.add(quote(String(value)), 'reservedConcurrentExecutions', 'Member must have value greater than or equal to 0');
      errors.throwIfAny();
    }
    const otherReserved = Object.values(this.#state.functions).reduce((n, f) => n + (f === fn ? 0 : (f.reservedConcurrency ?? 0)), 0);
    const min = limits.concurrency.minimumUnreserved;
    if (this.#state.accountConcurrency - otherReserved - (value as number) < min) {
      throw invalidParameterUntyped(
        `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${min}].`,
      );
    }
    fn.reservedConcurrency = value as number;
    return { ReservedConcurrentExecutions: value };
  }

  getFunctionConcurrency(name: string): Json {
    const fn = this.#unqualifiedFunction(name, 'concurrency');
    return fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
  }

  deleteFunctionConcurrency(name: string): void {
    const fn = this.#unqualifiedFunction(name, 'concurrency');
    delete fn.reservedConcurrency;
  }

  getAccountSettings(): Json {
    const reserved = Object.values(this.#state.functions).reduce((n, f) => n + (f.reservedConcurrency ?? 0), 0);
    return {
      AccountLimit: {
        TotalCodeSize: limits.codeStorage.maxGb * 1024 * 1024 * 1024,
        CodeSizeUnzipped: limits.deploymentPackage.maxUnzippedBytes,
        CodeSizeZipped: limits.deploymentPackage.maxZippedBytes,
        ConcurrentExecutions: this.#state.accountConcurrency,
        UnreservedConcurrentExecutions: this.#state.accountConcurrency - reserved,
      },
      AccountUsage: {
        TotalCodeSize: Object.values(this.#state.code).reduce((n, b64) => n + Math.floor((b64.length * 3) / 4), 0),
        FunctionCount: Object.keys(this.#state.functions).length,
      },
    };
  }

  // ---------------------------------------------------------------- event invoke config

  putFunctionEventInvokeConfig(name: string, qualifier: string | undefined, input: Json, merge: boolean): Json {
    const { fn, qualifier: q } = this.#eventConfigTarget(name, qualifier);
    const existing = fn.eventInvokeConfigs[q];
    if (merge && !existing) throw notFound(`The function ${this.#arn(fn.latest.FunctionName, q)} doesn't have an EventInvokeConfig`);
    const hasRetry = input['MaximumRetryAttempts'] !== undefined;
    const hasAge = input['MaximumEventAgeInSeconds'] !== undefined;
    const hasDest = input['DestinationConfig'] !== undefined;
    if (!hasRetry && !hasAge && !hasDest) throw invalidParameter('You must specify at least one of error handling or destination setting.');
    const errors = new ValidationErrors();
    const retries = input['MaximumRetryAttempts'];
    if (hasRetry && (typeof retries !== 'number' || retries < limits.asyncRetries.min || retries > limits.asyncRetries.max)) {
      errors.add(quote(String(retries)), 'maximumRetryAttempts', typeof retries === 'number' && retries < limits.asyncRetries.min ? `Member must have value greater than or equal to ${limits.asyncRetries.min}` : `Member must have value less than or equal to ${limits.asyncRetries.max}`);
    }
    const age = input['MaximumEventAgeInSeconds'];
    if (hasAge && (typeof age !== 'number' || age < limits.asyncEventAge.min || age > limits.asyncEventAge.max)) {
      errors.add(quote(String(age)), 'maximumEventAgeInSeconds', typeof age === 'number' && age < limits.asyncEventAge.min ? `Member must have value greater than or equal to ${limits.asyncEventAge.min}` : `Member must have value less than or equal to ${limits.asyncEventAge.max}`);
    }
    errors.throwIfAny();
    const destinations = hasDest
      ? validateDestinationConfig(input['DestinationConfig'] as never, this.#arn(fn.latest.FunctionName), (arn) => this.#functionExists(arn))
      : undefined;
    const base: EventInvokeConfigRecord = merge && existing ? existing : { Destinations: {}, LastModified: 0 };
    const record: EventInvokeConfigRecord = {
      ...(hasRetry ? { MaximumRetryAttempts: retries as number } : base.MaximumRetryAttempts !== undefined ? { MaximumRetryAttempts: base.MaximumRetryAttempts } : {}),
      ...(hasAge ? { MaximumEventAgeInSeconds: age as number } : base.MaximumEventAgeInSeconds !== undefined ? { MaximumEventAgeInSeconds: base.MaximumEventAgeInSeconds } : {}),
      Destinations: destinations ?? base.Destinations,
      LastModified: Math.floor(this.clock.now() / 1000),
    };
    fn.eventInvokeConfigs[q] = record;
    return this.#eventConfigView(fn, q, record);
  }

  getFunctionEventInvokeConfig(name: string, qualifier?: string): Json {
    const { fn, qualifier: q } = this.#eventConfigTarget(name, qualifier, true);
    const record = fn.eventInvokeConfigs[q];
    if (!record) throw notFound(`The function ${this.#arn(fn.latest.FunctionName, q)} doesn't have an EventInvokeConfig`);
    return this.#eventConfigView(fn, q, record);
  }

  deleteFunctionEventInvokeConfig(name: string, qualifier?: string): void {
    const { fn, qualifier: q } = this.#eventConfigTarget(name, qualifier, true);
    if (!fn.eventInvokeConfigs[q]) throw notFound(`The function ${this.#arn(fn.latest.FunctionName, q)} doesn't have an EventInvokeConfig`);
    delete fn.eventInvokeConfigs[q];
  }

  listFunctionEventInvokeConfigs(name: string, input: { Marker?: string; MaxItems?: number }): Json {
    const fn = this.#unqualifiedFunction(name, 'eventConfig');
    const all = Object.entries(fn.eventInvokeConfigs).map(([q, r]) => this.#eventConfigView(fn, q, r));
    const { page, next } = pageOf(all, input.Marker, input.MaxItems);
    return { FunctionEventInvokeConfigs: page, ...(next ? { NextMarker: next } : {}) };
  }

  /** The async settings that apply to an invocation made with `qualifier`. */
  eventInvokeSettings(functionName: string, qualifier: string): { retries: number; maxAgeMs: number; onSuccess?: string; onFailure?: string; deadLetter?: string } {
    const fn = this.#state.functions[functionName];
    const record = fn?.eventInvokeConfigs[qualifier];
    // The dead-letter queue belongs to the version that runs: an alias resolves to its primary version.
    const version = fn?.aliases[qualifier]?.FunctionVersion ?? qualifier;
    const config = fn ? (version === LATEST ? fn.latest : (fn.versions[version] ?? fn.latest)) : undefined;
    return {
      retries: record?.MaximumRetryAttempts ?? limits.asyncRetries.default,
      maxAgeMs: (record?.MaximumEventAgeInSeconds ?? limits.asyncEventAge.default) * 1000,
      ...(record?.Destinations.OnSuccess ? { onSuccess: record.Destinations.OnSuccess } : {}),
      ...(record?.Destinations.OnFailure ? { onFailure: record.Destinations.OnFailure } : {}),
      ...(config?.DeadLetterTargetArn ? { deadLetter: config.DeadLetterTargetArn } : {}),
    };
  }

  // ---------------------------------------------------------------- invoke

  async invoke(request: InvokeRequest): Promise<InvokeResult> {
    const type = request.InvocationType ?? 'RequestResponse';
    if (type !== 'RequestResponse' && type !== 'Event' && type !== 'DryRun') {
      const errors = new ValidationErrors();
      errors.add(quote(type), 'invocationType', 'Member must satisfy enum value set: [Event, RequestResponse, DryRun]');
      errors.throwIfAny();
    }
    const payloadBytes = request.Payload ?? new Uint8Array();
    const max = type === 'Event' ? limits.payload.asyncBytes : limits.payload.syncRequestBytes;
    if (payloadBytes.byteLength > max) {
      throw new LambdaError('RequestTooLargeException', `Request must be smaller than ${max} bytes for the InvokeFunction operation`);
    }
    const target = this.#resolve(request.FunctionName, request.Qualifier, 'invoke');
    const payload = decodePayload(payloadBytes);
    const requestId = this.uuid();
    if (type === 'DryRun') return { StatusCode: 204, Payload: new Uint8Array(), RequestId: requestId };
    if (type === 'Event') {
      this.queue.enqueue({
        requestId,
        functionName: target.fn.latest.FunctionName,
        ...(target.qualified ? { qualifier: target.qualifier } : {}),
        payload,
      });
      return { StatusCode: 202, Payload: new Uint8Array(), RequestId: requestId };
    }
    const clientContext = request.ClientContext !== undefined ? decodeClientContext(request.ClientContext) : undefined;
    const { outcome, executedVersion } = await this.runInvocation(target, payload, requestId, clientContext);
    const out: InvokeResult = {
      StatusCode: 200,
      Payload: utf8(outcome.payload),
      ExecutedVersion: executedVersion,
      RequestId: requestId,
      ...(outcome.functionError ? { FunctionError: outcome.functionError } : {}),
    };
    if (request.LogType === 'Tail') out.LogResult = tailLog(outcome);
    return out;
  }

  /** Picks the version (alias weights), runs it in an environment and records its logs. Throws TooManyRequestsException. */
  async runInvocation(target: Target, payload: string, requestId: string, clientContext?: unknown): Promise<{ outcome: InvocationOutcome; executedVersion: string }> {
    const config = this.#pickVersion(target);
    const name = config.FunctionName;
    const invokedFunctionArn = this.#arn(name, target.qualified ? target.qualifier : undefined);
    const { outcome, logStreamName } = await this.#pool.invoke(() => this.#spec(config), name, config.Version, {
      requestId,
      payload,
      invokedFunctionArn,
      ...(clientContext !== undefined ? { clientContext } : {}),
    });
    this.logs.append(`/aws/lambda/${name}`, logStreamName, outcome.logs, this.clock.now());
    return { outcome, executedVersion: config.Version };
  }

  /** The target an asynchronous event was queued for, re-resolved at each attempt (the function may be gone). */
  resolveQueued(functionName: string, qualifier: string | undefined): Target | undefined {
    try {
      return this.#resolve(functionName, qualifier, 'invoke');
    } catch {
      return undefined;
    }
  }

  functionArn(name: string, qualifier?: string): string {
    return this.#arn(name, qualifier);
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
        versions: this.#allVersions(fn).map((c) => c.Version),
        aliases: Object.keys(fn.aliases),
        reservedConcurrency: fn.reservedConcurrency ?? null,
        busy: this.#pool.busy(fn.latest.FunctionName),
        warm: Object.fromEntries(this.#allVersions(fn).map((c) => [c.Version, this.#pool.idleCount(fn.latest.FunctionName, c.Version)])),
      })),
      layers: Object.entries(this.#state.layers).flatMap(([, l]) =>
        Object.values(l.versions).map((v) => ({ LayerVersionArn: `${this.#layerBase(v.LayerName)}:${v.Version}`, warnings: v.Warnings })),
      ),
      queue: this.#state.queue.map((e) => ({ ...e })),
      ...(this.queue.lastError ? { schedulerError: this.queue.lastError } : {}),
      sinks: this.sinks.list(),
    };
  }

  // ---------------------------------------------------------------- internals

  #layerBase(layerName: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:layer:${layerName}`;
  }

  #arn(name: string, qualifier?: string): string {
    return functionArn(this.region, this.accountId, name, qualifier);
  }

  #refForCreate(raw: string): FunctionRef {
    const ref = parseFunctionRef(raw, undefined, this.region);
    if (ref.name.length > FUNCTION_NAME_MAX) {
      const errors = new ValidationErrors();
      errors.add(quote(ref.name), 'functionName', `Member must have length less than or equal to ${FUNCTION_NAME_MAX}`);
      errors.throwIfAny('InvalidParameterValueException');
    }
    if (ref.qualifier !== undefined) {
      const errors = new ValidationErrors();
      errors.add(quote(raw), 'functionName', 'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)');
      errors.throwIfAny();
    }
    return ref;
  }

  /** For operations on the function itself (no versions or aliases). */
  #unqualifiedFunction(name: string, op: 'update' | 'publish' | 'alias' | 'concurrency' | 'eventConfig' = 'update'): FunctionRecord {
    const ref = parseFunctionRef(name, undefined, this.region);
    const fn = this.#state.functions[ref.name];
    if (!fn) throw functionNotFound(this.#arn(ref.name));
    if (ref.qualifier !== undefined && op !== 'eventConfig') {
      throw invalidParameter(
        'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.',
      );
    }
    return fn;
  }

  #functionExists(arn: string): boolean {
    try {
      const ref = parseFunctionRef(arn, undefined, this.region);
      const fn = this.#state.functions[ref.name];
      if (!fn) return false;
      if (ref.qualifier === undefined || ref.qualifier === LATEST) return true;
      return fn.versions[ref.qualifier] !== undefined || fn.aliases[ref.qualifier] !== undefined;
    } catch {
      return false;
    }
  }

  #resolve(name: string, qualifierParam: string | undefined, op: 'get' | 'invoke'): Target {
    const ref = parseFunctionRef(name, qualifierParam, this.region);
    const fn = this.#state.functions[ref.name];
    const q = ref.qualifier;
    const missing = () => functionNotFound(this.#arn(ref.name, q ?? (op === 'invoke' ? LATEST : undefined)));
    if (!fn) throw missing();
    if (q === undefined || q === LATEST) return { fn, config: fn.latest, qualifier: LATEST, qualified: q !== undefined };
    const version = fn.versions[q];
    if (version) return { fn, config: version, qualifier: q, qualified: true };
    const alias = fn.aliases[q];
    if (alias) {
      const config = alias.FunctionVersion === LATEST ? fn.latest : fn.versions[alias.FunctionVersion];
      if (!config) throw missing();
      return { fn, config, qualifier: q, qualified: true };
    }
    throw missing();
  }

  /** Weighted alias routing: with weight w the additional version runs when random() < w. */
  #pickVersion(target: Target): VersionConfig {
    const alias = target.fn.aliases[target.qualifier];
    if (!alias?.AdditionalVersionWeights) return target.config;
    const [extra, weight] = Object.entries(alias.AdditionalVersionWeights)[0] ?? [];
    if (extra === undefined || weight === undefined) return target.config;
    const other = target.fn.versions[extra];
    return other && this.routingRandom() < weight ? other : target.config;
  }

  #spec(config: VersionConfig): EnvironmentSpec {
    const layerVersions = config.Layers.map((arn) => this.layers.versionByArn(arn)).filter((v) => v !== undefined);
    return {
      functionName: config.FunctionName,
      version: config.Version,
      functionArn: this.#arn(config.FunctionName),
      region: this.region,
      accountId: this.accountId,
      runtime: config.Runtime,
      handler: config.Handler,
      memorySize: config.MemorySize,
      timeout: config.Timeout,
      ephemeralStorage: config.EphemeralStorageSize,
      environment: { ...(config.Environment ?? {}) },
      code: this.code.files(config.CodeSha256),
      opt: this.layers.mergeOpt(layerVersions),
    };
  }

  #publish(fn: FunctionRecord, description: string | undefined): VersionConfig {
    const last = fn.lastPublishedFrom;
    if (last && last.revisionId === fn.latest.RevisionId && fn.versions[last.version]) {
      return fn.versions[last.version]!;
    }
    const version = String(fn.nextVersion++);
    const config: VersionConfig = {
      ...structuredClone(fn.latest),
      Version: version,
      Description: description ?? fn.latest.Description,
      LastModified: isoMillis(this.clock.now()),
      RevisionId: this.uuid(),
    };
    fn.versions[version] = config;
    fn.lastPublishedFrom = { revisionId: fn.latest.RevisionId, version };
    return config;
  }

  #allVersions(fn: FunctionRecord): VersionConfig[] {
    return [fn.latest, ...Object.values(fn.versions).sort((a, b) => Number(a.Version) - Number(b.Version))];
  }

  #checkRevision(current: string, given: unknown): void {
    if (typeof given === 'string' && given !== current) throw preconditionFailed();
  }

  #checkUnzippedTotal(codeSize: number, layerSizes: number[]): void {
    const total = layerSizes.reduce((a, b) => a + b, codeSize);
    if (total > limits.deploymentPackage.maxUnzippedBytes) {
      throw invalidParameter(`Function code combined with layers exceeds the maximum allowed size of ${limits.deploymentPackage.maxUnzippedBytes} bytes. The actual size is ${total} bytes.`);
    }
  }

  #deadLetterTarget(config: unknown): string | undefined {
    const target = (config as Json | undefined)?.['TargetArn'];
    if (target === undefined || target === '') return undefined;
    const arn = String(target);
    const service = arn.split(':')[2];
    if (!arn.startsWith('arn:') || (service !== 'sqs' && service !== 'sns')) {
      throw invalidParameter(`The provided target arn ${arn} is invalid. Dead-letter queues can only be Amazon SQS queues or Amazon SNS topics.`);
    }
    return arn;
  }

  #checkAliasName(aliasName: string): void {
    if (!new RegExp(`^(?:${ALIAS_NAME_PATTERN})$`).test(aliasName) || aliasName.length > 128) {
      const errors = new ValidationErrors();
      errors.add(quote(aliasName), 'name', `Member must satisfy regular expression pattern: ${ALIAS_NAME_PATTERN}`);
      errors.throwIfAny();
    }
  }

  #checkRouting(fn: FunctionRecord, version: string, routing: unknown): Record<string, number> | undefined {
    const weightsIn = (routing as Json | undefined)?.['AdditionalVersionWeights'] as Record<string, unknown> | undefined;
    const entries = weightsIn && typeof weightsIn === 'object' ? Object.entries(weightsIn) : [];
    const shown = `'{${entries.map(([k, v]) => `${k}=${Number(v).toFixed(1)}`).join(', ')}}'`;
    const errors = new ValidationErrors();
    if (entries.some(([k]) => !/^[0-9]+$/.test(k))) {
      errors.add(shown, 'routingConfig.additionalVersionWeights', 'Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]');
    } else if (entries.some(([, w]) => typeof w !== 'number' || w < 0 || w > 1)) {
      errors.add(shown, 'routingConfig.additionalVersionWeights', 'Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]');
    }
    errors.throwIfAny();
    if (entries.length > 1) throw invalidParameter('Number of items in AdditionalVersionWeights cannot be greater than 1');
    if (version !== LATEST && !fn.versions[version]) throw functionNotFound(this.#arn(fn.latest.FunctionName, version));
    if (entries.length === 0) return undefined;
    if (version === LATEST) throw invalidParameterUntyped('$LATEST is not supported for an alias pointing to more than 1 version');
    const [extra, weight] = entries[0]!;
    if (extra === version) throw invalidParameter(`Invalid function version ${extra}. Function version ${extra} is already included in routing configuration.`);
    if (!fn.versions[extra]) throw functionNotFound(this.#arn(fn.latest.FunctionName, extra));
    return { [extra]: weight as number };
  }

  #eventConfigTarget(name: string, qualifierParam: string | undefined, lookupOnly = false): { fn: FunctionRecord; qualifier: string } {
    const ref = parseFunctionRef(name, qualifierParam, this.region);
    const fn = this.#state.functions[ref.name];
    const q = ref.qualifier ?? LATEST;
    if (!fn) {
      if (lookupOnly) throw notFound(`The function ${this.#arn(ref.name, q)} doesn't have an EventInvokeConfig`);
      throw notFound("The function doesn't exist.");
    }
    if (q !== LATEST && !fn.versions[q] && !fn.aliases[q]) {
      if (lookupOnly) throw notFound(`The function ${this.#arn(ref.name, q)} doesn't have an EventInvokeConfig`);
      throw notFound("The function doesn't exist.");
    }
    return { fn, qualifier: q };
  }

  #eventConfigView(fn: FunctionRecord, qualifier: string, r: EventInvokeConfigRecord): Json {
    return {
      DestinationConfig: {
        OnFailure: r.Destinations.OnFailure ? { Destination: r.Destinations.OnFailure } : {},
        OnSuccess: r.Destinations.OnSuccess ? { Destination: r.Destinations.OnSuccess } : {},
      },
      FunctionArn: this.#arn(fn.latest.FunctionName, qualifier),
      LastModified: r.LastModified,
      ...(r.MaximumEventAgeInSeconds !== undefined ? { MaximumEventAgeInSeconds: r.MaximumEventAgeInSeconds } : {}),
      ...(r.MaximumRetryAttempts !== undefined ? { MaximumRetryAttempts: r.MaximumRetryAttempts } : {}),
    };
  }

  #aliasView(fn: FunctionRecord, a: AliasRecord): Json {
    return {
      AliasArn: this.#arn(fn.latest.FunctionName, a.Name),
      Description: a.Description,
      FunctionVersion: a.FunctionVersion,
      Name: a.Name,
      RevisionId: a.RevisionId,
      ...(a.AdditionalVersionWeights ? { RoutingConfig: { AdditionalVersionWeights: a.AdditionalVersionWeights } } : {}),
    };
  }

  /** FunctionConfiguration as Lambda returns it; `qualifier` qualifies FunctionArn. */
  #configView(c: VersionConfig, qualifier: string | undefined): Json {
    return {
      Architectures: [...c.Architectures],
      CodeSha256: c.CodeSha256,
      CodeSize: c.CodeSize,
      ...(c.DeadLetterTargetArn ? { DeadLetterConfig: { TargetArn: c.DeadLetterTargetArn } } : {}),
      Description: c.Description,
      ...(c.Environment ? { Environment: { Variables: { ...c.Environment } } } : {}),
      EphemeralStorage: { Size: c.EphemeralStorageSize },
      FunctionArn: this.#arn(c.FunctionName, qualifier),
      FunctionName: c.FunctionName,
      Handler: c.Handler,
      LastModified: c.LastModified,
      LastUpdateStatus: 'Successful',
      ...(c.Layers.length > 0
        ? { Layers: c.Layers.map((arn) => ({ Arn: arn, CodeSize: this.layers.versionByArn(arn)?.CodeSize ?? 0 })) }
        : {}),
      LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${c.FunctionName}` },
      MemorySize: c.MemorySize,
      PackageType: 'Zip',
      RevisionId: c.RevisionId,
      Role: c.Role,
      Runtime: c.Runtime,
      RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(this.region, c.Runtime) },
      SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
      State: c.State,
      Timeout: c.Timeout,
      TracingConfig: { Mode: c.TracingMode },
      Version: c.Version,
    };
  }

  /** List entries: Lambda leaves out the state fields and RuntimeVersionConfig there. */
  #listView(c: VersionConfig, qualifier: string | undefined): Json {
    const { LastUpdateStatus: _s, State: _t, RuntimeVersionConfig: _r, ...rest } = this.#configView(c, qualifier);
    return rest;
  }

  /** Update responses: Lambda reports the update as still in progress; the next read says Successful. */
  #inProgress(view: Json): Json {
    return { ...view, LastUpdateStatus: 'InProgress', LastUpdateStatusReason: 'The function is being created.', LastUpdateStatusReasonCode: 'Creating' };
  }

  #collectCode(): void {
    const inUse = new Set<string>(this.layers.shasInUse());
    for (const fn of Object.values(this.#state.functions)) for (const c of this.#allVersions(fn)) inUse.add(c.CodeSha256);
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

/** A stable, runtime-specific ARN in Lambda's format (the hash is the emulator's own). */
function runtimeVersionArn(region: string, runtime: string): string {
  let h = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 8; round++) {
    for (const ch of `${runtime}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(h.toString(16).padStart(8, '0'));
  }
  return `arn:aws:lambda:${region}::runtime:${hex.join('')}`;
}

function decodePayload(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) return '{}';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
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
  const bytes = (() => {
    try {
      return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    } catch {
      return undefined;
    }
  })();
  const invalid = () => new LambdaError('InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.');
  if (!bytes) throw invalid();
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw invalid();
  }
}

/** `LogType: Tail`: the last 4 KB of the invocation's log, base64. */
export function tailLog(outcome: InvocationOutcome): string {
  const text = outcome.logs.map((e) => (e.message.endsWith('\n') ? e.message : `${e.message}\n`)).join('');
  const bytes = utf8(text);
  return bytesToBase64(bytes.subarray(Math.max(0, bytes.byteLength - limits.logTailBytes)));
}
