/** Hostile command lines end in the shell's or the CLI's own error, never in an exception. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAwsCommand } from '../../src/terminal/aws/aws-command.ts';
import { createShell } from '../../src/terminal/index.ts';

const pieces = ['aws', 'lambda', 's3', 'sqs', 'create-function', 'get-function', 'invoke', '--function-name', '--environment', '--payload', '--query', '--output', 'zip', '-r9', 'unzip', '-l', 'rm', '-rf', '/', '.', '..', 'cd', 'mkdir', '-p', 'cp', 'mv', 'cat', 'echo', 'ls', 'tree', '>', '>>', '&&', '||', ';', '|', '"', "'", '\\', '$', '${', '}', '{', '[', ']', '=', ',', 'Variables={A=1}', 'fileb://x', 'file://', 's3://b/k', 'x', '*'];

describe('hostile input', () => {
  // '~' is left out: `rm -rf ~` deletes the home directory in bash too.
  it('any line of shell and aws words ends in an exit status, and rm never takes the home directory with it', async () => {
    // No endpoint answers: an aws call that gets that far ends in the CLI's connection error.
    const sh = createShell({ commands: { aws: createAwsCommand({ clientConfig: { endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 } }) } });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 }).filter((s) => !s.includes('~'))), { maxLength: 12 }), async (words) => {
        const result = await sh.run(words.join(' '));
        expect(Number.isInteger(result.exitCode)).toBe(true);
        expect(sh.fs.isDirectory('/home/learner')).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
