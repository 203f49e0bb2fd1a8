/**
 * SNS topic policies through the SDK v3 in process: the default policy SNS gives a topic, and
 * AddPermission / RemovePermission writing into it, as recorded in sns_test_sns.snapshot.json.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AddPermissionCommand, CreateTopicCommand, GetTopicAttributesCommand, RemovePermissionCommand, SNSClient } from '@aws-sdk/client-sns';
import { ACCOUNT, REGION, failure, makeService, quickJSEngine, type Setup } from './support/harness.ts';

const RECORDINGS = new URL('../fixtures/aws-recordings/', import.meta.url).pathname;
const snapshot = JSON.parse(readFileSync(`${RECORDINGS}/sns_test_sns.snapshot.json`, 'utf8')) as Record<string, { 'recorded-content': Record<string, unknown> }>;

/** A recorded value with this topic's names in its placeholders. */
function recorded(test: string, key: string, topic: string): any {
  const content = Object.entries(snapshot).find(([name]) => name.endsWith(`::${test}`))?.[1]['recorded-content'][key];
  if (content === undefined) throw new Error(`no recording ${test} / ${key}`);
  return JSON.parse(JSON.stringify(content).replaceAll('<partition>', 'aws').replaceAll('<region>', REGION).replaceAll('<resource:1>', topic).replaceAll('<resource:2>', 'root'));
}

describe('SNS topic policies', () => {
  let setup: Setup;
  let sns: SNSClient;
  let topicArn: string;

  const policy = async () => JSON.parse((await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }))).Attributes!['Policy']!);
  const failed = async (p: Promise<unknown>) => {
    const { message, status, error } = await failure(p);
    return { Code: (error['Error'] as { Code: string }).Code, Message: message, status };
  };
  const recordedError = (test: string, key: string) => {
    const { Error, ResponseMetadata } = recorded(test, key, 'policy-topic');
    return { Code: Error.Code, Message: Error.Message, status: ResponseMetadata.HTTPStatusCode };
  };

  beforeEach(async () => {
    setup = makeService(quickJSEngine());
    ({ sns } = setup);
    topicArn = (await sns.send(new CreateTopicCommand({ Name: 'policy-topic' }))).TopicArn!;
  });
  afterEach(() => setup.close());

  it('AddPermission adds a statement to the default policy (one action as a string, several as a list); RemovePermission takes it away', async () => {
    expect(await policy()).toEqual(recorded('test_topic_remove_permission', 'topic-policy', 'policy-topic'));
    await sns.send(new AddPermissionCommand({ TopicArn: topicArn, Label: 'test', AWSAccountId: [ACCOUNT], ActionName: ['Publish'] }));
    expect(await policy()).toEqual(recorded('test_topic_add_permission', 'topic-policy-after-permission', 'policy-topic'));
    await sns.send(new RemovePermissionCommand({ TopicArn: topicArn, Label: 'test' }));
    expect(await policy()).toEqual(recorded('test_topic_remove_permission', 'topic-policy', 'policy-topic'));
    await sns.send(new AddPermissionCommand({ TopicArn: topicArn, Label: 'test', AWSAccountId: [ACCOUNT], ActionName: ['Publish', 'Subscribe'] }));
    expect(await policy()).toEqual(recorded('test_topic_add_multiple_permissions', 'topic-policy-after-permission', 'policy-topic'));
  });

  it('refuses what SNS refuses, with the recorded errors', async () => {
    const add = (input: { TopicArn?: string; Label?: string; ActionName?: string[] }) =>
      sns.send(new AddPermissionCommand({ TopicArn: topicArn, Label: 'test', AWSAccountId: [ACCOUNT], ActionName: ['Publish'], ...input }));
    await add({});
    expect(await failed(add({}))).toEqual(recordedError('test_add_permission_errors', 'duplicate-label'));
    expect(await failed(add({ Label: 'other', ActionName: ['InvalidAction'] }))).toEqual(recordedError('test_add_permission_errors', 'invalid-action'));
    const missing = `arn:aws:sns:${REGION}:${ACCOUNT}:no-such-topic`;
    expect(await failed(add({ TopicArn: missing, Label: 'other' }))).toEqual(recordedError('test_add_permission_errors', 'topic-not-found'));
    expect(await failed(sns.send(new RemovePermissionCommand({ TopicArn: missing, Label: 'test' })))).toEqual(recordedError('test_remove_permission_errors', 'topic-not-found'));
  });
});
