/**
 * What an SDK call asks IAM: the action (`lambda:InvokeFunction` for Invoke, `s3:ListBucket` for
 * ListObjectsV2, ...) and the resource ARN it acts on, from the service, the operation and its
 * input; and the refusal each service answers with when the caller may not, in AWS's words
 * ("User: <arn> is not authorized to perform: <action> on resource: <resource> because ...").
 */
import type { AwsAnswer } from '../runtime/contract.ts';
import type { Decision } from './policy-evaluation.ts';

/** Operations whose IAM action has another name than the operation. */
const ACTION_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  lambda: { Invoke: 'InvokeFunction', InvokeWithResponseStream: 'InvokeFunction', GetFunctionConfiguration: 'GetFunctionConfiguration' },
  s3: { ListObjectsV2: 'ListBucket', ListObjects: 'ListBucket', HeadObject: 'GetObject', HeadBucket: 'ListBucket', CopyObject: 'PutObject', DeleteObjects: 'DeleteObject', ListBuckets: 'ListAllMyBuckets' },
};

/** The IAM action of one SDK call (`<service>:<Action>`). */
export function actionOf(service: string, operation: string): string {
  return `${service}:${ACTION_NAMES[service]?.[operation] ?? operation}`;
}

/** Operations anyone may call: AWS does not authorize them. */
export function needsNoPermission(service: string, operation: string): boolean {
  return service === 'sts' && operation === 'GetCallerIdentity';
}

const str = (input: Record<string, unknown>, key: string): string | undefined => (typeof input[key] === 'string' && input[key] !== '' ? (input[key] as string) : undefined);

/** The ARN a call acts on (`*` for calls on no one resource, such as ListFunctions). */
export function resourceOf(service: string, operation: string, input: Record<string, unknown>, where: { region: string; account: string }): string {
  const { region, account } = where;
  switch (service) {
    case 'lambda': {
      const name = str(input, 'FunctionName');
      if (!name) return '*';
      const qualifier = str(input, 'Qualifier');
      // A name, a partial ARN (account:function:name) or a full ARN, each with an optional :qualifier.
      const full = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(name);
      const partial = /^(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(name);
      const bare = /^([^:]+)(?::([^:]+))?$/.exec(name);
      const [r, a, fn, q] = full ? [full[1]!, full[2]!, full[3]!, full[4]] : partial ? [region, partial[1]!, partial[2]!, partial[3]] : bare ? [region, account, bare[1]!, bare[2]] : [region, account, name, undefined];
      const version = qualifier ?? q;
      return `arn:aws:lambda:${r}:${a}:function:${fn}${version ? `:${version}` : ''}`;
    }
    case 's3': {
      const bucket = str(input, 'Bucket');
      if (!bucket) return '*';
      const key = str(input, 'Key');
      return key === undefined || operation === 'ListObjectsV2' || operation === 'ListObjects' ? `arn:aws:s3:::${bucket}${operation === 'DeleteObjects' ? '/*' : ''}` : `arn:aws:s3:::${bucket}/${key}`;
    }
    case 'sqs': {
      const url = str(input, 'QueueUrl');
      const name = url ? url.replace(/\/$/, '').split('/').pop()! : str(input, 'QueueName');
      const owner = url?.split('/').slice(-2, -1)[0];
      return name ? `arn:aws:sqs:${region}:${owner && /^\d{12}$/.test(owner) ? owner : account}:${name}` : '*';
    }
    case 'logs': {
      const group = str(input, 'logGroupName');
      if (!group) return '*';
      const stream = str(input, 'logStreamName');
      return `arn:aws:logs:${region}:${account}:log-group:${group}:log-stream:${stream ?? ''}`;
    }
    case 'sns':
      return str(input, 'TopicArn') ?? '*';
    case 'events':
      return `arn:aws:events:${region}:${account}:event-bus/${str(input, 'EventBusName') ?? 'default'}`;
    case 'iam': {
      const role = str(input, 'RoleName');
      if (role) return `arn:aws:iam::${account}:role/${role}`;
      return str(input, 'PolicyArn') ?? '*';
    }
    default:
      return '*';
  }
}

/** How each service names the refusal, and its status (CloudWatch Logs and EventBridge answer 400). */
const DENIALS: Readonly<Record<string, { code: string; status: number }>> = {
  lambda: { code: 'AccessDeniedException', status: 403 },
  logs: { code: 'AccessDeniedException', status: 400 },
  events: { code: 'AccessDeniedException', status: 400 },
  s3: { code: 'AccessDenied', status: 403 },
  sqs: { code: 'AccessDenied', status: 403 },
  iam: { code: 'AccessDenied', status: 403 },
  sts: { code: 'AccessDenied', status: 403 },
  sns: { code: 'AuthorizationError', status: 403 },
};

const REASONS: Readonly<Record<Extract<Decision, { allowed: false }>['reason'], (action: string) => string>> = {
  'no-identity-allow': (action) => `because no identity-based policy allows the ${action} action`,
  'no-resource-allow': (action) => `because no resource-based policy allows the ${action} action`,
  'explicit-deny-identity': () => 'with an explicit deny in an identity-based policy',
  'explicit-deny-resource': () => 'with an explicit deny in a resource-based policy',
};

/** AWS's refusal: "User: <principal> is not authorized to perform: <action> on resource: <resource> because ...". */
export function accessDenied(service: string, principalArn: string, action: string, resource: string, decision: Extract<Decision, { allowed: false }>, requestId: string): AwsAnswer {
  const { code, status } = DENIALS[service] ?? { code: 'AccessDenied', status: 403 };
  // S3 quotes the resource in its message.
  const shown = service === 's3' ? `"${resource}"` : resource;
  const message = `User: ${principalArn} is not authorized to perform: ${action} on resource: ${shown} ${REASONS[decision.reason](action)}`;
  return { error: { code, message, status, requestId, headers: { 'x-amzn-requestid': requestId }, fields: service === 'lambda' ? { Type: 'User' } : {} } };
}
