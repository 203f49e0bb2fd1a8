/**
 * The course notes (shared/seeds/) are what learners were promised. Every concept and term they
 * mention must be taught by some lesson; this list is read from the five notes, in their words.
 */
import { describe, expect, it } from 'vitest';
import { readLessons } from './support/lessons.ts';

const SEED_TERMS: readonly string[] = [
  // 000: layers, limits, sync/async, environment variables
  'layer', 'ZIP archive', 'custom runtime', 'site-packages', 'pip3 install', '--target', 'requirements.txt',
  'zip -r9', '15 minutes', 'ephemeral', '/tmp', 'deployment package', '3,008', 
  'RequestResponse', 'Event', 'time out', 'RDS', 'S3', 'os.environ', 'AWS_REGION', 'environment variable',
  // 001: features, use cases, execution models, performance
  'event-driven', 'API Gateway', 'DynamoDB', 'Node.js', 'Python', 'Java', '.NET', 'Ruby', 'Go',
  'web applications', 'data processing', 'automation', 'backups', 'synchronous', 'asynchronous', 'poll-based',
  'reusability', 'share', 'publicly', 'compatible runtimes', 'memory', 'CPU', 'network bandwidth',
  'timeout', 'Step Functions', 'concurrency', 'throttl', 'reserved concurrency', 'soft limit', 'cold start',
  'provisioned concurrency', 'scheduled', 'keep', 'prune',
  // 002: concepts, limits table, programming model, versions, aliases, DLQ, execution context
  'provisioning or managing servers', 'scales automatically', 'pay only', 'runtime', 'event source',
  'downstream resource', 'log stream', 'CloudWatch', 'AWS SAM', 'CloudFormation', 'function and layer storage',
  'resource-based policy', '256 KB', 'console editor', 'test events',
  'file descriptors', 'processes', 'threads', 'handler', 'context', 'logging', 'exceptions',
  'one request', 'version', 'immutable', 'alias', 'event source mapping', 'pointer', 'Pillow', 'python/PIL',
  'invocation type', 'file processing', 'dead-letter queue', 'DLQ', 'SQS', 'SNS', 'retried twice',
  'execution context', 'database connections', 'outside the handler', 'frozen', 'background processes', 'callbacks',
  'Amazon Linux',
  // 003: limitations, invocation, chaining, packages, EventBridge, considerations, URLs
  'Docker', 'container image', 'Max retries = 3', 'SNS', 'Kinesis', 'Data Stream', 'destination',
  'container spins up', 'parallel', 'chaining', 'boto3', 'InvocationType', 'pip install', '-t .', 'upload',
  'EventBridge', 'concurrency', 'power tuning', 'failure handling', 'arm64', 'x86_64', 'function URL',
  // 004: concepts quoted from the AWS docs, managed policies, specifics, exercises
  'qualifier', 'trigger', 'JSON', 'invocation frequency', 'execution role', 'X-Ray', 'identity-based',
  'managed policies', 'AWSLambdaFullAccess', 'AWSLambdaReadOnlyAccess', 'AWSLambdaRole', 'AWSLambda_FullAccess',
  'AWSLambda_ReadOnlyAccess', 'retries', 'secrets', 'encrypt', 'publish', 'VPC', 'private subnets',
  'RDS Proxy', 'database proxy', 'EFS', 'Amazon DynamoDB', 'Simple Queue Service', 'hello-lambda',
  '$LATEST', 'unqualified', 'log group', 'HELLO', 'npm init', 'random-words', 'S3 bucket', 'aws lambda publish-layer-version',
];

/** Limit values the notes quote, and the limits module entry a lesson must render them from. */
const SEED_LIMITS: Readonly<Record<string, string>> = {
  '900 seconds (15 minutes)': 'limits.timeout.max',
  '128 to 10,240 MB (10 GB)': 'limits.memory.max',
  '512 MB of /tmp': 'limits.ephemeralStorage.default',
  '5 layers': 'limits.layers.maxPerFunction',
  '50 MB zipped': 'limits.deploymentPackage.maxZippedBytes',
  '250 MB unzipped with layers': 'limits.deploymentPackage.maxUnzippedBytes',
  '3 MB console editor': 'limits.deploymentPackage.consoleEditorBytes',
  '4 KB of environment variables': 'limits.environment.maxBytes',
  '6 MB synchronous payload': 'limits.payload.syncRequestBytes',
  '256 KB (now 1 MB) asynchronous payload': 'limits.payload.asyncBytes',
  '1,000 concurrent executions': 'limits.concurrency.accountDefault',
  '75 GB function and layer storage': 'limits.codeStorage.maxGb',
  '10 test events': 'limits.testEvents.maxPerFunction',
  '1,024 file descriptors': 'limits.fileDescriptors',
  '1,024 processes and threads': 'limits.processesAndThreads',
  '10 GB container images': 'limits.deploymentPackage.containerImageGb',
  'retried twice': 'limits.asyncRetries.default',
};

const lessons = readLessons();
// Line breaks in the prose must not hide a phrase.
const corpus = lessons.map((l) => l.text.toLowerCase().replace(/\s+/g, ' ')).join('\n');

describe('seed coverage: every term from the course notes is taught', () => {
  it('holds a substantial list of terms', () => {
    expect(new Set(SEED_TERMS).size).toBeGreaterThanOrEqual(60);
  });

  it.each([...new Set(SEED_TERMS)].map((t) => [t]))('%s', (term) => {
    expect(corpus.includes(term.toLowerCase()), `no lesson mentions "${term}"`).toBe(true);
  });

  it.each(Object.entries(SEED_LIMITS))('the limit "%s" is taught from %s', (_, reference) => {
    expect(lessons.some((l) => l.text.includes(reference)), `no lesson renders ${reference}`).toBe(true);
  });
});
