/**
 * Tags on functions: TagResource, UntagResource, ListTags, and `Tags` on CreateFunction. Tags
 * belong to the function itself (never a version or alias), at most 50, and a change to them is a
 * change to the function: its RevisionId moves, as the recordings show.
 */
import { ValidationErrors, functionNotFound, invalidParameter, quote } from './errors.ts';
import { arnOf, type Json, type ServiceContext } from './context.ts';
import type { FunctionRecord } from './state.ts';

/** Lambda's per-resource tag limit. */
export const MAX_TAGS = 50;

/** The resources Lambda's tagging operations accept, from its model (recorded in the validation message). */
const RESOURCE_PATTERN =
  'arn:(aws[a-zA-Z-]*):lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:([a-zA-Z0-9-_]+)|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)';
const RESOURCE_RE = new RegExp(`^(?:${RESOURCE_PATTERN})$`);
const FUNCTION_ARN_RE = /^arn:[^:]+:lambda:([^:]+):(\d{12}):function:([a-zA-Z0-9-_]+)(?::(.+))?$/;

const tooMany = () => invalidParameter('Number of tags exceeds resource tag limit.');

/** The function a tagging call names by ARN, with Lambda's error for each way it can be wrong. */
function taggedFunction(ctx: ServiceContext, resource: string): FunctionRecord {
  if (!RESOURCE_RE.test(resource)) {
    const errors = new ValidationErrors();
    errors.add(quote(resource), 'resource', `Member must satisfy regular expression pattern: ${RESOURCE_PATTERN}`);
    errors.throwIfAny();
  }
  const m = FUNCTION_ARN_RE.exec(resource);
  // Layers, code signing configs, event source mappings and capacity providers are valid ARNs the emulator does not tag.
  if (!m) throw invalidParameter(`The Lambda Workbook emulator tags functions only, not ${resource.split(':')[5]} resources.`);
  const [, region, account, name, qualifier] = m;
  if (qualifier !== undefined) throw invalidParameter('Tags on function aliases and versions are not supported. Please specify a function ARN.');
  const fn = region === ctx.region && account === ctx.accountId ? ctx.state.functions[name!] : undefined;
  if (!fn) throw functionNotFound(arnOf(ctx, name!));
  return fn;
}

/** A `Tags` map as given: string keys and values, within the limit. */
export function tagsOf(input: unknown): Record<string, string> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw invalidParameter('An error occurred and the request cannot be processed.');
  const tags = Object.entries(input as Json);
  if (tags.length > MAX_TAGS) throw tooMany();
  const errors = new ValidationErrors();
  for (const [k, v] of tags) {
    if (k.length < 1 || k.length > 128) errors.add(quote(k), 'tags', 'Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]');
    if (typeof v !== 'string' || v.length > 256) errors.add(quote(String(v)), 'tags', 'Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]');
  }
  errors.throwIfAny();
  return Object.fromEntries(tags) as Record<string, string>;
}

export function tagResource(ctx: ServiceContext, resource: string, input: Json): void {
  const fn = taggedFunction(ctx, resource);
  if (input['Tags'] === undefined || input['Tags'] === null) {
    const errors = new ValidationErrors();
    errors.add('null', 'tags', 'Member must not be null');
    errors.throwIfAny();
  }
  const tags = tagsOf(input['Tags']);
  if (Object.keys(tags).length === 0) throw invalidParameter('An error occurred and the request cannot be processed.');
  const merged = { ...fn.tags, ...tags };
  if (Object.keys(merged).length > MAX_TAGS) throw tooMany();
  for (const [k, v] of Object.entries(tags)) fn.tags[k] = v;
  fn.latest.RevisionId = ctx.uuid();
}

export function untagResource(ctx: ServiceContext, resource: string, tagKeys: string[] | undefined): void {
  const fn = taggedFunction(ctx, resource);
  if (!tagKeys || tagKeys.length === 0) {
    const errors = new ValidationErrors();
    errors.add('null', 'tagKeys', 'Member must not be null');
    errors.throwIfAny();
  }
  for (const k of tagKeys!) delete fn.tags[k];
  fn.latest.RevisionId = ctx.uuid();
}

export function listTags(ctx: ServiceContext, resource: string): Json {
  return { Tags: { ...taggedFunction(ctx, resource).tags } };
}
