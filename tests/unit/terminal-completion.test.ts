import { describe, expect, it } from 'vitest';
import { createAwsCommand } from '../../src/terminal/aws/aws-command.ts';
import { complete } from '../../src/terminal/completion.ts';
import { createShell } from '../../src/terminal/index.ts';

const shell = () => createShell({ commands: { aws: createAwsCommand({ clientConfig: {} }) } });

describe('tab completion', () => {
  it('completes commands, then paths', async () => {
    const sh = shell();
    await sh.run('mkdir -p aws-layer/python && touch notes.txt .hidden');
    expect(await complete(sh, 'to')).toEqual({ start: 0, candidates: ['touch'] });
    expect(await complete(sh, 'u')).toEqual({ start: 0, candidates: ['unset', 'unzip'] });
    expect(await complete(sh, 'cd aw')).toEqual({ start: 3, candidates: ['aws-layer/'] });
    expect(await complete(sh, 'ls aws-layer/p')).toEqual({ start: 3, candidates: ['aws-layer/python/'] });
    expect(await complete(sh, 'cat ')).toEqual({ start: 4, candidates: ['aws-layer/', 'notes.txt'] });
    expect(await complete(sh, 'cat .h')).toEqual({ start: 4, candidates: ['.hidden'] });
    expect(await complete(sh, 'pwd && ec')).toEqual({ start: 7, candidates: ['echo'] });
  });

  it('completes aws services, operations and options from the SDK schemas', async () => {
    const sh = shell();
    await sh.run('touch fn.zip');
    expect((await complete(sh, 'aws la')).candidates).toEqual(['lambda']);
    expect((await complete(sh, 'aws lambda get-function-c')).candidates).toEqual(['get-function-code-signing-config', 'get-function-concurrency', 'get-function-configuration']);
    expect((await complete(sh, 'aws lambda create-function --zi')).candidates).toEqual(['--zip-file']);
    expect((await complete(sh, 'aws lambda create-function --fun')).candidates).toEqual(['--function-name']);
    expect((await complete(sh, 'aws lambda get-function --reg')).candidates).toEqual(['--region']);
    expect((await complete(sh, 'aws lambda create-function --code fileb://f')).candidates).toEqual(['fileb://fn.zip']);
    expect((await complete(sh, 'aws s3 m')).candidates).toEqual(['mb', 'mv']);
    expect((await complete(sh, 'aws s3 s')).candidates).toEqual(['sync']);
  });
});
