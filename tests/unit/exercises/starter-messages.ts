/** What the learner reads for each task of each exercise before doing anything (the Node.js starter state). */
import type { CheckReport } from '../../../src/checks/types.ts';
import { ROLE } from './harness.ts';

/** Each task's outcome as one line, `passed 1/1: ...` or `failed 0/1: ...`, by task id. */
export function summary(report: CheckReport): Record<string, string> {
  return Object.fromEntries(report.tasks.map((t) => [t.id, `${t.passed ? 'passed' : 'failed'} ${t.points}/${t.maxPoints}: ${t.message}`]));
}

export const starterMessages: Record<string, Record<string, string>> = {
  'hello-lambda': {
    'create-function': 'Expected a function named hello-lambda, but Lambda answered ResourceNotFoundException. Create it in the Lambda console',
    'execution-role': 'Expected a function named hello-lambda',
    qualifiers: 'Expected a function named hello-lambda',
    'test-invoke': 'Expected a function named hello-lambda',
    logs: 'Expected the log group /aws/lambda/hello-lambda, but it does not exist yet',
  },
  'environment-variables': {
    'add-variable': 'Expected an environment variable HELLO on hello-lambda, found none.',
    'read-variable': 'Expected index.mjs to read process.env.HELLO; it never does.',
    'run-test': 'HELLO is not set (Task 1), so the output cannot use it',
    'reserved-variable': 'No answer was given for "reserved-variable"',
  },
  'versions-and-aliases': {
    'publish-version': 'Expected at least one published version of hello-lambda, found only $LATEST.',
    'edit-latest': 'Publish a version first (Task 1)',
    'create-alias': 'Expected an alias prod on hello-lambda, found none.',
    'shift-traffic': 'Expected an alias prod on hello-lambda, found none.',
  },
  layers: {
    'publish-layer': 'Expected a layer named random-words with at least one version, found none.',
    'attach-layer': 'Expected hello-layers to use a version of the layer random-words, found no layers.',
    'use-layer': "Expected the handler file to load the library (import { generate } from 'random-words'), found no import or require of random-words in index.mjs.",
    'layer-order': 'Expected hello-layers to use two layers (random-words and then planet-words), found none.',
  },
  chaining: {
    'meet-denied': 'Expected a function named chain-caller, but Lambda answered ResourceNotFoundException. Create it in the Lambda console',
    'least-privilege': 'Expected a function named chain-caller',
    'chain-works': 'Expected a function named chain-caller',
  },
  'function-url': {
    'create-url': 'Expected a function named hello-url, but Lambda answered ResourceNotFoundException. Create it in the Lambda console',
    'http-response': 'Expected a function named hello-url',
    cors: 'Expected a function named hello-url',
  },
  's3-trigger': {
    'add-trigger': 'Expected a function named upload-processor, but Lambda answered ResourceNotFoundException. Create it in the Lambda console',
    'meet-denied': 'Expected a function named upload-processor',
    'grant-write': 'Expected a function named upload-processor',
    'process-uploads': 'Expected a function named upload-processor',
  },
  scheduled: {
    'schedule-rule': 'Expected a function named nightly-report, but Lambda answered ResourceNotFoundException. Create it in the Lambda console',
    'invoke-permission': 'Expected a function named nightly-report',
    fired: 'Expected a function named nightly-report',
    'event-time': 'Expected a function named nightly-report',
  },
  'sqs-batch': {
    queues: 'Expected an SQS queue named orders-dlq, but SQS answered that it does not exist. Make it in the Terminal: aws sqs create-queue --queue-name orders-dlq.',
    mapping: 'Expected a function named order-worker, but Lambda answered ResourceNotFoundException. Create it in the Lambda console',
    'partial-failures': 'Expected a function named order-worker',
    'dead-letter': 'Expected an SQS queue named orders-dlq, but SQS answered that it does not exist.',
  },
  permissions: {
    'trust-lambda': 'Expected the trust policy of inventory-app-role to let lambda.amazonaws.com assume it (sts:AssumeRole), found ec2.amazonaws.com: that is why Lambda answered "The role defined for the function cannot be assumed by Lambda." Replace it with aws iam update-assume-role-policy.',
    'find-missing-logs': `Expected inventory-report to run as the role inventory-app-role, found "${ROLE}". Lambda refuses it while its trust policy lets ec2.amazonaws.com assume it, not lambda.amazonaws.com: repair the trust policy first (Task 1)`,
    'repair-role': 'Expected inventory-report to run as the role inventory-app-role',
    'repair-policy': 'Expected inventory-report to run as the role inventory-app-role',
  },
};
