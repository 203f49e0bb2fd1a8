/**
 * Run as its own process by tests/unit/cloudwatch-logs.test.ts, with V8's young generation pinned
 * small (`--max-semi-space-size=1`) and `--expose-gc`, so resident memory follows what the process
 * keeps rather than how V8 sizes its heap. Invokes a function that logs 1.2 MB an invocation and
 * prints, as JSON, how much resident memory and live heap grew over the measured invocations.
 *
 *   node --expose-gc --max-semi-space-size=1 --import tsx --import ./src/hosts/node/text-imports.mjs \
 *     tests/unit/support/log-memory-probe.ts <logBudgetBytes|unlimited> <warm-up invocations> <measured invocations>
 */
import { CreateFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { ROLE, makeService, quickJSEngine, zipBytes } from './harness.ts';

export interface LogMemoryProbe {
  rssGrowth: number;
  heapGrowth: number;
  storedBytes: number;
}

/** 1,200 lines of 1,000 characters: Lambda's 1.2 MB, of which the engine keeps its 1 MB per invocation. */
const LOUD = "exports.handler = async () => { const line = 'x'.repeat(1000); for (let i = 0; i < 1200; i++) console.log(line); return 'done'; };";

const [budgetArg, warmUp, measured] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !budgetArg || !warmUp || !measured) throw new Error('Usage: node --expose-gc ... log-memory-probe.ts <logBudgetBytes|unlimited> <warm-up> <measured>');

const { lambda, service, close } = makeService(quickJSEngine(), { logBudgetBytes: budgetArg === 'unlimited' ? Infinity : Number(budgetArg) });
await lambda.send(new CreateFunctionCommand({ FunctionName: 'loud', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': LOUD }) } }));
const invoke = () => lambda.send(new InvokeCommand({ FunctionName: 'loud' }));
const reading = () => {
  gc();
  return process.memoryUsage();
};
for (let n = 0; n < Number(warmUp); n++) await invoke();
const before = reading();
for (let n = 0; n < Number(measured); n++) await invoke();
const after = reading();
const result: LogMemoryProbe = { rssGrowth: after.rss - before.rss, heapGrowth: after.heapUsed - before.heapUsed, storedBytes: service.logs.storedBytes };
console.log(JSON.stringify(result));
close();
