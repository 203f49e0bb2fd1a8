/**
 * Policy evaluation as a table: each row is a request, the policies in force and AWS's decision.
 * The Carlos rows are the worked example of the IAM User Guide ("Policy evaluation for requests
 * within a single account"); the cross-account rows follow "Cross-account policy evaluation logic";
 * the condition rows follow the "IAM JSON policy elements: Condition operators" page.
 */
import { describe, expect, it } from 'vitest';
import { parsePolicy, PolicySyntaxError, type PolicyDocument } from './policy-language.ts';
import { evaluate, type AuthorizationRequest, type Decision, type Principal } from './policy-evaluation.ts';

const policy = (...Statement: object[]): PolicyDocument => parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement }));

const A = '111111111111';
const B = '222222222222';
const role = (account: string, name: string, session = 'fn'): Principal => ({ kind: 'aws', arn: `arn:aws:sts::${account}:assumed-role/${name}/${session}`, account, roleArn: `arn:aws:iam::${account}:role/${name}` });
const carlos: Principal = { kind: 'aws', arn: `arn:aws:iam::${A}:user/carlossalazar`, account: A };
const s3: Principal = { kind: 'service', service: 's3.amazonaws.com' };
const fnArn = (account: string, name = 'target') => `arn:aws:lambda:us-east-1:${account}:function:${name}`;

/** Carlos's identity policy, from the IAM User Guide. */
const carlosPolicy = policy(
  { Sid: 'AllowS3ListRead', Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:GetAccountPublicAccessBlock', 's3:ListAccessPoints', 's3:ListAllMyBuckets'], Resource: 'arn:aws:s3:::*' },
  { Sid: 'AllowS3Self', Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/*', 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar'] },
  { Sid: 'DenyS3Logs', Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::*log*' },
);
/** The logs bucket's policy in the same example: it allows Carlos, and loses to his explicit deny. */
const logsBucketPolicy = policy({
  Sid: 'AllowS3PutObject', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/carlossalazar` }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/*',
});

const invokeAll = policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' });
const basicExecution = policy({ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' });
/** What `aws lambda add-permission --principal s3.amazonaws.com --source-arn ... --source-account ...` writes. */
const s3InvokePermission = (account: string) => policy({
  Sid: 's3', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: fnArn(account),
  Condition: { StringEquals: { 'AWS:SourceAccount': account }, ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::photos' } },
});

type Row = [name: string, request: AuthorizationRequest, identity: PolicyDocument[], resource: PolicyDocument | undefined, decision: Decision];
const allow: Decision = { allowed: true };
const deny = (reason: Extract<Decision, { allowed: false }>['reason']): Decision => ({ allowed: false, reason });
const req = (principal: Principal, action: string, resource: string, extra: Partial<AuthorizationRequest> = {}): AuthorizationRequest => ({ principal, action, resource, ...extra });
const me = role(A, 'caller');

const rows: Row[] = [
  // The IAM User Guide's Carlos example.
  ['Carlos lists his buckets (AllowS3ListRead)', req(carlos, 's3:ListAllMyBuckets', 'arn:aws:s3:::*'), [carlosPolicy], undefined, allow],
  ['Carlos writes to his own bucket (AllowS3Self)', req(carlos, 's3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/notes.txt'), [carlosPolicy], undefined, allow],
  ['Carlos deletes his own bucket (AllowS3Self covers every action)', req(carlos, 's3:DeleteBucket', 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar'), [carlosPolicy], undefined, allow],
  ['Carlos writes to the logs bucket: DenyS3Logs wins over the bucket policy that allows him', req(carlos, 's3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/log.txt'), [carlosPolicy], logsBucketPolicy, deny('explicit-deny-identity')],
  ['Carlos reads another bucket: nothing allows it', req(carlos, 's3:GetObject', 'arn:aws:s3:::someone-else/file'), [carlosPolicy], undefined, deny('no-identity-allow')],
  ['the logs bucket policy alone lets a same-account principal it names write', req(carlos, 's3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/a'), [], logsBucketPolicy, allow],

  // Allow, explicit deny, implicit deny.
  ['no policy at all is an implicit deny', req(me, 'lambda:InvokeFunction', fnArn(A)), [], undefined, deny('no-identity-allow')],
  ['an Allow for the action and resource', req(me, 'lambda:InvokeFunction', fnArn(A)), [invokeAll], undefined, allow],
  ['an Allow for another action only', req(me, 'lambda:InvokeFunction', fnArn(A)), [basicExecution], undefined, deny('no-identity-allow')],
  ['an explicit Deny in a second policy wins', req(me, 'lambda:InvokeFunction', fnArn(A)), [invokeAll, policy({ Effect: 'Deny', Action: 'lambda:*', Resource: '*' })], undefined, deny('explicit-deny-identity')],
  ['an explicit Deny in the same policy wins, whatever the order', req(me, 'lambda:InvokeFunction', fnArn(A)), [policy({ Effect: 'Deny', Action: 'lambda:InvokeFunction', Resource: fnArn(A) }, { Effect: 'Allow', Action: '*', Resource: '*' })], undefined, deny('explicit-deny-identity')],
  ['a Deny for another resource does not apply', req(me, 'lambda:InvokeFunction', fnArn(A)), [invokeAll, policy({ Effect: 'Deny', Action: '*', Resource: fnArn(A, 'other') })], undefined, allow],
  ['a Deny in the resource policy wins over an identity Allow', req(me, 'lambda:InvokeFunction', fnArn(A)), [invokeAll], policy({ Effect: 'Deny', Principal: '*', Action: 'lambda:InvokeFunction', Resource: fnArn(A) }), deny('explicit-deny-resource')],

  // Action and Resource wildcards.
  ['lambda:* matches every Lambda action', req(me, 'lambda:GetFunction', fnArn(A)), [policy({ Effect: 'Allow', Action: 'lambda:*', Resource: '*' })], undefined, allow],
  ['lambda:Get* matches GetFunction', req(me, 'lambda:GetFunction', fnArn(A)), [policy({ Effect: 'Allow', Action: 'lambda:Get*', Resource: '*' })], undefined, allow],
  ['lambda:Get* does not match InvokeFunction', req(me, 'lambda:InvokeFunction', fnArn(A)), [policy({ Effect: 'Allow', Action: 'lambda:Get*', Resource: '*' })], undefined, deny('no-identity-allow')],
  ['actions match case-insensitively', req(me, 'lambda:InvokeFunction', fnArn(A)), [policy({ Effect: 'Allow', Action: 'LAMBDA:invokefunction', Resource: '*' })], undefined, allow],
  ['? matches one character of an action', req(me, 'sqs:GetQueueUrl', 'arn:aws:sqs:us-east-1:111111111111:q'), [policy({ Effect: 'Allow', Action: 'sqs:GetQueue???', Resource: '*' })], undefined, allow],
  ['the service prefix must match too', req(me, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:111111111111:q'), [policy({ Effect: 'Allow', Action: 'sns:*', Resource: '*' })], undefined, deny('no-identity-allow')],
  ['a resource wildcard in the function name', req(me, 'lambda:InvokeFunction', fnArn(A, 'orders-worker')), [policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:*:${A}:function:orders-*` })], undefined, allow],
  ['a function ARN does not cover its qualified ARN', req(me, 'lambda:InvokeFunction', `${fnArn(A)}:prod`), [policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: fnArn(A) })], undefined, deny('no-identity-allow')],
  ['function:name:* covers the qualified ARNs', req(me, 'lambda:InvokeFunction', `${fnArn(A)}:prod`), [policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: `${fnArn(A)}:*` })], undefined, allow],
  ['resources match case-sensitively', req(me, 'lambda:InvokeFunction', fnArn(A, 'Target')), [policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: fnArn(A, 'target') })], undefined, deny('no-identity-allow')],
  ['a wildcard in the account segment does not cross into the resource', req(me, 'logs:PutLogEvents', `arn:aws:logs:us-east-1:${A}:log-group:/aws/lambda/fn:log-stream:s`), [policy({ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:*:*:log-group:/aws/lambda/*' })], undefined, allow],

  // NotAction and NotResource.
  ['NotAction allows everything but the actions named', req(me, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:111111111111:q'), [policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], undefined, allow],
  ['NotAction does not allow the actions named', req(me, 'iam:CreateRole', `arn:aws:iam::${A}:role/x`), [policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], undefined, deny('no-identity-allow')],
  ['Deny with NotAction denies everything else', req(me, 's3:GetObject', 'arn:aws:s3:::b/k'), [policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', NotAction: 'lambda:*', Resource: '*' })], undefined, deny('explicit-deny-identity')],
  ['NotResource allows every resource but those named', req(me, 'lambda:InvokeFunction', fnArn(A, 'public')), [policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', NotResource: fnArn(A, 'secret') })], undefined, allow],
  ['NotResource does not allow the resource named', req(me, 'lambda:InvokeFunction', fnArn(A, 'secret')), [policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', NotResource: fnArn(A, 'secret') })], undefined, deny('no-identity-allow')],

  // Conditions.
  ['StringEquals on aws:SourceAccount holds', req(s3, 'lambda:InvokeFunction', fnArn(A), { context: { 'aws:SourceAccount': A, 'aws:SourceArn': 'arn:aws:s3:::photos' } }), [], s3InvokePermission(A), allow],
  ['StringEquals on aws:SourceAccount fails for another account (the confused deputy)', req(s3, 'lambda:InvokeFunction', fnArn(A), { context: { 'aws:SourceAccount': B, 'aws:SourceArn': 'arn:aws:s3:::photos' } }), [], s3InvokePermission(A), deny('no-identity-allow')],
  ['ArnLike on aws:SourceArn fails for another bucket', req(s3, 'lambda:InvokeFunction', fnArn(A), { context: { 'aws:SourceAccount': A, 'aws:SourceArn': 'arn:aws:s3:::other' } }), [], s3InvokePermission(A), deny('no-identity-allow')],
  ['a condition key absent from the request fails the condition', req(s3, 'lambda:InvokeFunction', fnArn(A), { context: { 'aws:SourceArn': 'arn:aws:s3:::photos' } }), [], s3InvokePermission(A), deny('no-identity-allow')],
  ['condition keys are case-insensitive, values are not', req(me, 'lambda:InvokeFunction', fnArn(A), { context: { 'aws:sourceaccount': A } }), [policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'AWS:SourceAccount': A } } })], undefined, allow],
  ['StringLike with a wildcard', req(me, 's3:GetObject', 'arn:aws:s3:::b/k', { context: { 's3:prefix': 'home/carlos/notes' } }), [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringLike: { 's3:prefix': 'home/carlos/*' } } })], undefined, allow],
  ['StringLike with a wildcard that does not match', req(me, 's3:GetObject', 'arn:aws:s3:::b/k', { context: { 's3:prefix': 'home/ana/notes' } }), [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { StringLike: { 's3:prefix': 'home/carlos/*' } } })], undefined, deny('no-identity-allow')],
  ['ArnEquals, like ArnLike, matches segment by segment', req(s3, 'lambda:InvokeFunction', fnArn(A), { context: { 'aws:SourceArn': 'arn:aws:s3:::photos' } }), [], policy({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: '*', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::photos' } } }), allow],
  ['several values for one key: any one matches', req(me, 'lambda:InvokeFunction', fnArn(A), { context: { 'aws:SourceAccount': B } }), [policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': [A, B] } } })], undefined, allow],
  ['several operators: all must hold', req(me, 'lambda:InvokeFunction', fnArn(A), { context: { 'aws:SourceAccount': A, 'aws:SecureTransport': false } }), [policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': A }, Bool: { 'aws:SecureTransport': 'true' } } })], undefined, deny('no-identity-allow')],
  ['Bool holds for true', req(me, 's3:GetObject', 'arn:aws:s3:::b/k', { context: { 'aws:SecureTransport': true } }), [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } })], undefined, allow],
  ['Deny unless SecureTransport (Bool false) denies plain HTTP', req(me, 's3:GetObject', 'arn:aws:s3:::b/k', { context: { 'aws:SecureTransport': false } }), [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })], undefined, deny('explicit-deny-identity')],
  ['NumericLessThan holds below the bound', req(me, 's3:ListBucket', 'arn:aws:s3:::b', { context: { 's3:max-keys': '5' } }), [policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { NumericLessThan: { 's3:max-keys': '10' } } })], undefined, allow],
  ['NumericLessThan fails at the bound', req(me, 's3:ListBucket', 'arn:aws:s3:::b', { context: { 's3:max-keys': '10' } }), [policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { NumericLessThan: { 's3:max-keys': '10' } } })], undefined, deny('no-identity-allow')],
  ['NumericLessThan fails for a value that is not a number', req(me, 's3:ListBucket', 'arn:aws:s3:::b', { context: { 's3:max-keys': 'ten' } }), [policy({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*', Condition: { NumericLessThan: { 's3:max-keys': '10' } } })], undefined, deny('no-identity-allow')],
  ['StringNotEquals holds when the key is absent', req(me, 'lambda:InvokeFunction', fnArn(A)), [policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceAccount': B } } })], undefined, allow],
  ['...IfExists holds when the key is absent', req(me, 'lambda:InvokeFunction', fnArn(A)), [policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:SourceAccount': B } } })], undefined, allow],
  ['...IfExists still compares when the key is present', req(me, 'lambda:InvokeFunction', fnArn(A), { context: { 'aws:SourceAccount': A } }), [policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:SourceAccount': B } } })], undefined, deny('no-identity-allow')],
  ['aws:PrincipalAccount is set from the caller', req(me, 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${A}:q`), [], policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': A } } }), allow],
  ['aws:PrincipalAccount keeps out a caller from elsewhere', req(role(B, 'outsider'), 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${A}:q`, { resourceAccount: A }), [policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' })], policy({ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': A } } }), deny('no-resource-allow')],

  // Identity and resource policies, within and across accounts.
  ['same account: a resource policy naming the role allows without an identity policy', req(me, 'lambda:InvokeFunction', fnArn(A)), [], policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:role/caller` }, Action: 'lambda:InvokeFunction', Resource: fnArn(A) }), allow],
  ['same account: a resource policy naming only the account leaves it to identity policies', req(me, 'lambda:InvokeFunction', fnArn(A)), [], policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'lambda:InvokeFunction', Resource: fnArn(A) }), deny('no-identity-allow')],
  ['same account: an identity policy alone allows', req(me, 'lambda:InvokeFunction', fnArn(A)), [invokeAll], policy({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: fnArn(A) }), allow],
  ['cross account: the identity policy alone is not enough', req(role(B, 'caller'), 'lambda:InvokeFunction', fnArn(A), { resourceAccount: A }), [invokeAll], undefined, deny('no-resource-allow')],
  ['cross account: the resource policy alone is not enough', req(role(B, 'caller'), 'lambda:InvokeFunction', fnArn(A), { resourceAccount: A }), [], policy({ Effect: 'Allow', Principal: { AWS: B }, Action: 'lambda:InvokeFunction', Resource: fnArn(A) }), deny('no-identity-allow')],
  ['cross account: both allow', req(role(B, 'caller'), 'lambda:InvokeFunction', fnArn(A), { resourceAccount: A }), [invokeAll], policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'lambda:InvokeFunction', Resource: fnArn(A) }), allow],
  ['cross account: the resource policy names another account', req(role(B, 'caller'), 'lambda:InvokeFunction', fnArn(A), { resourceAccount: A }), [invokeAll], policy({ Effect: 'Allow', Principal: { AWS: '333333333333' }, Action: 'lambda:InvokeFunction', Resource: fnArn(A) }), deny('no-resource-allow')],
  ['cross account: a resource policy naming the role session\'s role', req(role(B, 'caller'), 'lambda:InvokeFunction', fnArn(A), { resourceAccount: A }), [invokeAll], policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:role/caller` }, Action: 'lambda:InvokeFunction', Resource: fnArn(A) }), allow],
  ['cross account: an explicit Deny in the caller\'s own policy still wins', req(role(B, 'caller'), 'lambda:InvokeFunction', fnArn(A), { resourceAccount: A }), [invokeAll, policy({ Effect: 'Deny', Action: 'lambda:*', Resource: `arn:aws:lambda:*:${A}:*` })], policy({ Effect: 'Allow', Principal: { AWS: B }, Action: 'lambda:InvokeFunction', Resource: fnArn(A) }), deny('explicit-deny-identity')],
  ['a service principal is allowed by the resource policy that names it', req(s3, 'lambda:InvokeFunction', fnArn(A)), [], policy({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: fnArn(A) }), allow],
  ['a service principal the resource policy does not name is refused', req({ kind: 'service', service: 'sns.amazonaws.com' }, 'lambda:InvokeFunction', fnArn(A)), [], policy({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: fnArn(A) }), deny('no-identity-allow')],
  ['Principal "*" names everyone', req(role(B, 'anyone'), 'lambda:InvokeFunction', fnArn(A), { resourceAccount: A }), [invokeAll], policy({ Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: fnArn(A) }), allow],
];

describe('policy evaluation (explicit deny, then allow, else implicit deny)', () => {
  it('has at least 40 cases', () => expect(rows.length).toBeGreaterThanOrEqual(40));
  it.each(rows)('%s', (_name, request, identity, resource, decision) => {
    expect(evaluate({ identity, ...(resource ? { resource } : {}) }, request)).toEqual(decision);
  });
});

describe('policy documents', () => {
  it.each([
    ['text that is not JSON', '{"Version": "2012-10-17", "Statement": [', 'This policy contains invalid Json'],
    ['an array instead of an object', '[]', 'This policy contains invalid Json'],
    ['no Statement', '{"Version": "2012-10-17"}', 'Syntax errors in policy.'],
    ['an Effect that is neither Allow nor Deny', '{"Statement": {"Effect": "Maybe", "Action": "*", "Resource": "*"}}', 'Syntax errors in policy.'],
    ['both Action and NotAction', '{"Statement": {"Effect": "Allow", "Action": "*", "NotAction": "s3:*", "Resource": "*"}}', 'Syntax errors in policy.'],
    ['an unknown element', '{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Actions": "x"}}', 'Syntax errors in policy.'],
  ])('refuses %s', (_name, text, message) => {
    expect(() => parsePolicy(text)).toThrow(new PolicySyntaxError(message));
  });

  it('reads one statement or many, one value or a list', () => {
    expect(parsePolicy('{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["a", "b"]}}').Statement).toEqual([{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['a', 'b'] }]);
  });
});
