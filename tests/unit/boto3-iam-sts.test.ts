/** boto3 inside a Python handler reaches the account's IAM and STS too, with boto3's shapes. */
import { describe, expect, it } from 'vitest';
import { runHandler } from './support/run-handler.ts';

describe('boto3 inside Python handlers: IAM and STS', { timeout: 120_000 }, () => {
  it("lists the account's ready role and says who is calling", async () => {
    const code = `import boto3

def lambda_handler(event, context):
    roles = boto3.client('iam').list_roles()['Roles']
    who = boto3.client('sts').get_caller_identity()
    return {'roles': [r['RoleName'] for r in roles], 'account': who['Account']}
`;
    // boto3 calls as the function's role, which needs iam:ListRoles beyond basic execution (GetCallerIdentity needs no permission, as on AWS).
    const rolePolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:ListRoles'], Resource: '*' }] });
    const run = await runHandler(code, '{}', { runtime: 'python3.14', rolePolicy });
    expect(JSON.parse(run.responses[0]!)).toEqual({ roles: expect.arrayContaining(['lambda-role']), account: '111111111111' });
  });
});
