/**
 * Bench section: the terminal. `aws lambda get-function` typed into the terminal's shell against
 * the same SDK call made directly (both in process, interleaved rounds), and in Chromium on the
 * built site: the Terminal tab opened until the prompt is up, against opening the Configuration
 * tab on the same page, and the compressed bytes the terminal adds to an exercise page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { CreateFunctionCommand, GetFunctionCommand } from '@aws-sdk/client-lambda';
import { createInProcessEmulator, createQuickJSEnvironmentFactory, zip } from '../emulator/index.ts';
import { loadQuickJSWasmModule } from '../hosts/node/quickjs-wasm.ts';
import { createAwsCommand } from '../terminal/aws/aws-command.ts';
import { createShell } from '../terminal/index.ts';
import type { BenchSection } from './bench.ts';
import { chromiumPath, launchChromium } from './browser.ts';
import { serveStatic } from './static-server.ts';
import { openExercise } from './workspace-driver.ts';

const dist = process.env.WORKBOOK_DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const line = (name: string, value: string, note = '') => `${name.padEnd(52)} ${value.padStart(10)}${note ? `   (${note})` : ''}`;

async function roundTrip(): Promise<string[]> {
  const emulator = createInProcessEmulator({ environmentFactory: createQuickJSEnvironmentFactory({ wasmModule: loadQuickJSWasmModule }) });
  const role = `arn:aws:iam::${emulator.service.accountId}:role/lambda-role`;
  await emulator.lambda.send(new CreateFunctionCommand({ FunctionName: 'bench', Runtime: 'nodejs24.x', Role: role, Handler: 'index.handler', Code: { ZipFile: zip({ 'index.mjs': 'export const handler = async () => 1;' }) } }));
  const shell = createShell({ commands: { aws: createAwsCommand({ clientConfig: { ...emulator.clientConfig } }) } });
  const runs = {
    terminal: async () => {
      const result = await shell.run('aws lambda get-function --function-name bench');
      if (result.exitCode !== 0) throw new Error(result.stderr);
    },
    sdk: () => emulator.lambda.send(new GetFunctionCommand({ FunctionName: 'bench' })),
  };
  const total = { terminal: 0, sdk: 0 };
  const calls = 200;
  for (const run of Object.values(runs)) for (let i = 0; i < 50; i++) await run(); // warm-up
  for (let round = 0; round < 10; round++) {
    for (const [name, run] of Object.entries(runs)) {
      const t0 = performance.now();
      for (let i = 0; i < calls / 10; i++) await run();
      total[name as keyof typeof total] += performance.now() - t0;
    }
  }
  await emulator.close();
  const us = (name: keyof typeof total) => (total[name] * 1000) / calls;
  return [
    line('aws lambda get-function in the terminal', `${Math.round(us('terminal'))} µs`),
    line('GetFunctionCommand through the SDK directly', `${Math.round(us('sdk'))} µs`),
    line('terminal / SDK', `${(us('terminal') / us('sdk')).toFixed(2)}x`, 'target at most 1.5x'),
  ];
}

async function inChromium(): Promise<string[]> {
  if (!existsSync(`${dist}index.html`)) return ['skipped in Chromium: no build in dist/ (run `npm run build` first)'];
  if (!existsSync(chromiumPath)) return [`skipped in Chromium: no Chromium at ${chromiumPath}`];
  const site = await serveStatic(dist);
  const browser = await launchChromium();
  const terminal: number[] = [];
  const configuration: number[] = [];
  const added: { raw: number; gzip: number }[] = [];
  try {
    for (let round = 0; round < 5; round++) {
      const page = await openExercise(browser, site.url, 'hello-lambda');
      await page.waitForLoadState('networkidle'); // the editor's own lazy files are not the terminal's
      configuration.push(
        await page.evaluate(async () => {
          const t0 = performance.now();
          document.querySelector<HTMLButtonElement>('[data-tab="configuration"]')!.click();
          await new Promise(requestAnimationFrame);
          return performance.now() - t0;
        }),
      );
      // What the page fetches from the click on (Playwright's view: the page's resource timing buffer fills up with Monaco's files).
      const files: string[] = [];
      page.on('requestfinished', (request) => files.push(new URL(request.url()).pathname));
      const clicked = await page.evaluate(() => {
        const t0 = performance.now();
        document.querySelector<HTMLButtonElement>('[data-tab="terminal"]')!.click();
        return t0;
      });
      await page.waitForSelector('[data-terminal-panel][data-terminal-ready="true"]');
      const readyAt = await page.evaluate(() => Number(document.querySelector<HTMLElement>('[data-terminal-panel]')!.dataset.readyAt));
      terminal.push(readyAt - clicked);
      let raw = 0;
      let gzip = 0;
      for (const path of files.filter((p) => /\.(js|css)$/.test(p))) {
        const bytes = readFileSync(`${dist}${path.slice(1)}`);
        raw += bytes.length;
        gzip += gzipSync(bytes).length;
      }
      added.push({ raw, gzip });
      await page.context().close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  const ready = median(terminal);
  const config = median(configuration);
  const bytes = added[0]!;
  return [
    line('Terminal tab opened until the prompt is up', `${ready.toFixed(0)} ms`, 'target under 300 ms; median of 5 fresh loads'),
    line('Configuration tab opened (same page, baseline)', `${config.toFixed(0)} ms`),
    line('terminal / Configuration tab', `${(ready / Math.max(config, 1)).toFixed(1)}x`),
    line('what opening the terminal adds to the page', `${(bytes.gzip / 1024).toFixed(0)} KB`, `gzip; ${(bytes.raw / 1024).toFixed(0)} KB uncompressed; nothing before it is opened`),
  ];
}

export const terminalSection: BenchSection = {
  name: 'terminal (the shell and aws in the page)',
  async run() {
    return [...(await roundTrip()), ...(await inChromium())];
  },
};
