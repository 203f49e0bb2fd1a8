/** boto3 (python3-boto3) against the emulator's HTTP server: a second client no one here wrote. */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer, type RunningServer } from '../../src/hosts/node/http-server.ts';
import { LambdaService, bytesToBase64, realClock, zip } from '../../src/emulator/index.ts';
import { quickJSEngine } from './support/harness.ts';

const run = promisify(execFile);

const SCRIPT = String.raw`
import base64, json, sys, zipfile, io
import boto3
from botocore.exceptions import ClientError

endpoint, code_b64 = sys.argv[1], sys.argv[2]
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret")
lam = boto3.client("lambda", **kw)
logs = boto3.client("logs", **kw)
out = {}
out["create"] = lam.create_function(FunctionName="py", Runtime="nodejs22.x", Role="arn:aws:iam::111111111111:role/r",
    Handler="index.handler", Code={"ZipFile": base64.b64decode(code_b64)})["State"]
r = lam.invoke(FunctionName="py", Payload=json.dumps({"from": "boto3"}), LogType="Tail")
out["invoke"] = {"status": r["StatusCode"], "version": r["ExecutedVersion"], "payload": json.loads(r["Payload"].read()),
    "tail": base64.b64decode(r["LogResult"]).decode().splitlines()[-1].split("\t")[0]}
out["publish"] = lam.publish_version(FunctionName="py")["Version"]
out["alias"] = lam.create_alias(FunctionName="py", Name="live", FunctionVersion="1")["AliasArn"]
out["alias_invoke"] = lam.invoke(FunctionName="py", Qualifier="live", Payload=b"{}")["ExecutedVersion"]
try:
    lam.get_function(FunctionName="missing")
except ClientError as e:
    out["error"] = [e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
try:
    lam.put_function_concurrency(FunctionName="py", ReservedConcurrentExecutions=0)
    lam.invoke(FunctionName="py", Payload=b"{}")
except ClientError as e:
    out["throttle"] = [e.response["Error"]["Code"], e.response.get("Reason"), e.response["ResponseMetadata"]["HTTPStatusCode"]]
streams = logs.describe_log_streams(logGroupName="/aws/lambda/py")["logStreams"]
out["streams"] = len(streams)
events = logs.filter_log_events(logGroupName="/aws/lambda/py", filterPattern='"boto3"')["events"]
out["filtered"] = [e["message"].split("\t")[3].strip() for e in events]
loc = lam.get_function(FunctionName="py")["Code"]["Location"]
import urllib.request
out["download"] = zipfile.ZipFile(io.BytesIO(urllib.request.urlopen(loc).read())).namelist()
print(json.dumps(out))
`;

describe('boto3 against the HTTP server', () => {
  let server: RunningServer;
  let service: LambdaService;

  beforeAll(async () => {
    service = new LambdaService({ environmentFactory: quickJSEngine(), clock: realClock, region: 'us-east-1', accountId: '111111111111' });
    server = await startEmulatorServer(service, { port: 0 });
  });
  afterAll(async () => {
    await server.close();
    service.shutdown();
  });

  it('creates, invokes with Tail, publishes, aliases, throttles, reads logs and downloads code', { timeout: 120_000 }, async () => {
    const code = bytesToBase64(zip({ 'index.js': 'exports.handler = async (event) => { console.log("event", JSON.stringify(event)); return { got: event }; };' }));
    const { stdout } = await run('/usr/bin/python3', ['-c', SCRIPT, server.url, code], { env: { PATH: process.env['PATH'] ?? '', HOME: tmpdir(), AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' } });
    const out = JSON.parse(stdout);
    expect(out).toEqual({
      create: 'Pending',
      invoke: { status: 200, version: '$LATEST', payload: { got: { from: 'boto3' } }, tail: expect.stringMatching(/^REPORT RequestId: [0-9a-f-]{36}$/) },
      publish: '1',
      alias: 'arn:aws:lambda:us-east-1:111111111111:function:py:live',
      alias_invoke: '1',
      error: ['ResourceNotFoundException', 'Function not found: arn:aws:lambda:us-east-1:111111111111:function:missing', 404],
      throttle: ['TooManyRequestsException', 'ReservedFunctionConcurrentInvocationLimitExceeded', 429],
      streams: 2,
      filtered: ['event {"from":"boto3"}'],
      download: ['index.js'],
    });
  });
});
