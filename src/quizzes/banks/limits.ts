import type { QuizBank } from '../schema.ts';
import { limits, fmt } from '../../emulator/index.ts';

const MB = 2 ** 20;

export default {
  id: 'limits',
  title: 'Check yourself: limits',
  questions: [
    {
      id: 'timeout-max',
      kind: 'number',
      limit: 'timeout.max',
      prompt: 'What is the maximum timeout of a function?',
      units: [
        { unit: 'seconds', factor: 1 },
        { unit: 'minutes', factor: 60 },
      ],
      answer: limits.timeout.max,
      explanation: `${fmt(limits.timeout.max)} seconds, that is 15 minutes. The default is only ${limits.timeout.default} seconds.`,
    },
    {
      id: 'memory-max',
      kind: 'number',
      limit: 'memory.max',
      prompt: 'What is the most memory you can give a function today?',
      units: [
        { unit: 'MB', factor: 1 },
        { unit: 'GB', factor: 1024 },
      ],
      answer: limits.memory.max,
      explanation: `${fmt(limits.memory.max)} MB (10 GB), in 1 MB steps. Older material says 3,008 MB in 64 MB steps: that was the limit until December 2020.`,
    },
    {
      id: 'tmp-max',
      kind: 'number',
      limit: 'ephemeralStorage.max',
      prompt: 'Up to how much /tmp (ephemeral storage) can you configure?',
      units: [
        { unit: 'MB', factor: 1 },
        { unit: 'GB', factor: 1024 },
      ],
      answer: limits.ephemeralStorage.max,
      explanation: `/tmp is ${fmt(limits.ephemeralStorage.default)} MB by default and configurable up to ${fmt(limits.ephemeralStorage.max)} MB. Older notes say it is fixed at 512 MB.`,
    },
    {
      id: 'async-payload',
      kind: 'number',
      limit: 'payload.asyncBytes',
      prompt: 'How large may the payload of an asynchronous (Event) invocation be?',
      units: [
        { unit: 'bytes', factor: 1 },
        { unit: 'KB', factor: 1024 },
        { unit: 'MB', factor: MB },
      ],
      answer: limits.payload.asyncBytes,
      explanation: `${limits.payload.asyncBytes / MB} MB since October 2025; it was 256 KB before, which is what older notes show. Synchronous payloads may be ${limits.payload.syncRequestBytes / MB} MB.`,
    },
    {
      id: 'environment-size',
      kind: 'number',
      limit: 'environment.maxBytes',
      prompt: 'How much space do all of a function’s environment variables have together?',
      units: [
        { unit: 'bytes', factor: 1 },
        { unit: 'KB', factor: 1024 },
      ],
      answer: limits.environment.maxBytes,
      explanation: `${limits.environment.maxBytes / 1024} KB for all keys and values together. Keep large configuration in Parameter Store, AppConfig or S3.`,
    },
    {
      id: 'layers-max',
      kind: 'single',
      limit: 'layers.maxPerFunction',
      prompt: 'How many layers can one function use?',
      options: [
        { id: 'three', text: '3' },
        { id: 'five', text: String(limits.layers.maxPerFunction) },
        { id: 'ten', text: '10' },
        { id: 'unlimited', text: 'As many as fit in the unzipped size limit' },
      ],
      answer: 'five',
      explanation: `Up to ${limits.layers.maxPerFunction} layers, and the function plus all its layers must still fit in ${limits.deploymentPackage.maxUnzippedBytes / MB} MB unzipped.`,
    },
    {
      id: 'concurrency-default',
      kind: 'number',
      limit: 'concurrency.accountDefault',
      prompt: 'What is the default concurrency limit per account and Region?',
      units: [{ unit: 'concurrent executions', factor: 1 }],
      answer: limits.concurrency.accountDefault,
      explanation: `${fmt(limits.concurrency.accountDefault)} concurrent executions, shared by all functions in the Region; a soft limit you can raise through Service Quotas.`,
    },
    {
      id: 'changed-limits',
      kind: 'multiple',
      prompt: 'Which statements from older course notes are out of date? Choose all that apply.',
      options: [
        { id: 'memory', text: '“Memory ranges from 128 to 3,008 MB.”' },
        { id: 'tmp', text: '“The /tmp directory is limited to 512 MB.”' },
        { id: 'async', text: '“Asynchronous payloads are limited to 256 KB.”' },
        { id: 'timeout', text: '“The maximum timeout is 900 seconds.”' },
      ],
      answers: ['memory', 'tmp', 'async'],
      explanation: `Memory now goes to ${fmt(limits.memory.max)} MB, /tmp can be configured to ${fmt(limits.ephemeralStorage.max)} MB, and asynchronous payloads may be ${limits.payload.asyncBytes / MB} MB. The timeout is still ${fmt(limits.timeout.max)} seconds.`,
    },
    {
      id: 'invocation-frequency',
      kind: 'number',
      limit: 'scaling.requestsPerSecondPerEnvironment',
      prompt: 'The notes’ “invocation frequency” quota still exists. How many requests per second can one execution environment serve at most?',
      units: [{ unit: 'requests per second', factor: 1 }],
      answer: limits.scaling.requestsPerSecondPerEnvironment,
      explanation: `${limits.scaling.requestsPerSecondPerEnvironment} per environment, so ${limits.scaling.requestsPerSecondPerEnvironment} × concurrency for the account: ${fmt(limits.scaling.requestsPerSecondPerEnvironment * limits.concurrency.accountDefault)} requests per second at the default ${fmt(limits.concurrency.accountDefault)}.`,
    },
  ],
} satisfies QuizBank;
