import type { QuizBank } from '../schema.ts';

export default {
  id: 'permissions',
  title: 'Check yourself: permissions',
  questions: [
    {
      id: 'which-policy',
      kind: 'single',
      prompt: 'Your function must write items to a DynamoDB table. Where does that permission go?',
      options: [
        { id: 'execution-role', text: 'In the function’s execution role' },
        { id: 'resource-policy', text: 'In the function’s resource-based policy' },
        { id: 'table-owner', text: 'In the IAM user who created the function' },
      ],
      answer: 'execution-role',
      explanation: 'What the function may do is the execution role’s job: Lambda assumes it and gives its credentials to your code.',
    },
    {
      id: 's3-invoke',
      kind: 'single',
      prompt: 'An S3 bucket should invoke your function when objects are created. What grants S3 that permission?',
      options: [
        { id: 'resource-policy', text: 'A statement in the function’s resource-based policy for principal `s3.amazonaws.com`, scoped with the bucket’s ARN' },
        { id: 'execution-role', text: '`s3:*` in the function’s execution role' },
        { id: 'bucket-acl', text: 'A bucket ACL' },
      ],
      answer: 'resource-policy',
      explanation: 'Who may invoke a function is written on the function, in its resource-based policy (`aws lambda add-permission`). Scope it with SourceArn and SourceAccount.',
    },
    {
      id: 'current-names',
      kind: 'multiple',
      prompt: 'Which are the current AWS managed policies for people who manage Lambda? Choose all that apply.',
      options: [
        { id: 'full-new', text: '`AWSLambda_FullAccess`' },
        { id: 'ro-new', text: '`AWSLambda_ReadOnlyAccess`' },
        { id: 'full-old', text: '`AWSLambdaFullAccess`' },
        { id: 'ro-old', text: '`AWSLambdaReadOnlyAccess`' },
      ],
      answers: ['full-new', 'ro-new'],
      explanation: 'AWSLambdaFullAccess and AWSLambdaReadOnlyAccess are deprecated; AWSLambda_FullAccess and AWSLambda_ReadOnlyAccess (with an underscore) replaced them in November 2020.',
    },
    {
      id: 'basic-role',
      kind: 'single',
      prompt: 'What does `AWSLambdaBasicExecutionRole` allow a function to do?',
      options: [
        { id: 'logs', text: 'Write its logs to CloudWatch Logs' },
        { id: 'invoke', text: 'Invoke other functions' },
        { id: 'everything', text: 'Call any AWS service in the account' },
      ],
      answer: 'logs',
      explanation: 'It grants creating log groups and streams and putting log events: the minimum every function needs, nothing more.',
    },
    {
      id: 'esm-permissions',
      kind: 'single',
      prompt: 'An SQS event source mapping cannot read the queue. What is missing?',
      options: [
        { id: 'role', text: '`sqs:ReceiveMessage`, `sqs:DeleteMessage` and `sqs:GetQueueAttributes` in the function’s execution role' },
        { id: 'resource-policy', text: 'A resource-based policy on the function for `sqs.amazonaws.com`' },
        { id: 'passrole', text: '`iam:PassRole` for the learner' },
      ],
      answer: 'role',
      explanation: 'With an event source mapping, Lambda polls the queue itself using the function’s execution role; SQS never invokes the function, so no resource-based policy is needed.',
    },
    {
      id: 'least-privilege',
      kind: 'multiple',
      prompt: 'Which practices follow least privilege? Choose all that apply.',
      options: [
        { id: 'role-per-function', text: 'One execution role per function' },
        { id: 'named-resources', text: 'Naming the exact actions and table ARNs a function uses' },
        { id: 'source-arn', text: 'Scoping service invoke permissions with SourceArn' },
        { id: 'shared-admin', text: 'One shared role with AdministratorAccess for all functions' },
      ],
      answers: ['role-per-function', 'named-resources', 'source-arn'],
      explanation: 'Give each function only the actions and resources it uses, and each grant only the caller it is for. A shared admin role turns any bug into an account-wide incident.',
    },
  ],
} satisfies QuizBank;
