/**
 * Function URLs: Create/Get/Update/Delete/ListFunctionUrlConfig(s), one URL on the function itself
 * and one per alias (never on a version or `$LATEST` by name), and how a URL's host name leads
 * back to the function version it invokes. Serving the URL over HTTP is api/function-url-router.ts.
 */
import { LATEST, parseFunctionRef } from './arn.ts';
import { arnOf, stringField, type Json, type ServiceContext, type Target } from './context.ts';
import { LambdaError, ValidationErrors, conflict, notFound, quote } from './errors.ts';
import { listResponse, type PageRequest } from './pagination.ts';
import type { FunctionRecord, FunctionUrlRecord, UrlCors } from './state.ts';

export const AUTH_TYPES = ['NONE', 'AWS_IAM'] as const;
export const INVOKE_MODES = ['BUFFERED', 'RESPONSE_STREAM'] as const;

/** What Lambda's model allows as a URL config's qualifier: an alias name, never a version number or `$LATEST`. */
const URL_QUALIFIER_PATTERN = '((?!^\\d+$)^[0-9a-zA-Z-_]+$)';
const URL_QUALIFIER_RE = /^(?!\d+$)[0-9a-zA-Z_-]+$/;

/** `<url-id>.lambda-url.<region>.<domain>`: the host names a function URL answers on. */
export const URL_HOST_RE = /^([a-z0-9]{32})\.lambda-url\.([a-z0-9-]+)\.(?:on\.aws|localhost)(?::\d+)?$/i;

/** The path form, for clients that cannot reach a wildcard host: `/lambda-url/<url-id>/<path>`. */
export const URL_PATH_PREFIX = '/lambda-url/';

// Create, Update and List say the function is missing this way; Get and Delete say the resource is.
const functionMissing = () => notFound('Function does not exist');
const resourceMissing = () => notFound('The resource you requested does not exist.');

/** Lambda's microsecond timestamp (`2026-12-04T18:00:00.123000Z`); the emulator's clock has milliseconds. */
const urlTime = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');

interface UrlTarget {
  fn: FunctionRecord;
  /** `$LATEST` for the function itself, else the alias name. */
  key: string;
  functionArn: string;
}

/** The function or alias a URL operation names; the qualifier is checked before anything is looked up, as Lambda does. */
function urlTarget(ctx: ServiceContext, name: string, qualifierParam: string | undefined, missing: () => LambdaError): UrlTarget {
  const checkQualifier = (q: string) => {
    if (!URL_QUALIFIER_RE.test(q)) {
      const errors = new ValidationErrors();
      errors.add(quote(q), 'qualifier', `Member must satisfy regular expression pattern: ${URL_QUALIFIER_PATTERN}`);
      errors.throwIfAny();
    }
  };
  if (qualifierParam !== undefined) checkQualifier(qualifierParam);
  const ref = parseFunctionRef(name, qualifierParam, ctx.region);
  if (ref.qualifier !== undefined) checkQualifier(ref.qualifier);
  const fn = ctx.state.functions[ref.name];
  if (!fn) throw missing();
  if (ref.qualifier === undefined) return { fn, key: LATEST, functionArn: arnOf(ctx, ref.name) };
  if (fn.aliases[ref.qualifier] === undefined) throw missing();
  return { fn, key: ref.qualifier, functionArn: arnOf(ctx, ref.name, ref.qualifier) };
}

/** The URL clients use: on the emulator's server, the host form on its port; elsewhere AWS's own form. */
export function functionUrlOf(ctx: ServiceContext, urlId: string): string {
  const endpoint = ctx.endpoint();
  const port = /^https?:\/\/[^/]+:(\d+)/.exec(endpoint)?.[1];
  if (endpoint && port) return `http://${urlId}.lambda-url.${ctx.region}.localhost:${port}/`;
  return `https://${urlId}.lambda-url.${ctx.region}.on.aws/`;
}

function checkInput(input: Json, create: boolean): void {
  const errors = new ValidationErrors();
  const authType = input['AuthType'];
  if (authType === undefined || authType === null) {
    if (create) errors.add('null', 'authType', 'Member must not be null');
  } else if (!AUTH_TYPES.includes(authType as never)) {
    errors.add(quote(String(authType)), 'authType', `Member must satisfy enum value set: [${AUTH_TYPES.join(', ')}]`);
  }
  const mode = input['InvokeMode'];
  if (mode !== undefined && mode !== null && !INVOKE_MODES.includes(mode as never)) {
    errors.add(quote(String(mode)), 'invokeMode', 'Member must satisfy enum value set: [RESPONSE_STREAM, BUFFERED]');
  }
  const cors = input['Cors'];
  if (cors !== undefined && cors !== null) checkCors(cors, errors);
  errors.throwIfAny();
}

/** The Cors object's model constraints (lengths and counts from Lambda's API reference). */
function checkCors(cors: unknown, errors: ValidationErrors): void {
  if (typeof cors !== 'object' || Array.isArray(cors)) {
    errors.add(quote(String(cors)), 'cors', 'Member must be a structure');
    return;
  }
  const c = cors as Json;
  const list = (key: string, field: string, maxItems: number, maxLength: number) => {
    const v = c[key];
    if (v === undefined) return;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return errors.add(quote(String(v)), `cors.${field}`, 'Member must be a list of strings');
    if (v.length > maxItems) errors.add(quote(`[${v.join(', ')}]`), `cors.${field}`, `Member must have length less than or equal to ${maxItems}`);
    for (const item of v as string[]) if (item.length > maxLength || item.length < 1) errors.add(quote(`[${v.join(', ')}]`), `cors.${field}`, `Member must satisfy constraint: [Member must have length less than or equal to ${maxLength}, Member must have length greater than or equal to 1]`);
  };
  list('AllowHeaders', 'allowHeaders', 100, 1024);
  list('AllowMethods', 'allowMethods', 6, 6);
  list('AllowOrigins', 'allowOrigins', 100, 253);
  list('ExposeHeaders', 'exposeHeaders', 100, 1024);
  const maxAge = c['MaxAge'];
  if (maxAge !== undefined && (typeof maxAge !== 'number' || !Number.isInteger(maxAge) || maxAge < 0 || maxAge > 86400)) {
    errors.add(String(maxAge), 'cors.maxAge', 'Member must have value less than or equal to 86400');
  }
  if (c['AllowCredentials'] !== undefined && typeof c['AllowCredentials'] !== 'boolean') errors.add(quote(String(c['AllowCredentials'])), 'cors.allowCredentials', 'Member must be a boolean');
}

function corsOf(input: Json): UrlCors | undefined {
  const c = input['Cors'] as Json | undefined | null;
  if (!c) return undefined;
  const out: UrlCors = {};
  if (typeof c['AllowCredentials'] === 'boolean') out.AllowCredentials = c['AllowCredentials'];
  for (const key of ['AllowHeaders', 'AllowMethods', 'AllowOrigins', 'ExposeHeaders'] as const) if (Array.isArray(c[key])) out[key] = (c[key] as string[]).slice();
  if (typeof c['MaxAge'] === 'number') out.MaxAge = c['MaxAge'];
  return out;
}

/** Create and Update answer with the mode only once a caller has named one; Get and List always say it. */
function view(ctx: ServiceContext, functionArn: string, r: FunctionUrlRecord, shape: 'create' | 'update' | 'get'): Json {
  return {
    FunctionUrl: functionUrlOf(ctx, r.UrlId),
    FunctionArn: functionArn,
    AuthType: r.AuthType,
    ...(r.Cors ? { Cors: structuredClone(r.Cors) } : {}),
    CreationTime: r.CreationTime,
    ...(shape !== 'create' ? { LastModifiedTime: r.LastModifiedTime } : {}),
    ...(shape === 'get' ? { InvokeMode: r.InvokeMode ?? 'BUFFERED' } : r.InvokeMode ? { InvokeMode: r.InvokeMode } : {}),
  };
}

export function createFunctionUrlConfig(ctx: ServiceContext, name: string, qualifier: string | undefined, input: Json): Json {
  checkInput(input, true);
  const target = urlTarget(ctx, name, qualifier, functionMissing);
  if (target.fn.urlConfigs[target.key]) {
    throw conflict(`Failed to create function url config for [functionArn = ${target.functionArn}]. Error message:  FunctionUrlConfig exists for this Lambda function`);
  }
  const now = urlTime(ctx.clock.now());
  const cors = corsOf(input);
  const mode = stringField(input, 'InvokeMode') as FunctionUrlRecord['InvokeMode'];
  const record: FunctionUrlRecord = {
    UrlId: ctx.uuid().replaceAll('-', '').toLowerCase(),
    AuthType: input['AuthType'] as FunctionUrlRecord['AuthType'],
    ...(cors ? { Cors: cors } : {}),
    ...(mode ? { InvokeMode: mode } : {}),
    CreationTime: now,
    LastModifiedTime: now,
  };
  target.fn.urlConfigs[target.key] = record;
  return view(ctx, target.functionArn, record, 'create');
}

export function getFunctionUrlConfig(ctx: ServiceContext, name: string, qualifier: string | undefined): Json {
  const target = urlTarget(ctx, name, qualifier, resourceMissing);
  const record = target.fn.urlConfigs[target.key];
  if (!record) throw resourceMissing();
  return view(ctx, target.functionArn, record, 'get');
}

export function updateFunctionUrlConfig(ctx: ServiceContext, name: string, qualifier: string | undefined, input: Json): Json {
  checkInput(input, false);
  const target = urlTarget(ctx, name, qualifier, functionMissing);
  const record = target.fn.urlConfigs[target.key];
  if (!record) throw resourceMissing();
  if (typeof input['AuthType'] === 'string') record.AuthType = input['AuthType'] as FunctionUrlRecord['AuthType'];
  if (typeof input['InvokeMode'] === 'string') record.InvokeMode = input['InvokeMode'] as FunctionUrlRecord['InvokeMode'];
  if (input['Cors'] !== undefined) {
    const cors = corsOf(input);
    if (cors) record.Cors = cors;
    else delete record.Cors;
  }
  record.LastModifiedTime = urlTime(ctx.clock.now());
  return view(ctx, target.functionArn, record, 'update');
}

export function deleteFunctionUrlConfig(ctx: ServiceContext, name: string, qualifier: string | undefined): void {
  const target = urlTarget(ctx, name, qualifier, resourceMissing);
  if (!target.fn.urlConfigs[target.key]) throw resourceMissing();
  delete target.fn.urlConfigs[target.key];
}

export function listFunctionUrlConfigs(ctx: ServiceContext, name: string, page: PageRequest): Json {
  const ref = parseFunctionRef(name, undefined, ctx.region);
  const fn = ctx.state.functions[ref.name];
  if (!fn) throw functionMissing();
  const items = Object.entries(fn.urlConfigs).map(([key, r]) => ({ key, r }));
  return listResponse('FunctionUrlConfigs', items, page.Marker, page.MaxItems, ({ key, r }) =>
    view(ctx, arnOf(ctx, ref.name, key === LATEST ? undefined : key), r, 'get'),
  );
}

/** A URL found by its id: its settings, and the version it invokes now (none once its alias is gone). */
export interface FunctionUrlTarget {
  record: FunctionUrlRecord;
  fn: FunctionRecord;
  /** `$LATEST` or the alias name. */
  key: string;
  target: Target | undefined;
}

export function functionUrlById(ctx: ServiceContext, urlId: string): FunctionUrlTarget | undefined {
  const id = urlId.toLowerCase();
  for (const fn of Object.values(ctx.state.functions)) {
    for (const [key, record] of Object.entries(fn.urlConfigs)) {
      if (record.UrlId !== id) continue;
      let target: Target | undefined;
      if (key === LATEST) target = { fn, config: fn.latest, qualifier: LATEST, qualified: false };
      else {
        const alias = fn.aliases[key];
        const config = alias ? (alias.FunctionVersion === LATEST ? fn.latest : fn.versions[alias.FunctionVersion]) : undefined;
        if (config) target = { fn, config, qualifier: key, qualified: true };
      }
      return { record, fn, key, target };
    }
  }
  return undefined;
}
