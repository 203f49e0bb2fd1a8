/**
 * Every Lambda quota the workbook knows, in one place. The emulator enforces these values and
 * the Limits lesson renders its table from them, so the two can never disagree.
 */

export type LimitUnit = 'MB' | 'GB' | 'KB' | 'bytes' | 'seconds' | 'count' | 'per 10 seconds';

export interface Limit {
  /** Stable key used by code (`limits.timeout.max`) and by lessons (`<LimitsTable only={[...]}/>`). */
  readonly id: string;
  /** What the limit is called in the AWS documentation. */
  readonly name: string;
  /** The current value, as the learner should remember it. */
  readonly display: string;
  /** Whether a quota increase (Service Quotas) can raise it. */
  readonly adjustable: boolean;
  /** What older material, such as the course notes, says, if it differs. */
  readonly previously?: string;
  /** One line on what the limit means in practice. */
  readonly note: string;
}

const KB = 1024;
const MB = 1024 * 1024;

/** Numeric values, used by the emulator. */
export const limits = {
  memory: { min: 128, max: 10_240, default: 128, stepMb: 1, mbPerVcpu: 1_769 },
  timeout: { min: 1, max: 900, default: 3 },
  ephemeralStorage: { min: 512, max: 10_240, default: 512 },
  environment: { maxBytes: 4 * KB },
  layers: { maxPerFunction: 5 },
  deploymentPackage: {
    maxZippedBytes: 50 * MB, // 52,428,800: direct upload
    maxUnzippedBytes: 250 * MB, // 262,144,000: function and layers together
    consoleEditorBytes: 3 * MB,
    containerImageGb: 10,
  },
  payload: {
    syncRequestBytes: 6 * MB, // 6,291,456
    syncResponseBytes: 6 * MB,
    /** 6,291,556 (observed): the response size Invoke really enforces and names in Function.ResponseSizeTooLarge. */
    syncResponseEnforcedBytes: 6 * MB + 100,
    asyncBytes: 1 * MB, // 1,048,576 since October 2025; 256 KB before
    streamedResponseBytes: 200 * MB,
  },
  concurrency: { accountDefault: 1_000, minimumUnreserved: 100 },
  /**
   * "Lambda scaling behavior": each function adds at most 1,000 execution environments every 10 s
   * (10,000 requests per second every 10 s), and each environment serves at most 10 requests a
   * second, so the account's requests-per-second ceiling is 10 × its concurrency.
   */
  scaling: { environmentsPer10Seconds: 1_000, requestsPerSecondPerEnvironment: 10 },
  testEvents: { maxPerFunction: 10 },
  codeStorage: { maxGb: 75 },
  fileDescriptors: 1_024,
  processesAndThreads: 1_024,
  asyncRetries: { min: 0, max: 2, default: 2 },
  asyncEventAge: { min: 60, max: 21_600, default: 21_600 },
  /** Event source mappings for SQS: BatchSize above 10 needs a batching window; pollers scale out to 1,250 batches at once. */
  eventSourceMapping: {
    batchSize: { min: 1, max: 10_000, default: 10, maxWithoutWindow: 10 },
    batchingWindowSeconds: { min: 0, max: 300, default: 0 },
    maximumConcurrency: { min: 2, max: 1_000 },
    defaultMaximumConcurrency: 1_250,
    /** Lambda starts with five batches at once and adds up to 300 pollers a minute while messages wait. */
    initialPollers: 5,
    pollersAddedPerMinute: 300,
  },
  /**
   * The INIT phase of an on-demand environment may take 10 s. Past that, Lambda does not give up:
   * it retries INIT when the first invocation arrives, under the function's timeout. With
   * provisioned concurrency or SnapStart, INIT may run for the larger of 130 s and the timeout.
   */
  initDurationSeconds: 10,
  initProvisionedOrSnapStartMinSeconds: 130,
  /**
   * Provisioned concurrency is IN_PROGRESS for a while before its environments are READY (AWS
   * takes a minute or more); the emulator starts their INIT this long after the request, on its clock.
   */
  provisionedConcurrencyAllocationMs: 60_000,
  /** Lambda Managed Instances: asynchronous and (most) event source mapping invocations may run 90 minutes. */
  managedInstances: { longInvocationMinutes: 90 },
  /** Durable functions: one durable execution may last a year (ExecutionTimeout up to 31,622,400 s, 366 days). */
  durableExecution: { maxExecutionTimeoutSeconds: 31_622_400, retentionDays: { min: 1, max: 90, default: 14 } },
  /**
   * Billing facts the lessons quote ("AWS Lambda Pricing"; AWS Compute Blog, "AWS Lambda standardizes
   * billing for INIT Phase"). Compare configurations as ratios: list prices change and differ by Region.
   */
  billing: {
    freeRequestsPerMonth: 1_000_000,
    freeGbSecondsPerMonth: 400_000,
    /** Provisioned concurrency is charged from enable to disable, rounded up to this many minutes. */
    provisionedConcurrencyRoundUpMinutes: 5,
    /**
     * On-demand list prices in US East (N. Virginia), first duration tier, as "AWS Lambda Pricing"
     * lists them (checked December 2026). Other Regions differ; the lessons compare ratios and quote
     * these only with their Region and date. arm64 is 20 % cheaper per GB-second; requests cost the same.
     */
    listPrices: {
      region: 'US East (N. Virginia)',
      checked: 'December 2026',
      usdPerMillionRequests: 0.2,
      usdPerGbSecond: { x86_64: 0.0000166667, arm64: 0.0000133334 },
    },
  },
  /** How much of an invocation's log `LogType: Tail` returns. */
  logTailBytes: 4 * KB,
  /** The emulator's own budget for log events (not an AWS quota: CloudWatch Logs keeps events until their retention). */
  logBudget: {
    /**
     * Bytes of log events one emulator keeps over all its log groups, each event counted as
     * CloudWatch Logs counts it (UTF-8 message plus 26 bytes); past it the oldest events are
     * dropped first, so memory and the --state file stay bounded. `--log-budget` on the server changes it.
     */
    defaultBytes: 64 * MB,
  },
  /** The emulator's own guards around guest code (not AWS quotas; AWS has no equivalent). */
  engine: {
    /**
     * Most QuickJS stack an environment gets: about the 10,800 frames of simple recursion Node allows
     * (QuickJS frames are about 2.4 times V8's). Less where the host's own stack is smaller (host-stack.ts).
     */
    maxStackSizeBytes: 2 * MB,
    /** Least QuickJS stack an environment gets, whatever the host stack seems to be. */
    minStackSizeBytes: 64 * KB,
    /** Deepest JSON the runtime's event parse leaves to QuickJS's recursive JSON.parse; deeper events are parsed without recursion. */
    nativeJsonDepth: 1_000,
    /** Deepest result Node's JSON.stringify serialises on Lambda's stack (measured: 4,459 on Node 24); deeper is "Unable to stringify response body". */
    resultJsonDepth: 4_450,
    /** Largest WebAssembly heap one execution environment may grow to, whatever its memory size. */
    maxHeapMb: 2_048,
    /** Smallest heap: the QuickJS build starts at 16 MB, and a Memory cannot start below that. */
    minHeapMb: 16,
    /** Log bytes one invocation may write before the rest is dropped with a notice. */
    logBytesPerInvocation: 1 * MB,
    /** How long a worker may run past its deadline before the page terminates it. */
    workerOverrunMarginMs: 2_000,
    /** Real time a worker may take to start and create its environment before the host gives up on it (and throttles). */
    workerStartMs: 30_000,
    /** An environment unused this long is shut down, on the emulator's clock: Lambda freezes idle environments and reclaims them after minutes. */
    environmentIdleMs: 5 * 60_000,
    /** Most execution environments one emulator server keeps alive (each is a worker thread with --workers), whatever the machine. */
    maxEnvironments: 32,
    /** What the server's default cap budgets per environment: memory (a worker thread with QuickJS and its heap) and a share of a core. */
    environmentBudgetMb: 128,
    environmentsPerCore: 4,
    /** How long past its deadline a guest that cannot stop itself (Python) runs before its worker is terminated. */
    workerStopMarginMs: 250,
    /** How long a worker may take to load its engine (Pyodide: seconds on a busy machine) before it is given up as hung. */
    workerLoadTimeoutMs: 120_000,
  },
} as const;

/** The table the Limits lesson renders, in the order a learner meets the limits. */
export const limitsTable: readonly Limit[] = [
  {
    id: 'memory',
    name: 'Function memory',
    display: `${fmt(limits.memory.min)} MB to ${fmt(limits.memory.max)} MB, in 1 MB steps`,
    adjustable: false,
    previously: '128 MB to 3,008 MB, in 64 MB steps',
    note: `CPU grows with memory: ${fmt(limits.memory.mbPerVcpu)} MB buys one full vCPU.`,
  },
  {
    id: 'timeout',
    name: 'Function timeout',
    display: `${fmt(limits.timeout.max)} seconds (15 minutes); default ${limits.timeout.default} seconds`,
    adjustable: false,
    note: 'A handler still running at the timeout is stopped and its environment discarded.',
  },
  {
    id: 'durableExecution',
    name: 'Durable function execution',
    display: `up to one year (ExecutionTimeout up to ${fmt(limits.durableExecution.maxExecutionTimeoutSeconds)} seconds); history kept ${limits.durableExecution.retentionDays.min} to ${limits.durableExecution.retentionDays.max} days, default ${limits.durableExecution.retentionDays.default}`,
    adjustable: false,
    note: 'One durable execution spans many invocations, checkpointing and replaying its steps; each invocation still ends by the function timeout.',
  },
  {
    id: 'managedInstancesTimeout',
    name: 'Lambda Managed Instances, long invocations',
    display: `${limits.managedInstances.longInvocationMinutes} minutes for asynchronous and event source mapping invocations`,
    adjustable: false,
    note: 'Not for Amazon MQ or Amazon DocumentDB mappings, nor for synchronous calls: those keep the 15-minute timeout.',
  },
  {
    id: 'ephemeralStorage',
    name: '/tmp (ephemeral storage)',
    display: `${fmt(limits.ephemeralStorage.default)} MB by default, configurable up to ${fmt(limits.ephemeralStorage.max)} MB`,
    adjustable: false,
    previously: 'fixed at 512 MB',
    note: '/tmp survives between warm invocations of one execution environment, never across environments.',
  },
  {
    id: 'environment',
    name: 'Environment variables',
    display: '4 KB in total',
    adjustable: false,
    note: 'Measured over all keys and values together. Keep large settings in Parameter Store.',
  },
  {
    id: 'layers',
    name: 'Layers',
    display: `${limits.layers.maxPerFunction} per function`,
    adjustable: false,
    note: 'Applied to /opt in the order listed; a file in a later layer replaces the same path in an earlier one.',
  },
  {
    id: 'deploymentZipped',
    name: 'Deployment package (zipped, direct upload)',
    display: '50 MB',
    adjustable: false,
    note: 'Larger .zip files go through Amazon S3.',
  },
  {
    id: 'deploymentUnzipped',
    name: 'Deployment package (unzipped, function and layers)',
    display: '250 MB',
    adjustable: false,
    note: 'The function code and every layer it uses, added up after extraction.',
  },
  {
    id: 'containerImage',
    name: 'Container image size',
    display: `${limits.deploymentPackage.containerImageGb} GB`,
    adjustable: false,
    note: 'For functions packaged as container images instead of .zip files.',
  },
  {
    id: 'consoleEditor',
    name: 'Console code editor',
    display: '3 MB package',
    adjustable: false,
    note: 'Past this the console can no longer show the code for editing.',
  },
  {
    id: 'payloadSync',
    name: 'Invocation payload, synchronous',
    display: '6 MB request and 6 MB response',
    adjustable: false,
    note: 'A larger request is refused with 413; a larger response fails the invocation.',
  },
  {
    id: 'payloadAsync',
    name: 'Invocation payload, asynchronous',
    display: '1 MB',
    adjustable: false,
    previously: '256 KB (until October 2025)',
    note: 'Event invocations larger than this are refused with 413 before they are queued.',
  },
  {
    id: 'payloadStreamed',
    name: 'Streamed response',
    display: '200 MB',
    adjustable: false,
    previously: '20 MB',
    note: 'Response streaming sends the result in chunks as the handler writes it.',
  },
  {
    id: 'concurrency',
    name: 'Concurrent executions',
    display: `${fmt(limits.concurrency.accountDefault)} per Region`,
    adjustable: true,
    note: `Shared by every function in the account and Region; at least ${limits.concurrency.minimumUnreserved} always stay unreserved. New accounts may start lower.`,
  },
  {
    id: 'scaling',
    name: 'Scaling rate',
    display: `${fmt(limits.scaling.environmentsPer10Seconds)} new execution environments every 10 seconds, per function`,
    adjustable: false,
    previously: 'a burst of 500 to 3,000 environments per Region, then 500 more per minute',
    note: 'Requests beyond it are throttled with 429 TooManyRequestsException.',
  },
  {
    id: 'invocationFrequency',
    name: 'Invocation frequency (requests per second)',
    display: `${limits.scaling.requestsPerSecondPerEnvironment} per execution environment: ${limits.scaling.requestsPerSecondPerEnvironment} × concurrency (${fmt(limits.scaling.requestsPerSecondPerEnvironment * limits.concurrency.accountDefault)} with the default ${fmt(limits.concurrency.accountDefault)})`,
    adjustable: true,
    previously: '"10 × concurrent executions; unlimited for AWS triggers"',
    note: 'Raised by raising concurrency. Very short functions can hit it before they run out of concurrency.',
  },
  {
    id: 'init',
    name: 'INIT phase (module scope, runtime start)',
    display: `${limits.initDurationSeconds} seconds on demand; with provisioned concurrency or SnapStart, the larger of ${limits.initProvisionedOrSnapStartMinSeconds} seconds and the timeout`,
    adjustable: false,
    previously: 'described as a hard cut-off',
    note: 'Past the limit Lambda retries INIT on the first invocation, under the function timeout.',
  },
  {
    id: 'testEvents',
    name: 'Console test events',
    display: `${limits.testEvents.maxPerFunction} per function`,
    adjustable: false,
    note: 'Saved test events in the Lambda console.',
  },
  {
    id: 'codeStorage',
    name: 'Code storage',
    display: `${limits.codeStorage.maxGb} GB per Region`,
    adjustable: true,
    note: 'Every version of every function and layer counts: delete old versions you no longer need.',
  },
  {
    id: 'fileDescriptors',
    name: 'File descriptors',
    display: fmt(limits.fileDescriptors),
    adjustable: false,
    note: 'Open files and sockets inside one execution environment.',
  },
  {
    id: 'processes',
    name: 'Processes and threads',
    display: fmt(limits.processesAndThreads),
    adjustable: false,
    note: 'Inside one execution environment.',
  },
  {
    id: 'asyncRetries',
    name: 'Asynchronous retries',
    display: `${limits.asyncRetries.min} to ${limits.asyncRetries.max}, default ${limits.asyncRetries.default}`,
    adjustable: false,
    note: 'Two retries mean up to three attempts in all.',
  },
  {
    id: 'asyncEventAge',
    name: 'Maximum event age (asynchronous)',
    display: `${limits.asyncEventAge.min} to ${fmt(limits.asyncEventAge.max)} seconds, default 6 hours`,
    adjustable: false,
    note: 'An event still unprocessed after this goes to the on-failure destination or is dropped.',
  },
];

/** Formats an integer the way the lessons print numbers: 10,240. */
export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

/** How long INIT ahead (provisioned concurrency) may run: the larger of 130 s and the function's timeout. */
export const provisionedInitSeconds = (timeoutSeconds: number): number => Math.max(limits.initProvisionedOrSnapStartMinSeconds, timeoutSeconds);
