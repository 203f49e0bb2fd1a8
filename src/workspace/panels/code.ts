/** Code tab: the function's file tree, the Monaco editor and Deploy. */
import { UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { zip } from '../../emulator/index.ts';
import { h, clear, announce } from '../dom.ts';
import { TAB_MOVES_FOCUS_KEY, tabHint } from '../editor-keys.ts';
import { addFile, deleteFile, fileTree, invalidPathReason, renameFile, type TreeNode } from '../files.ts';
import type { Ctx } from '../context.ts';
import { filesHash } from '../../progress/workspace-state.ts';
import { currentFunction, NO_FUNCTION_YET } from './function-bar.ts';

type Editor = import('../monaco.ts').Monaco['editor'];
type Model = ReturnType<Editor['createModel']>;

export function codePanel(ctx: Ctx): HTMLElement {
  const tree = h('ul', { class: 'wb-tree', 'aria-label': 'Function files' });
  const pathInput = h('input', { type: 'text', autocomplete: 'off', spellcheck: false, 'data-file-path': '' });
  const pathError = h('p', { class: 'wb-error', role: 'alert', 'data-file-error': '' });
  const pathLabel = h('label', { for: (pathInput.id = 'wb-file-path') }, 'File path');
  const pathForm = h(
    'form',
    { class: 'wb-file-form', hidden: true, 'data-file-form': '' },
    pathLabel,
    pathInput,
    pathError,
    h('div', { class: 'wb-row' }, h('button', { type: 'submit', class: 'wb-primary' }, 'OK'), h('button', { type: 'button', onclick: () => closePathForm() }, 'Cancel')),
  );
  let pathAction: ((path: string) => void) | undefined;
  const editorHost = h('div', { class: 'wb-editor', 'data-editor': '' }, h('p', { class: 'wb-muted' }, 'Loading the editor…'));
  const deploy = h('button', { type: 'button', class: 'wb-primary', 'data-action': 'deploy' }, 'Deploy');
  const unsaved = h('span', { class: 'wb-muted', 'data-deploy-state': '' });
  const tabToggle = h('input', { type: 'checkbox', id: 'wb-tab-moves-focus', 'data-tab-moves-focus': '' });
  const hint = h('p', { class: 'wb-muted wb-editor-hint', id: 'wb-editor-hint', 'data-editor-hint': '', 'data-visible': 'false' });
  const undoBar = h('div', { class: 'wb-undo', role: 'status', hidden: true, 'data-undo': '' });
  const panel = h(
    'div',
    { class: 'wb-code' },
    h(
      'div',
      { class: 'wb-files' },
      h('h3', {}, 'Files'),
      tree,
      h(
        'div',
        { class: 'wb-row' },
        h('button', { type: 'button', 'data-action': 'new-file', onclick: () => newFile() }, 'New file'),
        h('button', { type: 'button', 'data-action': 'rename-file', onclick: () => rename() }, 'Rename'),
        h('button', { type: 'button', 'data-action': 'delete-file', onclick: () => remove() }, 'Delete'),
      ),
      pathForm,
      undoBar,
    ),
    h(
      'div',
      { class: 'wb-editor-col' },
      h('div', { class: 'wb-row' }, deploy, unsaved, h('label', { class: 'wb-check wb-tab-toggle', for: tabToggle.id }, tabToggle, 'Tab moves focus')),
      editorHost,
      hint,
    ),
  );

  let monaco: import('../monaco.ts').Monaco | undefined;
  let editor: ReturnType<Editor['create']> | undefined;
  const models = new Map<string, Model>();

  const active = () => ctx.state.activeFile ?? Object.keys(ctx.state.files)[0];
  const markDirty = () => {
    const dirty = filesHash(ctx.state.files) !== ctx.state.deployedHash;
    unsaved.textContent = dirty ? 'Changes not deployed' : 'Deployed';
  };

  function renderTree(): void {
    const item = (node: TreeNode): HTMLElement => {
      if (node.children) {
        return h('li', { class: 'wb-folder' }, h('span', { 'aria-hidden': 'true' }, '📁 '), node.name, h('ul', {}, ...node.children.map(item)));
      }
      const current = node.path === active();
      return h(
        'li',
        {},
        h('button', { type: 'button', 'aria-current': current ? 'true' : undefined, 'data-file': node.path, onclick: () => open(node.path) }, node.name),
      );
    };
    clear(tree, ...fileTree(ctx.state.files).map(item));
  }

  function modelFor(path: string): Model | undefined {
    if (!monaco) return undefined;
    let model = models.get(path);
    if (!model) {
      const { languageFor } = monacoHelpers!;
      model = monaco.editor.createModel(ctx.state.files[path] ?? '', languageFor(path), monaco.Uri.parse(`file:///var/task/${path}`));
      model.onDidChangeContent(() => {
        ctx.state.files[path] = model!.getValue();
        markDirty();
        ctx.save();
      });
      models.set(path, model);
    }
    return model;
  }

  function open(path: string): void {
    ctx.state.activeFile = path;
    ctx.save();
    renderTree();
    const model = modelFor(path);
    if (editor && model) editor.setModel(model);
    announce(`Editing ${path}`);
  }

  /** Shows the path form; `action` throws a readable Error to keep the form open with the reason. */
  function askPath(label: string, initial: string, action: (path: string) => void): void {
    pathLabel.textContent = label;
    pathInput.value = initial;
    pathError.textContent = '';
    pathAction = action;
    pathForm.hidden = false;
    pathInput.focus();
  }
  function closePathForm(): void {
    pathForm.hidden = true;
    pathAction = undefined;
  }
  pathForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const path = pathInput.value.trim();
    try {
      pathAction?.(path);
      closePathForm();
      markDirty();
    } catch (err) {
      pathError.textContent = (err as Error).message;
      announce((err as Error).message);
      pathInput.focus();
    }
  });
  pathForm.addEventListener('keydown', (e) => e.key === 'Escape' && closePathForm());

  function newFile(): void {
    askPath('New file path, for example lib/greet.mjs', 'lib/', (path) => {
      ctx.state.files = addFile(ctx.state.files, path, '');
      open(path);
    });
  }

  function rename(): void {
    const from = active();
    if (!from) return;
    askPath(`Rename ${from} to`, from, (to) => {
      if (to === from) return;
      ctx.state.files = renameFile(ctx.state.files, from, to);
      models.get(from)?.dispose();
      models.delete(from);
      open(to);
    });
  }

  function remove(): void {
    const path = active();
    if (!path) return;
    // Deleting needs no confirmation: Undo, just below, brings the file back.
    const text = ctx.state.files[path] ?? '';
    ctx.state.files = deleteFile(ctx.state.files, path);
    offerUndo(path, text);
    models.get(path)?.dispose();
    models.delete(path);
    const next = Object.keys(ctx.state.files)[0];
    if (next) open(next);
    else {
      ctx.state.activeFile = undefined;
      editor?.setModel(null);
      renderTree();
    }
    markDirty();
    ctx.save();
  }

  /** "Deleted x. Undo": stays until the next delete or until dismissed, with no time limit to beat. */
  function offerUndo(path: string, text: string): void {
    const undo = h('button', { type: 'button', 'data-action': 'undo-delete' }, 'Undo');
    const dismiss = h('button', { type: 'button', 'aria-label': `Dismiss: deleted ${path}` }, '×');
    undo.addEventListener('click', () => {
      undoBar.hidden = true;
      if (Object.hasOwn(ctx.state.files, path)) return ctx.status(`A file ${path} exists again; the deleted one was not restored.`, 'error', undo);
      try {
        ctx.state.files = addFile(ctx.state.files, path, text);
      } catch (e) {
        return ctx.status((e as Error).message, 'error', undo);
      }
      open(path);
      markDirty();
      ctx.save();
      ctx.status(`Restored ${path}.`, 'success');
      editor?.focus();
    });
    dismiss.addEventListener('click', () => (undoBar.hidden = true));
    clear(undoBar, h('span', {}, 'Deleted ', h('code', {}, path), '. '), undo, dismiss);
    undoBar.hidden = false;
    undo.focus();
  }

  /** Reloads every model from the state (after a reset or showing the solution). */
  function reloadFiles(): void {
    for (const m of models.values()) m.dispose();
    models.clear();
    const path = active();
    if (path && !Object.hasOwn(ctx.state.files, path)) ctx.state.activeFile = Object.keys(ctx.state.files)[0];
    renderTree();
    const model = ctx.state.activeFile ? modelFor(ctx.state.activeFile) : undefined;
    if (editor) editor.setModel(model ?? null);
    markDirty();
  }

  deploy.addEventListener('click', () => {
    const name = currentFunction(ctx);
    if (!name) return ctx.status(NO_FUNCTION_YET, 'error', deploy);
    void ctx.run(`Deploying ${name}`, async () => {
      const files = Object.fromEntries(Object.entries(ctx.state.files).map(([p, t]) => [p, new TextEncoder().encode(t)]));
      await ctx.emu.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: name, ZipFile: zip(files) }));
      ctx.state.deployedHash = filesHash(ctx.state.files);
      ctx.save();
      markDirty();
      ctx.status(`Successfully updated the function ${name}.`, 'success');
      ctx.changed('code');
    }, deploy);
  });

  let monacoHelpers: typeof import('../monaco.ts') | undefined;
  async function loadEditor(): Promise<void> {
    monacoHelpers = await import('../monaco.ts');
    monaco = monacoHelpers.monaco;
    const theme = () => monacoHelpers!.themeFor(document.documentElement.dataset.theme);
    clear(editorHost);
    editor = monaco.editor.create(editorHost, {
      model: modelFor(active() ?? 'index.mjs') ?? null,
      theme: theme(),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      // The empty line after a final newline keeps a full-contrast number (Monaco dims it below WCAG AA otherwise).
      renderFinalNewline: 'on',
      tabSize: 2,
      ariaLabel: 'Function code editor. Tab inserts spaces unless Tab moves focus is on; Ctrl+M switches it.',
    });
    wireTabKey(editor);
    new MutationObserver(() => monaco!.editor.setTheme(theme())).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    editorHost.dataset.readyAt = String(performance.now());
    editorHost.dataset.ready = 'true';
    void monacoHelpers.addLambdaTypes();
    // The editor is up: start a worker with QuickJS loaded, so the learner's first Test is no slower than the next.
    ctx.emu.warmUp();
  }

  /**
   * Tab inserts spaces in the editor, as in any code editor; Monaco's "tab focus mode" (its
   * editor.action.toggleTabFocusMode, bound to Ctrl+M, Ctrl+Shift+M on a Mac) makes Tab move focus
   * instead. The checkbox shows and sets that mode, the hint says how while the editor has focus,
   * and the choice is remembered.
   */
  function wireTabKey(ed: NonNullable<typeof editor>): void {
    const { TabFocus } = monacoHelpers!;
    const show = () => {
      tabToggle.checked = TabFocus.getTabFocusMode();
      hint.textContent = tabHint(tabToggle.checked);
    };
    let remembered = false;
    try {
      remembered = ctx.storage.getItem(TAB_MOVES_FOCUS_KEY) === 'true';
    } catch {
      /* storage blocked: the default */
    }
    TabFocus.setTabFocusMode(remembered);
    show();
    // Ctrl+M and the checkbox flip the same switch; the checkbox, the hint and the memory follow it.
    TabFocus.onDidChangeTabFocus((on) => {
      show();
      try {
        ctx.storage.setItem(TAB_MOVES_FOCUS_KEY, String(on));
      } catch {
        /* storage blocked: the choice lasts for this visit */
      }
    });
    tabToggle.addEventListener('change', () => TabFocus.setTabFocusMode(tabToggle.checked));
    ed.onDidFocusEditorText(() => (hint.dataset.visible = 'true'));
    ed.onDidBlurEditorText(() => (hint.dataset.visible = 'false'));
  }

  ctx.on('files', reloadFiles);
  ctx.on('functions', markDirty);
  renderTree();
  void loadEditor().catch((e) => clear(editorHost, h('p', { role: 'alert' }, `The editor could not load: ${String(e)}`)));
  markDirty();
  return panel;
}

export { invalidPathReason };
