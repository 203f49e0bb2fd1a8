/** Concurrency tab: reserved concurrency and the account's limit. */
import { DeleteFunctionConcurrencyCommand, GetAccountSettingsCommand, GetFunctionConcurrencyCommand, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { limits } from '../../emulator/index.ts';
import { h, clear, field } from '../dom.ts';
import type { Ctx } from '../context.ts';
import { currentFunction, NO_FUNCTION_YET } from './function-bar.ts';

export function concurrencyPanel(ctx: Ctx): HTMLElement {
  const body = h('div', { class: 'wb-concurrency' });

  async function render(): Promise<void> {
    const fn = currentFunction(ctx);
    if (!fn) return clear(body, h('p', {}, NO_FUNCTION_YET));
    const [reserved, account] = await Promise.all([
      ctx.emu.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: fn })),
      ctx.emu.lambda.send(new GetAccountSettingsCommand({})).catch(() => undefined),
    ]);
    const value = h('input', { type: 'number', min: 0, value: reserved.ReservedConcurrentExecutions ?? '', 'data-reserved': '' });
    const total = account?.AccountLimit?.ConcurrentExecutions ?? limits.concurrency.accountDefault;
    const unreserved = account?.AccountLimit?.UnreservedConcurrentExecutions ?? total;
    clear(
      body,
      h('p', {}, `Account concurrency: ${total.toLocaleString('en-US')} in this Region, ${unreserved.toLocaleString('en-US')} unreserved. At least ${limits.concurrency.minimumUnreserved} always stay unreserved.`),
      h('p', {}, reserved.ReservedConcurrentExecutions === undefined ? 'This function uses the unreserved pool.' : `Reserved concurrency: ${reserved.ReservedConcurrentExecutions}. ${reserved.ReservedConcurrentExecutions === 0 ? 'Every invocation is throttled.' : ''}`),
      field('Reserved concurrency', value, 'The most environments this function may use at once, taken from the account pool. 0 stops all invocations.'),
      h(
        'div',
        { class: 'wb-row' },
        h('button', { type: 'button', class: 'wb-primary', 'data-action': 'reserve', onclick: () => void ctx.run('Reserving concurrency', async () => { await ctx.emu.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: fn, ReservedConcurrentExecutions: Number(value.value) })); ctx.status(`Reserved ${value.value} concurrent executions for ${fn}.`, 'success'); await render(); }) }, 'Save'),
        h('button', { type: 'button', onclick: () => void ctx.run('Removing reserved concurrency', async () => { await ctx.emu.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: fn })); await render(); }) }, 'Use unreserved concurrency'),
      ),
    );
  }

  ctx.on('functions', () => void render().catch(() => undefined));
  void render().catch(() => undefined);
  return body;
}
