/**
 * LoggingConfig on functions (Lambda's advanced logging controls): the log format (Text or JSON),
 * the application and system log levels JSON allows, and the log group the function writes to.
 * One place for how a request's LoggingConfig merges into a version's, and how Lambda shows it.
 */
import { functionLogGroup } from '../runtime/log-format.ts';
import type { FunctionLogging } from '../runtime/contract.ts';
import { ValidationErrors, invalidParameter, quote } from './errors.ts';
import type { Json } from './context.ts';
import type { VersionConfig } from './state.ts';

export const LOG_FORMATS = ['JSON', 'Text'] as const;
export const APPLICATION_LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
export const SYSTEM_LOG_LEVELS = ['DEBUG', 'INFO', 'WARN'] as const;
/** The level JSON logging starts at when none is given (Lambda's default for both). */
const DEFAULT_LEVEL = 'INFO';
const LOG_GROUP_PATTERN = '[\\.\\-_/#A-Za-z0-9]+';
const LOG_GROUP_RE = new RegExp(`^${LOG_GROUP_PATTERN}$`);

export type LoggingConfigRecord = NonNullable<VersionConfig['LoggingConfig']>;

/**
 * The version's LoggingConfig after a CreateFunction or UpdateFunctionConfiguration that names
 * `input` (fields it leaves out keep their value); undefined means Lambda's default (Text, own group).
 */
export function mergeLoggingConfig(current: LoggingConfigRecord | undefined, input: unknown): LoggingConfigRecord | undefined {
  if (input === undefined || input === null) return current;
  const given = (typeof input === 'object' && !Array.isArray(input) ? input : {}) as Json;
  const errors = new ValidationErrors();
  const format = given['LogFormat'];
  const app = given['ApplicationLogLevel'];
  const system = given['SystemLogLevel'];
  const group = given['LogGroup'];
  if (format !== undefined && !LOG_FORMATS.includes(format as never)) errors.add(quote(String(format)), 'loggingConfig.logFormat', `Member must satisfy enum value set: [${LOG_FORMATS.join(', ')}]`);
  if (app !== undefined && !APPLICATION_LOG_LEVELS.includes(app as never)) errors.add(quote(String(app)), 'loggingConfig.applicationLogLevel', `Member must satisfy enum value set: [${APPLICATION_LOG_LEVELS.join(', ')}]`);
  if (system !== undefined && !SYSTEM_LOG_LEVELS.includes(system as never)) errors.add(quote(String(system)), 'loggingConfig.systemLogLevel', `Member must satisfy enum value set: [${SYSTEM_LOG_LEVELS.join(', ')}]`);
  if (group !== undefined) {
    const g = String(group);
    if (g.length < 1 || g.length > 512) errors.add(quote(g), 'loggingConfig.logGroup', 'Member must have length less than or equal to 512');
    else if (!LOG_GROUP_RE.test(g)) errors.add(quote(g), 'loggingConfig.logGroup', `Member must satisfy regular expression pattern: ${LOG_GROUP_PATTERN}`);
  }
  errors.throwIfAny();
  const next: LoggingConfigRecord = { LogFormat: (format as LoggingConfigRecord['LogFormat'] | undefined) ?? current?.LogFormat ?? 'Text' };
  const logGroup = (group as string | undefined) ?? current?.LogGroup;
  if (logGroup !== undefined) next.LogGroup = logGroup;
  if (next.LogFormat === 'JSON') {
    next.ApplicationLogLevel = (app as LoggingConfigRecord['ApplicationLogLevel']) ?? current?.ApplicationLogLevel ?? DEFAULT_LEVEL;
    next.SystemLogLevel = (system as LoggingConfigRecord['SystemLogLevel']) ?? current?.SystemLogLevel ?? DEFAULT_LEVEL;
  } else if (app !== undefined || system !== undefined) {
    // Levels filter JSON records only; the message is the one CloudFormation relays from Lambda.
    throw invalidParameter('LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "Json" and try again.');
  }
  return next;
}

/** The LoggingConfig Lambda reports: the format, the levels when JSON, and the group (its default when none was set). */
export function loggingConfigView(c: VersionConfig): Json {
  const l = c.LoggingConfig;
  return {
    ...(l?.ApplicationLogLevel ? { ApplicationLogLevel: l.ApplicationLogLevel } : {}),
    LogFormat: l?.LogFormat ?? 'Text',
    LogGroup: l?.LogGroup ?? functionLogGroup(c.FunctionName),
    ...(l?.SystemLogLevel ? { SystemLogLevel: l.SystemLogLevel } : {}),
  };
}

/** The last answer per version, with what it was made from: asked on every invocation, its group name is a log store key. */
const loggingOf = new WeakMap<VersionConfig, { name: string; format?: string; group?: string; app?: string; system?: string; logging: FunctionLogging }>();

/** What an execution environment needs to know of it. */
export function functionLogging(c: VersionConfig): FunctionLogging {
  const l = c.LoggingConfig;
  const known = loggingOf.get(c);
  // Compared field by field: a LoggingConfig may be edited in place (a renamed function's default group).
  if (known && known.name === c.FunctionName && known.format === l?.LogFormat && known.group === l?.LogGroup && known.app === l?.ApplicationLogLevel && known.system === l?.SystemLogLevel) {
    return known.logging;
  }
  const logging: FunctionLogging = {
    format: l?.LogFormat ?? 'Text',
    logGroup: l?.LogGroup ?? functionLogGroup(c.FunctionName),
    ...(l?.LogFormat === 'JSON' ? { applicationLogLevel: l.ApplicationLogLevel ?? DEFAULT_LEVEL, systemLogLevel: l.SystemLogLevel ?? DEFAULT_LEVEL } : {}),
  };
  loggingOf.set(c, { name: c.FunctionName, format: l?.LogFormat, group: l?.LogGroup, app: l?.ApplicationLogLevel, system: l?.SystemLogLevel, logging: Object.freeze(logging) });
  return logging;
}
