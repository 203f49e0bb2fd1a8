/**
 * boto3 against SNS on the HTTP server (SNS speaks only the query protocol): Debian's
 * python3-boto3 1.26 (/usr/bin/python3) and a newer boto3 on PATH publish to a topic whose
 * subscribed queues get SNS's envelope and, with RawMessageDelivery, the bare message, read back
 * with SQS in whichever protocol that botocore speaks; and PublishBatch with its Successful list and
 * a recorded error.
 */
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorServer, type RunningServer } from '../../src/hosts/node/http-server.ts';
import type { LambdaService } from '../../src/emulator/index.ts';
import { ACCOUNT, makeService } from './support/harness.ts';
import { snsRecorded } from './support/sns-api-suite.ts';
import { createVmEnvironmentFactory } from './support/vm-engine.ts';

const run = promisify(execFile);

const SCRIPT = String.raw`
import json, sys
import boto3
from botocore.exceptions import ClientError

endpoint, name, account = sys.argv[1], sys.argv[2], sys.argv[3]
kw = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret")
sns, sqs = boto3.client("sns", **kw), boto3.client("sqs", **kw)
out = {"protocol": sns.meta.service_model.protocol}
topic = sns.create_topic(Name=name)["TopicArn"]
def queue_for(queue):
    # The queue's policy lets the topic send to it, as AWS requires.
    arn = "arn:aws:sqs:us-east-1:%s:%s" % (account, queue)
    policy = {"Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": arn, "Condition": {"ArnEquals": {"aws:SourceArn": topic}}}]}
    return sqs.create_queue(QueueName=queue, Attributes={"Policy": json.dumps(policy)})["QueueUrl"]
envelope_url = queue_for(name + "-envelope")
raw_url = queue_for(name + "-raw")
sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint="arn:aws:sqs:us-east-1:%s:%s-envelope" % (account, name))
raw = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint="arn:aws:sqs:us-east-1:%s:%s-raw" % (account, name), ReturnSubscriptionArn=True)["SubscriptionArn"]
sns.set_subscription_attributes(SubscriptionArn=raw, AttributeName="RawMessageDelivery", AttributeValue="true")
message_id = sns.publish(TopicArn=topic, Message="Test msg", MessageAttributes={"attr1": {"DataType": "Number", "StringValue": "99.12"}})["MessageId"]
body = json.loads(sqs.receive_message(QueueUrl=envelope_url)["Messages"][0]["Body"])
out["envelope"] = [body["Type"], body["MessageId"] == message_id, body["TopicArn"] == topic, body["Message"], body["MessageAttributes"]]
m = sqs.receive_message(QueueUrl=raw_url, MessageAttributeNames=["All"])["Messages"][0]
out["raw"] = [m["Body"], m["MessageAttributes"], m["MD5OfMessageAttributes"]]
out["topics"] = [t["TopicArn"] for t in sns.list_topics()["Topics"]] == [topic]
try:
    sns.get_topic_attributes(TopicArn=topic + "-missing")
except ClientError as e:
    out["error"] = [e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
batch = sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[{"Id": "1", "Message": "one"}, {"Id": "2", "Message": "two", "MessageAttributes": {"attr1": {"DataType": "String", "StringValue": "x"}}}])
out["batch"] = [[s["Id"] for s in batch["Successful"]], batch["Failed"]]
try:
    sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[{"Id": "1", "Message": "a"}, {"Id": "1", "Message": "b"}])
except ClientError as e:
    out["batch_error"] = [e.response["Error"]["Code"], e.response["Error"]["Message"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
sns.delete_topic(TopicArn=topic)
print(json.dumps(out))
`;

describe('boto3 against SNS on the HTTP server', () => {
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
    it(`${python}: publish into a queue as SNS's envelope and as a raw message`, { timeout: 60_000 }, async () => {
      const name = python.startsWith('/') ? 'debian-boto3' : 'path-boto3';
      const env = { PATH: process.env['PATH'] ?? '', HOME: tmpdir(), AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' };
      const out = JSON.parse((await run(python, ['-c', SCRIPT, server.url, name, ACCOUNT], { env })).stdout) as Record<string, unknown>;
      const raw = (snsRecorded('TestSNSSubscriptionSQS::test_publish_sqs_from_sns', 'message-raw-true') as { Messages: Record<string, unknown>[] }).Messages[0]!;
      const notFound = snsRecorded('TestSNSTopicCrud::test_create_topic_test_arn', 'topic-not-exists') as { Error: { Code: string; Message: string } };
      const sameId = snsRecorded('TestSNSSubscriptionSQS::test_publish_batch_exceptions', 'same-msg-id') as { Error: { Code: string; Message: string } };
      expect(out).toEqual({
        protocol: 'query',
        envelope: ['Notification', true, true, 'Test msg', { attr1: { Type: 'Number', Value: '99.12' } }],
        raw: [raw['Body'], raw['MessageAttributes'], raw['MD5OfMessageAttributes']],
        topics: true,
        error: [notFound.Error.Code, notFound.Error.Message, 404],
        batch: [['1', '2'], []],
        batch_error: [sameId.Error.Code, sameId.Error.Message, 400],
      });
    });
  }
});
