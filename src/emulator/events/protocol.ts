/** EventBridge's wire protocol: JSON 1.1, `X-Amz-Target: AWSEvents.<Op>`, error types without a namespace. */
import type { JsonProtocol } from '../protocols/json.ts';

export const EVENTS_TARGET_PREFIX = 'AWSEvents.';
export const EVENTS_JSON: JsonProtocol = { version: '1.1' };
