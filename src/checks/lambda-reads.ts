/**
 * The reads checks share, each turning Lambda's answers into plain values and a missing resource
 * into a CheckFailure that says what was expected.
 */
import {
  GetFunctionCommand,
  GetPolicyCommand,
  InvokeCommand,
  ListVersionsByFunctionCommand,
  type FunctionConfiguration,
  type GetFunctionCommandOutput,
} from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { CheckContext } from './types.ts';
import { CheckFailure } from './verdict.ts';
import type { FileMap } from './zip.ts';

function errorName(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'name' in err ? String((err as { name: unknown }).name) : undefined;
}

export function isNotFound(err: unknown): boolean {
  return errorName(err) === 'ResourceNotFoundException';
}

/** GetFunction; a missing function (or qualifier) becomes a CheckFailure naming what to create. */
export async function getFunction(ctx: CheckContext, name: string, qualifier?: string, howToCreate = ''): Promise<GetFunctionCommandOutput> {
  try {
    return await ctx.lambda.send(new GetFunctionCommand({ FunctionName: name, Qualifier: qualifier }));
  } catch (err) {
    if (!isNotFound(err)) throw err;
    const what = qualifier === undefined ? `a function named ${name}` : `${name}:${qualifier}`;
    throw new CheckFailure(`Expected ${what}, but Lambda answered ResourceNotFoundException.${howToCreate ? ` ${howToCreate}` : ''}`, { expected: what, got: 'ResourceNotFoundException (no such function)' });
  }
}

export function configuration(output: GetFunctionCommandOutput): FunctionConfiguration {
  return output.Configuration ?? {};
}

/** The deployed code of a function (or one of its versions), unzipped. */
export async function functionCode(ctx: CheckContext, output: GetFunctionCommandOutput): Promise<FileMap> {
  const location = output.Code?.Location;
  if (location === undefined) throw new CheckFailure(`GetFunction returned no Code.Location for ${output.Configuration?.FunctionName ?? 'the function'}, so its code cannot be read.`, { expected: 'Code.Location in GetFunction', got: 'none' });
  return ctx.downloadZip(location);
}

export interface Invocation {
  /** The response body as text. */
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  functionError: string | undefined;
  executedVersion: string | undefined;
}

export async function invoke(ctx: CheckContext, name: string, event: unknown = {}, qualifier?: string): Promise<Invocation> {
  const output = await ctx.lambda.send(
    new InvokeCommand({ FunctionName: name, Qualifier: qualifier, Payload: new TextEncoder().encode(JSON.stringify(event)) }),
  );
  const text = output.Payload === undefined ? '' : new TextDecoder().decode(output.Payload);
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = undefined;
  }
  return { text, json, functionError: output.FunctionError, executedVersion: output.ExecutedVersion };
}

/** A one-line description of a failed invocation, from Lambda's error document. */
export function describeFunctionError(invocation: Invocation): string {
  const doc = invocation.json as { errorType?: unknown; errorMessage?: unknown } | undefined;
  if (doc && typeof doc === 'object' && typeof doc.errorType === 'string') {
    return `the function failed with ${doc.errorType}: ${String(doc.errorMessage)}`;
  }
  return `the function failed (${invocation.functionError ?? 'error'}): ${invocation.text.slice(0, 200)}`;
}

/** The numbered versions of a function, oldest first ($LATEST left out). */
export async function publishedVersions(ctx: CheckContext, name: string): Promise<FunctionConfiguration[]> {
  const versions: FunctionConfiguration[] = [];
  let marker: string | undefined;
  do {
    const page = await ctx.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: name, Marker: marker }));
    versions.push(...(page.Versions ?? []).filter((v) => v.Version !== '$LATEST'));
    marker = page.NextMarker;
  } while (marker);
  return versions.sort((a, b) => Number(a.Version) - Number(b.Version));
}

/** Shows a value as the learner would write it, shortened. */
export function show(value: unknown): string {
  const json = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value ?? null);
  return json.length > 160 ? `${json.slice(0, 157)}...` : json;
}

/** Whether two JSON values are equal, whatever the order of their keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, canonical(v)]))
      : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** One statement of a function's resource-based policy, as GetPolicy returns it. */
export interface ResourceStatement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** The statements of a function's resource-based policy (of `qualifier`'s, when given); none when it has no policy. */
export async function functionPolicy(ctx: Pick<CheckContext, 'lambda'>, name: string, qualifier?: string): Promise<ResourceStatement[]> {
  try {
    const policy = await ctx.lambda.send(new GetPolicyCommand({ FunctionName: name, ...(qualifier ? { Qualifier: qualifier } : {}) }));
    const parsed = JSON.parse(policy.Policy ?? '{}') as { Statement?: ResourceStatement | ResourceStatement[] };
    return parsed.Statement === undefined ? [] : Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

/** A condition value as Lambda stores it: a string, or a one-element list; operator and key match case-insensitively. */
export function conditionValue(s: ResourceStatement, operator: string, key: string): string | undefined {
  const block = Object.entries(s.Condition ?? {}).find(([op]) => op.toLowerCase() === operator.toLowerCase())?.[1];
  const pairs = Object.entries(block ?? {}).find(([k]) => k.toLowerCase() === key.toLowerCase());
  const value = Array.isArray(pairs?.[1]) ? (pairs[1] as unknown[])[0] : pairs?.[1];
  return typeof value === 'string' ? value : undefined;
}

/** The service a statement lets in (`s3.amazonaws.com`), if its principal is a service. */
export function servicePrincipal(s: ResourceStatement): string | undefined {
  const principal = s.Principal;
  if (typeof principal !== 'object' || principal === null) return undefined;
  const service = (principal as Record<string, unknown>)['Service'];
  return typeof service === 'string' ? service : undefined;
}

/**
 * The first text in a log group that `pattern` finds, among the events CloudWatch Logs' filter
 * pattern lets through (`"AccessDenied"`); undefined when none does or the group does not exist.
 */
export async function findInLogs(ctx: CheckContext, group: string, filterPattern: string, pattern: RegExp): Promise<string | undefined> {
  let token: string | undefined;
  try {
    do {
      const page = await ctx.logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern, nextToken: token }));
      for (const event of page.events ?? []) {
        const found = pattern.exec(event.message ?? '');
        if (found) return found[0];
      }
      token = page.nextToken;
    } while (token !== undefined && !ctx.signal.aborted);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  return undefined;
}
