/** Aliases: CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases, and weighted routing between two versions. */
import { ALIAS_NAME_PATTERN, LATEST, parseFunctionRef } from './arn.ts';
import { arnOf, stringField, unqualifiedFunction, type Json, type ServiceContext, type Target } from './context.ts';
import { checkRevisionId, conflict, functionNotFound, invalidParameter, invalidParameterUntyped, notFound, quote, validationError } from './errors.ts';
import { listResponse, type PageRequest } from './pagination.ts';
import type { AliasRecord, FunctionRecord, VersionConfig } from './state.ts';

const ALIAS_NAME_MAX = 128;
const ALIAS_NAME_RE = new RegExp(`^(?:${ALIAS_NAME_PATTERN})$`);

export function createAlias(ctx: ServiceContext, name: string, input: Json): Json {
  const ref = parseFunctionRef(name, undefined, ctx.region);
  if (!ctx.state.functions[ref.name] && ref.qualifier === undefined) {
    throw functionNotFound(arnOf(ctx, ref.name, stringField(input, 'FunctionVersion')));
  }
  const fn = unqualifiedFunction(ctx, name, 'alias');
  const aliasName = String(input['Name'] ?? '');
  checkAliasName(aliasName);
  const version = String(input['FunctionVersion'] ?? '');
  const weights = checkRouting(ctx, fn, version, input['RoutingConfig']);
  if (fn.aliases[aliasName]) throw conflict(`Alias already exists: ${arnOf(ctx, fn.latest.FunctionName, aliasName)}`);
  const alias = aliasRecord(ctx, aliasName, version, stringField(input, 'Description') ?? '', weights);
  fn.aliases[aliasName] = alias;
  return aliasView(ctx, fn, alias);
}

export function getAlias(ctx: ServiceContext, name: string, aliasName: string): Json {
  const fn = unqualifiedFunction(ctx, name, 'alias');
  const alias = fn.aliases[aliasName];
  if (!alias) throw notFound(`Cannot find alias arn: ${arnOf(ctx, fn.latest.FunctionName, aliasName)}`);
  return aliasView(ctx, fn, alias);
}

export function updateAlias(ctx: ServiceContext, name: string, aliasName: string, input: Json): Json {
  const fn = unqualifiedFunction(ctx, name, 'alias');
  const alias = fn.aliases[aliasName];
  if (!alias) throw notFound(`Alias not found: ${arnOf(ctx, fn.latest.FunctionName, aliasName)}`);
  checkRevisionId(alias.RevisionId, input['RevisionId']);
  const version = stringField(input, 'FunctionVersion') ?? alias.FunctionVersion;
  const routing = input['RoutingConfig'] !== undefined ? input['RoutingConfig'] : alias.AdditionalVersionWeights ? { AdditionalVersionWeights: alias.AdditionalVersionWeights } : undefined;
  const weights = checkRouting(ctx, fn, version, routing);
  const next = aliasRecord(ctx, alias.Name, version, stringField(input, 'Description') ?? alias.Description, weights);
  fn.aliases[aliasName] = next;
  return aliasView(ctx, fn, next);
}

export function deleteAlias(ctx: ServiceContext, name: string, aliasName: string): void {
  const fn = unqualifiedFunction(ctx, name, 'alias');
  delete fn.aliases[aliasName];
  // An alias's event invoke config and resource policy go with it.
  delete fn.eventInvokeConfigs[aliasName];
  delete fn.policies[aliasName];
}

export function listAliases(ctx: ServiceContext, name: string, input: PageRequest & { FunctionVersion?: string }): Json {
  const fn = unqualifiedFunction(ctx, name, 'alias');
  const all = Object.values(fn.aliases)
    .filter((a) => input.FunctionVersion === undefined || a.FunctionVersion === input.FunctionVersion)
    .sort((a, b) => (a.Name < b.Name ? -1 : 1));
  return listResponse('Aliases', all, input.Marker, input.MaxItems, (a) => aliasView(ctx, fn, a));
}

/** Weighted alias routing: with weight w the additional version runs when routingRandom() < w. */
export function pickVersion(ctx: ServiceContext, target: Target): VersionConfig {
  const alias = target.fn.aliases[target.qualifier];
  if (!alias?.AdditionalVersionWeights) return target.config;
  const [extra, weight] = Object.entries(alias.AdditionalVersionWeights)[0] ?? [];
  if (extra === undefined || weight === undefined) return target.config;
  const other = target.fn.versions[extra];
  return other && ctx.routingRandom() < weight ? other : target.config;
}

function checkAliasName(aliasName: string): void {
  if (!ALIAS_NAME_RE.test(aliasName) || aliasName.length > ALIAS_NAME_MAX) {
    throw validationError(quote(aliasName), 'name', `Member must satisfy regular expression pattern: ${ALIAS_NAME_PATTERN}`);
  }
}

/** RoutingConfig checks in Lambda's order; returns the weights to store, if any. */
function checkRouting(ctx: ServiceContext, fn: FunctionRecord, version: string, routing: unknown): Record<string, number> | undefined {
  const weightsIn = (routing as Json | undefined)?.['AdditionalVersionWeights'] as Record<string, unknown> | undefined;
  const entries = weightsIn && typeof weightsIn === 'object' ? Object.entries(weightsIn) : [];
  const shown = `'{${entries.map(([k, v]) => `${k}=${Number(v).toFixed(1)}`).join(', ')}}'`;
  const field = 'routingConfig.additionalVersionWeights';
  if (entries.some(([k]) => !/^[0-9]+$/.test(k))) {
    throw validationError(shown, field, 'Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]');
  }
  if (entries.some(([, w]) => typeof w !== 'number' || w < 0 || w > 1)) {
    throw validationError(shown, field, 'Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]');
  }
  if (entries.length > 1) throw invalidParameter('Number of items in AdditionalVersionWeights cannot be greater than 1');
  if (version !== LATEST && !fn.versions[version]) throw functionNotFound(arnOf(ctx, fn.latest.FunctionName, version));
  if (entries.length === 0) return undefined;
  if (version === LATEST) throw invalidParameterUntyped('$LATEST is not supported for an alias pointing to more than 1 version');
  const [extra, weight] = entries[0]!;
  if (extra === version) throw invalidParameter(`Invalid function version ${extra}. Function version ${extra} is already included in routing configuration.`);
  if (!fn.versions[extra]) throw functionNotFound(arnOf(ctx, fn.latest.FunctionName, extra));
  return { [extra]: weight as number };
}

/** A new revision of an alias. */
function aliasRecord(ctx: ServiceContext, name: string, version: string, description: string, weights: Record<string, number> | undefined): AliasRecord {
  return {
    Name: name,
    FunctionVersion: version,
    Description: description,
    ...(weights ? { AdditionalVersionWeights: weights } : {}),
    RevisionId: ctx.uuid(),
  };
}

function aliasView(ctx: ServiceContext, fn: FunctionRecord, a: AliasRecord): Json {
  return {
    AliasArn: arnOf(ctx, fn.latest.FunctionName, a.Name),
    Description: a.Description,
    FunctionVersion: a.FunctionVersion,
    Name: a.Name,
    RevisionId: a.RevisionId,
    ...(a.AdditionalVersionWeights ? { RoutingConfig: { AdditionalVersionWeights: a.AdditionalVersionWeights } } : {}),
  };
}
