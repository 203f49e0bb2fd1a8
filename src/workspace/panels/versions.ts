/** Versions and aliases tab: publish immutable versions, point aliases at them, split traffic. */
import {
  CreateAliasCommand,
  DeleteAliasCommand,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  type AliasConfiguration,
} from '@aws-sdk/client-lambda';
import { h, clear, field, select } from '../dom.ts';
import type { Ctx } from '../context.ts';
import { currentFunction, NO_FUNCTION_YET } from './function-bar.ts';
import { describeError } from '../context.ts';
import { cliBlock } from './cli-copy.ts';
import { createAliasCli, publishVersionCli, updateAliasCli } from '../cli-command.ts';
import { openQualifier } from './qualifier.ts';

export function versionsPanel(ctx: Ctx): HTMLElement {
  const body = h('div', { class: 'wb-versions' });

  async function render(): Promise<void> {
    const fn = currentFunction(ctx);
    if (!fn) return clear(body, h('p', {}, NO_FUNCTION_YET));
    const [versions, aliases] = await Promise.all([
      ctx.emu.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: fn })),
      ctx.emu.lambda.send(new ListAliasesCommand({ FunctionName: fn })),
    ]);
    const published = (versions.Versions ?? []).filter((v) => v.Version !== '$LATEST');
    const description = h('input', { type: 'text', maxlength: 256, autocomplete: 'off', 'data-version-description': '' });
    const publishInput = () => ({ FunctionName: fn, ...(description.value ? { Description: description.value } : {}) });
    const publishForm = h('div', { class: 'wb-publish' }, field('Version description', description));
    const cli = cliBlock(() => publishVersionCli(publishInput()), publishForm);
    const open = (q: string) => {
      openQualifier(ctx, q);
      ctx.showTab('code');
    };
    clear(
      body,
      h(
        'section',
        { 'aria-labelledby': 'ver-h' },
        h('h3', { id: 'ver-h' }, 'Versions'),
        h('p', { class: 'wb-muted' }, '$LATEST is the version you edit. Publishing snapshots its code and configuration into a numbered version that never changes.'),
        h(
          'table',
          { 'data-versions': '' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Version'), h('th', { scope: 'col' }, 'Description'), h('th', { scope: 'col' }, 'Code SHA-256'), h('th', { scope: 'col' }, 'ARN'))),
          h(
            'tbody',
            {},
            ...(versions.Versions ?? []).map((v) =>
              h(
                'tr',
                {},
                h('td', {}, h('button', { type: 'button', class: 'wb-link', 'data-open-version': v.Version ?? '', 'aria-label': `Open version ${v.Version}`, onclick: () => open(v.Version ?? '') }, v.Version ?? '')),
                h('td', {}, v.Description ?? ''),
                h('td', {}, h('code', {}, (v.CodeSha256 ?? '').slice(0, 12) + '…')),
                h('td', {}, h('code', {}, v.FunctionArn ?? '')),
              ),
            ),
          ),
        ),
        publishForm,
        cli.element,
        h(
          'button',
          {
            type: 'button',
            class: 'wb-primary',
            'data-action': 'publish-version',
            onclick: () =>
              void ctx.run('Publishing a version', async () => {
                const v = await ctx.emu.lambda.send(new PublishVersionCommand(publishInput()));
                ctx.status(`Successfully created version ${v.Version} of the function ${fn}.`, 'success');
                ctx.changed('versions');
              }),
          },
          'Publish new version',
        ),
      ),
      aliasSection(fn, published.map((v) => v.Version!), aliases.Aliases ?? []),
    );
  }

  function aliasSection(fn: string, versions: string[], aliases: AliasConfiguration[]): HTMLElement {
    return h(
      'section',
      { 'aria-labelledby': 'alias-h' },
      h('h3', { id: 'alias-h' }, 'Aliases'),
      h('p', { class: 'wb-muted' }, 'An alias is a named pointer to a version. Callers use the alias ARN; you move the pointer to release.'),
      h(
        'ul',
        { 'data-aliases': '' },
        ...aliases.map((a) => {
          const extra = Object.entries(a.RoutingConfig?.AdditionalVersionWeights ?? {});
          return h(
            'li',
            {},
            h('button', { type: 'button', class: 'wb-link', 'data-open-alias': a.Name ?? '', onclick: () => { openQualifier(ctx, a.Name ?? ''); ctx.showTab('code'); } }, `Open alias ${a.Name}`), h('details', {}, h('summary', {}, `Edit alias ${a.Name}: version ${a.FunctionVersion}${extra.length ? `, ${extra.map(([v, w]) => `${Math.round(w * 100)}% to version ${v}`).join(', ')}` : ''}`), h('p', {}, h('code', {}, a.AliasArn ?? '')), aliasForm(ctx, fn, versions, a), h('button', { type: 'button', onclick: () => void ctx.run(`Deleting alias ${a.Name}`, async () => { await ctx.emu.lambda.send(new DeleteAliasCommand({ FunctionName: fn, Name: a.Name! })); ctx.changed('versions'); }) }, 'Delete alias')),
          );
        }),
      ),
      h('h4', {}, 'Create alias'),
      aliasForm(ctx, fn, versions),
    );
  }

  for (const topic of ['functions', 'versions', 'code', 'config'] as const) ctx.on(topic, () => void render().catch((e) => ctx.status(String(e), 'error')));
  void render().catch(() => undefined);
  return body;
}

/**
 * The alias form (Create alias, and Edit on an alias): name, description, version, and the
 * console's "Weighted alias" with an additional version and its weight.
 */
export function aliasForm(ctx: Ctx, fn: string, versions: string[], existing?: AliasConfiguration, onDone?: () => void): HTMLElement {
  const name = h('input', { type: 'text', value: existing?.Name ?? 'prod', disabled: !!existing, autocomplete: 'off', 'data-alias-name': '' });
  const description = h('input', { type: 'text', value: existing?.Description ?? '', maxlength: 256, autocomplete: 'off', 'data-alias-description': '' });
  const choices: [string, string][] = [...versions.map((v) => [v, v] as [string, string]), ['$LATEST', '$LATEST']];
  const version = select(versions.length ? choices : [['', 'Publish a version first'], ['$LATEST', '$LATEST']], existing?.FunctionVersion ?? versions[versions.length - 1]);
  version.setAttribute('data-alias-version', '');
  const weights = existing?.RoutingConfig?.AdditionalVersionWeights ?? {};
  const [extraVersion, extraWeight] = Object.entries(weights)[0] ?? ['', 0];
  const second = select([['', 'None'], ...versions.map((v) => [v, v] as [string, string])], extraVersion);
  second.setAttribute('data-alias-second', '');
  const weight = h('input', { type: 'number', min: 0, max: 100, step: 1, value: Math.round(extraWeight * 100), 'data-alias-weight': '' });
  const error = h('p', { class: 'wb-error', role: 'alert', 'data-alias-error': '' });
  const routing = () => (second.value ? { AdditionalVersionWeights: { [second.value]: Number(weight.value) / 100 } } : { AdditionalVersionWeights: {} });
  const createInput = () => ({ FunctionName: fn, Name: name.value.trim(), FunctionVersion: version.value, ...(description.value ? { Description: description.value } : {}), ...(second.value ? { RoutingConfig: routing() } : {}) });
  const updateInput = () => ({ FunctionName: fn, Name: existing!.Name!, FunctionVersion: version.value, Description: description.value, RoutingConfig: routing() });
  const submit = () =>
    void ctx.run(existing ? `Updating alias ${name.value}` : `Creating alias ${name.value}`, async () => {
      error.textContent = '';
      try {
        if (existing) await ctx.emu.lambda.send(new UpdateAliasCommand(updateInput()));
        else await ctx.emu.lambda.send(new CreateAliasCommand(createInput()));
      } catch (err) {
        error.textContent = describeError(err);
        throw err;
      }
      ctx.status(`Alias ${name.value} now points to version ${version.value}${second.value ? ` with ${weight.value}% to version ${second.value}` : ''}.`, 'success');
      onDone?.();
      ctx.changed('versions');
    });
  const form = h(
    'form',
    { class: 'wb-alias-form', onsubmit: (e: Event) => (e.preventDefault(), submit()) },
    h(
      'div',
      { class: 'wb-grid' },
      field('Name', name, 'Letters, digits, - and _; not only digits.'),
      field('Description', description),
      field('Version', version),
    ),
    h(
      'fieldset',
      { class: 'wb-grid' },
      h('legend', {}, 'Weighted alias'),
      field('Additional version', second, 'Optional. Shifts some traffic to another version (a canary).'),
      field('Weight (%)', weight),
    ),
    error,
  );
  const cli = cliBlock(() => (existing ? updateAliasCli(updateInput()) : createAliasCli(createInput())), form);
  form.append(cli.element, h('div', { class: 'wb-row', 'data-form-buttons': '' }, h('button', { type: 'submit', class: 'wb-primary', 'data-action': existing ? 'update-alias' : 'create-alias' }, existing ? 'Save alias' : 'Save')));
  return form;
}
