/**
 * LambdaService: one emulated account in one Region. Functions, $LATEST and published versions,
 * aliases with weighted routing, layers, reserved concurrency, event-invoke configuration, the
 * asynchronous event queue and CloudWatch-style logs. Operations take and return Lambda's wire
 * shapes (PascalCase JSON), so the REST router stays a thin translation. Each Lambda area lives in
 * its own module (functions, versions, aliases, concurrency, event-invoke-config, invoke); this
 * class owns the state and hands it to them through a ServiceContext.
 */
import type { AwsAnswer, AwsBridge, AwsCall, CallerPrincipal, Clock, EnvironmentFactory, InvocationOutcome } from '../runtime/contract.ts';
import { accessDenied, actionOf, needsNoPermission, resourceOf } from '../iam/authorization.ts';
import { parsePolicy, type PolicyDocument } from '../iam/policy-language.ts';
import { evaluate } from '../iam/policy-evaluation.ts';
import { assumedRoleArn } from '../iam/router.ts';
import { SDK_NOT_CONNECTED } from '../runtime/sdk.ts';
import { limits } from '../limits.ts';
import { LogStore } from '../logs/log-store.ts';
import { S3Service } from '../s3/s3-service.ts';
import * as aliases from './aliases.ts';
import { layerArn } from './arn.ts';
import { CodeStore } from './code-store.ts';
import type { ForeignLayerVersion } from './layers.ts';
import { storeCode } from './code-source.ts';
import * as concurrency from './concurrency.ts';
import * as recursion from './recursion.ts';
import { arnOf, resolveTarget, type Json, type ServiceContext, type Target } from './context.ts';
import { Sinks } from './destinations.ts';
import { dict, toDict } from './dict.ts';
import type { HostCapacity } from './host-capacity.ts';
import { EnvironmentPool } from './environment-pool.ts';
import * as eventInvokeConfig from './event-invoke-config.ts';
import { EventQueue } from './event-queue.ts';
import { Scheduler } from './scheduler.ts';
import * as eventSourceMappings from './event-source-mappings.ts';
import { SqsPoller } from './sqs-poller.ts';
import * as functions from './functions.ts';
import * as functionUrls from './function-urls.ts';
import { allowsPublicUrlInvoke } from './function-url-access.ts';
import * as invocation from './invoke.ts';
import { LayerRegistry } from './layers.ts';
import type { PageRequest } from './pagination.ts';
import * as permissions from './permissions.ts';
import { maySend, missingLogPermissions } from './execution-role.ts';
import type { EmulatorState } from './state.ts';
import { SqsService } from '../sqs/sqs-service.ts';
import { queuePolicyAllowsSend, resourcePolicyAllows } from '../sqs/queue-policy.ts';
import { SnsService } from '../sns/sns-service.ts';
import { publishFromService } from '../sns/publish.ts';
import { defaultPolicy as defaultTopicPolicy } from '../sns/topic-operations.ts';
import { EventsService, type EventEnvelope } from '../events/events-service.ts';
import { putServiceEvent } from '../events/put-events.ts';
import { IamService } from '../iam/iam-service.ts';
import * as versions from './versions.ts';
import * as tags from './tags.ts';
import { ProvisionedConcurrency } from './provisioned-concurrency.ts';

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
  /** Shut an environment down after this long unused, on `clock`; defaults to limits.engine.environmentIdleMs. */
  environmentIdleMs?: number;
  /** Most environments alive at once on this machine (beyond it, invokes are throttled); only the account's concurrency bounds them by default. */
  maxEnvironments?: number;
  /** The machine's cap shared with the other accounts it serves (a lab server): their idle environments make way, busy ones throttle. */
  hostCapacity?: HostCapacity;
  /** Prefix of Code.Location / Content.Location URLs, e.g. `http://127.0.0.1:4010`. */
  endpoint?: string;
  /** Access keys (id to secret) whose signatures the account accepts where it checks them; defaults to DEFAULT_ACCESS_KEYS. */
  accessKeys?: Record<string, string>;
  /** A state to start from (see snapshot()). */
  state?: EmulatorState;
  /** Other accounts' layer versions, as their owners grant them to this account (a shared lab's accounts). */
  foreignLayerVersion?: ForeignLayerVersion;
  /** Bytes of deployment packages the account may keep; defaults to Lambda's quota (limits.codeStorage). */
  codeStorageBytes?: number;
  /** Bytes of log events kept over all log groups (the oldest go first); defaults to limits.logBudget.defaultBytes. */
  logBudgetBytes?: number;
  /** Called once, the first time the log budget makes the account drop events, so a host can say so. */
  onLogBudgetReached?: (budgetBytes: number) => void;
}

export const CODE_ROUTE = '/_emulator/code/';

/** The service principals S3 and SNS invoke functions as. */
const S3_PRINCIPAL = 's3.amazonaws.com';
const SNS_PRINCIPAL = 'sns.amazonaws.com';
const EVENTS_PRINCIPAL = 'events.amazonaws.com';
/** The SenderId SQS shows on messages SNS delivers. */
const SNS_SENDER_ID = 'AIDAIT2UOQQY3AUEKVGXU';

/** The account and Region an emulator has unless told otherwise: AWS's documentation placeholder account is not used, so ARNs never look real. */
export const DEFAULT_ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'us-east-1';

/** The key local emulators are used with (`AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test`, as the README says). */
export const DEFAULT_ACCESS_KEYS: Readonly<Record<string, string>> = { test: 'test' };

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
  /** Runs the asynchronous queue and event source mappings on the clock: `drain()` in tests, `start()` on a server. */
  readonly scheduler: Scheduler;
  readonly layers: LayerRegistry;
  readonly code: CodeStore;
  /** The account's S3: buckets, objects, and notifications that invoke this account's functions. */
  readonly s3: S3Service;
  readonly sqs: SqsService;
  /** The account's SNS: topics, and subscriptions that deliver to its functions and queues. */
  readonly sns: SnsService;
  /** The account's EventBridge: buses, rules (scheduled on the clock, or patterns) and their targets. */
  readonly events: EventsService;
  /** The account's IAM: roles, their policies, and the AWS managed policies. */
  readonly iam: IamService;
  endpoint: string;
  /**
   * The account's access keys (id to secret), for the requests whose SigV4 signature the emulator
   * checks (AWS_IAM function URLs). Its other APIs accept any key, as a local emulator does.
   */
  readonly accessKeys: Map<string, string>;
  readonly #state: EmulatorState;
  readonly #pool: EnvironmentPool;
  readonly #ctx: ServiceContext;
  readonly #provisioned: ProvisionedConcurrency;
  /** Events recursive loop detection stopped, per function (the RecursiveInvocationsDropped metric; not state, as metrics are not). */
  readonly #recursiveInvocationsDropped = new Map<string, number>();
  #sdk: AwsBridge | undefined;

  constructor(options: LambdaServiceOptions) {
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.routingRandom = options.routingRandom ?? this.random;
    this.uuid = options.uuid ?? (() => globalThis.crypto.randomUUID());
    this.region = options.state?.region ?? options.region ?? DEFAULT_REGION;
    this.accountId = options.state?.accountId ?? options.accountId ?? DEFAULT_ACCOUNT_ID;
    this.endpoint = options.endpoint ?? '';
    this.accessKeys = new Map(Object.entries(options.accessKeys ?? DEFAULT_ACCESS_KEYS));
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
          s3: { buckets: dict(), nextSequence: 0 },
          eventSourceMappings: dict(),
          sqs: { queues: dict() },
          sns: { topics: dict(), subscriptions: dict() },
          events: { buses: dict(), rules: dict() },
          iam: { roles: dict(), policies: dict(), provisioned: false },
        };
    if (options.accountConcurrency !== undefined) this.#state.accountConcurrency = options.accountConcurrency;
    this.code = new CodeStore(this.#state.code, options.codeStorageBytes);
    this.logs = new LogStore(this.#state.logGroups, {
      region: this.region,
      accountId: this.accountId,
      now: () => this.clock.now(),
      ...(options.logBudgetBytes !== undefined ? { budgetBytes: options.logBudgetBytes } : {}),
      ...(options.onLogBudgetReached ? { onBudgetReached: options.onLogBudgetReached } : {}),
    });
    // States saved before IAM have no section: the account's ready role is made as for a new account.
    this.#state.iam ??= { roles: dict(), policies: dict(), provisioned: false };
    this.iam = new IamService({
      state: this.#state.iam, accountId: this.accountId, clock: this.clock, uuid: this.uuid,
      rolesInUse: () => Object.values(this.#state.functions).flatMap((fn) => [fn.latest.Role, ...Object.values(fn.versions).map((v) => v.Role)]),
    });
    this.sqs = new SqsService({ clock: this.clock, uuid: this.uuid, region: this.region, accountId: this.accountId, state: this.#state.sqs });
    this.sns = new SnsService({
      clock: this.clock,
      uuid: this.uuid,
      region: this.region,
      accountId: this.accountId,
      state: this.#state.sns,
      deliveries: {
        invokeFunction: (arn, payload, topicArn, traceHeader) =>
          this.#invokeAsService(arn, payload, { service: SNS_PRINCIPAL, sourceArn: topicArn, sourceAccount: this.accountId }, traceHeader) !== undefined,
        sendToQueue: (arn, body, attributes, topicArn, traceHeader) => {
          // SQS takes SNS's message only when the queue's policy allows sns.amazonaws.com for the topic, as on AWS.
          const queue = this.sqs.queueByArn(arn);
          if (!queue || !queuePolicyAllowsSend(queue.record.attributes.Policy, queue.arn, { service: SNS_PRINCIPAL, sourceArn: topicArn, sourceAccount: this.accountId })) return false;
          this.sqs.sendServiceMessage(queue, { body, ...(attributes ? { attributes } : {}), senderId: SNS_SENDER_ID, ...(traceHeader ? { traceHeader } : {}) });
          return true;
        },
      },
    });
    this.sinks = new Sinks(this.#state.sinks, (message) => {
      const queue = message.kind === 'sqs' ? this.sqs.queueByArn(message.target) : undefined;
      // Lambda sends as the account: SenderId is its id.
      if (queue) this.sqs.sendServiceMessage(queue, { body: message.body, ...(message.attributes ? { attributes: message.attributes } : {}), senderId: this.accountId });
      if (message.kind === 'sns') publishFromService(this.sns, message.target, message.body, message.attributes);
      if (message.kind === 'events') this.#sendToBus(message.target, message.body);
    });
    this.events = new EventsService({
      clock: this.clock,
      uuid: this.uuid,
      region: this.region,
      accountId: this.accountId,
      state: this.#state.events,
      deliveries: {
        invokeFunction: (arn, payload, ruleArn) => this.#invokeAsService(arn, payload, { service: EVENTS_PRINCIPAL, sourceArn: ruleArn, sourceAccount: this.accountId }) !== undefined,
        sendToQueue: (arn, body, ruleArn) => {
          // As for SNS: the queue's policy must allow events.amazonaws.com for the rule.
          const queue = this.sqs.queueByArn(arn);
          if (!queue || !queuePolicyAllowsSend(queue.record.attributes.Policy, queue.arn, { service: EVENTS_PRINCIPAL, sourceArn: ruleArn, sourceAccount: this.accountId })) return false;
          this.sqs.sendServiceMessage(queue, { body, senderId: this.accountId });
          return true;
        },
        publishToTopic: (arn, message) => publishFromService(this.sns, arn, message, undefined),
      },
    });
    this.s3 = new S3Service({
      state: this.#state.s3,
      region: this.region,
      accountId: this.accountId,
      clock: this.clock,
      uuid: this.uuid,
      lambda: {
        allowsS3: (arn, sourceArn, sourceAccount) => permissions.allowsServiceInvoke(this.#ctx, arn, { service: S3_PRINCIPAL, sourceArn, sourceAccount }),
        invokeAsS3: (arn, payload, sourceArn, sourceAccount, traceHeader) => this.#invokeAsService(arn, payload, { service: S3_PRINCIPAL, sourceArn, sourceAccount }, traceHeader),
      },
      messaging: {
        queueAccess: (arn, sourceArn, sourceAccount) => {
          const queue = this.sqs.queueByArn(arn);
          if (!queue) return 'missing';
          return queuePolicyAllowsSend(queue.record.attributes.Policy, queue.arn, { service: S3_PRINCIPAL, sourceArn, sourceAccount }) ? 'allowed' : 'denied';
        },
        topicAccess: (arn, sourceArn, sourceAccount) => this.#topicAccess(arn, sourceArn, sourceAccount),
        sendToQueue: (arn, body, sourceArn, sourceAccount) => {
          const queue = this.sqs.queueByArn(arn);
          if (!queue || !queuePolicyAllowsSend(queue.record.attributes.Policy, queue.arn, { service: S3_PRINCIPAL, sourceArn, sourceAccount })) return;
          // S3 sends within the account: the queue shows the account as the sender.
          this.sqs.sendServiceMessage(queue, { body, senderId: this.accountId });
        },
        publishToTopic: (arn, message, subject, sourceArn, sourceAccount) => {
          if (this.#topicAccess(arn, sourceArn, sourceAccount) === 'allowed') publishFromService(this.sns, arn, message, undefined, subject);
        },
      },
    });
    const codeFrom = (source: Json | undefined) => storeCode(this.code, this.s3, source);
    this.layers = new LayerRegistry(this.#state.layers, {
      region: this.region,
      accountId: this.accountId,
      code: this.code,
      now: () => this.clock.now(),
      codeLocation: (sha) => this.codeLocation(sha),
      storeCode: codeFrom,
      uuid: () => this.uuid(),
      ...(options.foreignLayerVersion ? { foreignVersion: options.foreignLayerVersion } : {}),
    });
    const state = this.#state;
    // Functions' SDK calls reach this account once a host connects it (connectInProcess does), as their execution role.
    const aws: AwsBridge = (call) => (this.#sdk ? this.#callAsFunction(this.#sdk, call) : Promise.resolve(SDK_NOT_CONNECTED));
    this.#pool = new EnvironmentPool(options.environmentFactory, { clock: this.clock, random: this.random, aws }, {
      get accountLimit() {
        return state.accountConcurrency;
      },
      reserved: (name) => state.functions[name]?.reservedConcurrency,
      totalReserved: () => concurrency.reservedTotal(state),
    }, { idleMs: options.environmentIdleMs ?? limits.engine.environmentIdleMs, maxEnvironments: options.maxEnvironments ?? Infinity, ...(options.hostCapacity ? { host: options.hostCapacity } : {}) });
    this.scheduler = new Scheduler(this.clock);
    this.queue = new EventQueue<Target>(this.#state.queue, this, () => this.scheduler.wake());
    this.scheduler.add(this.queue);
    this.scheduler.add(this.events);
    this.sqs.onMessages = () => this.scheduler.wake();
    const pool = this.#pool;
    this.scheduler.add(
      new SqsPoller<Target>({
        clock: this.clock,
        region: this.region,
        sqs: this.sqs,
        uuid: () => this.uuid(),
        mappings: () => Object.values(state.eventSourceMappings),
        target: (m) => this.resolveQueued(m.FunctionName, m.Qualifier),
        runInvocation: (target, payload, requestId, traceId) => this.runInvocation(target, payload, requestId, traceId),
        continueTrace: (target, traceHeader) => this.continueTrace(target, traceHeader),
        available: (name) => pool.available(name),
        busy: (name) => pool.busy(name),
      }),
    );
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
      sqs: this.sqs,
      endpoint: () => this.endpoint,
      iam: this.iam,
      codeLocation: (sha) => this.codeLocation(sha),
      storeCode: codeFrom,
    };
    this.#provisioned = new ProvisionedConcurrency(this.#ctx, (config, type) => invocation.environmentSpec(this.#ctx, config, type), () => this.scheduler.wake());
    this.scheduler.add(this.#provisioned);
  }

  // ---------------------------------------------------------------- state

  /** A JSON-serialisable copy of everything the account holds (environments are not state: they restart cold). */
  snapshot(): EmulatorState {
    this.#collectCode();
    this.sqs.flush();
    return structuredClone(this.#state);
  }

  /** The state itself, not a copy, for a host that saves changes as they happen (the server's state journal): read it, never change it. */
  liveState(): Readonly<EmulatorState> {
    // Queues keep their messages in a working form; write them back so the state is current.
    this.sqs.flush();
    return this.#state;
  }

  get accountConcurrency(): number {
    return this.#state.accountConcurrency;
  }

  set accountConcurrency(value: number) {
    this.#state.accountConcurrency = value;
  }

  /** Background work on real time: the scheduler (async events, event source mappings), and reclaiming idle environments. */
  start(): void {
    this.scheduler.start();
    this.#pool.startReclaiming();
  }

  /** Stops the background work and shuts every warm environment down. */
  shutdown(): void {
    this.scheduler.stop();
    this.#pool.shutdownAll();
  }

  /**
   * A function's SDK call, as Lambda makes it: signed as a session of the version's execution role
   * (named after the function), and refused with the service's AccessDenied unless the role's
   * policies (and, for Lambda, the target function's resource policy) allow it.
   */
  async #callAsFunction(sdk: AwsBridge, call: AwsCall): Promise<AwsAnswer> {
    if (!call.caller) return sdk(call);
    const fn = this.#state.functions[call.caller.functionName];
    const config = fn && (call.caller.version === '$LATEST' ? fn.latest : fn.versions[call.caller.version]);
    const roleArn = config?.Role ?? '';
    const role = this.iam.roleByArn(roleArn);
    const principal: CallerPrincipal = {
      roleArn, roleName: roleArn.split('/').pop() ?? '', roleId: role?.RoleId ?? '', sessionName: call.caller.functionName, account: this.accountId,
    };
    if (needsNoPermission(call.service, call.operation)) return sdk(call, principal);
    const action = actionOf(call.service, call.operation);
    const resource = resourceOf(call.service, call.operation, call.input, { region: this.region, account: this.accountId });
    const decision = evaluate(
      { identity: role ? this.iam.policiesOf(role) : [], ...this.#resourcePolicy(call.service, resource) },
      { principal: { kind: 'aws', arn: assumedRoleArn(principal), account: this.accountId, roleArn }, action, resource, resourceAccount: resource.split(':')[4] || this.accountId },
    );
    if (!decision.allowed) return accessDenied(call.service, assumedRoleArn(principal), action, resource, decision, this.uuid());
    return sdk(call, principal);
  }

  /** The resource policy IAM combines with the caller's: a function's, for calls to Lambda. */
  #resourcePolicy(service: string, resource: string): { resource?: PolicyDocument } {
    if (service !== 'lambda' || resource === '*') return {};
    const parts = resource.split(':');
    // Most functions have no resource policy: skip the lookup (and its exception) for them.
    const fn = this.#state.functions[parts[6]!];
    if (!fn || Object.keys(fn.policies).length === 0) return {};
    try {
      const { Policy } = permissions.getPolicy(this.#ctx, parts[6]!, parts[7]) as { Policy: string };
      return { resource: parsePolicy(Policy) };
    } catch {
      return {};
    }
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
    this.#forgetProvisioned();
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
    this.#forgetProvisioned();
  }

  /** Provisioned concurrency goes with the version or alias it was on. */
  #forgetProvisioned(): void {
    for (const [name, fn] of Object.entries(this.#state.functions)) {
      for (const q of Object.keys(fn.provisionedConcurrency)) if (!fn.versions[q] && !fn.aliases[q]) this.#provisioned.forget(fn, name, q);
    }
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

  addLayerVersionPermission(layerName: string, version: number, input: Json, revisionId?: string): Json {
    return this.layers.addPermission(layerName, version, input, revisionId);
  }

  getLayerVersionPolicy(layerName: string, version: number): Json {
    return this.layers.getPolicy(layerName, version);
  }

  removeLayerVersionPermission(layerName: string, version: number, statementId: string, revisionId: string | undefined): void {
    this.layers.removePermission(layerName, version, statementId, revisionId);
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

  putFunctionRecursionConfig(name: string, input: Json): Json {
    return recursion.putFunctionRecursionConfig(this.#ctx, name, input);
  }

  getFunctionRecursionConfig(name: string): Json {
    return recursion.getFunctionRecursionConfig(this.#ctx, name);
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
  /**
   * Why a function's next invocations would write no logs: its log group, its execution role, and
   * the logs actions the role lacks for them (none when it may write).
   */
  logPermissions(functionName: string): { logGroup: string; roleArn: string; missing: string[] } {
    const config = functions.getFunctionConfiguration(this.#ctx, functionName) as unknown as { Role: string; LoggingConfig: { LogGroup: string }; FunctionName: string };
    const logGroup = config.LoggingConfig.LogGroup;
    return { logGroup, roleArn: config.Role, missing: missingLogPermissions(this.#ctx, config.Role, config.FunctionName, logGroup) };
  }

  maySend(roleArn: string, functionName: string, target: string): boolean {
    return maySend(this.#ctx, roleArn, functionName, target);
  }

  eventInvokeSettings(functionName: string, qualifier: string): eventInvokeConfig.EventInvokeSettings {
    return eventInvokeConfig.eventInvokeSettings(this.#ctx, functionName, qualifier);
  }

  // ---------------------------------------------------------------- resource-based policies (permissions.ts)

  addPermission(name: string, qualifier: string | undefined, input: Json): Json {
    return permissions.addPermission(this.#ctx, name, qualifier, input);
  }

  removePermission(name: string, statementId: string, qualifier?: string, revisionId?: string): void {
    permissions.removePermission(this.#ctx, name, statementId, qualifier, revisionId);
  }

  getPolicy(name: string, qualifier?: string): Json {
    return permissions.getPolicy(this.#ctx, name, qualifier);
  }

  // ---------------------------------------------------------------- function URLs (function-urls.ts, function-url-access.ts)

  createFunctionUrlConfig(name: string, qualifier: string | undefined, input: Json): Json {
    return functionUrls.createFunctionUrlConfig(this.#ctx, name, qualifier, input);
  }

  getFunctionUrlConfig(name: string, qualifier?: string): Json {
    return functionUrls.getFunctionUrlConfig(this.#ctx, name, qualifier);
  }

  updateFunctionUrlConfig(name: string, qualifier: string | undefined, input: Json): Json {
    return functionUrls.updateFunctionUrlConfig(this.#ctx, name, qualifier, input);
  }

  deleteFunctionUrlConfig(name: string, qualifier?: string): void {
    functionUrls.deleteFunctionUrlConfig(this.#ctx, name, qualifier);
  }

  listFunctionUrlConfigs(name: string, input: PageRequest): Json {
    return functionUrls.listFunctionUrlConfigs(this.#ctx, name, input);
  }

  /** The function URL with this id, what it invokes now, and whether its resource policy lets anyone call it (AuthType NONE). */
  functionUrl(urlId: string): (functionUrls.FunctionUrlTarget & { publicAccess: boolean; url: string }) | undefined {
    const found = functionUrls.functionUrlById(this.#ctx, urlId);
    if (!found) return undefined;
    const statements = found.fn.policies[found.key]?.Statement ?? [];
    return { ...found, publicAccess: allowsPublicUrlInvoke(statements, found.record.AuthType), url: functionUrls.functionUrlOf(this.#ctx, found.record.UrlId) };
  }

  // ---------------------------------------------------------------- provisioned concurrency (provisioned-concurrency.ts)

  putProvisionedConcurrencyConfig(name: string, qualifier: string | undefined, input: Json): Json {
    return this.#provisioned.put(name, qualifier, input);
  }

  getProvisionedConcurrencyConfig(name: string, qualifier: string | undefined): Json {
    return this.#provisioned.get(name, qualifier);
  }

  deleteProvisionedConcurrencyConfig(name: string, qualifier: string | undefined): void {
    this.#provisioned.delete(name, qualifier);
  }

  listProvisionedConcurrencyConfigs(name: string, input: PageRequest): Json {
    return this.#provisioned.list(name, input);
  }

  // ---------------------------------------------------------------- tags (tags.ts)

  tagResource(resource: string, input: Json): void {
    tags.tagResource(this.#ctx, resource, input);
  }

  untagResource(resource: string, tagKeys: string[] | undefined): void {
    tags.untagResource(this.#ctx, resource, tagKeys);
  }

  listTags(resource: string): Json {
    return tags.listTags(this.#ctx, resource);
  }

  // ---------------------------------------------------------------- event source mappings (event-source-mappings.ts, sqs-poller.ts)

  createEventSourceMapping(input: Json): Json {
    const created = eventSourceMappings.createEventSourceMapping(this.#ctx, input);
    this.scheduler.wake();
    return created;
  }

  getEventSourceMapping(uuid: string): Json {
    return eventSourceMappings.getEventSourceMapping(this.#ctx, uuid);
  }

  updateEventSourceMapping(uuid: string, input: Json): Json {
    const updated = eventSourceMappings.updateEventSourceMapping(this.#ctx, uuid, input);
    this.scheduler.wake();
    return updated;
  }

  deleteEventSourceMapping(uuid: string): Json {
    return eventSourceMappings.deleteEventSourceMapping(this.#ctx, uuid);
  }

  listEventSourceMappings(input: Parameters<typeof eventSourceMappings.listEventSourceMappings>[1]): Json {
    return eventSourceMappings.listEventSourceMappings(this.#ctx, input);
  }

  // ---------------------------------------------------------------- invoke (invoke.ts)

  invoke(request: invocation.InvokeRequest): Promise<invocation.InvokeResult> {
    return invocation.invoke(this.#ctx, request);
  }

  invokeAsync(functionName: string, invokeArgs: Uint8Array, requestId?: string): Promise<{ Status: number }> {
    return invocation.invokeAsync(this.#ctx, functionName, invokeArgs, requestId);
  }

  /** Picks the version (alias weights), runs it in an environment and records its logs. Throws TooManyRequestsException. */
  /** `traceId`: the trace header the invocation continues (recursive loop detection); absent, it starts one. */
  runInvocation(target: Target, payload: string, requestId: string, traceId?: string): Promise<{ outcome: InvocationOutcome; executedVersion: string }> {
    return invocation.runInvocation(this.#ctx, target, payload, requestId, undefined, traceId);
  }

  /** Recursive loop detection for an event that carried `traceHeader` on its way to `target`'s function. */
  continueTrace(target: Target, traceHeader: string | undefined): recursion.TraceContinuation {
    const trace = recursion.continueTrace(traceHeader, target.fn, arnOf(this.#ctx, target.config.FunctionName));
    // Every caller drops a stopped event: the count is CloudWatch's RecursiveInvocationsDropped for the function.
    if (trace.stopped) this.#recursiveInvocationsDropped.set(target.config.FunctionName, (this.#recursiveInvocationsDropped.get(target.config.FunctionName) ?? 0) + 1);
    return trace;
  }

  /** The target an asynchronous event was queued for, re-resolved at each attempt (the function may be gone). */
  resolveQueued(functionName: string, qualifier: string | undefined): Target | undefined {
    try {
      return resolveTarget(this.#ctx, functionName, qualifier, 'invoke');
    } catch {
      return undefined;
    }
  }

  /** Whether S3 may publish to a topic: the topic's policy (SNS's default one allows only its own account's principals) must allow s3.amazonaws.com. */
  #topicAccess(topicArn: string, sourceArn: string, sourceAccount: string): 'allowed' | 'denied' | 'missing' {
    const topic = this.sns.findTopic(topicArn);
    if (!topic) return 'missing';
    const arn = this.sns.topicArn(topic.name);
    const policy = topic.attributes['Policy'] ?? defaultTopicPolicy(arn, this.accountId);
    return resourcePolicyAllows(policy, arn, 'SNS:Publish', { service: S3_PRINCIPAL, sourceArn, sourceAccount }) ? 'allowed' : 'denied';
  }

  /**
   * An asynchronous invocation made by another service (S3 notifications, SNS): queued as an Event
   * invoke when the function's resource policy allows the caller, dropped otherwise, as Lambda
   * refuses the service's call. Returns the request id when queued.
   */
  #invokeAsService(functionArn: string, payload: string, caller: permissions.CallerContext, traceHeader?: string): string | undefined {
    if (!permissions.allowsServiceInvoke(this.#ctx, functionArn, caller)) return undefined;
    const target = resolveTarget(this.#ctx, functionArn, undefined, 'invoke');
    const requestId = this.uuid();
    this.queue.enqueue({ requestId, functionName: target.fn.latest.FunctionName, ...(target.qualified ? { qualifier: target.qualifier } : {}), payload, ...(traceHeader ? { traceHeader } : {}) });
    return requestId;
  }

  /** A destination's event (event-queue.ts writes it as Lambda does) put on its bus. */
  #sendToBus(busArn: string, body: string): void {
    let event: EventEnvelope;
    try {
      event = JSON.parse(body) as EventEnvelope;
    } catch {
      return;
    }
    putServiceEvent(this.events, busArn, event);
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
      liveEnvironments: this.#pool.live,
      now: this.clock.now(),
      functions: Object.values(this.#state.functions).map((fn) => ({
        FunctionName: fn.latest.FunctionName,
        versions: versions.allVersions(fn).map((c) => c.Version),
        aliases: Object.keys(fn.aliases),
        reservedConcurrency: fn.reservedConcurrency ?? null,
        recursiveLoop: recursion.recursiveLoopOf(fn),
        recursiveInvocationsDropped: this.#recursiveInvocationsDropped.get(fn.latest.FunctionName) ?? 0,
        busy: this.#pool.busy(fn.latest.FunctionName),
        warm: Object.fromEntries(versions.allVersions(fn).map((c) => [c.Version, this.#pool.idleCount(fn.latest.FunctionName, c.Version)])),
      })),
      layers: Object.values(this.#state.layers).flatMap((l) =>
        Object.values(l.versions).map((v) => ({ LayerVersionArn: layerArn(this.region, this.accountId, v.LayerName, v.Version), warnings: v.Warnings })),
      ),
      queue: this.#state.queue.map((e) => ({ ...e })),
      ...(this.scheduler.lastError ? { schedulerError: this.scheduler.lastError } : {}),
      sinks: this.sinks.list(),
      buckets: this.s3.inspect(),
      queues: this.sqs.queues().map((q) => ({ QueueArn: q.arn, ...q.counts(this.clock.now()) })),
      topics: this.sns.inspect(),
      rules: this.events.inspect(),
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
    fn.policies = toDict(fn.policies);
    fn.urlConfigs = toDict(fn.urlConfigs);
    fn.tags = toDict(fn.tags);
    fn.provisionedConcurrency = toDict(fn.provisionedConcurrency);
  }
  state.layers = toDict(state.layers);
  for (const layer of Object.values(state.layers)) layer.versions = toDict(layer.versions);
  state.code = toDict(state.code);
  state.logGroups = toDict(state.logGroups);
  for (const group of Object.values(state.logGroups)) group.streams = toDict(group.streams);
  state.eventSourceMappings = toDict(state.eventSourceMappings);
  state.sqs.queues = toDict(state.sqs.queues);
  for (const queue of Object.values(state.sqs.queues)) queue.tags = toDict(queue.tags);
  state.sns.topics = toDict(state.sns.topics);
  for (const topic of Object.values(state.sns.topics)) {
    topic.attributes = toDict(topic.attributes);
    topic.tags = toDict(topic.tags);
  }
  state.events.buses = toDict(state.events.buses);
  state.events.rules = toDict(state.events.rules);
  state.sns.subscriptions = toDict(state.sns.subscriptions);
  for (const sub of Object.values(state.sns.subscriptions)) sub.attributes = toDict(sub.attributes);
  return state;
}
