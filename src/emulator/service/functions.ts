/** Functions: CreateFunction, GetFunction(Configuration), UpdateFunctionCode/Configuration, DeleteFunction, ListFunctions. */
import { limits } from '../limits.ts';
import { FUNCTION_NAME_MAX, LATEST, checkCreateFunctionName, parseFunctionRef, type FunctionRef } from './arn.ts';
import { isoMillis } from './clock.ts';
import { arnOf, resolveTarget, stringField, unqualifiedFunction, type Json, type ServiceContext } from './context.ts';
import { dict, toDict } from './dict.ts';
import { ValidationErrors, checkRevisionId, conflict, functionNotFound, invalidParameter, quote, validationError } from './errors.ts';
import { configView, inProgress, listView } from './function-configuration.ts';
import { listResponse, type PageRequest } from './pagination.ts';
import type { FunctionRecord, VersionConfig } from './state.ts';
import { tagsOf } from './tags.ts';
import { mergeLoggingConfig } from './logging-config.ts';
import { checkRuntimeUpdatable, validateEnvironment, validateModel, validateRuntime } from './validation.ts';
import { allVersions, publish } from './versions.ts';
import { checkDeadLetterPermission, checkExecutionRole } from './execution-role.ts';

export async function createFunction(ctx: ServiceContext, input: Json): Promise<Json> {
  const missing = new ValidationErrors();
  for (const [key, field] of [['Code', 'code'], ['FunctionName', 'functionName'], ['Role', 'role']] as const) {
    if (input[key] === undefined || input[key] === null) missing.add('null', field, 'Member must not be null');
  }
  missing.throwIfAny();
  const ref = refForCreate(ctx, String(input['FunctionName']));
  validateModel(input);
  const runtime = validateRuntime(input['Runtime'], 'create', ctx.clock.now());
  if (typeof input['Handler'] !== 'string') throw invalidParameter('Handler is required for .zip file deployment packages.');
  // Lambda reports Environment only once one was given (even an empty one).
  const environment = input['Environment'] !== undefined ? validateEnvironment(input['Environment']) : undefined;
  const layerVersions = ctx.layers.resolveForFunction(input['Layers']);
  const dlq = deadLetterTarget(input['DeadLetterConfig']);
  const tags = input['Tags'] === undefined || input['Tags'] === null ? {} : tagsOf(input['Tags']);
  const logging = mergeLoggingConfig(undefined, input['LoggingConfig']);
  const alreadyExists = () => conflict(`Function already exist: ${ref.name}`);
  if (ctx.state.functions[ref.name]) throw alreadyExists();
  checkExecutionRole(ctx, String(input['Role']));
  if (dlq) checkDeadLetterPermission(ctx, String(input['Role']), ref.name, dlq);
  const stored = await ctx.storeCode(input['Code'] as Json | undefined);
  checkUnzippedTotal(stored.unzippedSize, layerVersions.map((l) => l.UnzippedSize));
  // Hashing the zip awaited: a concurrent CreateFunction of the same name may have won meanwhile.
  if (ctx.state.functions[ref.name]) throw alreadyExists();
  const config: VersionConfig = {
    FunctionName: ref.name,
    Version: LATEST,
    Runtime: runtime,
    Role: String(input['Role']),
    Handler: input['Handler'],
    Description: stringField(input, 'Description') ?? '',
    Timeout: typeof input['Timeout'] === 'number' ? input['Timeout'] : limits.timeout.default,
    MemorySize: typeof input['MemorySize'] === 'number' ? input['MemorySize'] : limits.memory.default,
    EphemeralStorageSize: Number((input['EphemeralStorage'] as Json | undefined)?.['Size'] ?? limits.ephemeralStorage.default),
    ...(environment ? { Environment: environment } : {}),
    Architectures: Array.isArray(input['Architectures']) ? input['Architectures'].map(String) : ['x86_64'],
    Layers: layerVersions.length > 0 ? (input['Layers'] as unknown[]).map(String) : [],
    TracingMode: (input['TracingConfig'] as Json | undefined)?.['Mode'] === 'Active' ? 'Active' : 'PassThrough',
    ...(dlq ? { DeadLetterTargetArn: dlq } : {}),
    CodeSha256: stored.sha,
    CodeSize: stored.size,
    LastModified: isoMillis(ctx.clock.now()),
    RevisionId: ctx.uuid(),
    State: 'Active',
    ...(logging ? { LoggingConfig: logging } : {}),
  };
  const fn: FunctionRecord = { latest: config, versions: dict(), nextVersion: 1, aliases: dict(), eventInvokeConfigs: dict(), policies: dict(), urlConfigs: dict(), tags: toDict(tags), provisionedConcurrency: dict() };
  ctx.state.functions[ref.name] = fn;
  const view = configView(ctx, config, undefined);
  // Lambda answers CreateFunction while the function is still Pending; it is Active right after.
  const created: Json = { ...view, State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' };
  delete created['LastUpdateStatus'];
  if (input['Publish'] === true) publish(ctx, fn, undefined);
  return created;
}

export function getFunction(ctx: ServiceContext, name: string, qualifier?: string): Json {
  const target = resolveTarget(ctx, name, qualifier, 'get');
  const out: Json = {
    Code: { Location: ctx.codeLocation(target.config.CodeSha256), RepositoryType: 'S3' },
    Configuration: configView(ctx, target.config, target.qualified ? target.qualifier : undefined),
  };
  // Tags are the function's: GetFunction shows them (when there are any) whatever the qualifier.
  if (Object.keys(target.fn.tags).length > 0) out['Tags'] = { ...target.fn.tags };
  const reserved = target.fn.reservedConcurrency;
  if (reserved !== undefined) out['Concurrency'] = { ReservedConcurrentExecutions: reserved };
  return out;
}

export function getFunctionConfiguration(ctx: ServiceContext, name: string, qualifier?: string): Json {
  const target = resolveTarget(ctx, name, qualifier, 'get');
  return configView(ctx, target.config, target.qualified ? target.qualifier : undefined);
}

export async function updateFunctionCode(ctx: ServiceContext, name: string, input: Json): Promise<Json> {
  const fn = unqualifiedFunction(ctx, name);
  checkRevisionId(fn.latest.RevisionId, input['RevisionId']);
  if (input['Architectures'] !== undefined) validateModel({ Architectures: input['Architectures'] });
  checkRuntimeUpdatable(fn.latest.Runtime, ctx.clock.now());
  const stored = await ctx.storeCode(input);
  const layerSizes = fn.latest.Layers.map((arn) => ctx.layers.versionByArn(arn)?.UnzippedSize ?? 0);
  checkUnzippedTotal(stored.unzippedSize, layerSizes);
  if (input['DryRun'] === true) return { ...configView(ctx, fn.latest, undefined), CodeSha256: stored.sha, CodeSize: stored.size };
  fn.latest = {
    ...fn.latest,
    CodeSha256: stored.sha,
    CodeSize: stored.size,
    ...(Array.isArray(input['Architectures']) ? { Architectures: input['Architectures'].map(String) } : {}),
    LastModified: isoMillis(ctx.clock.now()),
    RevisionId: ctx.uuid(),
  };
  ctx.pool.retire(fn.latest.FunctionName, LATEST);
  if (input['Publish'] === true) publish(ctx, fn, undefined);
  return inProgress(configView(ctx, fn.latest, undefined));
}

export function updateFunctionConfiguration(ctx: ServiceContext, name: string, input: Json): Json {
  const fn = unqualifiedFunction(ctx, name);
  checkRevisionId(fn.latest.RevisionId, input['RevisionId']);
  validateModel(input);
  const next: VersionConfig = { ...fn.latest };
  // Moving to a supported runtime is the way off a blocked one; staying on it is refused.
  if (input['Runtime'] !== undefined) next.Runtime = validateRuntime(input['Runtime'], 'update', ctx.clock.now());
  else checkRuntimeUpdatable(fn.latest.Runtime, ctx.clock.now());
  if (input['Environment'] !== undefined) next.Environment = validateEnvironment(input['Environment']);
  if (input['Layers'] !== undefined) {
    const versions = ctx.layers.resolveForFunction(input['Layers']);
    checkUnzippedTotal(ctx.code.unzippedSize(fn.latest.CodeSha256), versions.map((v) => v.UnzippedSize));
    next.Layers = (input['Layers'] as unknown[]).map(String);
  }
  if (input['DeadLetterConfig'] !== undefined) {
    const dlq = deadLetterTarget(input['DeadLetterConfig']);
    if (dlq) next.DeadLetterTargetArn = dlq;
    else delete next.DeadLetterTargetArn;
  }
  if (typeof input['Role'] === 'string') {
    checkExecutionRole(ctx, input['Role']);
    next.Role = input['Role'];
  }
  // The dead-letter queue is checked against the role the function will have, when either changes.
  if (next.DeadLetterTargetArn && (input['DeadLetterConfig'] !== undefined || typeof input['Role'] === 'string')) {
    checkDeadLetterPermission(ctx, next.Role, fn.latest.FunctionName, next.DeadLetterTargetArn);
  }
  if (typeof input['Handler'] === 'string') next.Handler = input['Handler'];
  if (typeof input['Description'] === 'string') next.Description = input['Description'];
  if (typeof input['Timeout'] === 'number') next.Timeout = input['Timeout'];
  if (typeof input['MemorySize'] === 'number') next.MemorySize = input['MemorySize'];
  const storage = (input['EphemeralStorage'] as Json | undefined)?.['Size'];
  if (typeof storage === 'number') next.EphemeralStorageSize = storage;
  const mode = (input['TracingConfig'] as Json | undefined)?.['Mode'];
  if (mode === 'Active' || mode === 'PassThrough') next.TracingMode = mode;
  const logging = mergeLoggingConfig(fn.latest.LoggingConfig, input['LoggingConfig']);
  if (logging) next.LoggingConfig = logging;
  next.LastModified = isoMillis(ctx.clock.now());
  next.RevisionId = ctx.uuid();
  fn.latest = next;
  ctx.pool.retire(next.FunctionName, LATEST);
  return inProgress(configView(ctx, fn.latest, undefined));
}

export function deleteFunction(ctx: ServiceContext, name: string, qualifier?: string): void {
  const ref = parseFunctionRef(name, qualifier, ctx.region);
  const fn = ctx.state.functions[ref.name];
  if (!fn) throw functionNotFound(arnOf(ctx, ref.name));
  if (ref.qualifier === undefined) {
    delete ctx.state.functions[ref.name];
    ctx.pool.retireFunction(ref.name);
    return;
  }
  const version = ref.qualifier;
  if (version === LATEST) throw invalidParameter('$LATEST version cannot be deleted without deleting the function.');
  if (!/^\d+$/.test(version)) throw invalidParameter('Deletion of aliases is not currently supported.');
  const usedBy = Object.values(fn.aliases).find((a) => a.FunctionVersion === version || a.AdditionalVersionWeights?.[version] !== undefined);
  if (usedBy) {
    throw conflict(`Unable to delete version because the following aliases reference it: [${usedBy.Name}]`);
  }
  delete fn.versions[version];
  // A version's resource policy goes with it.
  delete fn.policies[version];
  ctx.pool.retire(ref.name, version);
}

export function listFunctions(ctx: ServiceContext, input: PageRequest & { FunctionVersion?: string }): Json {
  if (input.FunctionVersion !== undefined && input.FunctionVersion !== 'ALL') {
    throw validationError(quote(input.FunctionVersion), 'functionVersion', 'Member must satisfy enum value set: [ALL]');
  }
  const all = input.FunctionVersion === 'ALL';
  const configs = Object.keys(ctx.state.functions)
    .sort()
    .flatMap((name) => {
      const fn = ctx.state.functions[name]!;
      return all ? allVersions(fn) : [fn.latest];
    });
  return listResponse('Functions', configs, input.Marker, input.MaxItems, (c) => listView(ctx, c, all ? c.Version : undefined));
}

/** CreateFunction's name: its own pattern (no dots), no qualifier, and at most FUNCTION_NAME_MAX characters. */
function refForCreate(ctx: ServiceContext, raw: string): FunctionRef {
  checkCreateFunctionName(raw);
  const ref = parseFunctionRef(raw, undefined, ctx.region);
  if (ref.name.length > FUNCTION_NAME_MAX) {
    throw validationError(quote(ref.name), 'functionName', `Member must have length less than or equal to ${FUNCTION_NAME_MAX}`, 'InvalidParameterValueException');
  }
  if (ref.qualifier !== undefined) {
    throw validationError(quote(raw), 'functionName', 'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)');
  }
  return ref;
}

function checkUnzippedTotal(codeSize: number, layerSizes: number[]): void {
  const total = layerSizes.reduce((a, b) => a + b, codeSize);
  if (total > limits.deploymentPackage.maxUnzippedBytes) {
    throw invalidParameter(`Function code combined with layers exceeds the maximum allowed size of ${limits.deploymentPackage.maxUnzippedBytes} bytes. The actual size is ${total} bytes.`);
  }
}

function deadLetterTarget(config: unknown): string | undefined {
  const target = (config as Json | undefined)?.['TargetArn'];
  if (target === undefined || target === '') return undefined;
  const arn = String(target);
  const service = arn.split(':')[2];
  if (!arn.startsWith('arn:') || (service !== 'sqs' && service !== 'sns')) {
    throw invalidParameter(`The provided target arn ${arn} is invalid. Dead-letter queues can only be Amazon SQS queues or Amazon SNS topics.`);
  }
  return arn;
}
