/** The console's top bar: which function is shown, and "Create function" (author from scratch). */
import { CreateFunctionCommand, ListFunctionsCommand, type FunctionConfiguration, type Runtime } from '@aws-sdk/client-lambda';
import { consoleRuntimes, DEFAULT_ACCOUNT_ID, zip } from '../../emulator/index.ts';
import { h, clear, field, select } from '../dom.ts';
import type { Ctx } from '../context.ts';
import { filesHash } from '../../progress/workspace-state.ts';

/** What the console offers for a new function today: the Node.js runtimes Lambda still supports (src/emulator/runtimes.ts); the page runs no Python yet. */
export const runtimeChoices = (): Runtime[] => consoleRuntimes(Date.now(), ['nodejs']) as Runtime[];
/** The page's account: the emulator's default, so function, role and destination ARNs agree. */
export const ACCOUNT_ID = DEFAULT_ACCOUNT_ID;

/** What a panel says before the learner has created the function it would show. */
export const NO_FUNCTION_YET = 'Create the function first (Create function, above).';

export function currentFunction(ctx: Ctx): string | undefined {
  return ctx.state.functionName;
}

/** "Create a new role with basic Lambda permissions", as the console does: a real role in the page's IAM. */
export function createConsoleRole(ctx: Ctx, functionName: string): string {
  return ctx.emu.service.iam.createBasicExecutionRole(`${functionName}-role`);
}

export function functionBar(ctx: Ctx): HTMLElement {
  const picker = h('select', { 'aria-label': 'Function', 'data-function-picker': '' });
  const dialog = createDialog(ctx);
  const bar = h(
    'div',
    { class: 'wb-bar' },
    h('label', { for: picker.id || (picker.id = 'wb-function-picker') }, 'Function'),
    picker,
    h('button', { type: 'button', 'data-action': 'create-function', onclick: () => dialog.showModal() }, 'Create function'),
    dialog,
  );

  async function refresh(): Promise<void> {
    const out = await ctx.emu.lambda.send(new ListFunctionsCommand({}));
    const names = (out.Functions ?? []).map((f: FunctionConfiguration) => f.FunctionName!).sort();
    if (ctx.state.functionName && !names.includes(ctx.state.functionName)) ctx.state.functionName = undefined;
    ctx.state.functionName ??= names.includes(ctx.exercise.functionName) ? ctx.exercise.functionName : names[0];
    clear(
      picker,
      ...(names.length ? names.map((n) => h('option', { value: n, selected: n === ctx.state.functionName }, n)) : [h('option', { value: '' }, 'No functions yet')]),
    );
    picker.disabled = names.length === 0;
  }
  picker.addEventListener('change', () => {
    ctx.state.functionName = picker.value || undefined;
    ctx.save();
    ctx.changed('functions');
  });
  ctx.on('functions', () => void refresh());
  void refresh().then(() => ctx.changed('functions'));
  return bar;
}

function createDialog(ctx: Ctx): HTMLDialogElement {
  const name = h('input', { type: 'text', required: true, value: ctx.exercise.functionName, pattern: '[a-zA-Z0-9_\\-]{1,64}', autocomplete: 'off' });
  const runtime = select(runtimeChoices(), 'nodejs22.x');
  const handler = h('input', { type: 'text', required: true, value: 'index.handler', autocomplete: 'off' });
  const arch = select(['x86_64', 'arm64'], 'x86_64');
  const error = h('p', { class: 'wb-error', role: 'alert' });
  const form = h(
    'form',
    { method: 'dialog' },
    h('h2', {}, 'Create function'),
    h('p', {}, 'Author from scratch. Execution role: Create a new role with basic Lambda permissions (service-role/<function name>-role, which may write logs to CloudWatch Logs).'),
    field('Function name', name, 'Letters, digits, hyphens and underscores; up to 64 characters.'),
    field('Runtime', runtime),
    field('Handler', handler, 'file.export: index.handler runs the export "handler" of index.mjs or index.js.'),
    field('Architecture', arch),
    error,
    h('div', { class: 'wb-row' }, h('button', { type: 'submit', class: 'wb-primary', value: 'create' }, 'Create function'), h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel')),
  );
  const dialog = h('dialog', { class: 'wb-dialog', 'aria-label': 'Create function' }, form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    const fnName = name.value.trim();
    void ctx.run(`Creating ${fnName}`, async () => {
      const files = Object.fromEntries(Object.entries(ctx.state.files).map(([p, t]) => [p, new TextEncoder().encode(t)]));
      try {
        await ctx.emu.lambda.send(
          new CreateFunctionCommand({
            FunctionName: fnName,
            Runtime: runtime.value as Runtime,
            Handler: handler.value.trim(),
            Architectures: [arch.value as 'x86_64' | 'arm64'],
            Role: createConsoleRole(ctx, fnName),
            Code: { ZipFile: zip(files) },
          }),
        );
      } catch (err) {
        error.textContent = `${(err as Error).name}: ${(err as Error).message}`;
        throw err;
      }
      ctx.state.functionName = fnName;
      ctx.state.deployedHash = filesHash(ctx.state.files);
      ctx.save();
      dialog.close();
      ctx.status(`Successfully created the function ${fnName}. You can now change its code and configuration.`, 'success');
      ctx.changed('functions');
    });
  });
  return dialog;
}
