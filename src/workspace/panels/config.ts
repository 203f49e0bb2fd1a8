/** Configuration tab: general settings, environment variables, permissions and layers. */
import { GetFunctionConfigurationCommand, ListLayersCommand, UpdateFunctionConfigurationCommand, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { limits } from '../../emulator/index.ts';
import { h, clear, field } from '../dom.ts';
import type { Ctx } from '../context.ts';
import { ACCOUNT_ID, currentFunction, NO_FUNCTION_YET } from './function-bar.ts';

/** What AWSLambdaBasicExecutionRole allows: exactly what a function needs to write its logs. */
export const BASIC_EXECUTION_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: `arn:aws:logs:us-east-1:${ACCOUNT_ID}:*` },
    { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [`arn:aws:logs:us-east-1:${ACCOUNT_ID}:log-group:/aws/lambda/<function-name>:*`] },
  ],
};

export function configPanel(ctx: Ctx): HTMLElement {
  const body = h('div', { class: 'wb-config' });

  async function render(): Promise<void> {
    const fn = currentFunction(ctx);
    if (!fn) return clear(body, h('p', {}, NO_FUNCTION_YET));
    const cfg = await ctx.emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn }));
    clear(body, overview(cfg), general(cfg), environment(cfg), permissions(cfg), layers(cfg));
  }

  const update = (label: string, input: Omit<ConstructorParameters<typeof UpdateFunctionConfigurationCommand>[0], 'FunctionName'>) =>
    ctx.run(label, async () => {
      await ctx.emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: currentFunction(ctx)!, ...input }));
      ctx.status('Successfully updated the function configuration.', 'success');
      ctx.changed('config');
    });

  function overview(cfg: FunctionConfiguration): HTMLElement {
    const row = (k: string, v: string | undefined, attr?: string) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, h('code', attr ? { [attr]: '' } : {}, v ?? '')));
    return h(
      'section',
      { 'aria-labelledby': 'cfg-overview' },
      h('h3', { id: 'cfg-overview' }, 'Function overview'),
      h(
        'table',
        { class: 'wb-summary' },
        h(
          'tbody',
          {},
          row('Function ARN (unqualified)', cfg.FunctionArn, 'data-function-arn'),
          row('Qualified ARN of $LATEST', `${cfg.FunctionArn}:$LATEST`, 'data-latest-arn'),
          row('Runtime', cfg.Runtime),
          row('Handler', cfg.Handler),
          row('Architecture', cfg.Architectures?.join(', ')),
          row('Code SHA-256', cfg.CodeSha256),
          row('Last modified', cfg.LastModified),
        ),
      ),
      h('p', { class: 'wb-muted' }, 'The unqualified ARN has no suffix and runs $LATEST. A qualified ARN ends in :$LATEST, a version number or an alias, and names exactly that one.'),
    );
  }

  function general(cfg: FunctionConfiguration): HTMLElement {
    const memory = h('input', { type: 'number', min: limits.memory.min, max: limits.memory.max, step: 1, value: cfg.MemorySize ?? limits.memory.default });
    const timeout = h('input', { type: 'number', min: limits.timeout.min, max: limits.timeout.max, value: cfg.Timeout ?? limits.timeout.default });
    const storage = h('input', { type: 'number', min: limits.ephemeralStorage.min, max: limits.ephemeralStorage.max, value: cfg.EphemeralStorage?.Size ?? limits.ephemeralStorage.default });
    const description = h('input', { type: 'text', value: cfg.Description ?? '', maxlength: 256 });
    const handler = h('input', { type: 'text', value: cfg.Handler ?? 'index.handler' });
    return h(
      'section',
      { 'aria-labelledby': 'cfg-general' },
      h('h3', { id: 'cfg-general' }, 'General configuration'),
      h(
        'div',
        { class: 'wb-grid' },
        field('Memory (MB)', memory, `${limits.memory.min} to ${limits.memory.max.toLocaleString('en-US')} MB. CPU grows with memory.`),
        field('Timeout (seconds)', timeout, `${limits.timeout.min} to ${limits.timeout.max} seconds.`),
        field('Ephemeral storage /tmp (MB)', storage, `${limits.ephemeralStorage.min} to ${limits.ephemeralStorage.max.toLocaleString('en-US')} MB.`),
        field('Handler', handler),
        field('Description', description),
      ),
      h(
        'button',
        {
          type: 'button',
          'data-action': 'save-general',
          onclick: () =>
            void update('Saving general configuration', {
              MemorySize: Number(memory.value),
              Timeout: Number(timeout.value),
              EphemeralStorage: { Size: Number(storage.value) },
              Description: description.value,
              Handler: handler.value.trim(),
            }),
        },
        'Save',
      ),
    );
  }

  function environment(cfg: FunctionConfiguration): HTMLElement {
    const rows = h('div', { class: 'wb-env-rows' });
    const addRow = (key = '', value = '') => {
      const k = h('input', { type: 'text', value: key, 'aria-label': 'Key', 'data-env-key': '', autocomplete: 'off' });
      const v = h('input', { type: 'text', value, 'aria-label': 'Value', 'data-env-value': '', autocomplete: 'off' });
      const row = h('div', { class: 'wb-row' }, k, v, h('button', { type: 'button', onclick: () => row.remove(), 'aria-label': `Remove variable ${key}` }, 'Remove'));
      rows.append(row);
      k.focus();
    };
    for (const [k, v] of Object.entries(cfg.Environment?.Variables ?? {})) addRow(k, v);
    const save = () => {
      const vars: Record<string, string> = {};
      for (const row of rows.children) {
        const [k, v] = row.querySelectorAll('input');
        if (k!.value.trim()) vars[k!.value.trim()] = v!.value;
      }
      void update('Saving environment variables', { Environment: { Variables: vars } });
    };
    return h(
      'section',
      { 'aria-labelledby': 'cfg-env' },
      h('h3', { id: 'cfg-env' }, 'Environment variables'),
      h('p', { class: 'wb-muted' }, `Up to ${limits.environment.maxBytes / 1024} KB in total. Lambda sets some keys itself (AWS_REGION, _HANDLER, …): those are reserved.`),
      rows,
      h('div', { class: 'wb-row' }, h('button', { type: 'button', 'data-action': 'add-env', onclick: () => addRow() }, 'Add environment variable'), h('button', { type: 'button', class: 'wb-primary', 'data-action': 'save-env', onclick: save }, 'Save')),
    );
  }

  function permissions(cfg: FunctionConfiguration): HTMLElement {
    const policy = JSON.stringify(BASIC_EXECUTION_POLICY, null, 2).replace('<function-name>', cfg.FunctionName ?? '');
    return h(
      'section',
      { 'aria-labelledby': 'cfg-perm' },
      h('h3', { id: 'cfg-perm' }, 'Permissions'),
      h('p', {}, 'Execution role: ', h('code', { 'data-role': '' }, cfg.Role ?? '')),
      h('p', {}, 'Lambda assumes this role when it runs the function. The role has the AWS managed policy ', h('strong', {}, 'AWSLambdaBasicExecutionRole'), ', which allows exactly this:'),
      h('pre', { class: 'wb-mono', 'data-policy': '' }, policy),
      h('p', { class: 'wb-muted' }, 'It lets the function create its log group and write log streams and events, nothing else. Calling other services (S3, DynamoDB, …) needs more statements.'),
    );
  }

  function layers(cfg: FunctionConfiguration): HTMLElement {
    const attached = (cfg.Layers ?? []).map((l) => l.Arn!);
    const list = h('ol', { 'data-attached-layers': '' }, ...attached.map((arn, i) => h('li', {}, h('code', {}, arn), ' ', h('button', { type: 'button', onclick: () => void setLayers(attached.filter((_, j) => j !== i)) }, 'Remove'))));
    const choice = h('select', { 'aria-label': 'Layer version to add', 'data-layer-choice': '' });
    void ctx.emu.lambda.send(new ListLayersCommand({})).then((out) => {
      const arns = (out.Layers ?? []).map((l) => l.LatestMatchingVersion?.LayerVersionArn).filter((a): a is string => !!a);
      clear(choice, ...(arns.length ? arns.map((a) => h('option', { value: a }, a)) : [h('option', { value: '' }, 'No layers yet: publish one in the Layers tab')]));
    });
    const setLayers = (arns: string[]) => update('Updating layers', { Layers: arns });
    return h(
      'section',
      { 'aria-labelledby': 'cfg-layers' },
      h('h3', { id: 'cfg-layers' }, 'Layers'),
      h('p', { class: 'wb-muted' }, `Up to ${limits.layers.maxPerFunction} layers, merged into /opt in this order: a file in a later layer replaces the same path in an earlier one.`),
      attached.length ? list : h('p', {}, 'No layers attached.'),
      h('div', { class: 'wb-row' }, choice, h('button', { type: 'button', 'data-action': 'add-layer', onclick: () => choice.value && void setLayers([...attached, choice.value]) }, 'Add layer')),
      h('p', {}, 'Or a layer version ARN: ', layerArnInput(attached, setLayers)),
    );
  }

  function layerArnInput(attached: string[], setLayers: (a: string[]) => unknown): HTMLElement {
    const input = h('input', { type: 'text', 'aria-label': 'Layer version ARN', placeholder: `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:layer:name:1`, size: 40 });
    return h('span', { class: 'wb-row' }, input, h('button', { type: 'button', onclick: () => input.value.trim() && void setLayers([...attached, input.value.trim()]) }, 'Add by ARN'));
  }

  for (const topic of ['functions', 'config', 'layers', 'code'] as const) ctx.on(topic, () => void render().catch((e) => ctx.status(String(e), 'error')));
  void render().catch(() => undefined);
  return body;
}
