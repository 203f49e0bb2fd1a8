/**
 * Configuration tab, laid out as the console's: the function overview, then General configuration,
 * Runtime settings, Environment variables, Permissions and Layers, each shown as it is with an
 * Edit button that opens its form. On a published version everything is read-only, and says why.
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand, type FunctionConfiguration, type UpdateFunctionConfigurationCommandInput } from '@aws-sdk/client-lambda';
import { limits } from '../../emulator/index.ts';
import { h, clear, field, id } from '../dom.ts';
import { describeError, type Ctx } from '../context.ts';
import { currentFunction, NO_FUNCTION_YET } from './function-bar.ts';
import { cliBlock } from './cli-copy.ts';
import { updateFunctionConfigurationCli } from '../cli-command.ts';
import { isReadOnly, qualifierLabel, qualifierOf } from './qualifier.ts';
import { disableForVersion, readOnlyNotice } from './version-view.ts';
import { functionLayers } from './function-layers.ts';
import { readPermissions, type PermissionsView } from '../role-permissions.ts';

type UpdateInput = Omit<UpdateFunctionConfigurationCommandInput, 'FunctionName'>;

/** The id of the read-only notice in this panel, which disabled Edit buttons point to. */
const NOTICE_ID = 'wb-config-read-only';

export function configPanel(ctx: Ctx): HTMLElement {
  const body = h('div', { class: 'wb-config-body' });
  // The role and its policies, as IAM has them (the page's IAM, signed as the learner).
  const iam = new IAMClient(ctx.emu.clientConfig);
  const sections: { id: string; title: string }[] = [
    { id: 'cfg-general', title: 'General configuration' },
    { id: 'cfg-runtime', title: 'Runtime settings' },
    { id: 'cfg-env', title: 'Environment variables' },
    { id: 'cfg-perm', title: 'Permissions' },
    { id: 'cfg-layers', title: 'Layers' },
  ];
  // The console's left-hand list of configuration pages: each moves to its section.
  const nav = h(
    'nav',
    { 'aria-label': 'Configuration', class: 'wb-config-nav' },
    h(
      'ul',
      {},
      ...sections.map((s) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'wb-link',
              'data-config-nav': s.id,
              onclick: () => {
                const heading = document.getElementById(s.id);
                heading?.scrollIntoView({ block: 'start' });
                heading?.focus();
              },
            },
            s.title,
          ),
        ),
      ),
    ),
  );

  // Several changes can start renders at once (publish, then open the version): only the last one draws.
  let generation = 0;
  const openForm = () => body.querySelector('form[data-edit-form]:not([hidden])');
  let waitingForForm = false;
  /**
   * `keepOpenForm`: a change made elsewhere (an aws line in the Terminal, say) leaves a form the
   * learner is filling in as it is, and redraws once it is closed. Opening a version always redraws.
   */
  async function render(keepOpenForm = false): Promise<void> {
    if (keepOpenForm && openForm()) {
      if (waitingForForm) return;
      waitingForForm = true;
      const retry = () =>
        setTimeout(() => {
          if (openForm()) return;
          body.removeEventListener('click', retry);
          waitingForForm = false;
          void render().catch((e) => ctx.status(String(e), 'error'));
        });
      body.addEventListener('click', retry);
      return;
    }
    const mine = ++generation;
    const fn = currentFunction(ctx);
    if (!fn) return clear(body, h('p', {}, NO_FUNCTION_YET));
    const q = qualifierOf(ctx);
    const cfg = await ctx.emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn, ...(q ? { Qualifier: q } : {}) }));
    const access = await readPermissions(iam, ctx.emu.lambda, cfg, q || undefined).catch((err: unknown) => describeError(err));
    if (mine !== generation) return;
    clear(
      body,
      isReadOnly(ctx) ? readOnlyNotice(ctx, NOTICE_ID) : null,
      overview(cfg, q),
      general(cfg),
      runtimeSettings(cfg),
      environment(cfg),
      permissions(cfg, access),
      functionLayers(ctx, cfg, { readOnly: isReadOnly(ctx), noticeId: NOTICE_ID, update }),
    );
  }

  /** Saves a change to $LATEST; an error goes beside the form that caused it, and to the status line. */
  const update = (label: string, input: UpdateInput, error?: HTMLElement) =>
    ctx.run(label, async () => {
      if (error) error.textContent = '';
      try {
        await ctx.emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: currentFunction(ctx)!, ...input }));
      } catch (err) {
        if (error) error.textContent = describeError(err);
        throw err;
      }
      ctx.status('Successfully updated the function configuration.', 'success');
      // Saved: the form closes, as the console's does, and the section shows the new values.
      for (const form of body.querySelectorAll<HTMLFormElement>('form[data-edit-form]')) form.hidden = true;
      ctx.changed('config');
      return true as const;
    });

  /**
   * A section as the console shows it: heading, Edit, the current values; Edit swaps the values for
   * a form with Cancel and Save and its AWS CLI command.
   */
  function editable(
    opts: { id: string; title: string; action: string; view: HTMLElement; fields: HTMLElement; input: () => UpdateInput; saving: string },
    ...extra: HTMLElement[]
  ): HTMLElement {
    const error = h('p', { class: 'wb-error', role: 'alert', 'data-form-error': '' });
    const form = h('form', { class: 'wb-edit-form', hidden: true, 'data-edit-form': opts.action }, opts.fields, error);
    const fn = currentFunction(ctx)!;
    const cli = cliBlock(() => updateFunctionConfigurationCli({ FunctionName: fn, ...opts.input() }), form);
    const edit = h('button', { type: 'button', 'data-action': `edit-${opts.action}` }, 'Edit');
    const close = () => {
      form.hidden = true;
      opts.view.hidden = false;
      edit.hidden = false;
      edit.focus();
    };
    form.append(
      cli.element,
      h('div', { class: 'wb-row' }, h('button', { type: 'button', onclick: close }, 'Cancel'), h('button', { type: 'submit', class: 'wb-primary', 'data-action': `save-${opts.action}` }, 'Save')),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void update(opts.saving, opts.input(), error);
    });
    edit.addEventListener('click', () => {
      form.hidden = false;
      opts.view.hidden = true;
      edit.hidden = true;
      cli.refresh();
      form.querySelector<HTMLElement>('input, select, button')?.focus();
    });
    if (isReadOnly(ctx)) disableForVersion(edit, NOTICE_ID);
    return h('section', { 'aria-labelledby': opts.id }, h('div', { class: 'wb-section-head' }, h('h3', { id: opts.id, tabindex: -1 }, opts.title), edit), opts.view, form, ...extra);
  }

  const table = (rows: [string, string | number | undefined][]) =>
    h('table', { class: 'wb-summary' }, h('tbody', {}, ...rows.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v === undefined || v === '' ? '-' : String(v))))));

  function overview(cfg: FunctionConfiguration, q: string): HTMLElement {
    const row = (k: string, v: string | undefined, attr?: string) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, h('code', attr ? { [attr]: '' } : {}, v ?? '')));
    // arn:aws:lambda:region:account:function:name, whatever qualifier follows.
    const unqualified = cfg.FunctionArn!.split(':').slice(0, 7).join(':');
    return h(
      'section',
      { 'aria-labelledby': 'cfg-overview' },
      h('h3', { id: 'cfg-overview' }, 'Function overview', q ? `: ${qualifierLabel(q)}` : ''),
      h(
        'table',
        { class: 'wb-summary' },
        h(
          'tbody',
          {},
          row('Function ARN', cfg.FunctionArn, 'data-shown-arn'),
          row('Function ARN (unqualified)', unqualified, 'data-function-arn'),
          row('Qualified ARN of $LATEST', `${unqualified}:$LATEST`, 'data-latest-arn'),
          row('Version', cfg.Version),
          row('Runtime', cfg.Runtime),
          row('Architecture', cfg.Architectures?.join(', ')),
          row('Code SHA-256', cfg.CodeSha256),
          row('Last modified', cfg.LastModified),
        ),
      ),
      h('p', { class: 'wb-muted' }, 'The unqualified ARN has no suffix and runs $LATEST. A qualified ARN ends in :$LATEST, a version number or an alias, and names exactly that one.'),
    );
  }

  function general(cfg: FunctionConfiguration): HTMLElement {
    const memory = h('input', { type: 'number', min: limits.memory.min, max: limits.memory.max, step: 1, value: cfg.MemorySize ?? limits.memory.default, 'data-memory': '' });
    const storage = h('input', { type: 'number', min: limits.ephemeralStorage.min, max: limits.ephemeralStorage.max, value: cfg.EphemeralStorage?.Size ?? limits.ephemeralStorage.default, 'data-ephemeral-storage': '' });
    const timeout = h('input', { type: 'number', min: limits.timeout.min, max: limits.timeout.max, value: cfg.Timeout ?? limits.timeout.default, 'data-timeout': '' });
    const description = h('input', { type: 'text', value: cfg.Description ?? '', maxlength: 256, 'data-description': '' });
    return editable({
      id: 'cfg-general',
      title: 'General configuration',
      action: 'general',
      saving: 'Saving general configuration',
      view: table([
        ['Description', cfg.Description],
        ['Memory', `${cfg.MemorySize} MB`],
        ['Ephemeral storage', `${cfg.EphemeralStorage?.Size ?? limits.ephemeralStorage.default} MB`],
        ['Timeout', `${Math.floor((cfg.Timeout ?? 3) / 60)} min ${(cfg.Timeout ?? 3) % 60} sec`],
      ]),
      fields: h(
        'div',
        { class: 'wb-grid' },
        field('Description', description),
        field('Memory', memory, `MB, ${limits.memory.min} to ${limits.memory.max.toLocaleString('en-US')}. CPU grows with memory.`),
        field('Ephemeral storage', storage, `MB of /tmp, ${limits.ephemeralStorage.min} to ${limits.ephemeralStorage.max.toLocaleString('en-US')}.`),
        field('Timeout', timeout, `Seconds, ${limits.timeout.min} to ${limits.timeout.max}.`),
      ),
      input: () => ({ Description: description.value, MemorySize: Number(memory.value), EphemeralStorage: { Size: Number(storage.value) }, Timeout: Number(timeout.value) }),
    });
  }

  function runtimeSettings(cfg: FunctionConfiguration): HTMLElement {
    const handler = h('input', { type: 'text', value: cfg.Handler ?? '', autocomplete: 'off', 'data-handler': '' });
    return editable({
      id: 'cfg-runtime',
      title: 'Runtime settings',
      action: 'runtime',
      saving: 'Saving runtime settings',
      view: table([
        ['Runtime', cfg.Runtime],
        ['Handler', cfg.Handler],
        ['Architecture', cfg.Architectures?.join(', ')],
      ]),
      fields: field('Handler', handler, 'Node.js: file.export (index.handler runs the export "handler" of index.mjs or index.js). Python: module.function.'),
      input: () => ({ Handler: handler.value.trim() }),
    });
  }

  function environment(cfg: FunctionConfiguration): HTMLElement {
    const vars = Object.entries(cfg.Environment?.Variables ?? {});
    const rows = h('div', { class: 'wb-env-rows', 'data-env-rows': '' });
    const addRow = (key = '', value = '') => {
      const k = h('input', { type: 'text', value: key, 'data-env-key': '', autocomplete: 'off', spellcheck: false });
      const v = h('input', { type: 'text', value, 'data-env-value': '', autocomplete: 'off', spellcheck: false });
      k.id = id('env-key');
      v.id = id('env-value');
      const remove = h('button', { type: 'button', 'data-action': 'remove-env' }, 'Remove');
      const row = h('div', { class: 'wb-env-row' }, h('div', { class: 'wb-field' }, h('label', { for: k.id }, 'Key'), k), h('div', { class: 'wb-field' }, h('label', { for: v.id }, 'Value'), v), remove);
      remove.addEventListener('click', () => {
        // Focus moves to the next row's Remove, or to Add: never lost with the removed row.
        const next = (row.nextElementSibling ?? row.previousElementSibling)?.querySelector<HTMLElement>('[data-action="remove-env"]') ?? addButton;
        row.remove();
        next.focus();
        rows.dispatchEvent(new Event('input', { bubbles: true }));
      });
      rows.append(row);
      return k;
    };
    for (const [k, v] of vars) addRow(k, v);
    const addButton = h('button', { type: 'button', 'data-action': 'add-env', onclick: () => (addRow().focus(), rows.dispatchEvent(new Event('input', { bubbles: true }))) }, 'Add environment variable');
    const variables = () => {
      const out: Record<string, string> = {};
      for (const row of rows.children) {
        const key = row.querySelector<HTMLInputElement>('[data-env-key]')!.value.trim();
        if (key) out[key] = row.querySelector<HTMLInputElement>('[data-env-value]')!.value;
      }
      return out;
    };
    return editable({
      id: 'cfg-env',
      title: 'Environment variables',
      action: 'env',
      saving: 'Saving environment variables',
      view: vars.length
        ? h(
            'table',
            { class: 'wb-summary', 'data-env-table': '' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Key'), h('th', { scope: 'col' }, 'Value'))),
            h('tbody', {}, ...vars.map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', {}, v)))),
          )
        : h('p', {}, 'No environment variables.'),
      fields: h('div', {}, h('p', { class: 'wb-muted' }, `Up to ${limits.environment.maxBytes / 1024} KB in total. Lambda sets some keys itself (AWS_REGION, _HANDLER, …): those are reserved.`), rows, addButton),
      input: () => ({ Environment: { Variables: variables() } }),
    });
  }

  /** The execution role with what its policies allow, and the resource-based policy statements, as IAM and Lambda have them. */
  function permissions(cfg: FunctionConfiguration, access: PermissionsView | string): HTMLElement {
    const section = h('section', { 'aria-labelledby': 'cfg-perm' }, h('h3', { id: 'cfg-perm', tabindex: -1 }, 'Permissions'), h('p', {}, 'Execution role: ', h('code', { 'data-role': '' }, cfg.Role ?? '')));
    if (typeof access === 'string') {
      section.append(h('p', { class: 'wb-error' }, `Could not read the role's permissions: ${access}`));
      return section;
    }
    const role = access.role;
    if (role === undefined) {
      section.append(h('p', { class: 'wb-error', 'data-no-role': '' }, `IAM has no role named ${access.roleName} in this account: Lambda cannot assume it, and the function cannot run until its role exists.`));
    } else {
      section.append(
        h('p', {}, 'Lambda assumes this role when it runs the function: its trust policy lets ', h('code', { 'data-trusted-by': '' }, role.trustedBy.join(', ') || 'no one'), ' assume it. What the function may do is what the role\'s policies allow:'),
      );
      if (role.policies.length === 0) {
        section.append(h('p', { 'data-no-policies': '' }, `The role ${access.roleName} has no policies: the function may call nothing, not even CloudWatch Logs to write its own logs.`));
      }
      for (const policy of role.policies) {
        section.append(
          h('h4', { 'data-policy-name': policy.name }, h('strong', {}, policy.name), ` (${policy.kind})`),
          h('pre', { class: 'wb-mono', 'data-policy': '' }, policy.document),
        );
      }
      section.append(h('p', { class: 'wb-muted' }, 'Nothing is allowed unless a statement allows it: calling another service (S3, DynamoDB, another function) needs a statement for that action.'));
    }
    const rows = access.statements;
    section.append(
      h('h4', {}, 'Resource-based policy statements'),
      h('p', { class: 'wb-muted' }, 'Who else may act on the function: an AWS service, another account, or anyone (*).'),
      rows.length === 0
        ? h('p', { 'data-no-statements': '' }, 'None: only identities of this account whose own policies allow it may invoke the function.')
        : h(
            'table',
            { class: 'wb-summary', 'data-statements': '' },
            h('thead', {}, h('tr', {}, ...['Statement ID', 'Principal', 'Conditions', 'Action'].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, ...rows.map((r) => h('tr', { 'data-statement': r.sid }, h('td', {}, r.effect === 'Deny' ? `${r.sid} (Deny)` : r.sid), h('td', {}, h('code', {}, r.principal)), h('td', {}, h('code', {}, r.conditions)), h('td', {}, r.action)))),
          ),
    );
    return section;
  }

  for (const topic of ['functions', 'config', 'layers', 'code', 'qualifier', 'versions'] as const) {
    ctx.on(topic, () => void render(topic !== 'qualifier' && topic !== 'functions').catch((e) => ctx.status(String(e), 'error')));
  }
  void render().catch(() => undefined);
  return h('div', { class: 'wb-config' }, nav, body);
}
