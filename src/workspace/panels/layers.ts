/**
 * Layers tab, as the console's Layers page: the account's layers and their versions, and Create
 * layer (a .zip uploaded, or files typed in the page) with its compatible runtimes and
 * architectures. The exercise's own layer sources are handed over here: "Download
 * <name>-layer.zip" builds the zip in the page, its top level nodejs/ as Lambda needs it, and
 * "Create layer from starter" fills the form with those files.
 */
import { ListLayersCommand, ListLayerVersionsCommand, PublishLayerVersionCommand, GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand, type Architecture, type Runtime } from '@aws-sdk/client-lambda';
import { zip } from '../../emulator/index.ts';
import { h, clear, field, id } from '../dom.ts';
import { describeError, type Ctx } from '../context.ts';
import { currentFunction, runtimeChoices, runtimeLabel } from './function-bar.ts';
import { cliBlock } from './cli-copy.ts';
import { publishLayerVersionCli } from '../cli-command.ts';

const SAMPLE_PATH = 'nodejs/node_modules/my-lib/index.js';

/** The file name the page gives a shipped layer's zip: its starter folder's name. */
export const starterZipName = (layerName: string) => `${layerName}-layer.zip`;

/** The button that fills Create layer with a shipped layer's files (the Python sources' says so). */
export const starterButtonName = (layerName: string, language: Language = 'nodejs') =>
  `Create layer ${layerName} from ${language === 'python' ? 'Python starter' : 'starter'}`;

/** The download button's name: the Python sources' zip has the same file name, its button says Python. */
export const downloadButtonName = (layerName: string, language: Language = 'nodejs') =>
  `Download ${starterZipName(layerName)}${language === 'python' ? ' (Python)' : ''}`;

type Language = 'nodejs' | 'python';

/** Where each language's packages go in a layer, as Lambda puts them on the module path. */
const PACKAGES_FOLDER: Record<Language, string> = { nodejs: 'nodejs/node_modules/', python: 'python/' };

/** A layer's shipped sources, in one language, and where the exercise's text says they are. */
interface ShippedLayer {
  name: string;
  language: Language;
  folder: string;
  files: Record<string, string>;
}

/** A shipped layer's files as the zip `cd <name>-layer && zip -r ../<name>.zip nodejs` makes. */
export function starterZip(files: Readonly<Record<string, string>>): Uint8Array {
  return zip(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, new TextEncoder().encode(t)])));
}

export function layersPanel(ctx: Ctx): HTMLElement {
  const list = h('div', { 'data-layer-list': '' });
  const name = h('input', { type: 'text', value: 'my-layer', pattern: '[a-zA-Z0-9_\\-]+', autocomplete: 'off', 'data-layer-name': '' });
  const description = h('input', { type: 'text', maxlength: 256, autocomplete: 'off', 'data-layer-description': '' });
  const files = h('div', { class: 'wb-layer-files' });
  const upload = h('input', { type: 'file', accept: '.zip,application/zip', 'data-layer-zip': '' });
  const attach = h('input', { type: 'checkbox', checked: true, 'data-layer-attach': '' });
  const error = h('p', { class: 'wb-error', role: 'alert', 'data-layer-create-error': '' });
  const archBoxes = (['x86_64', 'arm64'] as const).map((a) => ({ arch: a, box: h('input', { type: 'checkbox', value: a, checked: true, 'data-compatible-architecture': a }) }));
  const runtimes = h('select', { multiple: true, size: 6, 'data-compatible-runtimes': '' }, ...runtimeChoices().map((r) => h('option', { value: r }, runtimeLabel(r))));
  let runtimesTouched = false;
  /** The current function's language: new file rows start in its packages folder. */
  let family: Language = 'nodejs';
  runtimes.addEventListener('change', () => (runtimesTouched = true));
  /** Until the learner picks, the compatible runtimes are every runtime of the current function's language. */
  async function defaultRuntimes(): Promise<void> {
    const fn = currentFunction(ctx);
    const cfg = fn ? await ctx.emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn })).catch(() => undefined) : undefined;
    family = cfg?.Runtime?.startsWith('python') ? 'python' : 'nodejs';
    // Asked after the answer: the learner (or a starter's button) may have chosen meanwhile.
    if (runtimesTouched) return;
    for (const o of runtimes.options) o.selected = o.value.startsWith(family);
    cli.refresh();
  }

  const addFileRow = (path = SAMPLE_PATH, text = "exports.hello = () => 'hello from a layer';\n") => {
    const p = h('input', { type: 'text', value: path, 'aria-label': 'Path in the layer', 'data-layer-path': '', size: 40, autocomplete: 'off' });
    const t = h('textarea', { rows: 4, class: 'wb-mono', 'aria-label': `Contents of ${path || 'the file'}`, 'data-layer-text': '', spellcheck: false });
    t.value = text;
    const row = h('div', { class: 'wb-layer-file' }, p, t, h('button', { type: 'button', onclick: () => row.remove() }, 'Remove file'));
    files.append(row);
  };
  const shipped: ShippedLayer[] = [
    ...Object.entries(ctx.exercise.layers ?? {}).map(([name, files]) => ({ name, language: 'nodejs' as const, folder: `starter/${name}-layer/`, files })),
    ...Object.entries(ctx.exercise.python?.layers ?? {}).map(([name, files]) => ({ name, language: 'python' as const, folder: `starter-python/${name}-layer/`, files })),
  ];
  const loadShipped = ({ name: layerName, language, files: layerFiles }: ShippedLayer) => {
    files.replaceChildren();
    for (const [path, text] of Object.entries(layerFiles)) addFileRow(path, text);
    name.value = layerName;
    fromFiles.checked = true;
    switchSource();
    // The layer is for the language its files are in.
    runtimesTouched = true;
    for (const o of runtimes.options) o.selected = o.value.startsWith(language);
    cli.refresh();
    name.focus();
    ctx.status(`The form holds ${layerName}'s files (${Object.keys(layerFiles).length}, under ${language === 'python' ? 'python/' : 'nodejs/'}). Choose Create to publish it.`, 'success');
  };
  const downloadShipped = (layerName: string, layerFiles: Record<string, string>) => {
    const url = URL.createObjectURL(new Blob([starterZip(layerFiles) as BlobPart], { type: 'application/zip' }));
    const a = h('a', { href: url, download: starterZipName(layerName) });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  if (shipped.length) for (const [path, text] of Object.entries(shipped[0]!.files)) addFileRow(path, text);
  else addFileRow();
  if (shipped.length) name.value = shipped[0]!.name;

  const sourceName = id('layer-content');
  const fromZip = h('input', { type: 'radio', name: sourceName, value: 'zip', checked: true, 'data-layer-content': 'zip' });
  const fromFiles = h('input', { type: 'radio', name: sourceName, value: 'files', 'data-layer-content': 'files' });
  const zipBox = h('div', {}, field('Upload a .zip file', upload, 'For example the nodejs/ folder after npm install, or the python/ folder after pip install --target python, zipped.'));
  const filesBox = h('div', { hidden: true }, files, h('button', { type: 'button', onclick: () => addFileRow(PACKAGES_FOLDER[family], '') }, 'Add file'));
  const switchSource = () => {
    zipBox.hidden = !fromZip.checked;
    filesBox.hidden = fromZip.checked;
  };
  fromZip.addEventListener('change', switchSource);
  fromFiles.addEventListener('change', switchSource);

  const publishInput = (content?: Uint8Array) => ({
    LayerName: name.value.trim(),
    ...(description.value ? { Description: description.value } : {}),
    Content: { ZipFile: content },
    CompatibleRuntimes: [...runtimes.selectedOptions].map((o) => o.value as Runtime),
    CompatibleArchitectures: archBoxes.filter((a) => a.box.checked).map((a) => a.arch as Architecture),
  });

  async function publish(content: Uint8Array): Promise<void> {
    const layerName = name.value.trim();
    error.textContent = '';
    await ctx.run(`Publishing layer ${layerName}`, async () => {
      let out;
      try {
        out = await ctx.emu.lambda.send(new PublishLayerVersionCommand(publishInput(content)));
      } catch (err) {
        error.textContent = describeError(err);
        throw err;
      }
      ctx.status(`Published ${out.LayerVersionArn}.`, 'success');
      const fn = currentFunction(ctx);
      if (attach.checked && fn && out.LayerVersionArn) {
        const cfg = await ctx.emu.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fn }));
        const base = out.LayerVersionArn.replace(/:\d+$/, ':');
        const layers = (cfg.Layers ?? []).map((l) => l.Arn!).filter((a) => !a.startsWith(base));
        await ctx.emu.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: fn, Layers: [...layers, out.LayerVersionArn] }));
        ctx.status(`Published ${out.LayerVersionArn} and attached it to ${fn}.`, 'success');
        ctx.changed('config');
      }
      ctx.changed('layers');
    });
  }

  function filesZip(): Uint8Array | undefined {
    const entries: Record<string, Uint8Array> = {};
    for (const row of files.children) {
      const path = (row.querySelector('[data-layer-path]') as HTMLInputElement).value.trim().replace(/^\/+/, '');
      if (path) entries[path] = new TextEncoder().encode((row.querySelector('[data-layer-text]') as HTMLTextAreaElement).value);
    }
    return Object.keys(entries).length ? zip(entries) : undefined;
  }

  async function create(): Promise<void> {
    if (fromFiles.checked) {
      const content = filesZip();
      if (!content) return void (error.textContent = 'Add at least one file to the layer.');
      return publish(content);
    }
    const file = upload.files?.[0];
    if (!file) {
      error.textContent = 'Choose a .zip file first.';
      return upload.focus();
    }
    await publish(new Uint8Array(await file.arrayBuffer()));
  }

  async function render(): Promise<void> {
    const layers = await ctx.emu.lambda.send(new ListLayersCommand({}));
    const sections = await Promise.all(
      (layers.Layers ?? []).map(async (l) => {
        const versions = await ctx.emu.lambda.send(new ListLayerVersionsCommand({ LayerName: l.LayerName! }));
        return h(
          'li',
          {},
          h('strong', {}, l.LayerName ?? ''),
          h(
            'ul',
            {},
            ...(versions.LayerVersions ?? []).map((v) =>
              h('li', {}, `Version ${v.Version}: `, h('code', {}, v.LayerVersionArn ?? ''), v.Description ? ` (${v.Description})` : '', ` — runtimes: ${v.CompatibleRuntimes?.join(', ') || 'none listed'}; architectures: ${v.CompatibleArchitectures?.join(', ') || 'none listed'}`),
            ),
          ),
        );
      }),
    );
    clear(list, sections.length ? h('ul', {}, ...sections) : h('p', {}, 'No layers published yet.'));
  }

  const form = h(
    'form',
    { class: 'wb-create-layer', 'data-create-layer': '' },
    h('div', { class: 'wb-grid' }, field('Name', name), field('Description', description)),
    h('fieldset', {}, h('legend', {}, 'Layer content'), h('label', { class: 'wb-check' }, fromZip, ' Upload a .zip file'), h('label', { class: 'wb-check' }, fromFiles, ' Type the files here')),
    zipBox,
    filesBox,
    h('fieldset', { class: 'wb-row' }, h('legend', {}, 'Compatible architectures'), ...archBoxes.map((a) => h('label', { class: 'wb-check' }, a.box, ` ${a.arch}`))),
    field('Compatible runtimes', runtimes, 'The console offers a layer only to functions whose runtime and architecture it lists. Ctrl or Cmd selects several.'),
    h('label', { class: 'wb-check' }, attach, ' Add the new version to the current function'),
    error,
  );
  const cli = cliBlock(() => (name.value.trim() ? publishLayerVersionCli(publishInput()) : 'Name the layer first.'), form);
  form.append(
    cli.element,
    h(
      'div',
      { class: 'wb-row' },
      // Both keep their old data-action so tests and the bench drive either source.
      h('button', { type: 'submit', class: 'wb-primary', 'data-action': 'publish-layer-zip' }, 'Create'),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void create();
  });
  const createSection = h('section', { 'aria-labelledby': 'layer-create', hidden: true, 'data-create-layer-section': '' }, h('h3', { id: 'layer-create', tabindex: -1 }, 'Create layer'), form);
  const openCreate = () => {
    createSection.hidden = false;
    void defaultRuntimes();
    document.getElementById('layer-create')?.focus();
  };

  ctx.on('layers', () => void render());
  ctx.on('functions', () => void defaultRuntimes());
  void render().catch(() => undefined);
  void defaultRuntimes().catch(() => undefined);
  return h(
    'div',
    { class: 'wb-layers' },
    h(
      'p',
      { class: 'wb-muted' },
      'A layer is a .zip whose contents Lambda extracts into /opt. For Node.js, put packages under nodejs/node_modules/ so that require and import find them; for Python, under python/ (or python/lib/python3.x/site-packages/ for the runtime’s own minor version), which Lambda puts on sys.path.',
    ),
    shipped.length
      ? h(
          'section',
          { 'aria-labelledby': 'layer-shipped' },
          h('h3', { id: 'layer-shipped' }, 'Layer sources for this exercise'),
          ...shipped.map((layer) =>
            h(
              'div',
              { class: 'wb-row', 'data-layer-language': layer.language },
              h('code', {}, layer.folder),
              h('button', { type: 'button', 'data-download-layer': layer.name, onclick: () => downloadShipped(layer.name, layer.files) }, downloadButtonName(layer.name, layer.language)),
              h('button', { type: 'button', 'data-load-layer': layer.name, onclick: () => (openCreate(), loadShipped(layer)) }, starterButtonName(layer.name, layer.language)),
            ),
          ),
        )
      : null,
    h('div', { class: 'wb-row' }, h('button', { type: 'button', class: 'wb-primary', 'data-action': 'create-layer', onclick: openCreate }, 'Create layer')),
    createSection,
    h('section', { 'aria-labelledby': 'layer-list' }, h('h3', { id: 'layer-list' }, 'Layers in this account'), list),
  );
}
