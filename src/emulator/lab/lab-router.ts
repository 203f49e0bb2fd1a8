/**
 * A shared lab: one endpoint in front of many emulated accounts, one per learner, plus the
 * instructor's. Every request must be signed (SigV4) by a key the lab knows; the key picks the
 * account, and the request is answered by that account's own router. As on AWS:
 * - a learner reaches another account's function or layer version only when its resource policy
 *   grants their account the action (AddPermission, AddLayerVersionPermission);
 * - bucket names are shared by all accounts, so another account's bucket answers AccessDenied unless its policy grants the action;
 * - a queue URL naming another account is refused, unless the queue's policy grants the caller's account the action;
 * - everything else (logs, topics, rules, roles) lives in the caller's account and cannot be named
 *   from another.
 * The emulator's own routes (`/_emulator/...` inspection and scheduler, `/_lab/...`) are the
 * instructor's only; each account's request rate is bounded by a token bucket.
 */
import { CODE_ROUTE, type LambdaService } from '../service/lambda-service.ts';
import type { EmulatorRequest, EmulatorResponse, Router } from '../api/router.ts';
import { createRouter } from '../api/router.ts';
import { header, serviceOf } from '../api/dispatch.ts';
import { functionUrlAddress } from '../api/function-url-router.ts';
import { checkSignature } from '../api/sigv4.ts';
import { INSPECTION_PREFIX } from '../api/inspection.ts';
import { SQS_TARGET_PREFIX } from '../sqs/protocol.ts';
import { parseJsonObject } from '../protocols/json.ts';
import { queryParameters } from '../protocols/query.ts';
import { evaluate } from '../iam/policy-evaluation.ts';
import { parsePolicy, type PolicyDocument } from '../iam/policy-language.ts';
import { xmlDocument } from '../s3/xml.ts';
import { utf8 } from '../zip.ts';
import { maxSkewMs, refusalResponse, type Refusal } from './refusals.ts';
import { RateLimiter, type RateLimit } from './rate-limit.ts';

/** The lab's own admin routes, beside the emulator's inspection routes. */
export const LAB_PREFIX = '/_lab/';
/** The header with which the instructor's key acts in a learner's account (`X-Lab-Account: 123456789012`). */
export const LAB_ACCOUNT_HEADER = 'x-lab-account';

export interface LabAccount {
  /** The learner's name and id from the roster; the instructor's are `Instructor` and `admin`. */
  name: string;
  id: string;
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
  admin: boolean;
  service: LambdaService;
}

export interface LabRouterOptions {
  accounts: readonly LabAccount[];
  /** Wall-clock milliseconds: signatures are dated against it, and the rate limit counts on it. */
  now: () => number;
  /** Each learner account's request rate; the instructor's is not limited. */
  rateLimit: RateLimit;
}

export interface LabRouter {
  route: Router;
  /** The accounts a request was answered by (the caller's, or the owner of a resource it was granted), for a host that saves them. */
  accountsOf(request: EmulatorRequest): readonly LabAccount[];
  /** The refusal a host sends for a body over its size limit, in the shape of the service the request is for. */
  tooLarge(request: Pick<EmulatorRequest, 'method' | 'path' | 'headers' | 'query'>, maxBytes: number): EmulatorResponse;
}

/** What root in any account may do itself: everything; across accounts the resource's policy decides. */
const ROOT_IDENTITY: PolicyDocument = parsePolicy('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}');

const rootArn = (account: string) => `arn:aws:iam::${account}:root`;

/** The action a request on one function performs, for checking its resource policy: `GET .../functions/f/configuration` → GetFunctionConfiguration. */
const FUNCTION_ACTIONS: readonly [method: string, suffix: RegExp, action: string][] = [
  ['GET', /^$/, 'GetFunction'],
  ['DELETE', /^$/, 'DeleteFunction'],
  ['GET', /^\/configuration$/, 'GetFunctionConfiguration'],
  ['PUT', /^\/configuration$/, 'UpdateFunctionConfiguration'],
  ['PUT', /^\/code$/, 'UpdateFunctionCode'],
  ['POST', /^\/invocations$/, 'InvokeFunction'],
  // InvokeAsync is authorized as InvokeFunction.
  ['POST', /^\/invoke-async$/, 'InvokeFunction'],
  ['POST', /^\/versions$/, 'PublishVersion'],
  ['GET', /^\/versions$/, 'ListVersionsByFunction'],
  ['GET', /^\/aliases$/, 'ListAliases'],
  ['POST', /^\/aliases$/, 'CreateAlias'],
  ['GET', /^\/aliases\/[^/]+$/, 'GetAlias'],
  ['PUT', /^\/aliases\/[^/]+$/, 'UpdateAlias'],
  ['DELETE', /^\/aliases\/[^/]+$/, 'DeleteAlias'],
  ['GET', /^\/policy$/, 'GetPolicy'],
];

/** The Lambda operations that carry large bodies, named in the refusal of one that is too large. */
const LARGE_BODY_OPERATIONS: readonly [method: string, path: RegExp, operation: string][] = [
  ['POST', /^\/2015-03-31\/functions\/?$/, 'CreateFunction'],
  ['PUT', /^\/2015-03-31\/functions\/[^/]+\/code\/?$/, 'UpdateFunctionCode'],
  ['POST', /^\/2015-03-31\/functions\/[^/]+\/invocations\/?$/, 'Invoke'],
  ['POST', /^\/2018-10-31\/layers\/[^/]+\/versions\/?$/, 'PublishLayerVersion'],
];

const FUNCTION_PATH = /^\/\d{4}-\d{2}-\d{2}\/functions\/([^/]+)(\/[^?]*?)?\/?$/;
/** A function named by ARN or partial ARN: `arn:aws:lambda:us-east-1:123456789012:function:f[:q]` or `123456789012:function:f[:q]`. */
const FUNCTION_ARN = /^(?:arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):)?(\d{12}):function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?$/;
const LAYER_VERSION_PATH = /^\/2018-10-31\/layers\/([^/]+)\/versions\/(\d+)(\/.*)?$/;
const LAYER_ARN = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):layer:([a-zA-Z0-9-_]+)(?::(\d+))?$/;
/** Any other ARN in a Lambda path (tags): only its account matters. */
const ANY_ARN_ACCOUNT = /^arn:aws[a-zA-Z-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/;
const QUEUE_URL_ACCOUNT = /^(?:https?:\/\/[^/]+)?\/(\d{12})\/[^/?]+/;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The service an unsigned request seems meant for, so its refusal comes in the shape its client reads. */
function unsignedService(request: EmulatorRequest): string {
  const known = serviceOf(request);
  if (known) return known;
  const path = request.path.split('?')[0]!;
  if (/^\/\d{4}-\d{2}-\d{2}\//.test(path) || path.startsWith('/_')) return 'lambda';
  if (/x-www-form-urlencoded/i.test(header(request.headers, 'content-type') ?? '')) return /^\/\d{12}\//.test(path) ? 'sqs' : 'sns';
  return 's3';
}

/** Whether a resource policy (JSON text) lets root of `callerAccount` perform `action` on `resource` of `ownerAccount`. */
function grants(policy: string | undefined, callerAccount: string, ownerAccount: string, action: string, resource: string): boolean {
  if (policy === undefined) return false;
  let document: PolicyDocument;
  try {
    document = parsePolicy(policy);
  } catch {
    return false;
  }
  return evaluate(
    { identity: [ROOT_IDENTITY], resource: document },
    { principal: { kind: 'aws', arn: rootArn(callerAccount), account: callerAccount }, action, resource, resourceAccount: ownerAccount },
  ).allowed;
}

function policyOf(read: () => unknown): string | undefined {
  try {
    return (read() as { Policy?: string }).Policy;
  } catch {
    // No such function or layer version, or no policy: nothing is granted.
    return undefined;
  }
}

/**
 * How `callerAccount` reaches other lab accounts' layer versions (LambdaServiceOptions.foreignLayerVersion):
 * a version whose policy grants it lambda:GetLayerVersion, with its files; 'denied' otherwise.
 */
export function labLayerAccess(callerAccount: string, accountOf: (accountId: string) => LambdaService | undefined) {
  return (arn: string) => {
    const m = LAYER_ARN.exec(arn);
    if (!m || m[4] === undefined) return undefined;
    const owner = accountOf(m[2]!);
    const version = owner?.layers.versionByArn(arn);
    if (!owner || !version) return 'denied' as const;
    if (!grants(policyOf(() => owner.getLayerVersionPolicy(m[3]!, Number(m[4]))), callerAccount, m[2]!, 'lambda:GetLayerVersion', arn)) return 'denied' as const;
    return { version, files: owner.code.files(version.CodeSha256) };
  };
}

export function createLabRouter(options: LabRouterOptions): LabRouter {
  const byKey = new Map(options.accounts.map((a) => [a.accessKeyId, a]));
  const byAccount = new Map(options.accounts.map((a) => [a.accountId, a]));
  const routers = new Map(options.accounts.map((a) => [a.accountId, createRouter(a.service)]));
  const limiter = new RateLimiter(options.rateLimit, options.now);
  const answeredBy = new WeakMap<EmulatorRequest, LabAccount[]>();
  const anyService = options.accounts[0]!.service;
  const region = anyService.region;
  const requestId = () => anyService.uuid();

  const answer = (account: LabAccount, request: EmulatorRequest): Promise<EmulatorResponse> => {
    answeredBy.set(request, [...(answeredBy.get(request) ?? []), account]);
    return routers.get(account.accountId)!(request);
  };

  const refuse = (service: string, request: EmulatorRequest, refusal: Refusal) => refusalResponse(service, request, refusal, requestId());

  /** Whether `owner`'s resource policy lets `caller`'s account perform `action` on `resource`. */
  const granted = (policy: string | undefined, caller: LabAccount, owner: LabAccount, action: string, resource: string): boolean =>
    grants(policy, caller.accountId, owner.accountId, action, resource);

  /** Lambda requests naming a function or layer version of another account, answered by its owner when granted. */
  const crossAccountLambda = (request: EmulatorRequest, caller: LabAccount): { owner: LabAccount } | { refusal: Refusal } | undefined => {
    const path = request.path.split('?')[0]!;
    const method = request.method.toUpperCase();
    const fn = FUNCTION_PATH.exec(path);
    if (fn) {
      const arn = FUNCTION_ARN.exec(decode(fn[1]!));
      if (!arn || arn[2] === caller.accountId) return undefined;
      const [, , account, name, qualifier] = arn;
      const suffix = fn[2] ?? '';
      const action = FUNCTION_ACTIONS.find(([m, s]) => m === method && s.test(suffix))?.[2];
      const q = qualifier ?? request.query['Qualifier'];
      const resource = `arn:aws:lambda:${arn[1] ?? region}:${account}:function:${name}${q ? `:${q}` : ''}`;
      const owner = byAccount.get(account!);
      const lambdaAction = action ? `lambda:${action}` : undefined;
      if (owner && lambdaAction && granted(policyOf(() => owner.service.getPolicy(name!, q)), caller, owner, lambdaAction, resource)) return { owner };
      return { refusal: { kind: 'access-denied', caller: rootArn(caller.accountId), ...(lambdaAction ? { action: lambdaAction, resource } : {}) } };
    }
    const layer = LAYER_VERSION_PATH.exec(path);
    const byArn = path.replace(/\/$/, '') === '/2018-10-31/layers' && request.query['find'] === 'LayerVersion' ? LAYER_ARN.exec(request.query['Arn'] ?? '') : null;
    const layerArn = layer ? LAYER_ARN.exec(decode(layer[1]!)) : byArn;
    if (layerArn && layerArn[2] !== caller.accountId) {
      const [, , account, name] = layerArn;
      const version = Number(layer ? layer[2] : layerArn[4]);
      const resource = `arn:aws:lambda:${layerArn[1]}:${account}:layer:${name}:${version}`;
      const owner = byAccount.get(account!);
      // Only reading a version can be granted; its policy and deletion stay the owner's.
      const reading = method === 'GET' && (byArn !== null || (layer !== null && layer[3] === undefined));
      if (owner && reading && granted(policyOf(() => owner.service.getLayerVersionPolicy(name!, version)), caller, owner, 'lambda:GetLayerVersion', resource)) return { owner };
      return { refusal: { kind: 'access-denied', caller: rootArn(caller.accountId), action: 'lambda:GetLayerVersion', resource } };
    }
    // Any other ARN of another account (tags): nothing grants it.
    const other = /^\/\d{4}-\d{2}-\d{2}\/[a-z-]+\/([^/]+)/.exec(path);
    const account = other ? ANY_ARN_ACCOUNT.exec(decode(other[1]!))?.[1] : undefined;
    if (account && account !== caller.accountId) return { refusal: { kind: 'access-denied', caller: rootArn(caller.accountId) } };
    return undefined;
  };

  /**
   * A bucket owned by another account: creating it is refused as taken; reading, writing or
   * deleting objects and listing are answered by the owner when its bucket policy grants the
   * caller's account the action; anything else is denied.
   */
  const otherAccountsBucket = (request: EmulatorRequest, caller: LabAccount): { owner: LabAccount } | EmulatorResponse | undefined => {
    const path = request.path.split('?')[0]!.replace(/^\//, '');
    const slash = path.indexOf('/');
    const bucket = decode(slash < 0 ? path : path.slice(0, slash));
    const key = slash < 0 || slash === path.length - 1 ? undefined : decode(path.slice(slash + 1));
    if (bucket === '' || caller.service.s3.hasBucket(bucket)) return undefined;
    const owner = options.accounts.find((a) => a !== caller && a.service.s3.hasBucket(bucket));
    if (!owner) return undefined;
    const method = request.method.toUpperCase();
    const plain = Object.keys(request.query).every((k) => k === 'x-id' || k === 'list-type' || k === 'prefix' || k === 'delimiter' || k === 'max-keys' || k === 'continuation-token' || k === 'start-after');
    const action = !plain ? undefined : key === undefined ? (method === 'GET' ? 's3:ListBucket' : undefined) : ({ GET: 's3:GetObject', HEAD: 's3:GetObject', PUT: 's3:PutObject', DELETE: 's3:DeleteObject' } as Record<string, string>)[method];
    const resource = key === undefined ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`;
    if (action && !(method === 'PUT' && request.headers['x-amz-copy-source'] !== undefined) && granted(owner.service.s3.bucketPolicy(bucket), caller, owner, action, resource)) return { owner };
    // CreateBucket: a PUT on the bucket itself with no subresource (the SDK's x-id names the operation).
    const creating = method === 'PUT' && key === undefined && Object.keys(request.query).every((k) => k === 'x-id');
    if (!creating) return refuse('s3', request, { kind: 'access-denied', caller: rootArn(caller.accountId) });
    const id = requestId();
    const xml = xmlDocument(
      'Error',
      {
        Code: 'BucketAlreadyExists',
        Message: 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
        BucketName: bucket,
        RequestId: id,
      },
      null,
    );
    return { status: 409, headers: { 'Content-Type': 'application/xml', 'x-amz-request-id': id }, body: utf8(xml) };
  };

  /**
   * A queue URL naming another account (in the JSON body, the query parameters or the path): its
   * owner answers when the queue's policy grants the caller's account the action, as SQS does.
   */
  const crossAccountQueue = (request: EmulatorRequest, caller: LabAccount): { owner: LabAccount } | { refusal: Refusal } | undefined => {
    const target = header(request.headers, 'x-amz-target');
    const json = target?.startsWith(SQS_TARGET_PREFIX);
    const params = json ? parseJsonObject(request.body) : queryParameters(request);
    const url = typeof params?.['QueueUrl'] === 'string' ? params['QueueUrl'] : request.path;
    const account = QUEUE_URL_ACCOUNT.exec(url)?.[1];
    if (!account || account === caller.accountId) return undefined;
    const operation = json ? target!.slice(SQS_TARGET_PREFIX.length) : typeof params?.['Action'] === 'string' ? params['Action'] : undefined;
    const owner = byAccount.get(account);
    let queue: { arn: string; record: { attributes: { Policy?: string } } } | undefined;
    try {
      queue = owner?.service.sqs.queueByUrl(url.startsWith('/') ? `http://queue${url}` : url);
    } catch {
      queue = undefined;
    }
    if (owner && queue && operation && granted(queue.record.attributes.Policy, caller, owner, `sqs:${operation}`, queue.arn)) return { owner };
    return { refusal: { kind: 'access-denied', caller: rootArn(caller.accountId), resource: url } };
  };

  const route: Router = async (request) => {
    const path = request.path.split('?')[0]!;
    // Function URLs are public or check their own AWS_IAM signatures, on the owner's account.
    const address = functionUrlAddress(request);
    if (address) {
      const owner = options.accounts.find((a) => a.service.functionUrl(address.urlId)) ?? options.accounts[0]!;
      return answer(owner, request);
    }
    // Code.Location and Content.Location: AWS hands out presigned links, usable without signing.
    if (request.method.toUpperCase() === 'GET' && path.startsWith(CODE_ROUTE)) {
      const sha = decode(path.slice(CODE_ROUTE.length));
      const owner = options.accounts.find((a) => a.service.codeZip(sha)) ?? options.accounts[0]!;
      return answer(owner, request);
    }
    const service = serviceOf(request) ?? unsignedService(request);
    const skew = maxSkewMs(service);
    const now = options.now();
    const check = await checkSignature(request, request.rawQuery ?? '', { service, region, maxSkewMs: skew, now, uriEscapePath: service !== 's3' }, (id) => byKey.get(id)?.secretAccessKey);
    if (!check.ok) {
      const refusal: Refusal =
        check.reason === 'unsigned'
          ? { kind: 'unsigned' }
          : check.reason === 'unknown-key'
            ? { kind: 'unknown-key', accessKeyId: header(request.headers, 'authorization')?.match(/Credential=([^/]+)/)?.[1] ?? '' }
            : check.reason === 'expired'
              ? { kind: 'expired', signedAt: check.signedAt, now: new Date(now), maxSkewMs: skew }
              : { kind: 'mismatch', accessKeyId: check.accessKeyId, signature: check.signature };
      return refuse(service, request, refusal);
    }
    const caller = byKey.get(check.accessKeyId)!;
    if (!caller.admin && !limiter.take(caller.accountId)) return refuse(service, request, { kind: 'throttled' });
    const adminRoute = path.startsWith(LAB_PREFIX) || path.startsWith(INSPECTION_PREFIX);
    if (!caller.admin) {
      if (adminRoute) return refuse('lambda', request, { kind: 'access-denied', caller: rootArn(caller.accountId) });
      if (service === 'lambda') {
        const cross = crossAccountLambda(request, caller);
        if (cross && 'refusal' in cross) return refuse(service, request, cross.refusal);
        if (cross) return answer(cross.owner, request);
      }
      if (service === 's3') {
        const other = otherAccountsBucket(request, caller);
        if (other && 'owner' in other) return answer(other.owner, request);
        if (other) return other;
      }
      if (service === 'sqs') {
        const cross = crossAccountQueue(request, caller);
        if (cross && 'refusal' in cross) return refuse(service, request, cross.refusal);
        if (cross) return answer(cross.owner, request);
      }
      return answer(caller, request);
    }
    // The instructor: the lab's own routes, or any account named in X-Lab-Account (their own otherwise).
    if (path.startsWith(LAB_PREFIX)) return labRoute(request, path);
    const named = header(request.headers, LAB_ACCOUNT_HEADER);
    const target = named === undefined ? caller : byAccount.get(named);
    if (!target) return refuse(service, request, { kind: 'access-denied', caller: rootArn(caller.accountId) });
    return answer(target, request);
  };

  const labRoute = (request: EmulatorRequest, path: string): EmulatorResponse => {
    const id = requestId();
    const json = (status: number, body: unknown): EmulatorResponse => ({ status, headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': id }, body: utf8(JSON.stringify(body)) });
    if (request.method.toUpperCase() === 'GET' && path.replace(/\/$/, '') === `${LAB_PREFIX}accounts`) {
      return json(200, {
        Region: region,
        Accounts: options.accounts.filter((a) => !a.admin).map((a) => ({ Name: a.name, Id: a.id, AccountId: a.accountId, AccessKeyId: a.accessKeyId })),
      });
    }
    return json(404, { message: `No lab route matches ${request.method} ${path}.` });
  };

  return {
    route,
    accountsOf: (request) => answeredBy.get(request) ?? [],
    tooLarge: (request, maxBytes) => {
      const path = request.path.split('?')[0]!;
      const operation = LARGE_BODY_OPERATIONS.find(([method, pattern]) => method === request.method.toUpperCase() && pattern.test(path))?.[2];
      return refusalResponse(serviceOf(request) ?? unsignedService(request as EmulatorRequest), request, { kind: 'too-large', maxBytes, ...(operation ? { operation } : {}) }, requestId());
    },
  };
}
