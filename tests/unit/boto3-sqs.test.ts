/**
 * boto3 against SQS on the HTTP server, in whichever protocol its botocore speaks: Debian's
 * python3-boto3 1.26 (/usr/bin/python3) sends the query protocol, boto3 1.43 (a newer python3 on
 * PATH, where there is one) the JSON protocol. Both must see the same queue behave the same, with
 * each protocol's recorded error wording.
 */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer, type RunningServer } from '../../src/hosts/node/http-server.ts';
import type { LambdaService } from '../../src/emulator/index.ts';
import { makeService } from './support/harness.ts';
import { recordingsOf } from './support/recordings.ts';
import { createVmEnvironmentFactory } from './support/vm-engine.ts';

const run = promisify(execFile);
const recorded = recordingsOf('sqs_test_sqs.snapshot.json', 'tests/aws/services/sqs/test_sqs.py::');

const SCRIPT = String.raw`
import json, sys
import boto3
from botocore.exceptions import ClientError

endpoint, name = sys.argv[1], sys.argv[2]
sqs = boto3.client("sqs", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret")
out = {"protocol": sqs.meta.service_model.protocol}
url = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "45"}, tags={"course": "lambda"})["QueueUrl"]
out["url"] = url
sent = sqs.send_message(QueueUrl=url, MessageBody="hello", MessageAttributes={"City": {"DataType": "String", "StringValue": "Oslo"}, "Raw": {"DataType": "Binary", "BinaryValue": b"\x00\x01"}})
out["md5"] = [sent["MD5OfMessageBody"], sent["MD5OfMessageAttributes"]]
got = sqs.receive_message(QueueUrl=url, AttributeNames=["ApproximateReceiveCount", "SenderId"], MessageAttributeNames=["All"], MaxNumberOfMessages=10)["Messages"]
m = got[0]
out["received"] = [m["Body"], m["Attributes"], m["MessageAttributes"]["City"], list(m["MessageAttributes"]["Raw"]["BinaryValue"])]
sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
out["attributes"] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout", "ApproximateNumberOfMessages"])["Attributes"]
out["tags"] = sqs.list_queue_tags(QueueUrl=url)["Tags"]
batch = sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": "a", "MessageBody": "one"}, {"Id": "b", "MessageBody": ""}])
out["batch"] = [[s["Id"] for s in batch.get("Successful", [])], [[f["Id"], f["Code"], f["SenderFault"]] for f in batch.get("Failed", [])]]
try:
    sqs.get_queue_url(QueueName="missing")
except ClientError as e:
    out["error"] = [e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
print(json.dumps(out))
`;

describe('boto3 against SQS on the HTTP server', () => {
  let server: RunningServer;
  let service: LambdaService;

  beforeAll(async () => {
    ({ service } = makeService(createVmEnvironmentFactory()));
    server = await startEmulatorServer(service, { port: 0 });
  });
  afterAll(async () => {
    await server.close();
    service.shutdown();
  });

  for (const python of ['/usr/bin/python3', 'python3']) {
    it(`${python}: queues, messages, attributes, tags, batches and errors`, { timeout: 60_000 }, async () => {
      const name = python.startsWith('/') ? 'debian-boto3' : 'path-boto3';
      const env = { PATH: process.env['PATH'] ?? '', HOME: tmpdir(), AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
      const out = JSON.parse((await run(python, ['-c', SCRIPT, server.url, name], { env })).stdout) as Record<string, unknown>;
      const query = out['protocol'] === 'query';
      const error = recorded('TestSqsProvider::test_non_existent_queue', query ? 'queue-does-not-exist-query' : 'queue-does-not-exist') as { Error: { Code: string; Message: string } };
      expect(out).toEqual({
        protocol: out['protocol'],
        url: `${server.url}/111111111111/${name}`,
        md5: ['5d41402abc4b2a76b9719d911017c592', expect.stringMatching(/^[0-9a-f]{32}$/)],
        received: ['hello', { ApproximateReceiveCount: '1', SenderId: 'AKIDEXAMPLE' }, { StringValue: 'Oslo', DataType: 'String' }, [0, 1]],
        attributes: { VisibilityTimeout: '45', ApproximateNumberOfMessages: '0' },
        tags: { course: 'lambda' },
        batch: [['a'], [['b', 'MissingParameter', true]]],
        error: [error.Error.Code, error.Error.Message, 400],
      });
      expect(['query', 'json']).toContain(out['protocol']);
    });
  }
});
