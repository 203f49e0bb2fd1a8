import type { QuizBank } from '../schema.ts';
import { limits } from '../../emulator/index.ts';

export default {
  id: 'environment-variables',
  title: 'Check yourself: environment variables',
  questions: [
    {
      id: 'read-node',
      kind: 'output',
      prompt: 'The function has the environment variable `RETRIES=3`. What does this handler return? Type the JSON.',
      code: `const retries = process.env.RETRIES ?? '3';

export const handler = async () => {
  return { retries, next: retries + 1 };
};`,
      event: '{}',
      ask: 'response',
      accepted: ['{"retries":"3","next":"31"}'],
      explanation: 'Environment variables are always strings: "3" + 1 is "31". Convert with Number() (and validate) at module scope.',
    },
    {
      id: 'size',
      kind: 'number',
      limit: 'environment.maxBytes',
      prompt: 'How much space do all of a function’s environment variables have together?',
      units: [
        { unit: 'bytes', factor: 1 },
        { unit: 'KB', factor: 1024 },
      ],
      answer: limits.environment.maxBytes,
      explanation: `${limits.environment.maxBytes / 1024} KB, keys and values together.`,
    },
    {
      id: 'reserved',
      kind: 'multiple',
      prompt: 'Which of these keys can you NOT set yourself? Choose all that apply.',
      options: [
        { id: 'region', text: '`AWS_REGION`' },
        { id: 'task-root', text: '`LAMBDA_TASK_ROOT`' },
        { id: 'access-key', text: '`AWS_ACCESS_KEY_ID`' },
        { id: 'table', text: '`TABLE_NAME`' },
        { id: 'node-path', text: '`NODE_PATH`' },
      ],
      answers: ['region', 'task-root', 'access-key'],
      explanation: 'Lambda reserves the keys it sets itself (AWS_REGION, AWS_LAMBDA_*, LAMBDA_TASK_ROOT, the credentials, _HANDLER...) and rejects them with InvalidParameterValueException. NODE_PATH and LANG are set by Lambda but may be overridden.',
    },
    {
      id: 'secrets',
      kind: 'single',
      prompt: 'Where should a database password live?',
      options: [
        { id: 'env-plain', text: 'In an environment variable: Lambda encrypts them at rest' },
        { id: 'code', text: 'In the code, so it is versioned with it' },
        { id: 'secrets-manager', text: 'In Secrets Manager (or a Parameter Store SecureString), with only its name in an environment variable' },
      ],
      answer: 'secrets-manager',
      explanation: 'Environment variables are encrypted at rest, but anyone who can read the function configuration sees them decrypted, and rotating means redeploying. Secrets Manager or Parameter Store keep the secret out of the configuration, with rotation and fine-grained access.',
    },
    {
      id: 'update-replaces',
      kind: 'single',
      prompt: 'A function has `A=1` and `B=2`. You run `update-function-configuration --environment "Variables={C=3}"`. What does it have now?',
      options: [
        { id: 'all', text: '`A=1`, `B=2`, `C=3`' },
        { id: 'only-c', text: 'Only `C=3`' },
        { id: 'error', text: 'An error: use a separate call per variable' },
      ],
      answer: 'only-c',
      explanation: 'The Environment parameter replaces the whole set of variables. Send every variable you want to keep.',
    },
    {
      id: 'version-frozen',
      kind: 'single',
      prompt: 'You publish version 1, then change `HELLO` from `world` to `there` on $LATEST. What does version 1 see?',
      options: [
        { id: 'world', text: '`world`' },
        { id: 'there', text: '`there`' },
        { id: 'unset', text: 'Nothing: published versions have no environment variables' },
      ],
      answer: 'world',
      explanation: 'Environment variables are part of the version-specific configuration: publishing freezes them with the code.',
    },
  ],
} satisfies QuizBank;
