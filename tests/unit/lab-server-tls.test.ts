/**
 * `--tls-cert` and `--tls-key`: the lab server over HTTPS, as a class on a shared network needs it.
 * The SDK (trusting the lab's certificate) and the AWS CLI (`--ca-bundle`) work unchanged; plain
 * HTTP to the port gets no answer; signatures are still required.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { request as plainRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { clientsFor, destroy, startLab } from './support/lab-server.ts';
import { findAwsCliV2 } from './support/aws-cli.ts';
import { ECHO_CODE, zipBytes } from './support/harness.ts';

const run = promisify(execFile);

describe('the lab server over HTTPS', () => {
  it('serves the SDK and the AWS CLI with the lab certificate, refuses plain HTTP, and still requires signatures', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);
    const lab = await startLab('name,id\nAda Lovelace,ada\n', ['--inline', '--tls-cert', cert, '--tls-key', key], dir);
    const ada = lab.learner('ada');
    const ca = readFileSync(cert, 'utf8');
    const clients = clientsFor(lab.url, ada, { requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca }) }) });
    try {
      expect(lab.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect((await clients.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(ada.accountId);
      await clients.lambda.send(new CreateFunctionCommand({ FunctionName: 'over-tls', Runtime: 'nodejs22.x', Role: `arn:aws:iam::${ada.accountId}:role/lambda-role`, Handler: 'index.handler', Code: { ZipFile: zipBytes(ECHO_CODE) } }));
      const out = await clients.lambda.send(new InvokeCommand({ FunctionName: 'over-tls', Payload: new TextEncoder().encode('{"via":"https"}') }));
      expect(new TextDecoder().decode(out.Payload)).toContain('"via":"https"');

      // The AWS CLI with the lab's certificate as its CA bundle.
      const cli = await findAwsCliV2();
      const env = { PATH: process.env['PATH'], HOME: dir, AWS_ACCESS_KEY_ID: ada.accessKeyId, AWS_SECRET_ACCESS_KEY: ada.secretAccessKey, AWS_DEFAULT_REGION: 'us-east-1', AWS_EC2_METADATA_DISABLED: 'true' };
      const listed = await run(cli, ['--endpoint-url', lab.url, '--ca-bundle', cert, '--output', 'json', 'lambda', 'list-functions', '--query', 'Functions[].FunctionName'], { env });
      expect(JSON.parse(listed.stdout)).toEqual(['over-tls']);
      // Without it, the CLI does not trust the server.
      const untrusted = await run(cli, ['--endpoint-url', lab.url, 'lambda', 'list-functions'], { env }).then(() => '', (e: { stderr: string }) => e.stderr);
      expect(untrusted).toContain('SSL validation failed');

      // Plain HTTP to the same port is not answered as HTTP.
      const port = Number(new URL(lab.url).port);
      const plain = await new Promise<string>((resolve) => {
        const req = plainRequest({ host: '127.0.0.1', port, path: '/2015-03-31/functions/', method: 'GET' }, (res) => resolve(`HTTP ${res.statusCode}`));
        req.on('error', (e) => resolve(e.message));
        req.end();
      });
      expect(plain).not.toMatch(/^HTTP 2/);

      // Over TLS, an unsigned request is still refused with Lambda's own error.
      const unsigned = await new Promise<{ status: number; type: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/2015-03-31/functions/', method: 'GET', ca }, (res) => {
          res.resume();
          resolve({ status: res.statusCode!, type: String(res.headers['x-amzn-errortype']) });
        });
        req.on('error', reject);
        req.end();
      });
      expect(unsigned).toEqual({ status: 403, type: 'MissingAuthenticationTokenException' });
    } finally {
      destroy(clients);
      await lab.stop();
    }
  });

  it('refuses to start with only one of --tls-cert and --tls-key', { timeout: 60_000 }, async () => {
    const failed = await startLab('name,id\nAda Lovelace,ada\n', ['--tls-cert', 'cert.pem']).then(() => '', (e: Error) => e.message);
    expect(failed).toContain('HTTPS needs both --tls-cert FILE and --tls-key FILE (PEM).');
  });
});
