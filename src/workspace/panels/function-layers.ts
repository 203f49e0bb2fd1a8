/**
 * A function's Layers, as on the console's function page: the layers in merge order, "Edit" to
 * reorder or remove them (Merge earlier, Merge later), and "Add a layer" with the console's two
 * sources the emulator has: Custom layers (the account's layers, filtered to those whose versions
 * list the function's runtime and architecture) and Specify an ARN.
 */
import { GetLayerVersionByArnCommand, ListLayersCommand, ListLayerVersionsCommand, type Architecture, type FunctionConfiguration, type Runtime, type UpdateFunctionConfigurationCommandInput } from '@aws-sdk/client-lambda';
import { limits } from '../../emulator/index.ts';
import { h, clear, field, id } from '../dom.ts';
import type { Ctx } from '../context.ts';
import { ACCOUNT_ID } from './function-bar.ts';
import { cliBlock } from './cli-copy.ts';
import { updateFunctionConfigurationCli } from '../cli-command.ts';
import { disableForVersion } from './version-view.ts';

type Update = (label: string, input: Omit<UpdateFunctionConfigurationCommandInput, 'FunctionName'>, error?: HTMLElement) => Promise<true | undefined>;

/** `arn:aws:lambda:us-east-1:123456789012:layer:random-words:2` → name and version, for the table. */
export function layerArnParts(arn: string): { name: string; version: string } {
  const parts = arn.split(':');
  return { name: parts[6] ?? arn, version: parts[7] ?? '' };
}

/** Moves the item at `index` one place earlier (-1) or later (+1); out of range leaves the order as it is. */
export function moveLayer<T>(order: readonly T[], index: number, step: -1 | 1): T[] {
  const to = index + step;
  if (index < 0 || index >= order.length || to < 0 || to >= order.length) return [...order];
  const out = [...order];
  [out[index], out[to]] = [out[to]!, out[index]!];
  return out;
}

export function functionLayers(ctx: Ctx, cfg: FunctionConfiguration, opts: { readOnly: boolean; noticeId: string; update: Update }): HTMLElement {
  const fn = cfg.FunctionName!;
  const attached = (cfg.Layers ?? []).map((l) => l.Arn!);
  const runtime = cfg.Runtime ?? '';
  const arch = cfg.Architectures?.[0] ?? 'x86_64';

  const details = h('tbody', {});
  const table = h(
    'table',
    { class: 'wb-summary', 'data-attached-layers': '' },
    h('thead', {}, h('tr', {}, ...['Merge order', 'Name', 'Layer version', 'Compatible runtimes', 'Compatible architectures', 'Version ARN'].map((c) => h('th', { scope: 'col' }, c)))),
    details,
  );
  void Promise.all(
    attached.map(async (arn, i) => {
      const { name, version } = layerArnParts(arn);
      const info = await ctx.emu.lambda.send(new GetLayerVersionByArnCommand({ Arn: arn })).catch(() => undefined);
      return h('tr', {}, h('td', {}, String(i + 1)), h('td', {}, name), h('td', {}, version), h('td', {}, info?.CompatibleRuntimes?.join(', ') || '-'), h('td', {}, info?.CompatibleArchitectures?.join(', ') || '-'), h('td', {}, h('code', {}, arn)));
    }),
  ).then((rows) => clear(details, ...rows));
  const view = h('div', {}, attached.length ? table : h('p', { 'data-no-layers': '' }, 'There is no data to display.'));

  const edit = h('button', { type: 'button', 'data-action': 'edit-layers', disabled: attached.length === 0 }, 'Edit');
  const add = h('button', { type: 'button', 'data-action': 'add-a-layer' }, 'Add a layer');
  if (opts.readOnly) {
    disableForVersion(edit, opts.noticeId);
    disableForVersion(add, opts.noticeId);
  }
  const orderForm = editOrderForm();
  const addForm = addLayerForm();
  const show = (form: HTMLElement | null) => {
    orderForm.hidden = form !== orderForm;
    addForm.hidden = form !== addForm;
    view.hidden = form !== null;
    edit.hidden = add.hidden = form !== null;
    if (form) form.querySelector<HTMLElement>('input:not([hidden]), select, button')?.focus();
    else add.focus();
  };
  edit.addEventListener('click', () => show(orderForm));
  add.addEventListener('click', () => show(addForm));

  /** Edit: choose a layer, then Merge earlier or Merge later (or Remove); Save applies the new order. */
  function editOrderForm(): HTMLElement {
    let order = [...attached];
    let selected = 0;
    const group = h('div', { role: 'radiogroup', 'aria-label': 'Layers in merge order', class: 'wb-layer-order', 'data-layer-order': '' });
    const error = h('p', { class: 'wb-error', role: 'alert', 'data-form-error': '' });
    const earlier = h('button', { type: 'button', 'data-action': 'merge-earlier' }, 'Merge earlier');
    const later = h('button', { type: 'button', 'data-action': 'merge-later' }, 'Merge later');
    const remove = h('button', { type: 'button', 'data-action': 'remove-layer' }, 'Remove');
    const live = h('p', { class: 'sr-only', 'aria-live': 'polite' });
    const form = h('form', { class: 'wb-edit-form', hidden: true, 'data-edit-form': 'layers' }, h('h4', {}, 'Edit layers'), group, h('div', { class: 'wb-row' }, earlier, later, remove), live, error);
    const cli = cliBlock(() => updateFunctionConfigurationCli({ FunctionName: fn, Layers: order }), form);
    const name = `wb-layer-order-${id('r')}`;
    const draw = (focus: boolean) => {
      clear(
        group,
        ...order.map((arn, i) => {
          const { name: layer, version } = layerArnParts(arn);
          const radio = h('input', { type: 'radio', name, value: String(i), checked: i === selected, 'data-layer-radio': arn });
          radio.addEventListener('change', () => {
            selected = i;
            sync();
          });
          return h('label', { class: 'wb-check' }, radio, ` ${i + 1}. ${layer}, version ${version}`);
        }),
      );
      sync();
      if (focus) group.querySelector<HTMLInputElement>(`input[value="${selected}"]`)?.focus();
      cli.refresh();
    };
    const sync = () => {
      earlier.disabled = order.length === 0 || selected <= 0;
      later.disabled = order.length === 0 || selected >= order.length - 1;
      remove.disabled = order.length === 0;
    };
    const move = (step: -1 | 1) => {
      if (selected + step < 0 || selected + step >= order.length) return;
      order = moveLayer(order, selected, step);
      selected += step;
      live.textContent = `${layerArnParts(order[selected]!).name} is now number ${selected + 1} in the merge order.`;
      draw(true);
    };
    earlier.addEventListener('click', () => move(-1));
    later.addEventListener('click', () => move(1));
    remove.addEventListener('click', () => {
      live.textContent = `Removed ${layerArnParts(order[selected]!).name}.`;
      order = order.filter((_, i) => i !== selected);
      selected = Math.max(0, Math.min(selected, order.length - 1));
      draw(true);
    });
    form.append(cli.element, h('div', { class: 'wb-row' }, h('button', { type: 'button', onclick: () => ((order = [...attached]), (selected = 0), draw(false), show(null)) }, 'Cancel'), h('button', { type: 'submit', class: 'wb-primary', 'data-action': 'save-layers' }, 'Save')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void opts.update('Updating layers', { Layers: order }, error);
    });
    draw(false);
    return form;
  }

  /** Add a layer: Custom layers (layer and version, filtered to the function's runtime and architecture) or Specify an ARN. */
  function addLayerForm(): HTMLElement {
    const radioName = id('layer-source');
    const custom = h('input', { type: 'radio', name: radioName, value: 'custom', checked: true, 'data-layer-source': 'custom' });
    const byArn = h('input', { type: 'radio', name: radioName, value: 'arn', 'data-layer-source': 'arn' });
    const layer = h('select', { 'data-layer-pick': '' });
    const version = h('select', { 'data-layer-version-pick': '' });
    const arn = h('input', { type: 'text', autocomplete: 'off', spellcheck: false, size: 50, placeholder: `arn:aws:lambda:us-east-1:${ACCOUNT_ID}:layer:my-layer:1`, 'data-layer-arn': '' });
    const customError = h('p', { class: 'wb-error', role: 'alert', 'data-layer-error': 'custom' });
    const arnError = h('p', { class: 'wb-error', role: 'alert', 'data-layer-error': 'arn' });
    const customBox = h(
      'div',
      { 'data-layer-custom': '' },
      h('p', { class: 'wb-muted' }, `Layers in this account with a version compatible with ${runtime} on ${arch}.`),
      h('div', { class: 'wb-grid' }, field('Layer', layer), field('Version', version)),
      customError,
    );
    const arnBox = h('div', { hidden: true, 'data-layer-arn-box': '' }, field('Layer version ARN', arn, 'A layer version ARN ends in the version number.'), arnError);
    const chosen = () => (custom.checked ? version.value : arn.value.trim());
    const form = h(
      'form',
      { class: 'wb-edit-form', hidden: true, 'data-edit-form': 'add-layer' },
      h('h4', {}, 'Add layer'),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Choose a layer'),
        h('label', { class: 'wb-check' }, custom, ' Custom layers'),
        h('label', { class: 'wb-check' }, byArn, ' Specify an ARN'),
      ),
      customBox,
      arnBox,
      h('p', { class: 'wb-muted' }, `A function uses up to ${limits.layers.maxPerFunction} layers; a new one is merged last.`),
    );
    const cli = cliBlock(() => (chosen() ? updateFunctionConfigurationCli({ FunctionName: fn, Layers: [...attached, chosen()] }) : 'Choose a layer version first.'), form);
    const switchSource = () => {
      customBox.hidden = !custom.checked;
      arnBox.hidden = custom.checked;
      cli.refresh();
    };
    custom.addEventListener('change', switchSource);
    byArn.addEventListener('change', switchSource);

    async function loadLayers(): Promise<void> {
      const out = await ctx.emu.lambda.send(new ListLayersCommand({ CompatibleRuntime: runtime as Runtime, CompatibleArchitecture: arch as Architecture }));
      const names = (out.Layers ?? []).map((l) => l.LayerName!);
      clear(layer, ...(names.length ? names.map((n) => h('option', { value: n }, n)) : [h('option', { value: '' }, 'No compatible layers')]));
      layer.disabled = names.length === 0;
      await loadVersions();
    }
    async function loadVersions(): Promise<void> {
      if (!layer.value) {
        clear(version, h('option', { value: '' }, '-'));
        version.disabled = true;
        return cli.refresh();
      }
      const out = await ctx.emu.lambda.send(new ListLayerVersionsCommand({ LayerName: layer.value, CompatibleRuntime: runtime as Runtime, CompatibleArchitecture: arch as Architecture }));
      const versions = out.LayerVersions ?? [];
      clear(version, ...versions.map((v) => h('option', { value: v.LayerVersionArn! }, String(v.Version))));
      version.disabled = versions.length === 0;
      cli.refresh();
    }
    layer.addEventListener('change', () => void loadVersions());
    // Read when the form opens (not on every change): the form lives only as long as this render.
    add.addEventListener('click', () => void loadLayers().catch(() => undefined));
    void loadLayers().catch(() => undefined);

    form.append(cli.element, h('div', { class: 'wb-row' }, h('button', { type: 'button', onclick: () => show(null) }, 'Cancel'), h('button', { type: 'submit', class: 'wb-primary', 'data-action': 'add-layer' }, 'Add')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const error = custom.checked ? customError : arnError;
      customError.textContent = arnError.textContent = '';
      const target = chosen();
      if (!target) {
        error.textContent = custom.checked ? 'Choose a layer and a version.' : 'Enter a layer version ARN.';
        (custom.checked ? layer : arn).focus();
        return;
      }
      // Lambda checks the ARN itself; its refusal (pattern, missing version) appears beside the field.
      void opts.update(`Adding a layer to ${fn}`, { Layers: [...attached, target] }, error).then((ok) => {
        if (!ok) (custom.checked ? layer : arn).focus();
      });
    });
    return form;
  }

  return h(
    'section',
    { 'aria-labelledby': 'cfg-layers' },
    h('div', { class: 'wb-section-head' }, h('h3', { id: 'cfg-layers', tabindex: -1 }, 'Layers'), edit, add),
    h('p', { class: 'wb-muted' }, `Lambda merges the layers into /opt in this order: a file in a later layer replaces the same path in an earlier one.`),
    view,
    orderForm,
    addForm,
  );
}
