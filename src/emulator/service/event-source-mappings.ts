/**
 * Event source mappings (Create/Get/Update/Delete/ListEventSourceMappings) for SQS queues, in the
 * shapes and states of the lambda_esm recordings, refused as Lambda refuses them (a role that may
 * not poll, a visibility timeout shorter than the function's timeout). Other sources are refused
 * with what the emulator lacks. The poller that works them is sqs-poller.ts.
 */
import { checkPollerPermissions } from './execution-role.ts';
import { limits } from '../limits.ts';
import { parseEventPattern, InvalidPatternError } from '../patterns/event-pattern.ts';
import { parseFunctionRef } from './arn.ts';
import { arnOf, resolveTarget, type Json, type ServiceContext } from './context.ts';
import { LambdaError, ValidationErrors, conflict, invalidParameter, notFound, quote } from './errors.ts';
import { listResponse, type PageRequest } from './pagination.ts';
import type { EventSourceMappingRecord } from './state.ts';

const { batchSize, batchingWindowSeconds, maximumConcurrency } = limits.eventSourceMapping;
const REPORT_BATCH_ITEM_FAILURES = 'ReportBatchItemFailures';

/** What the emulator calls the sources it does not provide, by the service in their ARN. */
const OTHER_SOURCES: Record<string, string> = {
  kinesis: 'Amazon Kinesis streams',
  dynamodb: 'Amazon DynamoDB streams',
  kafka: 'Amazon MSK (Kafka)',
  mq: 'Amazon MQ brokers',
  rds: 'Amazon DocumentDB streams',
};

/** The state each mutating call answers with while Lambda applies it (recorded). */
type Transition = 'Creating' | 'Updating' | 'Enabling' | 'Disabling' | 'Deleting';

export function mappingArn(ctx: ServiceContext, uuid: string): string {
  return `arn:aws:lambda:${ctx.region}:${ctx.accountId}:event-source-mapping:${uuid}`;
}

function view(ctx: ServiceContext, m: EventSourceMappingRecord, transition?: Transition): Json {
  const state = transition === 'Creating' && !m.Enabled ? 'Disabled' : (transition ?? (m.Enabled ? 'Enabled' : 'Disabled'));
  return {
    UUID: m.UUID,
    BatchSize: m.BatchSize,
    MaximumBatchingWindowInSeconds: m.MaximumBatchingWindowInSeconds,
    EventSourceArn: m.EventSourceArn,
    ...(m.FilterCriteria ? { FilterCriteria: m.FilterCriteria } : {}),
    FunctionArn: arnOf(ctx, m.FunctionName, m.Qualifier),
    LastModified: m.LastModified,
    State: state,
    StateTransitionReason: 'USER_INITIATED',
    FunctionResponseTypes: m.FunctionResponseTypes,
    ...(m.ScalingConfig ? { ScalingConfig: m.ScalingConfig } : {}),
    EventSourceMappingArn: mappingArn(ctx, m.UUID),
  };
}

/** Checks the event source: an existing SQS queue of this account, or a refusal that says why. */
function checkEventSource(ctx: ServiceContext, arn: unknown): string {
  const parts = typeof arn === 'string' ? arn.split(':') : [];
  if (parts[0] !== 'arn' || parts.length < 6) throw invalidParameter('Unrecognized event source, must be kinesis, dynamodb stream or sqs.');
  const service = parts[2]!;
  if (service !== 'sqs') {
    const what = OTHER_SOURCES[service] ?? `'${service}' event sources`;
    throw invalidParameter(`The Lambda Workbook emulator does not provide event source mappings for ${what} yet: only Amazon SQS queues.`);
  }
  if (!ctx.sqs.queueByArn(arn as string)) {
    throw invalidParameter(
      'Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.',
    );
  }
  return arn as string;
}

/**
 * Lambda refuses a queue that would show a message again while the function may still be working
 * on it: the queue's visibility timeout must be at least the function's timeout (AWS advises six times).
 */
function checkVisibilityTimeout(ctx: ServiceContext, queueArn: string, functionTimeout: number): void {
  const visibility = ctx.sqs.queueByArn(queueArn)?.record.attributes.VisibilityTimeout;
  if (visibility !== undefined && visibility < functionTimeout) {
    throw invalidParameter(`Queue visibility timeout: ${visibility} seconds is less than Function timeout: ${functionTimeout} seconds`);
  }
}

/** The function a mapping invokes: it must exist (a version or alias too, when named). */
function checkFunction(ctx: ServiceContext, name: unknown): { FunctionName: string; Qualifier?: string } {
  if (typeof name !== 'string') throw invalidParameter('FunctionName is required.');
  const ref = parseFunctionRef(name, undefined, ctx.region);
  let target: ReturnType<typeof resolveTarget>;
  try {
    target = resolveTarget(ctx, name, undefined, 'invoke');
  } catch (err) {
    // Lambda words it this way for event source mappings (terraform-provider-aws#22373 quotes it).
    if (err instanceof LambdaError && err.code === 'ResourceNotFoundException') throw notFound('Function does not exist');
    throw err;
  }
  return { FunctionName: target.fn.latest.FunctionName, ...(ref.qualifier !== undefined ? { Qualifier: ref.qualifier } : {}) };
}

function checkFilterCriteria(criteria: unknown): EventSourceMappingRecord['FilterCriteria'] {
  // `{}` (or no Filters) clears the filters, as UpdateEventSourceMapping takes it.
  const filters = (criteria as { Filters?: unknown } | null)?.Filters;
  if (filters === undefined) return undefined;
  if (!Array.isArray(filters)) throw invalidParameter('Invalid filter pattern definition.');
  try {
    for (const filter of filters) parseEventPattern((filter as { Pattern?: unknown }).Pattern);
  } catch (err) {
    if (err instanceof InvalidPatternError) throw invalidParameter('Invalid filter pattern definition.');
    throw err;
  }
  return filters.length === 0 ? undefined : { Filters: filters.map((f: { Pattern: string }) => ({ Pattern: f.Pattern })) };
}

/** The settings both Create and Update take, checked as Lambda checks them, over `base`. */
function applySettings(input: Json, base: Omit<EventSourceMappingRecord, 'UUID' | 'EventSourceArn' | 'FunctionName' | 'LastModified'>) {
  const errors = new ValidationErrors();
  /** An integer member within `range` (Lambda's model constraints), or `fallback` when absent. */
  const int = (value: unknown, field: string, range: { min: number; max: number }, fallback: number): number => {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value)) errors.add(quote(String(value)), field, 'Member must be an integer');
    else if (value < range.min) errors.add(quote(String(value)), field, `Member must have value greater than or equal to ${range.min}`);
    else if (value > range.max) errors.add(quote(String(value)), field, `Member must have value less than or equal to ${range.max}`);
    return value as number;
  };
  const size = int(input['BatchSize'], 'batchSize', batchSize, base.BatchSize);
  const window = int(input['MaximumBatchingWindowInSeconds'], 'maximumBatchingWindowInSeconds', batchingWindowSeconds, base.MaximumBatchingWindowInSeconds);
  const givenTypes = input['FunctionResponseTypes'];
  const types = givenTypes === undefined ? base.FunctionResponseTypes : Array.isArray(givenTypes) ? givenTypes.map(String) : [String(givenTypes)];
  for (const t of types) {
    if (t !== REPORT_BATCH_ITEM_FAILURES) errors.add(quote(t), 'functionResponseTypes', `Member must satisfy enum value set: [${REPORT_BATCH_ITEM_FAILURES}]`);
  }
  const scaling = input['ScalingConfig'] as { MaximumConcurrency?: unknown } | undefined;
  const concurrency = scaling === undefined ? undefined : int(scaling.MaximumConcurrency, 'scalingConfig.maximumConcurrency', maximumConcurrency, NaN);
  errors.throwIfAny();
  if (size > batchSize.maxWithoutWindow && window === 0) {
    throw invalidParameter(`Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than ${batchSize.maxWithoutWindow}`);
  }
  const filter = input['FilterCriteria'] === undefined ? base.FilterCriteria : checkFilterCriteria(input['FilterCriteria']);
  const scalingConfig = scaling === undefined ? base.ScalingConfig : Number.isNaN(concurrency) ? undefined : { MaximumConcurrency: concurrency! };
  return {
    BatchSize: size,
    MaximumBatchingWindowInSeconds: window,
    Enabled: input['Enabled'] === undefined ? base.Enabled : input['Enabled'] === true,
    FunctionResponseTypes: [...types],
    ...(filter ? { FilterCriteria: filter } : {}),
    ...(scalingConfig ? { ScalingConfig: scalingConfig } : {}),
  };
}

export function createEventSourceMapping(ctx: ServiceContext, input: Json): Json {
  const source = checkEventSource(ctx, input['EventSourceArn']);
  const fn = checkFunction(ctx, input['FunctionName']);
  const settings = applySettings(input, {
    BatchSize: batchSize.default,
    MaximumBatchingWindowInSeconds: batchingWindowSeconds.default,
    Enabled: true,
    FunctionResponseTypes: [],
  });
  const functionArn = arnOf(ctx, fn.FunctionName, fn.Qualifier);
  const owner = ctx.state.functions[fn.FunctionName];
  const config = owner && fn.Qualifier !== undefined && /^\d+$/.test(fn.Qualifier) ? owner.versions[fn.Qualifier] : owner?.latest;
  if (config) {
    checkPollerPermissions(ctx, config.Role, fn.FunctionName, source);
    checkVisibilityTimeout(ctx, source, config.Timeout);
  }
  const duplicate = Object.values(ctx.state.eventSourceMappings).find((m) => m.EventSourceArn === source && arnOf(ctx, m.FunctionName, m.Qualifier) === functionArn);
  if (duplicate) {
    throw conflict(
      `An event source mapping with SQS arn (" ${source} ") and function (" ${String(input['FunctionName'])} ") already exists. Please update or delete the existing mapping with UUID ${duplicate.UUID}`,
    );
  }
  const record: EventSourceMappingRecord = { UUID: ctx.uuid(), EventSourceArn: source, ...fn, ...settings, LastModified: ctx.clock.now() / 1000 };
  ctx.state.eventSourceMappings[record.UUID] = record;
  return view(ctx, record, 'Creating');
}

function mapping(ctx: ServiceContext, uuid: string): EventSourceMappingRecord {
  const record = ctx.state.eventSourceMappings[uuid];
  if (!record) throw notFound('The resource you requested does not exist.');
  return record;
}

export function getEventSourceMapping(ctx: ServiceContext, uuid: string): Json {
  return view(ctx, mapping(ctx, uuid));
}

export function updateEventSourceMapping(ctx: ServiceContext, uuid: string, input: Json): Json {
  const record = mapping(ctx, uuid);
  const fn = input['FunctionName'] === undefined ? undefined : checkFunction(ctx, input['FunctionName']);
  const { UUID: _u, EventSourceArn: _e, FunctionName: _f, Qualifier: _q, LastModified: _l, ...base } = record;
  const settings = applySettings(input, base);
  const transition: Transition = settings.Enabled === record.Enabled ? 'Updating' : settings.Enabled ? 'Enabling' : 'Disabling';
  const updated: EventSourceMappingRecord = {
    UUID: record.UUID,
    EventSourceArn: record.EventSourceArn,
    ...(fn ?? { FunctionName: record.FunctionName, ...(record.Qualifier !== undefined ? { Qualifier: record.Qualifier } : {}) }),
    ...settings,
    LastModified: ctx.clock.now() / 1000,
  };
  ctx.state.eventSourceMappings[uuid] = updated;
  return view(ctx, updated, transition);
}

export function deleteEventSourceMapping(ctx: ServiceContext, uuid: string): Json {
  const record = mapping(ctx, uuid);
  delete ctx.state.eventSourceMappings[uuid];
  return view(ctx, record, 'Deleting');
}

export function listEventSourceMappings(ctx: ServiceContext, input: PageRequest & { EventSourceArn?: string; FunctionName?: string }): Json {
  const name = input.FunctionName === undefined ? undefined : parseFunctionRef(input.FunctionName, undefined, ctx.region);
  const all = Object.values(ctx.state.eventSourceMappings).filter(
    (m) =>
      (input.EventSourceArn === undefined || m.EventSourceArn === input.EventSourceArn) &&
      (name === undefined || (m.FunctionName === name.name && (name.qualifier === undefined || m.Qualifier === name.qualifier))),
  );
  return listResponse('EventSourceMappings', all, input.Marker, input.MaxItems, (m) => view(ctx, m));
}
