/**
 * The function page's Actions menu, as in the console: Publish new version, Create alias and
 * Delete function, each a dialog that shows its AWS CLI command and puts its errors beside it.
 */
import { DeleteFunctionCommand, ListVersionsByFunctionCommand, PublishVersionCommand } from '@aws-sdk/client-lambda';
import { h, field } from '../dom.ts';
import { describeError, type Ctx } from '../context.ts';
import { cliBlock } from './cli-copy.ts';
import { deleteFunctionCli, publishVersionCli } from '../cli-command.ts';
import { menuButton } from './menu-button.ts';
import { aliasForm } from './versions.ts';
import { openQualifier } from './qualifier.ts';
import { currentFunction, NO_FUNCTION_YET } from './function-bar.ts';

/** The word the console asks for before it deletes a function. */
export const DELETE_CONFIRMATION = 'confirm';

function dialog(title: string, ...content: (Node | null)[]): HTMLDialogElement {
  const headingId = `dlg-${title.replace(/\W+/g, '-').toLowerCase()}`;
  const d = h('dialog', { class: 'wb-dialog', 'aria-labelledby': headingId }, h('h2', { id: headingId }, title), ...content);
  d.addEventListener('close', () => d.remove());
  document.body.append(d);
  d.showModal();
  return d;
}

const cancel = (d: () => HTMLDialogElement | undefined) => h('button', { type: 'button', onclick: () => d()?.close() }, 'Cancel');

function publishDialog(ctx: Ctx, fn: string): void {
  const description = h('input', { type: 'text', maxlength: 256, autocomplete: 'off', 'data-version-description': '' });
  const error = h('p', { class: 'wb-error', role: 'alert' });
  const input = () => ({ FunctionName: fn, ...(description.value ? { Description: description.value } : {}) });
  const form = h('form', { method: 'dialog' }, h('p', {}, `A version is a snapshot of $LATEST, code and configuration, that never changes.`), field('Version description', description), error);
  const cli = cliBlock(() => publishVersionCli(input()), form);
  let d: HTMLDialogElement | undefined;
  form.append(cli.element, h('div', { class: 'wb-row' }, cancel(() => d), h('button', { type: 'submit', class: 'wb-primary', 'data-action': 'confirm-publish' }, 'Publish')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void ctx.run('Publishing a version', async () => {
      error.textContent = '';
      try {
        const v = await ctx.emu.lambda.send(new PublishVersionCommand(input()));
        d?.close();
        ctx.status(`Successfully created version ${v.Version} of the function ${fn}.`, 'success');
        ctx.changed('versions');
        // As the console does, the new version's page opens.
        openQualifier(ctx, v.Version ?? '');
      } catch (err) {
        error.textContent = describeError(err);
        throw err;
      }
    });
  });
  d = dialog(`Publish new version from $LATEST`, form);
  description.focus();
}

async function aliasDialog(ctx: Ctx, fn: string): Promise<void> {
  const out = await ctx.emu.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: fn }));
  const versions = (out.Versions ?? []).map((v) => v.Version!).filter((v) => v !== '$LATEST');
  let d: HTMLDialogElement | undefined;
  const form = aliasForm(ctx, fn, versions, undefined, () => d?.close());
  form.querySelector('[data-form-buttons]')?.prepend(cancel(() => d));
  d = dialog('Create alias', form);
  form.querySelector<HTMLInputElement>('[data-alias-name]')?.focus();
}

function deleteDialog(ctx: Ctx, fn: string): void {
  const confirmation = h('input', { type: 'text', autocomplete: 'off', 'data-delete-confirm': '' });
  const error = h('p', { class: 'wb-error', role: 'alert' });
  const remove = h('button', { type: 'submit', class: 'wb-danger', disabled: true, 'data-action': 'confirm-delete' }, 'Delete');
  confirmation.addEventListener('input', () => (remove.disabled = confirmation.value !== DELETE_CONFIRMATION));
  const form = h(
    'form',
    { method: 'dialog' },
    h('p', {}, `Deleting ${fn} removes its code, configuration, versions and aliases for good. Its log group stays in CloudWatch Logs.`),
    field(`To confirm deletion, type ${DELETE_CONFIRMATION} in the field.`, confirmation),
    error,
  );
  const cli = cliBlock(() => deleteFunctionCli({ FunctionName: fn }));
  let d: HTMLDialogElement | undefined;
  form.append(cli.element, h('div', { class: 'wb-row' }, cancel(() => d), remove));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (confirmation.value !== DELETE_CONFIRMATION) return;
    void ctx.run(`Deleting ${fn}`, async () => {
      error.textContent = '';
      try {
        await ctx.emu.lambda.send(new DeleteFunctionCommand({ FunctionName: fn }));
      } catch (err) {
        error.textContent = describeError(err);
        throw err;
      }
      d?.close();
      ctx.state.functionName = undefined;
      openQualifier(ctx, '');
      ctx.status(`Successfully deleted the function ${fn}.`, 'success');
      ctx.changed('functions');
    });
  });
  d = dialog(`Delete function ${fn}`, form);
  confirmation.focus();
}

export function actionsMenu(ctx: Ctx): HTMLElement {
  const needsFunction = () => (currentFunction(ctx) ? undefined : NO_FUNCTION_YET);
  return menuButton(
    'Actions',
    [
      { label: 'Publish new version', action: 'actions-publish', disabledReason: needsFunction, onSelect: () => publishDialog(ctx, currentFunction(ctx)!) },
      { label: 'Create alias', action: 'actions-create-alias', disabledReason: needsFunction, onSelect: () => void aliasDialog(ctx, currentFunction(ctx)!).catch((e) => ctx.status(describeError(e), 'error')) },
      { label: 'Delete function', action: 'actions-delete', disabledReason: needsFunction, onSelect: () => deleteDialog(ctx, currentFunction(ctx)!) },
    ],
    { 'data-actions-menu': '' },
  );
}
