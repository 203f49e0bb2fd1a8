/** Lambda's checks on function configuration, with its exception types and messages; values come from limits.ts. */
import { limits } from '../limits.ts';
import { EMULATED_RUNTIMES, LAMBDA_RUNTIMES, RETIRED_RUNTIMES, isBlocked, runtimeById } from '../runtimes.ts';
import { LambdaError, ValidationErrors, invalidParameter, quote } from './errors.ts';

export { EMULATED_RUNTIMES, LAMBDA_RUNTIMES, RETIRED_RUNTIMES } from '../runtimes.ts';

export const ARCHITECTURES = ['x86_64', 'arm64'];

export const ROLE_PATTERN = 'arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+';
const ROLE_RE = new RegExp(`^(?:${ROLE_PATTERN})$`);
const HANDLER_RE = /^[^\s]+$/;
const ENV_KEY_RE = /^[a-zA-Z]([a-zA-Z0-9_])+$/;

/** Keys the runtime sets itself (LAMBDA-FACTS.md); a function may not set them. */
export const RESERVED_ENV_KEYS = [
  'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_EXECUTION_ENV', '_HANDLER', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', 'TZ',
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API',
  'AWS_XRAY_DAEMON_ADDRESS', '_X_AMZN_TRACE_ID',
];

/** Lambda's answer for a runtime it no longer accepts for creating or updating functions (recorded January 2026). */
export function runtimeNoLongerSupported(runtime: string) {
  return invalidParameter(
    `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`,
  );
}

/**
 * The Runtime of a CreateFunction (`create`) or UpdateFunctionConfiguration (`update`) request, checked
 * against src/emulator/runtimes.ts on the day the clock says: retired and blocked runtimes are refused as
 * Lambda refuses them, then anything outside Lambda's enum, then what this emulator cannot run.
 */
export function validateRuntime(runtime: unknown, operation: 'create' | 'update', nowMs: number): string {
  if (typeof runtime !== 'string') throw invalidParameter('Runtime is required for .zip file deployment packages.');
  const known = runtimeById(runtime);
  if (RETIRED_RUNTIMES.includes(runtime) || (known && isBlocked(known, operation, nowMs))) throw runtimeNoLongerSupported(runtime);
  if (!LAMBDA_RUNTIMES.includes(runtime)) {
    throw invalidParameter(
      `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${LAMBDA_RUNTIMES.join(', ')}] or be a valid ARN`,
    );
  }
  if (!EMULATED_RUNTIMES.includes(runtime)) {
    // Valid on AWS, but this emulator has no engine for it: say so rather than fail later at invoke.
    throw invalidParameter(
      `The runtime ${runtime} is valid on AWS Lambda, but this emulator runs Node.js and Python functions only. Use one of: ${EMULATED_RUNTIMES.join(', ')}.`,
    );
  }
  return runtime;
}

/** Updating a function (code or configuration) whose runtime's update block has come is refused. */
export function checkRuntimeUpdatable(runtime: string, nowMs: number): void {
  const known = runtimeById(runtime);
  if (known && isBlocked(known, 'update', nowMs)) throw runtimeNoLongerSupported(runtime);
}

export interface ConfigInput {
  Role?: unknown;
  Handler?: unknown;
  MemorySize?: unknown;
  Timeout?: unknown;
  EphemeralStorage?: unknown;
  Architectures?: unknown;
  Description?: unknown;
}

/** The model-level (ValidationException) checks, all reported together as Lambda does. */
export function validateModel(input: ConfigInput): void {
  const errors = new ValidationErrors();
  if (input.Role !== undefined && (typeof input.Role !== 'string' || !ROLE_RE.test(input.Role))) {
    errors.add(quote(String(input.Role)), 'role', `Member must satisfy regular expression pattern: ${ROLE_PATTERN}`);
  }
  if (input.Handler !== undefined) {
    const h = String(input.Handler);
    if (h.length > 128) errors.add(quote(h), 'handler', 'Member must have length less than or equal to 128');
    else if (!HANDLER_RE.test(h)) errors.add(quote(h), 'handler', 'Member must satisfy regular expression pattern: [^\\s]+');
  }
  for (const [value, field] of [[input.MemorySize, 'memorySize'], [input.Timeout, 'timeout']] as const) {
    // The SDKs only send integers here; a raw request may not, and must not slip past the range checks.
    if (value !== undefined && !Number.isInteger(value)) errors.add(quote(String(value)), field, 'Member must be an integer');
  }
  if (Number.isInteger(input.MemorySize)) {
    const m = Number(input.MemorySize);
    if (m < limits.memory.min) errors.add(quote(String(m)), 'memorySize', `Member must have value greater than or equal to ${limits.memory.min}`);
    if (m > limits.memory.max) errors.add(quote(String(m)), 'memorySize', `Member must have value less than or equal to ${limits.memory.max}`);
  }
  if (Number.isInteger(input.Timeout)) {
    const t = Number(input.Timeout);
    if (t < limits.timeout.min) errors.add(quote(String(t)), 'timeout', `Member must have value greater than or equal to ${limits.timeout.min}`);
    if (t > limits.timeout.max) errors.add(quote(String(t)), 'timeout', `Member must have value less than or equal to ${limits.timeout.max}`);
  }
  if (input.EphemeralStorage !== undefined) {
    const s = Number((input.EphemeralStorage as { Size?: unknown } | null)?.Size);
    if (!(s >= limits.ephemeralStorage.min)) errors.add(quote(String(s)), 'ephemeralStorage.size', `Member must have value greater than or equal to ${limits.ephemeralStorage.min}`);
    if (s > limits.ephemeralStorage.max) errors.add(quote(String(s)), 'ephemeralStorage.size', `Member must have value less than or equal to ${limits.ephemeralStorage.max}`);
  }
  if (input.Architectures !== undefined) {
    const a = Array.isArray(input.Architectures) ? input.Architectures.map(String) : [];
    const shown = `'[${a.join(', ')}]'`;
    if (a.length > 1) errors.add(shown, 'architectures', 'Member must have length less than or equal to 1');
    else if (a.length === 0) errors.add(shown, 'architectures', 'Member must have length greater than or equal to 1');
    else if (!ARCHITECTURES.includes(a[0]!)) {
      errors.add(shown, 'architectures', `Member must satisfy constraint: [Member must satisfy enum value set: [${ARCHITECTURES.join(', ')}], Member must not be null]`);
    }
  }
  if (input.Description !== undefined && String(input.Description).length > 256) {
    errors.add(quote(String(input.Description)), 'description', 'Member must have length less than or equal to 256');
  }
  errors.throwIfAny();
}

/** Environment variables: reserved keys, then the 4 KB limit measured over the compact JSON. */
export function validateEnvironment(environment: unknown): Record<string, string> {
  const vars = (environment as { Variables?: unknown } | undefined)?.Variables;
  if (vars === undefined || vars === null) return {};
  if (typeof vars !== 'object' || Array.isArray(vars)) throw invalidParameter('Environment.Variables must be a map of strings.');
  const entries = Object.entries(vars as Record<string, unknown>);
  if (entries.some(([k]) => !ENV_KEY_RE.test(k))) {
    throw new LambdaError(
      'ValidationException',
      "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]",
    );
  }
  const out: Record<string, string> = Object.fromEntries(entries.map(([k, v]) => [k, String(v)]));
  const reserved = Object.keys(out).filter((k) => RESERVED_ENV_KEYS.includes(k));
  if (reserved.length > 0) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  const measured = JSON.stringify(out);
  if (new TextEncoder().encode(measured).byteLength > limits.environment.maxBytes) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
  return out;
}

export function requestEntityTooLarge(message: string): LambdaError {
  return new LambdaError('RequestEntityTooLargeException', message);
}
