/**
 * The AWS managed policies a Lambda course meets, with their documents as AWS publishes them
 * (`aws iam get-policy-version`), so attaching one grants exactly what it grants on AWS. They live
 * in every account under `arn:aws:iam::aws:policy/<path><name>` and cannot be changed or deleted.
 * Documents, paths and default versions are AWS's current ones. PolicyIds are AWS's, checked against
 * published `list-policies` output, except those of AWSLambdaSQSQueueExecutionRole and
 * AWSLambda_ReadOnlyAccess, which could not be checked: treat those two, and the CreateDates of the
 * policies first published after 2015, as the emulator's own until someone compares them with AWS.
 */

export interface AwsManagedPolicy {
  PolicyName: string;
  /** `/service-role/` for the execution-role policies, `/` for the rest, as on AWS. */
  Path: string;
  PolicyId: string;
  Description: string;
  DefaultVersionId: string;
  /** When the policy was first published. */
  CreateDate: string;
  /** When its default version was published. */
  UpdateDate: string;
  Document: unknown;
}

/** `arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`. */
export const awsManagedPolicyArn = (p: AwsManagedPolicy) => `arn:aws:iam::aws:policy${p.Path}${p.PolicyName}`;

const LAMBDA_READ_ACTIONS = [
  'cloudformation:DescribeStacks', 'cloudformation:ListStacks', 'cloudformation:ListStackResources', 'cloudwatch:GetMetricData', 'cloudwatch:ListMetrics',
  'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'kms:ListAliases', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:GetRole',
  'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:ListRolePolicies', 'iam:ListRoles', 'logs:DescribeLogGroups', 'lambda:Get*', 'lambda:List*',
  'states:DescribeStateMachine', 'states:ListStateMachines', 'tag:GetResources', 'xray:GetTraceSummaries', 'xray:BatchGetTraces',
];

const policies: readonly AwsManagedPolicy[] = [
  {
    PolicyName: 'AWSLambdaBasicExecutionRole',
    Path: '/service-role/',
    PolicyId: 'ANPAJNCQGXC42545SKXIK',
    Description: 'Provides write permissions to CloudWatch Logs.',
    DefaultVersionId: 'v1',
    CreateDate: '2015-04-09T15:03:43Z',
    UpdateDate: '2015-04-09T15:03:43Z',
    Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] },
  },
  {
    PolicyName: 'AWSLambdaSQSQueueExecutionRole',
    Path: '/service-role/',
    PolicyId: 'ANPAJFWJZI6JNND4TSELK',
    Description: 'Provides receive message, delete message, and read attribute access to SQS queues, and write permissions to CloudWatch logs.',
    DefaultVersionId: 'v1',
    CreateDate: '2016-06-14T21:50:45Z',
    UpdateDate: '2018-06-14T21:50:45Z',
    Document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
    },
  },
  {
    PolicyName: 'AWSLambdaRole',
    Path: '/service-role/',
    PolicyId: 'ANPAJX4DPCRGTC4NFDUXI',
    Description: 'Default policy for AWS Lambda service role.',
    DefaultVersionId: 'v1',
    CreateDate: '2015-02-06T18:41:28Z',
    UpdateDate: '2015-02-06T18:41:28Z',
    Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ['*'] }] },
  },
  {
    PolicyName: 'AWSLambda_FullAccess',
    Path: '/',
    PolicyId: 'ANPAZKAPJZG4OXQPYWZ5D',
    Description: 'Grants full access to AWS Lambda service, AWS Lambda console features, and other related AWS services.',
    DefaultVersionId: 'v5',
    CreateDate: '2020-11-23T19:04:08Z',
    UpdateDate: '2026-02-11T22:18:56Z',
    Document: {
      Version: '2012-10-17',
      Statement: [
        {
          Action: [
            'cloudformation:DescribeStacks', 'cloudformation:ListStackResources', 'cloudwatch:ListMetrics', 'cloudwatch:GetMetricData', 'ec2:DescribeSecurityGroups',
            'ec2:DescribeSubnets', 'ec2:DescribeVpcs', 'kms:DescribeKey', 'kms:ListAliases', 'iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:GetRole', 'iam:GetRolePolicy',
            'iam:ListAttachedRolePolicies', 'iam:ListRolePolicies', 'iam:ListRoles', 'lambda:*', 'logs:DescribeLogGroups', 'states:DescribeStateMachine',
            'states:ListStateMachines', 'tag:GetResources', 'xray:GetTraceSummaries', 'xray:BatchGetTraces',
          ],
          Resource: '*',
          Effect: 'Allow',
        },
        { Action: 'iam:PassRole', Resource: '*', Effect: 'Allow', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
        {
          Action: ['logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:StartLiveTail', 'logs:StopLiveTail'],
          Resource: 'arn:aws:logs:*:*:log-group:/aws/lambda/*',
          Effect: 'Allow',
        },
        {
          Action: 'iam:CreateServiceLinkedRole',
          Resource: 'arn:aws:iam::*:role/aws-service-role/lambda.amazonaws.com/AWSServiceRoleForLambda',
          Effect: 'Allow',
          Condition: { StringEquals: { 'iam:AWSServiceName': 'lambda.amazonaws.com' } },
        },
      ],
    },
  },
  {
    PolicyName: 'AWSLambda_ReadOnlyAccess',
    Path: '/',
    PolicyId: 'ANPAZKAPJZG4ODRQCDY5M',
    Description: 'Grants read-only access to AWS Lambda service, AWS Lambda console features, and other related AWS services.',
    DefaultVersionId: 'v2',
    CreateDate: '2020-11-23T19:04:10Z',
    UpdateDate: '2023-07-27T17:32:05Z',
    Document: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: LAMBDA_READ_ACTIONS, Resource: '*' },
        {
          Effect: 'Allow',
          Action: [
            'logs:DescribeLogStreams', 'logs:GetLogEvents', 'logs:FilterLogEvents', 'logs:StartQuery', 'logs:StopQuery', 'logs:DescribeQueries',
            'logs:GetLogGroupFields', 'logs:GetLogRecord', 'logs:GetQueryResults',
          ],
          Resource: 'arn:aws:logs:*:*:log-group:/aws/lambda/*',
        },
      ],
    },
  },
  {
    PolicyName: 'AmazonS3ReadOnlyAccess',
    Path: '/',
    PolicyId: 'ANPAIZTJ4DXE7G6AGAE6M',
    Description: 'Provides read only access to all buckets via the AWS Management Console.',
    DefaultVersionId: 'v3',
    CreateDate: '2015-02-06T18:40:59Z',
    UpdateDate: '2023-08-10T21:31:39Z',
    Document: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' }],
    },
  },
  {
    PolicyName: 'AmazonS3FullAccess',
    Path: '/',
    PolicyId: 'ANPAIFIR6V6BVTRAHWINE',
    Description: 'Provides full access to all buckets via the AWS Management Console.',
    DefaultVersionId: 'v2',
    CreateDate: '2015-02-06T18:40:58Z',
    UpdateDate: '2021-09-27T20:16:37Z',
    Document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }] },
  },
  {
    PolicyName: 'AmazonSQSFullAccess',
    Path: '/',
    PolicyId: 'ANPAI65L554VRJ33ECQS6',
    Description: 'Provides full access to Amazon SQS via the AWS Management Console.',
    DefaultVersionId: 'v1',
    CreateDate: '2015-02-06T18:41:07Z',
    UpdateDate: '2015-02-06T18:41:07Z',
    Document: { Version: '2012-10-17', Statement: [{ Action: ['sqs:*'], Effect: 'Allow', Resource: '*' }] },
  },
  {
    PolicyName: 'AmazonSNSFullAccess',
    Path: '/',
    PolicyId: 'ANPAJWEKLCXXUNT2SOLSG',
    Description: 'Provides full access to Amazon SNS via the AWS Management Console.',
    DefaultVersionId: 'v1',
    CreateDate: '2015-02-06T18:41:05Z',
    UpdateDate: '2015-02-06T18:41:05Z',
    Document: { Version: '2012-10-17', Statement: [{ Action: ['sns:*'], Effect: 'Allow', Resource: '*' }] },
  },
  {
    PolicyName: 'CloudWatchLogsFullAccess',
    Path: '/',
    PolicyId: 'ANPAJ3ZGNWK2R5HW5BQFO',
    Description: 'Provides full access to CloudWatch Logs',
    DefaultVersionId: 'v3',
    CreateDate: '2015-02-06T18:40:54Z',
    UpdateDate: '2025-05-20T17:07:06Z',
    Document: {
      Version: '2012-10-17',
      Statement: [{ Action: ['logs:*', 'cloudwatch:GenerateQuery', 'cloudwatch:GenerateQueryResultsSummary'], Resource: '*', Effect: 'Allow', Sid: 'CloudWatchLogsFullAccess' }],
    },
  },
];

/** The managed policy an ARN names, if the emulator has it. */
export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return policies.find((p) => awsManagedPolicyArn(p) === arn);
}

export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicy[] = policies;
