/**
 * The contract between the control plane (functions, versions, invoke routing, logs) and the
 * execution engines (QuickJS for Node.js, Pyodide for Python). The control plane only ever sees these
 * types; an environment may run in-process or behind a Web Worker / worker_threads boundary.
 */

/** Time as the emulator sees it. Real in the page; virtual in tests, so a 15-minute timeout costs nothing. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves when `now()` has reached `epochMs`. A virtual clock jumps there at once. */
  sleepUntil(epochMs: number): Promise<void>;
  /**
   * Set on a clock that runs at wall speed: how far ahead of the wall clock it is (0 for the wall
   * clock itself, more once a learner advances the page's time). A worker's engine keeps its own
   * clock in step with it. Absent on a virtual clock, which the host moves at each call.
   */
  readonly wallOffsetMs?: number;
}

/** Everything an execution environment is built from: one function version, frozen. */
export interface EnvironmentSpec {
  functionName: string;
  /** `$LATEST` or a published version number such as `1`. */
  version: string;
  /** `arn:aws:lambda:<region>:<account>:function:<name>` (unqualified). */
  functionArn: string;
  region: string;
  accountId: string;
  runtime: string; // nodejs18.x to nodejs24.x, python3.12 to python3.14 (runtimes.ts)
  handler: string; // e.g. index.handler, src/app.handler, lambda_function.lambda_handler
  memorySize: number; // MB
  timeout: number; // seconds
  ephemeralStorage: number; // MB
  /** The function's own variables (reserved keys are rejected before this point). */
  environment: Record<string, string>;
  /** Function code, paths relative to /var/task (`index.mjs`, `lib/util.js`). */
  code: Record<string, Uint8Array>;
  /** The function's layers already merged in order (last wins), paths relative to /opt. */
  opt: Record<string, Uint8Array>;
  /** LoggingConfig: Text in the function's own group unless given. */
  logging?: FunctionLogging;
  /** `provisioned-concurrency` for environments initialised ahead (AWS_LAMBDA_INITIALIZATION_TYPE); on demand otherwise. */
  initializationType?: 'on-demand' | 'provisioned-concurrency';
}

/** How a function logs (its LoggingConfig): the runtime reads the format and level from its environment, as on Lambda. */
export interface FunctionLogging {
  format: 'Text' | 'JSON';
  logGroup: string;
  /** JSON only: the lowest application level written (TRACE ... FATAL). */
  applicationLogLevel?: string;
  /** JSON only: the lowest platform level written (DEBUG, INFO, WARN). */
  systemLogLevel?: string;
}

export interface InvokeInput {
  requestId: string;
  /** The event exactly as sent (JSON text). */
  payload: string;
  /** The ARN as invoked, with the qualifier used, if any. */
  invokedFunctionArn: string;
  clientContext?: unknown;
  identity?: unknown;
  /** The X-Ray trace header the invocation runs with (_X_AMZN_TRACE_ID), continuing the chain that caused it; absent: a new trace. */
  traceId?: string;
}

export interface LogEvent {
  /** Epoch ms. */
  timestamp: number;
  /** One CloudWatch log event, e.g. `START RequestId: … Version: $LATEST`. */
  message: string;
}

export interface InvocationOutcome {
  requestId: string;
  /** The response body Lambda returns: the handler's JSON result, or the error document. */
  payload: string;
  /** Set when the invocation failed: Lambda's `X-Amz-Function-Error`. */
  functionError?: 'Unhandled';
  /** The error type when failed, e.g. `Sandbox.Timedout`, `Runtime.OutOfMemory`, `Error`. */
  errorType?: string;
  /** Every log event this invocation wrote, INIT_START (cold start) through REPORT, in order. */
  logs: LogEvent[];
  durationMs: number;
  billedDurationMs: number;
  maxMemoryUsedMb: number;
  /** Present on a cold start only. */
  initDurationMs?: number;
  coldStart: boolean;
  /** The environment was thrown away (timeout, crash, out of memory): the next invoke is cold. */
  environmentDiscarded: boolean;
}

export interface ExecutionEnvironment {
  /** `YYYY/MM/DD/[<version>]<32 hex>`, fixed for the environment's life. */
  readonly logStreamName: string;
  /** Runs INIT on the first call, then the handler. Never rejects for anything guest code does. */
  invoke(input: InvokeInput): Promise<InvocationOutcome>;
  /**
   * INIT ahead of any invocation (provisioned concurrency): its log events, and whether it
   * succeeded; the next invoke then has no Init Duration. Engines that cannot do it leave it out.
   */
  initialize?(): Promise<{ ok: boolean; logs: LogEvent[]; initDurationMs: number }>;
  /** SHUTDOWN: frees the environment. Safe to call twice. */
  shutdown(): void;
}

export interface EngineDeps {
  clock: Clock;
  /** Random source in [0, 1); seeded in tests. */
  random: () => number;
  /** The AWS APIs of the account the function runs in, for the SDK inside the guest (boto3). */
  aws?: AwsBridge;
  /** Told how an invocation goes while it runs (see InvocationProgress). */
  progress?: InvocationProgress;
}

/**
 * What an engine that cannot interrupt its guest (Pyodide) reports while an invocation runs: a
 * worker relays it to the host, which can then stop a busy guest at its deadline, and still has
 * the lines it wrote before it was killed.
 */
export interface InvocationProgress {
  /** Each log event, as it is written. */
  log(event: LogEvent): void;
  /** The engine is loaded and INIT starts now: its 10 s run from here. */
  initStarted(): void;
  /** INIT is over and the handler starts now: its timeout runs from here. */
  handlerStarted(): void;
  /** The guest hit its memory size: Lambda kills such a runtime at once, whatever the guest does next. */
  outOfMemory(): void;
}

/** One AWS API call a guest's SDK makes: the service's SDK name (`lambda`, `logs`), the operation (`Invoke`), its input. */
export interface AwsCall {
  service: string;
  operation: string;
  /** The operation's input as plain data; blobs as Uint8Array. */
  input: Record<string, unknown>;
  /** The function making the call: it acts as its version's execution role. Absent: the account's administrator. */
  caller?: { functionName: string; version: string };
  /** The calling invocation's trace header, which the SDK inside Lambda sends as X-Amzn-Trace-Id (its recursion detection middleware). */
  traceHeader?: string;
}

/** The output as plain data (blobs as Uint8Array, timestamps as Date), or the service error. */
export type AwsAnswer =
  | { output: Record<string, unknown>; status: number; requestId: string; headers: Record<string, string> }
  | { error: { code: string; message: string; status: number; requestId: string; headers: Record<string, string>; fields: Record<string, unknown> } };

/** A function's execution-role session, as IAM evaluates and STS names it. */
export interface CallerPrincipal {
  roleArn: string;
  roleName: string;
  roleId: string;
  /** The function's name: Lambda names the session after it. */
  sessionName: string;
  account: string;
}

/** Runs AWS calls against the emulated account with the real SDK clients (see sdk-bridge.ts), as `principal` when given. */
export type AwsBridge = (call: AwsCall, principal?: CallerPrincipal) => Promise<AwsAnswer>;


/**
 * May reject with EnvironmentUnavailableError when the host cannot start an environment (a worker
 * that fails to spawn or to come up): the control plane answers that with a throttle, as Lambda
 * does when it has no capacity, never with a function error.
 */
export type EnvironmentFactory = (spec: EnvironmentSpec, deps: EngineDeps) => Promise<ExecutionEnvironment>;

/** The host has no capacity for another execution environment (see EnvironmentFactory). */
export class EnvironmentUnavailableError extends Error {
  override readonly name = 'EnvironmentUnavailableError';
}
