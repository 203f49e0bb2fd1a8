/**
 * The power-tuning panel's run (page only, loaded when the learner asks for it): the learner's
 * handler deployed in an emulator of its own and invoked at each memory size, as AWS Lambda Power
 * Tuning does on a real account. A size where the handler fails (out of memory at 128 MB, a
 * timeout) says so with Lambda's error; the others report the median REPORT Duration of warm runs.
 */
import { CreateFunctionCommand, InvokeCommand, UpdateFunctionCodeCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { DEFAULT_ACCOUNT_ID, zip } from '../emulator/index.ts';
import { createPageEmulator, type PageEmulator } from '../hosts/page/page-emulator.ts';
import { decodeBase64Utf8, lastReport } from '../workspace/report.ts';

export const FUNCTION_NAME = 'power-tuning';
/** Warm runs per size; their median is the size's measurement. */
const WARM_RUNS = 3;

export type SizeRun = { memoryMb: number; measuredMs: number } | { memoryMb: number; error: string };

let emulator: PageEmulator | undefined;
let deployedCode: string | undefined;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs `code` (a Node.js index.mjs) at each size in turn; `progress` hears each size as it ends. */
export async function measureSizes(code: string, event: string, sizes: readonly number[], progress: (run: SizeRun) => void): Promise<SizeRun[]> {
  emulator ??= createPageEmulator();
  const { lambda } = emulator;
  const zipFile = zip({ 'index.mjs': new TextEncoder().encode(code) });
  if (deployedCode === undefined) {
    await lambda.send(new CreateFunctionCommand({
      FunctionName: FUNCTION_NAME, Runtime: 'nodejs22.x', Handler: 'index.handler', Timeout: 30,
      Role: `arn:aws:iam::${DEFAULT_ACCOUNT_ID}:role/lambda-role`, Code: { ZipFile: zipFile },
    }));
  } else if (deployedCode !== code) {
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: FUNCTION_NAME, ZipFile: zipFile }));
  }
  deployedCode = code;
  const runs: SizeRun[] = [];
  for (const memoryMb of sizes) {
    // A configuration change starts new environments: the first run is the cold start, not measured.
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: FUNCTION_NAME, MemorySize: memoryMb }));
    const durations: number[] = [];
    let error: string | undefined;
    for (let i = 0; i <= WARM_RUNS && error === undefined; i++) {
      const out = await lambda.send(new InvokeCommand({ FunctionName: FUNCTION_NAME, LogType: 'Tail', Payload: new TextEncoder().encode(event) }));
      if (out.FunctionError) {
        const payload = JSON.parse(new TextDecoder().decode(out.Payload ?? new Uint8Array()) || '{}') as { errorType?: string; errorMessage?: string };
        error = `${payload.errorType ?? out.FunctionError}: ${payload.errorMessage ?? ''}`.trim();
      } else if (i > 0) {
        const report = lastReport(out.LogResult ? decodeBase64Utf8(out.LogResult) : '');
        if (report) durations.push(report.durationMs);
      }
    }
    const run: SizeRun = error !== undefined ? { memoryMb, error } : { memoryMb, measuredMs: median(durations) };
    runs.push(run);
    progress(run);
  }
  return runs;
}
