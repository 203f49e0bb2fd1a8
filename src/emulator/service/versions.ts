/** Versions: PublishVersion, ListVersionsByFunction, and publishing from $LATEST (also CreateFunction/UpdateFunctionCode with Publish). */
import { isoMillis } from './clock.ts';
import { stringField, unqualifiedFunction, type Json, type ServiceContext } from './context.ts';
import { checkRevisionId, invalidParameter } from './errors.ts';
import { configView, listView } from './function-configuration.ts';
import { listResponse, type PageRequest } from './pagination.ts';
import type { FunctionRecord, VersionConfig } from './state.ts';

export function publishVersion(ctx: ServiceContext, name: string, input: Json): Json {
  const fn = unqualifiedFunction(ctx, name, 'publish');
  if (typeof input['CodeSha256'] === 'string' && input['CodeSha256'] !== fn.latest.CodeSha256) {
    throw invalidParameter(
      `CodeSHA256 (${input['CodeSha256']}) is different from current CodeSHA256 in $LATEST (${fn.latest.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  checkRevisionId(fn.latest.RevisionId, input['RevisionId']);
  const config = publish(ctx, fn, stringField(input, 'Description'));
  return configView(ctx, config, config.Version);
}

export function listVersionsByFunction(ctx: ServiceContext, name: string, input: PageRequest): Json {
  const fn = unqualifiedFunction(ctx, name, 'publish');
  return listResponse('Versions', allVersions(fn), input.Marker, input.MaxItems, (c) => listView(ctx, c, c.Version));
}

/** Snapshots $LATEST as the next version, unless $LATEST has not changed since the last one. */
export function publish(ctx: ServiceContext, fn: FunctionRecord, description: string | undefined): VersionConfig {
  const last = fn.lastPublishedFrom;
  if (last && last.revisionId === fn.latest.RevisionId && fn.versions[last.version]) {
    return fn.versions[last.version]!;
  }
  const version = String(fn.nextVersion++);
  const config: VersionConfig = {
    ...structuredClone(fn.latest),
    Version: version,
    Description: description ?? fn.latest.Description,
    LastModified: isoMillis(ctx.clock.now()),
    RevisionId: ctx.uuid(),
  };
  fn.versions[version] = config;
  fn.lastPublishedFrom = { revisionId: fn.latest.RevisionId, version };
  return config;
}

/** $LATEST, then the published versions in order. */
export function allVersions(fn: FunctionRecord): VersionConfig[] {
  return [fn.latest, ...Object.values(fn.versions).sort((a, b) => Number(a.Version) - Number(b.Version))];
}
