/** The console's top bar: which function is shown, and "Create function" (author from scratch). */
import { CreateFunctionCommand, ListAliasesCommand, ListFunctionsCommand, ListVersionsByFunctionCommand, type FunctionConfiguration, type Runtime } from '@aws-sdk/client-lambda';
import { consoleRuntimes, DEFAULT_ACCOUNT_ID, zip } from '../../emulator/index.ts';
import { h, clear, field, select } from '../dom.ts';
import type { Ctx } from '../context.ts';
import { filesHash } from '../../progress/workspace-state.ts';
import { actionsMenu } from './actions.ts';
import { cliBlock } from './cli-copy.ts';
import { createFunctionCli } from '../cli-command.ts';
import { openQualifier, qualifierLabel, qualifierOf } from './qualifier.ts';

/** How the console names a runtime in its lists: nodejs22.x → "Node.js 22.x", python3.13 → "Python 3.13". */
export function runtimeLabel(runtime: string): string {
  const node = /^nodejs(\d+)\.x$/.exec(runtime);
  if (node) return `Node.js ${node[1]}.x`;
  const python = /^python(\d+\.\d+)$/.exec(runtime);
  return python ? `Python ${python[1]}` : runtime;
}

/** What the console offers for a new function today: the Node.js and Python runtimes Lambda still supports (src/emulator/runtimes.ts). */
export const runtimeChoices = (): Runtime[] => consoleRuntimes(Date.now()) as Runtime[];

/** The console's default handler for a runtime. */
export function defaultHandler(runtime: string): string {
  return runtime.startsWith('python') ? 'lambda_function.lambda_handler' : 'index.handler';
}

/** The file the console writes for a new Python function: its own hello-world handler. */
export const PYTHON_STARTER = {
  path: 'lambda_function.py',
  text: `import json

def lambda_handler(event, context):
    # TODO implement
    return {
        'statusCode': 200,
        'body': json.dumps('Hello from Lambda!')
    }
`,
};

/**
 * The files a new function is created with: the learner's; for a Python function with no .py file
 * yet, also the exercise's Python starter, or the console's own when the exercise has none.
 */
export function filesForNewFunction(files: Readonly<Record<string, string>>, runtime: string, pythonStarter: Readonly<Record<string, string>> = {}): Record<string, string> {
  if (!runtime.startsWith('python') || Object.keys(files).some((p) => p.endsWith('.py'))) return { ...files };
  const starter = Object.keys(pythonStarter).length > 0 ? pythonStarter : { [PYTHON_STARTER.path]: PYTHON_STARTER.text };
  return { ...files, ...starter };
}
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
  const qualifier = h('select', { id: 'wb-qualifier', 'data-qualifier': '' });
  const dialog = createDialog(ctx);
  const bar = h(
    'div',
    { class: 'wb-bar' },
    h('label', { for: picker.id || (picker.id = 'wb-function-picker') }, 'Function'),
    picker,
    h('label', { for: qualifier.id }, 'Qualifier'),
    qualifier,
    actionsMenu(ctx),
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
    await refreshQualifiers();
  }

  /** The qualifier selector: the unqualified function, $LATEST, each published version and each alias. */
  async function refreshQualifiers(): Promise<void> {
    const fn = currentFunction(ctx);
    const options: [string, string][] = [['', 'Unqualified'], ['$LATEST', '$LATEST']];
    if (fn) {
      const [versions, aliases] = await Promise.all([
        ctx.emu.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: fn })),
        ctx.emu.lambda.send(new ListAliasesCommand({ FunctionName: fn })),
      ]);
      for (const v of versions.Versions ?? []) if (v.Version !== '$LATEST') options.push([v.Version!, `Version ${v.Version}`]);
      for (const a of aliases.Aliases ?? []) options.push([a.Name!, `Alias: ${a.Name}`]);
    }
    // A version or alias deleted since it was opened (or named by an old address): back to the function, saying so.
    const gone = qualifierOf(ctx);
    if (!options.some(([v]) => v === gone)) {
      openQualifier(ctx, '');
      if (fn) ctx.status(`${qualifierLabel(gone)} of ${fn} does not exist (any more): the console shows the function.`, 'info', qualifier);
    }
    clear(qualifier, ...options.map(([v, l]) => h('option', { value: v, selected: v === qualifierOf(ctx) }, l)));
    qualifier.disabled = !fn;
  }

  picker.addEventListener('change', () => {
    ctx.state.functionName = picker.value || undefined;
    ctx.save();
    openQualifier(ctx, '');
    ctx.changed('functions');
  });
  qualifier.addEventListener('change', () => openQualifier(ctx, qualifier.value));
  ctx.on('functions', () => void refresh());
  ctx.on('versions', () => void refreshQualifiers());
  ctx.on('qualifier', () => {
    if (qualifier.value !== qualifierOf(ctx)) void refreshQualifiers();
  });
  void refresh().then(() => ctx.changed('functions'));
  return bar;
}

function createDialog(ctx: Ctx): HTMLDialogElement {
  const name = h('input', { type: 'text', required: true, value: ctx.exercise.functionName, pattern: '[a-zA-Z0-9_\\-]{1,64}', autocomplete: 'off' });
  const runtime = select(runtimeChoices().map((r) => [r, runtimeLabel(r)] as [string, string]), 'nodejs22.x');
  const handler = h('input', { type: 'text', required: true, value: 'index.handler', autocomplete: 'off' });
  const arch = select(['x86_64', 'arm64'], 'x86_64');
  const error = h('p', { class: 'wb-error', role: 'alert' });
  const form = h(
    'form',
    { method: 'dialog' },
    h('h2', {}, 'Create function'),
    // The console's first choice; the emulator builds functions from scratch only (no blueprints or images).
    h('fieldset', { class: 'wb-row' }, h('legend', {}, 'How to create it'), h('label', { class: 'wb-check' }, h('input', { type: 'radio', name: 'wb-create-how', value: 'scratch', checked: true }), ' Author from scratch')),
    h('p', {}, 'Execution role: Create a new role with basic Lambda permissions (service-role/<function name>-role, which may write logs to CloudWatch Logs).'),
    field('Function name', name, 'Letters, digits, hyphens and underscores; up to 64 characters.'),
    field('Runtime', runtime),
    field('Handler', handler, 'Node.js: file.export (index.handler runs the export "handler" of index.mjs or index.js). Python: module.function (lambda_function.lambda_handler).'),
    field('Architecture', arch),
    error,
  );
  const createInput = (role: string, zipFile?: Uint8Array) => ({
    FunctionName: name.value.trim(),
    Runtime: runtime.value as Runtime,
    Handler: handler.value.trim(),
    Architectures: [arch.value as 'x86_64' | 'arm64'],
    Role: role,
    Code: { ZipFile: zipFile },
  });
  // The role the console would create, named as it will be; the CLI needs it to exist first.
  const cli = cliBlock(() => createFunctionCli(createInput(`arn:aws:iam::${ACCOUNT_ID}:role/service-role/${name.value.trim() || 'my-function'}-role`)), form);
  form.append(cli.element, h('div', { class: 'wb-row' }, h('button', { type: 'submit', class: 'wb-primary', value: 'create' }, 'Create function'), h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel')));
  const dialog = h('dialog', { class: 'wb-dialog', 'aria-label': 'Create function' }, form);
  // The handler follows the runtime, as in the console, unless the learner has typed their own.
  runtime.addEventListener('change', () => {
    if (handler.value === 'index.handler' || handler.value === 'lambda_function.lambda_handler') handler.value = defaultHandler(runtime.value);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    error.textContent = '';
    const fnName = name.value.trim();
    void ctx.run(`Creating ${fnName}`, async () => {
      const sources = filesForNewFunction(ctx.state.files, runtime.value, ctx.exercise.python?.starter);
      const files = Object.fromEntries(Object.entries(sources).map(([p, t]) => [p, new TextEncoder().encode(t)]));
      try {
        await ctx.emu.lambda.send(
          new CreateFunctionCommand(createInput(createConsoleRole(ctx, fnName), zip(files))),
        );
      } catch (err) {
        error.textContent = `${(err as Error).name}: ${(err as Error).message}`;
        throw err;
      }
      ctx.state.functionName = fnName;
      const added = !(PYTHON_STARTER.path in ctx.state.files) && PYTHON_STARTER.path in sources;
      ctx.state.files = sources;
      if (added) ctx.state.activeFile = PYTHON_STARTER.path;
      ctx.state.deployedHash = filesHash(ctx.state.files);
      ctx.save();
      dialog.close();
      ctx.status(`Successfully created the function ${fnName}. You can now change its code and configuration.`, 'success');
      if (added) ctx.changed('files');
      ctx.changed('functions');
    });
  });
  return dialog;
}
