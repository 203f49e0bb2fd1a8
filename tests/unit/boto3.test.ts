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
out["create"] = lam.create_function(FunctionName="py", Runtime="nodejs22.x", Role="arn:aws:iam::111111111111:role/lambda-role",
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

const S3_SCRIPT = String.raw`
import base64, io, json, sys
import boto3
from botocore.exceptions import ClientError

endpoint, code_b64 = sys.argv[1], sys.argv[2]
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret")
s3 = boto3.client("s3", **kw)
lam = boto3.client("lambda", **kw)
def error(call):
    try:
        call()
    except ClientError as e:
        return [e.response["Error"]["Code"], e.response["Error"].get("Message"), e.response["ResponseMetadata"]["HTTPStatusCode"]]
out = {}
out["create"] = s3.create_bucket(Bucket="boto-bucket")["Location"]
out["put_etag"] = s3.put_object(Bucket="boto-bucket", Key="in/boto 3.txt", Body=b"hello world", ContentType="text/plain", Metadata={"owner": "ada"})["ETag"]
got = s3.get_object(Bucket="boto-bucket", Key="in/boto 3.txt")
out["get"] = [got["Body"].read().decode(), got["ContentType"], got["Metadata"]]
out["head_length"] = s3.head_object(Bucket="boto-bucket", Key="in/boto 3.txt")["ContentLength"]
listed = s3.list_objects_v2(Bucket="boto-bucket", Prefix="in/")
top = s3.list_objects_v2(Bucket="boto-bucket", Delimiter="/")
out["list"] = [[o["Key"] for o in listed["Contents"]], [p["Prefix"] for p in top["CommonPrefixes"]], listed["KeyCount"] + top["KeyCount"]]
out["copy_etag"] = s3.copy_object(Bucket="boto-bucket", Key="copy.txt", CopySource={"Bucket": "boto-bucket", "Key": "in/boto 3.txt"})["CopyObjectResult"]["ETag"]
out["deleted"] = sorted(d["Key"] for d in s3.delete_objects(Bucket="boto-bucket", Delete={"Objects": [{"Key": "copy.txt"}, {"Key": "nope.txt"}]})["Deleted"])
out["no_key"] = error(lambda: s3.get_object(Bucket="boto-bucket", Key="missing"))
out["no_bucket"] = error(lambda: s3.list_objects_v2(Bucket="missing-bucket"))
out["head_missing"] = error(lambda: s3.head_object(Bucket="boto-bucket", Key="missing"))[0::2]
lam.create_function(FunctionName="py-s3", Runtime="nodejs22.x", Role="arn:aws:iam::111111111111:role/lambda-role", Handler="index.handler", Code={"ZipFile": base64.b64decode(code_b64)})
config = {"LambdaFunctionConfigurations": [{"Id": "boto", "LambdaFunctionArn": "arn:aws:lambda:us-east-1:111111111111:function:py-s3", "Events": ["s3:ObjectCreated:*"]}]}
out["refused"] = error(lambda: s3.put_bucket_notification_configuration(Bucket="boto-bucket", NotificationConfiguration=config))
lam.add_permission(FunctionName="py-s3", StatementId="s3", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com", SourceArn="arn:aws:s3:::boto-bucket")
s3.put_bucket_notification_configuration(Bucket="boto-bucket", NotificationConfiguration=config)
out["notification"] = s3.get_bucket_notification_configuration(Bucket="boto-bucket")["LambdaFunctionConfigurations"]
s3.put_object(Bucket="boto-bucket", Key="in/boto 3.txt", Body=b"hello world")
s3.upload_fileobj(io.BytesIO(b"streamed by s3transfer"), "boto-bucket", "transfer.bin")
out["transfer"] = s3.get_object(Bucket="boto-bucket", Key="transfer.bin")["Body"].read().decode()
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

  it('S3: buckets, objects, listings, errors, and a notification that invokes a function', { timeout: 120_000 }, async () => {
    const code = bytesToBase64(zip({ 'index.js': 'exports.handler = async (event) => { console.log(JSON.stringify(event)); return "ok"; };' }));
    const { stdout } = await run('/usr/bin/python3', ['-c', S3_SCRIPT, server.url, code], { env: { PATH: process.env['PATH'] ?? '', HOME: tmpdir(), AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' } });
    const out = JSON.parse(stdout);
    await service.scheduler.drain();
    const events = service.logs.filterLogEvents({ logGroupName: '/aws/lambda/py-s3', filterPattern: '"Records"' }) as { events: { message: string }[] };
    const keys = events.events.map((e) => JSON.parse(e.message.split('\t')[3]!).Records[0].s3.object.key);
    expect(keys).toEqual(['in/boto+3.txt', 'transfer.bin']);
    expect(out).toEqual({
      create: '/boto-bucket',
      put_etag: '"5eb63bbbe01eeed093cb22bb8f5acdc3"',
      get: ['hello world', 'text/plain', { owner: 'ada' }],
      head_length: 11,
      list: [['in/boto 3.txt'], ['in/'], 2],
      copy_etag: '"5eb63bbbe01eeed093cb22bb8f5acdc3"',
      deleted: ['copy.txt', 'nope.txt'],
      no_key: ['NoSuchKey', 'The specified key does not exist.', 404],
      no_bucket: ['NoSuchBucket', 'The specified bucket does not exist', 404],
      head_missing: ['404', 404],
      refused: ['InvalidArgument', 'Unable to validate the following destination configurations', 400],
      notification: [{ Id: 'boto', LambdaFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:py-s3', Events: ['s3:ObjectCreated:*'] }],
      transfer: 'streamed by s3transfer',
    });
  });
});
