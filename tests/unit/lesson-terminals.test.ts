/**
 * Every lesson's <TerminalBlock> command lines run as the lesson gives them, in order, in the
 * terminal's shell against a fresh emulator (as the lesson's sandbox account starts): each exits 0,
 * and the observability lesson's logs turn from text to JSON at WARN as its text says.
 */
import { describe, expect, it } from 'vitest';
import { createInProcessEmulator, DEFAULT_ACCOUNT_ID } from '../../src/emulator/index.ts';
import { createAwsCommand } from '../../src/terminal/aws/aws-command.ts';
import { createShell } from '../../src/terminal/index.ts';
import { quickJSEngine } from './support/harness.ts';
import { readLessons } from './support/lessons.ts';

/** Each block's commands: the MDX expression evaluated with what the lessons import into it. */
function terminalBlocks(body: string): string[][] {
  return [...body.matchAll(/<TerminalBlock[\s\S]*?commands=\{(\[[\s\S]*?\])\}\s*\/>/g)].map(
    (m) => new Function('DEFAULT_ACCOUNT_ID', `return ${m[1]};`)(DEFAULT_ACCOUNT_ID) as string[],
  );
}

const lessons = readLessons().map((l) => ({ slug: l.slug, blocks: terminalBlocks(l.body) })).filter((l) => l.blocks.length > 0);

describe('lesson terminal blocks run as written', () => {
  it('at least one lesson has one', () => {
    expect(lessons.map((l) => l.slug)).toContain('observability');
  });

  for (const { slug, blocks } of lessons) {
    it(`${slug}: every command line exits 0, in order`, { timeout: 60_000 }, async () => {
      for (const commands of blocks) {
        const emulator = createInProcessEmulator({ environmentFactory: quickJSEngine() });
        const sh = createShell({ commands: { aws: createAwsCommand({ clientConfig: { ...emulator.clientConfig } }) } });
        const outputs: string[] = [];
        try {
          for (const line of commands) {
            const result = await sh.run(line);
            expect({ line, exitCode: result.exitCode, stderr: result.stderr }).toEqual({ line, exitCode: 0, stderr: '' });
            outputs.push(result.stdout);
          }
        } finally {
          emulator.close();
        }
        if (slug === 'observability') {
          const [textTail, jsonTail] = outputs.filter((_, i) => commands[i]!.startsWith('aws logs tail'));
          expect(textTail).toMatch(/\tINFO\torder 1\n/);
          expect(textTail).toMatch(/\tWARN\tslow\n/);
          const added = jsonTail!.slice(textTail!.length);
          expect(added).toContain('"type":"platform.start"');
          expect(added).toContain('"level":"WARN"');
          expect(added).not.toContain('order');
          expect(added).toContain('"type":"platform.report"');
        }
      }
    });
  }
});
