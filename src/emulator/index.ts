/** Public surface of the Lambda emulator's control plane. */
export { LambdaService, tailLog, CODE_ROUTE } from './service/lambda-service.ts';
export type { LambdaServiceOptions, InvokeRequest, InvokeResult, InvocationType } from './service/lambda-service.ts';
export { createVirtualClock, systemClock, VIRTUAL_EPOCH, type VirtualClock } from './service/clock.ts';
export { LambdaError } from './service/errors.ts';
export type { LambdaErrorCode } from './service/errors.ts';
export type { EmulatorState, SinkMessage, QueuedEvent } from './service/state.ts';
export { RETRY_DELAYS_MS, THROTTLE_BACKOFF_MS } from './service/event-queue.ts';
export { LAYER_WITHOUT_NODEJS_WARNING } from './service/layers.ts';
export { createRouter } from './api/router.ts';
export type { EmulatorRequest, EmulatorResponse } from './api/router.ts';
export { createEmulatorRequestHandler } from './api/request-handler.ts';
export { zip, unzip } from './zip.ts';
