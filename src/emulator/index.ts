/**
 * The emulator's one front door: everything a host (page, HTTP server, grader, checks, tests,
 * bench) uses is exported here, and nothing outside src/emulator imports any other module of it
 * (tests/unit/boundaries.test.ts guards that).
 */

// The account assembled with its SDK clients.
export { createInProcessEmulator, connectInProcess, IN_PROCESS_ENDPOINT } from './in-process.ts';
export type { InProcessEmulator, InProcessEmulatorOptions, InProcessClientConfig } from './in-process.ts';

// The SDK inside functions (boto3), answered by the real SDK clients in process.
export { createSdkBridge, SDK_SERVICES } from './sdk-bridge.ts';

// The control plane.
export { LambdaService, tailLog, CODE_ROUTE, DEFAULT_ACCOUNT_ID, DEFAULT_REGION, DEFAULT_ACCESS_KEYS } from './service/lambda-service.ts';
export type { LambdaServiceOptions, InvokeRequest, InvokeResult, InvocationType } from './service/lambda-service.ts';
export { LambdaError } from './service/errors.ts';
export { HostCapacity } from './service/host-capacity.ts';
export type { LambdaErrorCode } from './service/errors.ts';
export { RETRY_DELAYS_MS, THROTTLE_BACKOFF_MS } from './service/event-queue.ts';
export { LAYER_WITHOUT_RUNTIME_FOLDER_WARNING } from './service/layers.ts';
export { emulatorStateSchema, parseEmulatorState } from './service/state.ts';
export type { EmulatorState, SinkMessage, QueuedEvent, VersionConfig, FunctionRecord, LayerRecord, LayerVersionRecord, LogGroupRecord } from './service/state.ts';

// SQS (service.sqs): queues, both wire protocols, and what Lambda's pollers use.
export { SqsService } from './sqs/sqs-service.ts';
export type { SqsRequestContext, ServiceMessage } from './sqs/sqs-service.ts';
export { sqsLimits } from './sqs/limits.ts';
export { md5Hex } from './md5.ts';

// SNS (service.sns): topics, subscriptions to functions and queues, Publish.
export { SnsService } from './sns/sns-service.ts';

// EventBridge (service.events): buses, rules scheduled on the clock or matched by pattern, targets.
export { EventsService } from './events/events-service.ts';
export { parseSchedule, nextFiring } from './events/schedule.ts';

// The wire.
export { createRouter, mayChangeState } from './api/router.ts';
export { createDispatcher, serviceOf } from './api/dispatch.ts';
export { functionUrlAddress, responseFromResult } from './api/function-url-router.ts';
export type { FunctionUrlAddress } from './api/function-url-router.ts';
export type { ServiceName } from './api/dispatch.ts';
export type { EmulatorRequest, EmulatorResponse, Router } from './api/router.ts';
export { createEmulatorRequestHandler } from './api/request-handler.ts';
export type { EmulatorRequestHandler } from './api/request-handler.ts';

// A shared lab: many accounts behind one signed endpoint.
export { createLabRouter, labLayerAccess, LAB_PREFIX, LAB_ACCOUNT_HEADER } from './lab/lab-router.ts';
export type { LabAccount, LabRouter, LabRouterOptions } from './lab/lab-router.ts';
export type { RateLimit } from './lab/rate-limit.ts';

// Time.
export { createAdjustableClock, createVirtualClock, realClock, VIRTUAL_EPOCH } from './runtime/clock.ts';
export type { AdjustableClock, Clock, VirtualClock } from './runtime/clock.ts';

// Execution engines (behind runtime/contract.ts), one per runtime family, and the chooser over them.
export { createEngineChooser } from './runtime/engine-chooser.ts';
export type { EnginesByFamily } from './runtime/engine-chooser.ts';
export { EMULATED_RUNTIMES, NODEJS_RUNTIMES, PYTHON_RUNTIMES, DEFAULT_HANDLERS, runtimeFamily } from './runtime/runtimes.ts';
export type { EmulatedFamily } from './runtime/runtimes.ts';
export { createQuickJSEnvironmentFactory } from './runtime/index.ts';
export type { QuickJSEnvironmentFactory, QuickJSEnvironmentFactoryOptions, EngineOptions, WasmSource } from './runtime/index.ts';
export { EnvironmentUnavailableError } from './runtime/contract.ts';
export type { AwsAnswer, AwsBridge, AwsCall, EngineDeps, EnvironmentFactory, EnvironmentSpec, ExecutionEnvironment, InvocationOutcome, InvokeInput, LogEvent } from './runtime/contract.ts';
export { createPythonEnvironmentFactory } from './runtime/python/index.ts';
export type { PythonEnvironmentFactory, PythonEnvironmentFactoryOptions, PythonEngineOptions, PyodideSource } from './runtime/python/index.ts';
export { createWorkerEnvironmentFactory, adaptWebWorker } from './runtime/worker-host.ts';
export type { WorkerEnvironmentFactory, WorkerEnvironmentOptions, WebWorkerLike } from './runtime/worker-host.ts';
export { serveEnvironments, serveExecutionEnvironments } from './runtime/worker-service.ts';
export type { PreparableFactory } from './runtime/worker-service.ts';
export type { HostToWorker, WorkerToHost, WorkerLike, WorkerPort, WorkerEngineOptions } from './runtime/worker-protocol.ts';

// Lambda's log lines, read and written in one place.
export { functionLogGroup, reportLine, parseReportLine } from './runtime/log-format.ts';
export type { ReportFields } from './runtime/log-format.ts';
export { joinPath } from './runtime/file-system.ts';

// Limits, shared with the lessons.
export { limits, limitsTable, fmt } from './limits.ts';
export type { Limit, LimitUnit } from './limits.ts';

// Runtimes and their lifecycle, shared with the lessons and the console.
export { runtimes, runtimeById, isBlocked, isDeprecated, consoleRuntimes, dayStart, LAMBDA_RUNTIMES } from './runtimes.ts';
export type { Runtime, RuntimeFamily, Architecture } from './runtimes.ts';

// Deployment packages and bytes.
export { zip, unzip, unzippedSize, sha256Base64, sha256Hex, bytesToBase64, base64ToBytes, utf8, fromUtf8, MalformedZipError, UnzippedSizeExceededError } from './zip.ts';
export type { FileTree } from './zip.ts';

// Deterministic randomness and hashing, for reproducible grades and tests.
export { seededRandom, seedFrom, seededUuid, fnv1a } from './seeded.ts';
export { withoutGrantsOf } from './iam/grants.ts';
