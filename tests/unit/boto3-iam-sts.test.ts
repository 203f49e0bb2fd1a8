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
    const run = await runHandler(code, '{}', { runtime: 'python3.14' });
    expect(JSON.parse(run.responses[0]!)).toEqual({ roles: ['lambda-role'], account: '111111111111' });
  });
});
