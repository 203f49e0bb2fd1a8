import type { QuizBank } from '../schema.ts';

export default {
  id: 'versions-and-aliases',
  title: 'Check yourself: versions and aliases',
  questions: [
    {
      id: 'unqualified',
      kind: 'single',
      prompt: 'What runs when you invoke `arn:aws:lambda:eu-west-1:123456789012:function:hello-lambda` (no qualifier)?',
      options: [
        { id: 'latest', text: '`$LATEST`' },
        { id: 'newest-version', text: 'The highest published version' },
        { id: 'prod', text: 'Whatever the `prod` alias points to' },
      ],
      answer: 'latest',
      explanation: 'An unqualified ARN invokes $LATEST. Add `:3` for a version or `:prod` for an alias (a qualified ARN).',
    },
    {
      id: 'immutable',
      kind: 'multiple',
      prompt: 'Which of these can you still do with a published version 3? Choose all that apply.',
      options: [
        { id: 'code', text: 'Change its code' },
        { id: 'env', text: 'Change its environment variables' },
        { id: 'alias', text: 'Point an alias at it' },
        { id: 'invoke', text: 'Invoke it by its qualified ARN (…:hello-lambda:3)' },
        { id: 'memory', text: 'Raise its memory size' },
        { id: 'delete', text: 'Delete it' },
      ],
      answers: ['alias', 'invoke', 'delete'],
      explanation: 'A published version is an immutable snapshot of code and configuration: you can run it, route an alias to it, or delete it, but never change it. To change anything, edit $LATEST and publish again.',
    },
    {
      id: 'release-steps',
      kind: 'ordering',
      prompt: 'Put the steps of releasing new code to callers of the `prod` alias in order.',
      items: [
        { id: 'move-alias', text: 'Update the `prod` alias to point at the new version' },
        { id: 'update-code', text: 'Update the code of $LATEST' },
        { id: 'publish', text: 'Publish a new version' },
        { id: 'test', text: 'Test the new version by invoking it with its number' },
      ],
      answer: ['update-code', 'publish', 'test', 'move-alias'],
      explanation: 'Change $LATEST, freeze it as a version, test that exact version, then move the alias. Callers and event source mappings that use `prod` switch without any change on their side.',
    },
    {
      id: 'weighted',
      kind: 'single',
      prompt: 'The `prod` alias points to version 4 with `AdditionalVersionWeights` `{"5": 0.1}`. What happens on each invocation of `prod`?',
      options: [
        { id: 'split', text: 'About 90 % of invocations run version 4 and 10 % run version 5' },
        { id: 'both', text: 'Every invocation runs both versions' },
        { id: 'first-ten', text: 'The first 10 % of the day’s invocations run version 5' },
      ],
      answer: 'split',
      explanation: 'A weighted alias picks a version per invocation by weight: a canary release. The X-Amz-Executed-Version header says which one ran.',
    },
    {
      id: 'esm-alias',
      kind: 'single',
      prompt: 'Why point an SQS event source mapping at `orders:prod` rather than at a version number?',
      options: [
        { id: 'no-change', text: 'Releasing a new version only moves the alias; the mapping does not change' },
        { id: 'faster', text: 'Aliases poll faster than versions' },
        { id: 'required', text: 'Event source mappings cannot point at versions' },
      ],
      answer: 'no-change',
      explanation: 'The alias is the stable name; the mapping, triggers and permissions keep referring to it while the version behind it changes.',
    },
    {
      id: 'function-version',
      kind: 'output',
      prompt: 'The function is invoked through its `prod` alias, which points at version 2. What does the handler return? Type the JSON.',
      code: `export const handler = async (event, context) => {
  const qualifier = context.invokedFunctionArn.split(':')[7];
  return { version: context.functionVersion, qualifier };
};`,
      event: '{}',
      qualifier: 'prod',
      executedVersion: '2',
      ask: 'response',
      accepted: ['{"version":"2","qualifier":"prod"}'],
      explanation: 'functionVersion is the version that runs (a string); invokedFunctionArn is the ARN the caller used, so it ends with the alias name.',
    },
  ],
} satisfies QuizBank;
