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
  scaling: { environmentsPer10Seconds: 1_000 },
  testEvents: { maxPerFunction: 10 },
  codeStorage: { maxGb: 75 },
  fileDescriptors: 1_024,
  processesAndThreads: 1_024,
  asyncRetries: { min: 0, max: 2, default: 2 },
  asyncEventAge: { min: 60, max: 21_600, default: 21_600 },
  /** Observed rather than documented: module-scope init is cut off at about 10 s. */
  initDurationSeconds: 10,
  /** How much of an invocation's log `LogType: Tail` returns. */
  logTailBytes: 4 * KB,
  /** The emulator's own guards around guest code (not AWS quotas; AWS has no equivalent). */
  engine: {
    /** QuickJS stack cap: deeper recursion overflows the host's stack before QuickJS notices. */
    maxStackSizeBytes: 256 * KB,
    /** Largest WebAssembly heap one execution environment may grow to, whatever its memory size. */
    maxHeapMb: 2_048,
    /** Smallest heap: the QuickJS build starts at 16 MB, and a Memory cannot start below that. */
    minHeapMb: 16,
    /** Log bytes one invocation may write before the rest is dropped with a notice. */
    logBytesPerInvocation: 1 * MB,
    /** How long a worker may run past its deadline before the page terminates it. */
    workerOverrunMarginMs: 2_000,
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
    note: 'Requests beyond it are throttled with 429 TooManyRequestsException.',
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
