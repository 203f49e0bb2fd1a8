/** Test event templates, shaped like the events the Lambda console's templates produce. */
import { DEFAULT_ACCOUNT_ID } from '../emulator/index.ts';

export interface EventTemplate {
  id: string;
  name: string;
  event: unknown;
}

export const eventTemplates: readonly EventTemplate[] = [
  { id: 'hello-world', name: 'Hello World', event: { key1: 'value1', key2: 'value2', key3: 'value3' } },
  {
    id: 'apigateway-proxy',
    name: 'API Gateway AWS Proxy',
    event: {
      resource: '/hello',
      path: '/hello',
      httpMethod: 'GET',
      headers: { Accept: 'application/json', Host: 'abc123.execute-api.us-east-1.amazonaws.com', 'User-Agent': 'curl/8.5.0' },
      multiValueHeaders: { Accept: ['application/json'] },
      queryStringParameters: { name: 'world' },
      multiValueQueryStringParameters: { name: ['world'] },
      pathParameters: null,
      stageVariables: null,
      requestContext: {
        accountId: DEFAULT_ACCOUNT_ID,
        apiId: 'abc123',
        resourcePath: '/hello',
        httpMethod: 'GET',
        requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
        stage: 'prod',
        path: '/prod/hello',
        identity: { sourceIp: '203.0.113.10', userAgent: 'curl/8.5.0' },
        requestTimeEpoch: 1767225600000,
      },
      body: null,
      isBase64Encoded: false,
    },
  },
  {
    id: 's3-put',
    name: 'S3 Put',
    event: {
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: 'us-east-1',
          eventTime: '2026-01-01T00:00:00.000Z',
          eventName: 'ObjectCreated:Put',
          userIdentity: { principalId: 'EXAMPLE' },
          requestParameters: { sourceIPAddress: '127.0.0.1' },
          responseElements: { 'x-amz-request-id': 'EXAMPLE123456789', 'x-amz-id-2': 'EXAMPLE123/5678abcdefghijklambdaisawesome/mnopqrstuvwxyzABCDEFGH' },
          s3: {
            s3SchemaVersion: '1.0',
            configurationId: 'testConfigRule',
            bucket: { name: 'example-bucket', ownerIdentity: { principalId: 'EXAMPLE' }, arn: 'arn:aws:s3:::example-bucket' },
            object: { key: 'test/key', size: 1024, eTag: '0123456789abcdef0123456789abcdef', sequencer: '0A1B2C3D4E5F678901' },
          },
        },
      ],
    },
  },
  {
    id: 'sqs-batch',
    name: 'SQS Receive Message (batch)',
    event: {
      Records: [1, 2].map((n) => ({
        messageId: `059f36b4-87a3-44ab-83d2-66197${n}0d7d6c`,
        receiptHandle: `AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a${n}...`,
        body: `Test message ${n}.`,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '1767225600000',
          SenderId: 'AIDAIENQZJOLO23YVJ4VO',
          ApproximateFirstReceiveTimestamp: '1767225600001',
        },
        messageAttributes: {},
        md5OfBody: n === 1 ? 'e4e68fb7bd0e697a0ae8f1bb342846b3' : '6a1559560f67c5e7a7d7f0f0b2b5dd16',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:us-east-1:${DEFAULT_ACCOUNT_ID}:my-queue`,
        awsRegion: 'us-east-1',
      })),
    },
  },
  {
    id: 'eventbridge-scheduled',
    name: 'EventBridge (CloudWatch Events) scheduled event',
    event: {
      version: '0',
      id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: DEFAULT_ACCOUNT_ID,
      time: '2026-01-01T00:00:00Z',
      region: 'us-east-1',
      resources: [`arn:aws:events:us-east-1:${DEFAULT_ACCOUNT_ID}:rule/my-schedule`],
      detail: {},
    },
  },
];
