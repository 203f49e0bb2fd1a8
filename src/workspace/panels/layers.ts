/** Layers tab: build a layer from files in the page or upload a .zip, publish it, see its versions. */
import { ListLayersCommand, ListLayerVersionsCommand, PublishLayerVersionCommand, GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { zip } from '../../emulator/index.ts';
import { h, clear, field } from '../dom.ts';
import type { Ctx } from '../context.ts';
import { currentFunction, runtimeChoices } from './function-bar.ts';

const SAMPLE_PATH = 'nodejs/node_modules/my-lib/index.js';

export function layersPanel(ctx: Ctx): HTMLElement {
  const list = h('div', { 'data-layer-list': '' });
  const name = h('input', { type: 'text', value: 'my-layer', pattern: '[a-zA-Z0-9_\\-]+', autocomplete: 'off', 'data-layer-name': '' });
  const description = h('input', { type: 'text', maxlength: 256, autocomplete: 'off' });
  const files = h('div', { class: 'wb-layer-files' });
  const upload = h('input', { type: 'file', accept: '.zip,application/zip', 'data-layer-zip': '' });
  const attach = h('input', { type: 'checkbox', checked: true, 'data-layer-attach': '' });

  const addFileRow = (path = SAMPLE_PATH, text = "exports.hello = () => 'hello from a layer';\n") => {
    const p = h('input', { type: 'text', value: path, 'aria-label': 'Path in the layer', 'data-layer-path': '', size: 40, autocomplete: 'off' });
    const t = h('textarea', { rows: 4, class: 'wb-mono', 'aria-label': `Contents`, 'data-layer-text': '', spellcheck: false });
    t.value = text;
    const row = h('div', { class: 'wb-layer-file' }, p, t, h('button', { type: 'button', onclick: () => row.remove() }, 'Remove file'));
    files.append(row);
  };
  const shipped = Object.entries(ctx.exercise.layers ?? {});
  const loadShipped = (layerName: string, layerFiles: Record<string, string>) => {
    files.replaceChildren();
    for (const [path, text] of Object.entries(layerFiles)) addFileRow(path, text);
    name.value = layerName;
  };
  const downloadShipped = (layerName: string, layerFiles: Record<string, string>) => {
    const bytes = zip(Object.fromEntries(Object.entries(layerFiles).map(([p, t]) => [p, new TextEncoder().encode(t)])));
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
    const a = h('a', { href: url, download: `${layerName}.zip` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  if (shipped.length) loadShipped(shipped[0]![0], shipped[0]![1]);
  else addFileRow();

  async function publish(content: Uint8Array): Promise<void> {
    const layerName = name.value.trim();
    await ctx.run(`Publishing layer ${layerName}`, async () => {
      const out = await ctx.emu.lambda.send(
        new PublishLayerVersionCommand({
          LayerName: layerName,
          Description: description.value || undefined,
          Content: { ZipFile: content },
          CompatibleRuntimes: runtimeChoices(),
          CompatibleArchitectures: ['x86_64', 'arm64'],
        }),
      );
      ctx.status(`Published ${out.LayerVersionArn}.`, 'success');
      const fn = currentFunction(ctx);
      if (attach.checked && fn && out.LayerVersionArn) {
        const cfg = await ctx.emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn }));
        const base = out.LayerVersionArn.replace(/:\d+$/, ':');
        const layers = (cfg.Layers ?? []).map((l) => l.Arn!).filter((a) => !a.startsWith(base));
        await ctx.emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: fn, Layers: [...layers, out.LayerVersionArn] }));
        ctx.status(`Published ${out.LayerVersionArn} and attached it to ${fn}.`, 'success');
      }
      ctx.changed('layers');
    });
  }

  function publishFromFiles(): void {
    const entries: Record<string, Uint8Array> = {};
    for (const row of files.children) {
      const path = (row.querySelector('[data-layer-path]') as HTMLInputElement).value.trim().replace(/^\/+/, '');
      if (path) entries[path] = new TextEncoder().encode((row.querySelector('[data-layer-text]') as HTMLTextAreaElement).value);
    }
    if (!Object.keys(entries).length) return ctx.status('Add at least one file to the layer.', 'error');
    void publish(zip(entries));
  }

  async function publishFromZip(): Promise<void> {
    const file = upload.files?.[0];
    if (!file) return ctx.status('Choose a .zip file first.', 'error');
    await publish(new Uint8Array(await file.arrayBuffer()));
  }

  async function render(): Promise<void> {
    const layers = await ctx.emu.lambda.send(new ListLayersCommand({}));
    const sections = await Promise.all(
      (layers.Layers ?? []).map(async (l) => {
        const versions = await ctx.emu.lambda.send(new ListLayerVersionsCommand({ LayerName: l.LayerName! }));
        return h('li', {}, h('strong', {}, l.LayerName ?? ''), h('ul', {}, ...(versions.LayerVersions ?? []).map((v) => h('li', {}, `Version ${v.Version}: `, h('code', {}, v.LayerVersionArn ?? ''), v.Description ? ` (${v.Description})` : ''))));
      }),
    );
    clear(list, sections.length ? h('ul', {}, ...sections) : h('p', {}, 'No layers published yet.'));
  }

  ctx.on('layers', () => void render());
  void render().catch(() => undefined);
  return h(
    'div',
    { class: 'wb-layers' },
    h('p', { class: 'wb-muted' }, 'A layer is a .zip whose contents Lambda extracts into /opt. For Node.js, put packages under nodejs/node_modules/ so that require and import find them.'),
    h('div', { class: 'wb-grid' }, field('Layer name', name), field('Description', description)),
    h('label', { class: 'wb-check' }, attach, ' Attach the new version to the current function'),
    shipped.length
      ? h(
          'section',
          { 'aria-labelledby': 'layer-shipped' },
          h('h3', { id: 'layer-shipped' }, 'Layer sources for this exercise'),
          ...shipped.map(([layerName, layerFiles]) =>
            h(
              'div',
              { class: 'wb-row' },
              h('code', {}, layerName),
              h('button', { type: 'button', 'data-load-layer': layerName, onclick: () => loadShipped(layerName, layerFiles) }, 'Load its files below'),
              h('button', { type: 'button', onclick: () => downloadShipped(layerName, layerFiles) }, `Download ${layerName}.zip`),
            ),
          ),
        )
      : null,
    h('section', { 'aria-labelledby': 'layer-build' }, h('h3', { id: 'layer-build' }, 'Build a layer from files'), files, h('div', { class: 'wb-row' }, h('button', { type: 'button', onclick: () => addFileRow('nodejs/node_modules/', '') }, 'Add file'), h('button', { type: 'button', class: 'wb-primary', 'data-action': 'publish-layer-files', onclick: publishFromFiles }, 'Publish layer version'))),
    h('section', { 'aria-labelledby': 'layer-upload' }, h('h3', { id: 'layer-upload' }, 'Or upload a .zip you built'), field('Layer .zip file', upload, 'For example the nodejs/ folder after npm install, zipped.'), h('button', { type: 'button', 'data-action': 'publish-layer-zip', onclick: () => void publishFromZip() }, 'Upload and publish')),
    h('section', { 'aria-labelledby': 'layer-list' }, h('h3', { id: 'layer-list' }, 'Layers in this account'), list),
  );
}
