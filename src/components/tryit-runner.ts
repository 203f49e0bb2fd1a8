/**
 * The heavy part of <TryIt>: the lesson page's emulator (shared with its terminal), one function per block.
 * The block's code is deployed when it changed, then invoked with its event and LogType Tail, so
 * a reader sees exactly what the console's Test tab would show (warm starts included).
 */
import { CreateFunctionCommand, InvokeCommand, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { DEFAULT_ACCOUNT_ID, zip } from '../emulator/index.ts';
import { lessonEmulator } from './lesson-emulator.ts';
import { showEngineLoading } from '../hosts/page/engine-loading-view.ts';
import { decodeBase64Utf8, lastReport } from '../workspace/report.ts';

const emulator = lessonEmulator();
const deployed = new Map<number, string>();
const role = `arn:aws:iam::${DEFAULT_ACCOUNT_ID}:role/lambda-role`;

/** A block came into view: start a worker with QuickJS loaded, so the first Run is a quick cold start. */
export function warmUp(): void {
  emulator.warmUp();
}

export interface TryItResult {
  functionError?: string;
  response: string;
  log: string;
}

/**
 * The block's execution role: the account's `lambda-role`, or with an inline policy, a role of its
 * own made as the console's "Create a new role with basic Lambda permissions" makes one, carrying it.
 */
function roleFor(name: string, rolePolicy: string | undefined): string {
  if (!rolePolicy) return role;
  const roleName = `${name}-role`;
  const arn = emulator.service.iam.createBasicExecutionRole(roleName);
  emulator.service.iam.putRolePolicy({ RoleName: roleName, PolicyName: `${name}-policy`, PolicyDocument: rolePolicy });
  return arn;
}

/** Deploys (when changed) and invokes one block's handler (Node.js, or Python in lambda_function.py). Used by the page and by CI. */
export async function runSnippet(index: number, code: string, event: string, runtime: 'nodejs22.x' | 'python3.14' = 'nodejs22.x', timeout = 3, rolePolicy?: string): Promise<TryItResult> {
  const name = `tryit-${index + 1}`;
  const python = runtime.startsWith('python');
  const zipFile = zip({ [python ? 'lambda_function.py' : 'index.mjs']: new TextEncoder().encode(code) });
  if (!deployed.has(index)) {
    const handler = python ? 'lambda_function.lambda_handler' : 'index.handler';
    await emulator.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: runtime, Handler: handler, Role: roleFor(name, rolePolicy), Timeout: timeout, Code: { ZipFile: zipFile } }));
  } else if (deployed.get(index) !== code) {
    await emulator.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zipFile }));
  }
  deployed.set(index, code);
  const out = await emulator.lambda.send(new InvokeCommand({ FunctionName: name, LogType: 'Tail', Payload: new TextEncoder().encode(event) }));
  return {
    ...(out.FunctionError ? { functionError: out.FunctionError } : {}),
    response: new TextDecoder().decode(out.Payload ?? new Uint8Array()),
    log: out.LogResult ? decodeBase64Utf8(out.LogResult) : '',
  };
}

export async function runTryIt(block: HTMLElement, index: number): Promise<void> {
  const code = block.querySelector<HTMLTextAreaElement>('[data-tryit-code]')!.value;
  const eventText = block.querySelector<HTMLTextAreaElement>('[data-tryit-event]')!.value;
  const output = block.querySelector<HTMLElement>('[data-tryit-output]')!;
  try {
    JSON.parse(eventText);
  } catch (e) {
    output.textContent = `The event is not valid JSON: ${(e as Error).message}`;
    return;
  }
  let result: TryItResult;
  const stopShowingDownload = showEngineLoading(emulator, output);
  try {
    result = await runSnippet(index, code, eventText, block.dataset.tryitRuntime === 'python3.14' ? 'python3.14' : 'nodejs22.x', Number(block.dataset.tryitTimeout) || 3, block.dataset.tryitRolePolicy || undefined);
  } catch (e) {
    const err = e as Error;
    output.replaceChildren(para(`${err.name}: ${err.message}`));
    return;
  } finally {
    stopShowingDownload();
  }
  const report = lastReport(result.log);
  const heading = document.createElement('p');
  heading.className = result.functionError ? 'tryit-failed' : 'tryit-ok';
  heading.textContent = result.functionError
    ? `Function error: ${result.functionError}`
    : `Succeeded${report ? ` in ${report.durationMs.toFixed(2)} ms${report.initDurationMs !== undefined ? `, cold start (init ${report.initDurationMs.toFixed(2)} ms)` : ', warm start'}` : ''}`;
  const prediction = block.querySelector<HTMLTextAreaElement>('[data-tryit-prediction]')?.value.trim();
  const predicted = prediction ? [label('Your prediction'), pre(prediction, 'data-tryit-predicted')] : [];
  output.replaceChildren(heading, ...predicted, label('Response'), pre(result.response, 'data-tryit-response'), label('Log output'), pre(result.log, 'data-tryit-log'));
}

function para(text: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.textContent = text;
  return p;
}
function label(text: string): HTMLElement {
  const s = document.createElement('strong');
  s.textContent = text;
  return s;
}
function pre(text: string, attr: string): HTMLPreElement {
  const p = document.createElement('pre');
  p.setAttribute(attr, '');
  p.setAttribute('tabindex', '0');
  p.textContent = text;
  return p;
}
