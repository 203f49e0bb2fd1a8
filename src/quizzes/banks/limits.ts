import type { QuizBank } from '../schema.ts';
import { limits, fmt } from '../../emulator/index.ts';

const MB = 2 ** 20;

export default {
  id: 'limits',
  title: 'Check yourself: limits',
  questions: [
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
      id: 'layers-too-big',
      kind: 'single',
      limit: 'deploymentPackage.maxUnzippedBytes',
      prompt: `A function’s code is 40 MB unzipped. You add ${limits.layers.maxPerFunction} layers of 45 MB unzipped each and save. What happens?`,
      options: [
        { id: 'refused', text: `Lambda refuses the change: the function and its layers together exceed ${limits.deploymentPackage.maxUnzippedBytes / MB} MB (${fmt(limits.deploymentPackage.maxUnzippedBytes)} bytes) unzipped` },
        { id: 'saved', text: `It saves: each layer is under the ${limits.deploymentPackage.maxZippedBytes / MB} MB zipped limit` },
        { id: 'slow', text: 'It saves, but cold starts get slower until the layers are cached' },
        { id: 'last-dropped', text: 'It saves, and Lambda ignores the last layer' },
      ],
      answer: 'refused',
      explanation: `40 + ${limits.layers.maxPerFunction} × 45 = ${40 + limits.layers.maxPerFunction * 45} MB, over the ${limits.deploymentPackage.maxUnzippedBytes / MB} MB that the function and all its layers share once unzipped. The ${limits.deploymentPackage.maxZippedBytes / MB} MB limit is for a zip you upload directly; the unzipped limit is what counts here.`,
    },
    {
      id: 'burst',
      kind: 'single',
      limit: 'concurrency.accountDefault',
      prompt: `An account has the default concurrency quota and one function, whose requests each take 2 seconds. ${fmt(limits.concurrency.accountDefault + 500)} synchronous requests arrive in the same second. What happens?`,
      options: [
        { id: 'some-throttled', text: `About ${fmt(limits.concurrency.accountDefault)} run at once; the others get 429 TooManyRequestsException and must retry` },
        { id: 'all-run', text: 'All of them run: Lambda scales without limit' },
        { id: 'queued', text: 'The extra requests wait in a queue until an environment is free' },
        { id: 'all-fail', text: 'Every request fails until the quota is raised' },
      ],
      answer: 'some-throttled',
      explanation: `The account’s ${fmt(limits.concurrency.accountDefault)} concurrent executions are shared by every function in the Region, and a synchronous request over the limit is throttled at once (429); only asynchronous events wait on Lambda’s queue and are retried. The function could add ${fmt(limits.scaling.environmentsPer10Seconds)} environments in these 10 seconds, so the quota is what stops it, not the scaling rate.`,
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
