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
    const description = h('input', { type: 'text', maxlength: 256, autocomplete: 'off' });
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
              h('tr', {}, h('td', {}, v.Version ?? ''), h('td', {}, v.Description ?? ''), h('td', {}, h('code', {}, (v.CodeSha256 ?? '').slice(0, 12) + '…')), h('td', {}, h('code', {}, v.FunctionArn ?? ''))),
            ),
          ),
        ),
        h(
          'div',
          { class: 'wb-row' },
          field('Version description', description),
          h(
            'button',
            {
              type: 'button',
              class: 'wb-primary',
              'data-action': 'publish-version',
              onclick: () =>
                void ctx.run('Publishing a version', async () => {
                  const v = await ctx.emu.lambda.send(new PublishVersionCommand({ FunctionName: fn, Description: description.value || undefined }));
                  ctx.status(`Successfully created version ${v.Version} of the function ${fn}.`, 'success');
                  ctx.changed('versions');
                }),
            },
            'Publish new version',
          ),
        ),
      ),
      aliasSection(fn, published.map((v) => v.Version!), aliases.Aliases ?? []),
    );
  }

  function aliasForm(fn: string, versions: string[], existing?: AliasConfiguration): HTMLElement {
    const name = h('input', { type: 'text', value: existing?.Name ?? 'prod', disabled: !!existing, autocomplete: 'off', 'data-alias-name': '' });
    const version = select(versions.length ? versions : [['', 'Publish a version first']], existing?.FunctionVersion ?? versions[versions.length - 1]);
    version.setAttribute('data-alias-version', '');
    const weights = existing?.RoutingConfig?.AdditionalVersionWeights ?? {};
    const [extraVersion, extraWeight] = Object.entries(weights)[0] ?? ['', 0];
    const second = select([['', 'None'], ...versions.map((v) => [v, v] as [string, string])], extraVersion);
    second.setAttribute('data-alias-second', '');
    const weight = h('input', { type: 'number', min: 0, max: 100, step: 1, value: Math.round(extraWeight * 100), 'data-alias-weight': '' });
    const submit = () =>
      void ctx.run(existing ? `Updating alias ${name.value}` : `Creating alias ${name.value}`, async () => {
        const routing = second.value ? { AdditionalVersionWeights: { [second.value]: Number(weight.value) / 100 } } : { AdditionalVersionWeights: {} };
        if (existing) await ctx.emu.lambda.send(new UpdateAliasCommand({ FunctionName: fn, Name: existing.Name!, FunctionVersion: version.value, RoutingConfig: routing }));
        else await ctx.emu.lambda.send(new CreateAliasCommand({ FunctionName: fn, Name: name.value.trim(), FunctionVersion: version.value, ...(second.value ? { RoutingConfig: routing } : {}) }));
        ctx.status(`Alias ${name.value} now points to version ${version.value}${second.value ? ` with ${weight.value}% to version ${second.value}` : ''}.`, 'success');
        ctx.changed('versions');
      });
    return h(
      'form',
      { class: 'wb-grid', onsubmit: (e: Event) => (e.preventDefault(), submit()) },
      field('Alias name', name, 'Letters, digits, - and _; not only digits.'),
      field('Version', version),
      field('Weighted alias: second version', second, 'Optional. Shifts some traffic to another version (a canary).'),
      field('Weight of the second version (%)', weight),
      h('button', { type: 'submit', 'data-action': existing ? 'update-alias' : 'create-alias' }, existing ? 'Save alias' : 'Create alias'),
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
            h('details', {}, h('summary', {}, `${a.Name} → version ${a.FunctionVersion}${extra.length ? `, ${extra.map(([v, w]) => `${Math.round(w * 100)}% to version ${v}`).join(', ')}` : ''}`), h('p', {}, h('code', {}, a.AliasArn ?? '')), aliasForm(fn, versions, a), h('button', { type: 'button', onclick: () => void ctx.run(`Deleting alias ${a.Name}`, async () => { await ctx.emu.lambda.send(new DeleteAliasCommand({ FunctionName: fn, Name: a.Name! })); ctx.changed('versions'); }) }, 'Delete alias')),
          );
        }),
      ),
      h('h4', {}, 'Create alias'),
      aliasForm(fn, versions),
    );
  }

  for (const topic of ['functions', 'versions', 'code', 'config'] as const) ctx.on(topic, () => void render().catch((e) => ctx.status(String(e), 'error')));
  void render().catch(() => undefined);
  return body;
}
