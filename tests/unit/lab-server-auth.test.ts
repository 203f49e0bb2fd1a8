/**
 * The shared lab server checks every request's SigV4 signature, and refuses as each AWS service
 * does: no signature, a key it does not know, a wrong secret, a tampered body, a signature dated
 * outside the allowed clock skew. The roster's accounts and keys are kept across a restart.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sha256Js } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { GetAccountSettingsCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { clientsFor, destroy, startLab, type LabClients, type SpawnedLab } from './support/lab-server.ts';
import { failure } from './support/harness.ts';

const ROSTER = 'name,id,account_id,access_key_id,secret_access_key\nAda Lovelace,ada,,,\nBrian Kernighan,brian,222233334444,AKIAEXAMPLEBRIAN0001,brianSecretKey0000000000000000000000000000\n';

const INVALID_TOKEN = 'The security token included in the request is invalid.';
const SIGNATURE_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const EXPIRED = /^Signature expired: (\d{8}T\d{6}Z) is now earlier than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - 5 min\.\)$/;

const basic = (text: string) => Date.parse(text.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));

describe('the lab server authenticates every request', () => {
  let lab: SpawnedLab;
  let ada: LabClients;

  beforeAll(async () => {
    lab = await startLab(ROSTER);
    ada = clientsFor(lab.url, lab.learner('ada'));
  }, 90_000);

  afterAll(async () => {
    if (ada) destroy(ada);
    await lab?.stop();
  });

  it('gives each learner an account and keys in AWS formats, keeping the roster\'s own, and prints the instructor\'s', () => {
    const adaId = lab.learner('ada');
    expect(adaId.accountId).toMatch(/^[1-9]\d{11}$/);
    expect(adaId.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(adaId.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(lab.learner('brian')).toEqual({ name: 'Brian Kernighan', id: 'brian', accountId: '222233334444', accessKeyId: 'AKIAEXAMPLEBRIAN0001', secretAccessKey: 'brianSecretKey0000000000000000000000000000' });
    expect(lab.output()).toContain(`access key id ${lab.config.admin.accessKeyId}, secret access key ${lab.config.admin.secretAccessKey}`);
  });

  it('answers a signed request in the signer\'s own account', async () => {
    expect(await ada.sts.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: lab.learner('ada').accountId, Arn: `arn:aws:iam::${lab.learner('ada').accountId}:root` });
    expect((await ada.lambda.send(new ListFunctionsCommand({}))).Functions).toEqual([]);
  });

  it('refuses unsigned requests: Lambda with MissingAuthenticationTokenException, S3 with AccessDenied, SQS with MissingAuthenticationToken', async () => {
    const lambda = await fetch(`${lab.url}/2015-03-31/functions`);
    expect(lambda.status).toBe(403);
    expect(lambda.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await lambda.json()).toEqual({ message: 'Missing Authentication Token' });

    const s3 = await fetch(`${lab.url}/some-bucket/key.txt`);
    expect(s3.status).toBe(403);
    expect(await s3.text()).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\s*<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message><RequestId>[^<]+<\/RequestId><\/Error>$/);

    const sqs = await fetch(`${lab.url}/${lab.learner('ada').accountId}/q`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=SendMessage&MessageBody=hi' });
    expect(sqs.status).toBe(403);
    const xml = await sqs.text();
    expect(xml).toContain('<Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message>');
  });

  it('refuses an unknown access key in each service\'s words', async () => {
    const stranger = clientsFor(lab.url, { accessKeyId: 'AKIAUNKNOWNKEY000000', secretAccessKey: 'x'.repeat(40) });
    try {
      expect(await failure(stranger.lambda.send(new ListFunctionsCommand({})))).toMatchObject({ name: 'UnrecognizedClientException', message: INVALID_TOKEN, status: 403 });
      expect(await failure(stranger.logs.send(new DescribeLogGroupsCommand({})))).toMatchObject({ name: 'UnrecognizedClientException', message: INVALID_TOKEN, status: 400 });
      const s3 = await failure(stranger.s3.send(new ListBucketsCommand({})));
      expect(s3).toMatchObject({ name: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.', status: 403 });
      expect(s3.error['AWSAccessKeyId']).toBe('AKIAUNKNOWNKEY000000');
      expect(await failure(stranger.sqs.send(new ListQueuesCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', message: INVALID_TOKEN, status: 403 });
      expect(await failure(stranger.sns.send(new ListTopicsCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', message: INVALID_TOKEN, status: 403 });
      expect(await failure(stranger.iam.send(new ListRolesCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', message: INVALID_TOKEN, status: 403 });
    } finally {
      destroy(stranger);
    }
  });

  it('refuses a wrong secret: InvalidSignatureException from Lambda, SignatureDoesNotMatch from S3, SQS and STS', async () => {
    const wrong = clientsFor(lab.url, { accessKeyId: lab.learner('ada').accessKeyId, secretAccessKey: 'y'.repeat(40) });
    try {
      expect(await failure(wrong.lambda.send(new GetAccountSettingsCommand({})))).toMatchObject({ name: 'InvalidSignatureException', message: SIGNATURE_MISMATCH, status: 403 });
      const s3 = await failure(wrong.s3.send(new ListBucketsCommand({})));
      expect(s3).toMatchObject({ name: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', status: 403 });
      expect(s3.error['AWSAccessKeyId']).toBe(lab.learner('ada').accessKeyId);
      expect(await failure(wrong.sqs.send(new ListQueuesCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch', message: SIGNATURE_MISMATCH, status: 403 });
      expect(await failure(wrong.sts.send(new GetCallerIdentityCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch', message: SIGNATURE_MISMATCH, status: 403 });
    } finally {
      destroy(wrong);
    }
  });

  it('refuses a request whose body changed after it was signed', async () => {
    const keys = lab.learner('ada');
    const signer = new SignatureV4({ service: 'lambda', region: 'us-east-1', sha256: Sha256Js, credentials: keys });
    const host = new URL(lab.url).host;
    const body = JSON.stringify({ FunctionName: 'f', Runtime: 'nodejs22.x', Role: 'r', Handler: 'index.handler', Code: { ZipFile: '' } });
    const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: host, path: '/2015-03-31/functions', query: {}, headers: { host, 'content-type': 'application/json', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body });
    // The payload hash itself is signed: a body that differs from it is caught by the hash...
    const withHash = await signer.sign({ method: 'POST', protocol: 'http:', hostname: host, path: '/2015-03-31/functions', query: {}, headers: { host, 'content-type': 'application/json' }, body });
    const tampered = body.replace('"f"', '"g"');
    const byHash = await fetch(`${lab.url}/2015-03-31/functions`, { method: 'POST', headers: { ...withHash.headers, 'x-amz-content-sha256': await sha256Hex(body) } as Record<string, string>, body: tampered });
    expect(byHash.status).toBe(403);
    expect(byHash.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect(await byHash.json()).toEqual({ message: SIGNATURE_MISMATCH });
    // ...and without the hash header, by the signature over the body's own hash.
    const bySignature = await fetch(`${lab.url}/2015-03-31/functions`, { method: 'POST', headers: withHash.headers as Record<string, string>, body: tampered });
    expect(bySignature.status).toBe(403);
    expect(await bySignature.json()).toEqual({ message: SIGNATURE_MISMATCH });
    // A changed header that was signed is caught the same way.
    const header = await fetch(`${lab.url}/2015-03-31/functions`, { method: 'POST', headers: { ...(signed.headers as Record<string, string>), 'content-type': 'text/plain' }, body });
    expect(await header.json()).toEqual({ message: SIGNATURE_MISMATCH });
  });

  it('refuses a signature dated more than 5 minutes away, saying so as AWS words it', async () => {
    const late = clientsFor(lab.url, lab.learner('ada'), { systemClockOffset: -10 * 60_000 });
    try {
      const lambda = await failure(late.lambda.send(new ListFunctionsCommand({})));
      expect(lambda).toMatchObject({ name: 'InvalidSignatureException', status: 403 });
      const [, signed, earliest, now] = EXPIRED.exec(lambda.message)!;
      expect(basic(now!) - basic(earliest!)).toBe(5 * 60_000);
      expect(basic(now!) - basic(signed!)).toBeGreaterThan(5 * 60_000);
      const sqs = await failure(late.sqs.send(new ListQueuesCommand({})));
      expect(sqs).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
      expect(sqs.message).toMatch(EXPIRED);
      const s3 = await failure(clientsFor(lab.url, lab.learner('ada'), { systemClockOffset: -20 * 60_000 }).s3.send(new ListBucketsCommand({})));
      expect(s3).toMatchObject({ name: 'RequestTimeTooSkewed', message: 'The difference between the request time and the current time is too large.', status: 403 });
      expect(s3.error['MaxAllowedSkewMilliseconds']).toBe('900000');
    } finally {
      destroy(late);
    }
    const early = clientsFor(lab.url, lab.learner('ada'), { systemClockOffset: 10 * 60_000 });
    try {
      const ahead = await failure(early.lambda.send(new ListFunctionsCommand({})));
      expect(ahead.message).toMatch(/^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/);
    } finally {
      destroy(early);
    }
  });

  it('keeps every account and key across a restart', async () => {
    const before = readFileSync(join(lab.dir, 'state', 'lab.json'), 'utf8');
    await lab.stop();
    destroy(ada);
    lab = await startLab(ROSTER, [], lab.dir);
    ada = clientsFor(lab.url, lab.learner('ada'));
    expect(readFileSync(join(lab.dir, 'state', 'lab.json'), 'utf8')).toBe(before);
    expect((await ada.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(lab.learner('ada').accountId);
  }, 90_000);
});

async function sha256Hex(text: string): Promise<string> {
  const hash = new Sha256Js();
  hash.update(new TextEncoder().encode(text));
  return [...(await hash.digest())].map((b) => b.toString(16).padStart(2, '0')).join('');
}
