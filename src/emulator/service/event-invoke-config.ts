/** Asynchronous invocation settings: Put/Update/Get/Delete/ListFunctionEventInvokeConfig(s), and what applies to one event. */
import { limits } from '../limits.ts';
import { LATEST, parseFunctionRef } from './arn.ts';
import { arnOf, functionExists, unqualifiedFunction, type Json, type ServiceContext } from './context.ts';
import { validateDestinationConfig } from './destinations.ts';
import { checkDestinationPermission } from './execution-role.ts';
import { ValidationErrors, invalidParameter, notFound, quote } from './errors.ts';
import { listResponse, type PageRequest } from './pagination.ts';
import type { EventInvokeConfigRecord, FunctionRecord, VersionConfig } from './state.ts';

/** The async settings one invocation runs with. */
export interface EventInvokeSettings {
  retries: number;
  maxAgeMs: number;
  onSuccess?: string;
  onFailure?: string;
  deadLetter?: string;
  /** The execution role of the version that runs: Lambda sends to destinations and the dead-letter queue as it. */
  role?: string;
}

/** PutFunctionEventInvokeConfig replaces; UpdateFunctionEventInvokeConfig (`merge`) keeps what the input leaves out. */
export function putFunctionEventInvokeConfig(ctx: ServiceContext, name: string, qualifier: string | undefined, input: Json, merge: boolean): Json {
  const { fn, qualifier: q } = eventConfigTarget(ctx, name, qualifier);
  const existing = fn.eventInvokeConfigs[q];
  if (merge && !existing) throw noEventInvokeConfig(ctx, fn.latest.FunctionName, q);
  const hasRetry = input['MaximumRetryAttempts'] !== undefined;
  const hasAge = input['MaximumEventAgeInSeconds'] !== undefined;
  const hasDest = input['DestinationConfig'] !== undefined;
  if (!hasRetry && !hasAge && !hasDest) throw invalidParameter('You must specify at least one of error handling or destination setting.');
  const errors = new ValidationErrors();
  const retries = input['MaximumRetryAttempts'];
  if (hasRetry) checkRange(errors, retries, 'maximumRetryAttempts', limits.asyncRetries);
  const age = input['MaximumEventAgeInSeconds'];
  if (hasAge) checkRange(errors, age, 'maximumEventAgeInSeconds', limits.asyncEventAge);
  errors.throwIfAny();
  const destinations = hasDest
    ? validateDestinationConfig(input['DestinationConfig'] as never, arnOf(ctx, fn.latest.FunctionName), (arn) => functionExists(ctx, arn))
    : undefined;
  // Lambda sends to destinations as the function's execution role, and checks now that it may.
  const role = versionConfig(fn, q)?.Role ?? fn.latest.Role;
  for (const target of [destinations?.OnSuccess, destinations?.OnFailure]) if (target) checkDestinationPermission(ctx, role, fn.latest.FunctionName, target);
  const base: EventInvokeConfigRecord = merge && existing ? existing : { Destinations: {}, LastModified: 0 };
  const record: EventInvokeConfigRecord = {
    ...(hasRetry ? { MaximumRetryAttempts: retries as number } : base.MaximumRetryAttempts !== undefined ? { MaximumRetryAttempts: base.MaximumRetryAttempts } : {}),
    ...(hasAge ? { MaximumEventAgeInSeconds: age as number } : base.MaximumEventAgeInSeconds !== undefined ? { MaximumEventAgeInSeconds: base.MaximumEventAgeInSeconds } : {}),
    Destinations: destinations ?? base.Destinations,
    LastModified: Math.floor(ctx.clock.now() / 1000),
  };
  fn.eventInvokeConfigs[q] = record;
  return eventConfigView(ctx, fn, q, record);
}

export function getFunctionEventInvokeConfig(ctx: ServiceContext, name: string, qualifier?: string): Json {
  const { fn, qualifier: q } = eventConfigTarget(ctx, name, qualifier, true);
  const record = fn.eventInvokeConfigs[q];
  if (!record) throw noEventInvokeConfig(ctx, fn.latest.FunctionName, q);
  return eventConfigView(ctx, fn, q, record);
}

export function deleteFunctionEventInvokeConfig(ctx: ServiceContext, name: string, qualifier?: string): void {
  const { fn, qualifier: q } = eventConfigTarget(ctx, name, qualifier, true);
  if (!fn.eventInvokeConfigs[q]) throw noEventInvokeConfig(ctx, fn.latest.FunctionName, q);
  delete fn.eventInvokeConfigs[q];
}

export function listFunctionEventInvokeConfigs(ctx: ServiceContext, name: string, input: PageRequest): Json {
  const fn = unqualifiedFunction(ctx, name, 'eventConfig');
  const all = Object.entries(fn.eventInvokeConfigs);
  return listResponse('FunctionEventInvokeConfigs', all, input.Marker, input.MaxItems, ([q, r]) => eventConfigView(ctx, fn, q, r));
}

/** The async settings that apply to an invocation made with `qualifier`. */
export function eventInvokeSettings(ctx: ServiceContext, functionName: string, qualifier: string): EventInvokeSettings {
  const fn = ctx.state.functions[functionName];
  const record = fn?.eventInvokeConfigs[qualifier];
  const config = fn ? versionConfig(fn, qualifier) : undefined;
  return {
    ...(config ? { role: config.Role } : {}),
    retries: record?.MaximumRetryAttempts ?? limits.asyncRetries.default,
    maxAgeMs: (record?.MaximumEventAgeInSeconds ?? limits.asyncEventAge.default) * 1000,
    ...(record?.Destinations.OnSuccess ? { onSuccess: record.Destinations.OnSuccess } : {}),
    ...(record?.Destinations.OnFailure ? { onFailure: record.Destinations.OnFailure } : {}),
    ...(config?.DeadLetterTargetArn ? { deadLetter: config.DeadLetterTargetArn } : {}),
  };
}

/** The configuration of the version a qualifier runs: an alias resolves to its primary version. */
function versionConfig(fn: FunctionRecord, qualifier: string): VersionConfig {
  const version = fn.aliases[qualifier]?.FunctionVersion ?? qualifier;
  return version === LATEST ? fn.latest : (fn.versions[version] ?? fn.latest);
}

function noEventInvokeConfig(ctx: ServiceContext, functionName: string, qualifier: string) {
  return notFound(`The function ${arnOf(ctx, functionName, qualifier)} doesn't have an EventInvokeConfig`);
}

/** `value` must be a number within `range`; the message names the bound it missed. */
function checkRange(errors: ValidationErrors, value: unknown, field: string, range: { min: number; max: number }): void {
  if (typeof value === 'number' && !(value < range.min || value > range.max)) return;
  errors.add(
    quote(String(value)),
    field,
    typeof value === 'number' && value < range.min ? `Member must have value greater than or equal to ${range.min}` : `Member must have value less than or equal to ${range.max}`,
  );
}

/** The function and qualifier a config belongs to; Get and Delete (`lookupOnly`) report a missing one as a missing config. */
function eventConfigTarget(ctx: ServiceContext, name: string, qualifierParam: string | undefined, lookupOnly = false): { fn: FunctionRecord; qualifier: string } {
  const ref = parseFunctionRef(name, qualifierParam, ctx.region);
  const fn = ctx.state.functions[ref.name];
  const q = ref.qualifier ?? LATEST;
  if (!fn || (q !== LATEST && !fn.versions[q] && !fn.aliases[q])) {
    if (lookupOnly) throw noEventInvokeConfig(ctx, ref.name, q);
    throw notFound("The function doesn't exist.");
  }
  return { fn, qualifier: q };
}

function eventConfigView(ctx: ServiceContext, fn: FunctionRecord, qualifier: string, r: EventInvokeConfigRecord): Json {
  return {
    DestinationConfig: {
      OnFailure: r.Destinations.OnFailure ? { Destination: r.Destinations.OnFailure } : {},
      OnSuccess: r.Destinations.OnSuccess ? { Destination: r.Destinations.OnSuccess } : {},
    },
    FunctionArn: arnOf(ctx, fn.latest.FunctionName, qualifier),
    LastModified: r.LastModified,
    ...(r.MaximumEventAgeInSeconds !== undefined ? { MaximumEventAgeInSeconds: r.MaximumEventAgeInSeconds } : {}),
    ...(r.MaximumRetryAttempts !== undefined ? { MaximumRetryAttempts: r.MaximumRetryAttempts } : {}),
  };
}
