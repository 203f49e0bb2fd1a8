/**
 * A terminal in the page: xterm.js over the terminal's shell (src/terminal), with `aws` talking to
 * a page emulator, `npm` and `pip` from the site's offline stores, and the workbook's one home
 * folder and history (progress.terminal), saved after every command line. The exercise's Terminal
 * tab (terminal-panel.ts) and a lesson's terminal block both mount it; each adds its own commands
 * and what happens around a command line. Loaded only when a terminal is opened.
 */
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { createShell, FileSystem, type Command, type Shell } from '../terminal/index.ts';
import { createAwsCommand } from '../terminal/aws/aws-command.ts';
import { complete } from '../terminal/completion.ts';
import { createNpmCommand, type PackageStore, type StoreIndex } from '../terminal/npm.ts';
import { createPipCommands } from '../terminal/pip/pip-command.ts';
import type { WheelIndex, WheelStore } from '../terminal/pip/store.ts';
import { LineEditor, type EditorEffect } from '../terminal/line-editor.ts';
import { browserStorage, loadProgress, updateProgress, type TerminalProgress } from '../progress/index.ts';
import { h, field } from './dom.ts';
import { describeError } from './context.ts';

/** localStorage holds about 5 MB for the whole workbook; the terminal's files may take this much of it. */
const SAVE_LIMIT_CHARS = 2_000_000;
const SCREEN_READER_KEY = 'lambda-workbook:terminal-screen-reader';
export const YELLOW = '\x1b[33m';
export const RESET = '\x1b[0m';

/** One of the site's offline stores (public/npm/, public/pip/, built with the site): its index fetched once, on first use. */
function siteFiles<Index>(folder: string): { index(): Promise<Index>; file(name: string): Promise<Uint8Array> } {
  const base = `${import.meta.env.BASE_URL.replace(/\/$/, '')}/${folder}/`;
  const get = async (file: string): Promise<Response> => {
    const response = await fetch(base + encodeURIComponent(file));
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${file}`);
    return response;
  };
  let index: Promise<Index> | undefined;
  return {
    index: () => (index ??= get('index.json').then((r) => r.json() as Promise<Index>)).catch((error: unknown) => {
      index = undefined;
      throw error;
    }),
    file: async (file) => new Uint8Array(await (await get(file)).arrayBuffer()),
  };
}

function siteStore(): PackageStore {
  const files = siteFiles<StoreIndex>('npm');
  return { index: files.index, tarball: files.file };
}

function siteWheels(): WheelStore {
  const files = siteFiles<WheelIndex>('pip');
  return { index: files.index, wheel: files.file };
}

function themeFromPage(): ITheme {
  const css = getComputedStyle(document.documentElement);
  const color = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const background = color('--sl-color-black', '#17181c');
  const foreground = color('--sl-color-white', '#ffffff');
  return { background, foreground, cursor: foreground, cursorAccent: background, selectionBackground: color('--sl-color-gray-5', '#545861') };
}

function restore(saved: TerminalProgress | undefined): { fs: FileSystem; history: string[] } {
  if (saved === undefined) return { fs: new FileSystem(), history: [] };
  return { fs: FileSystem.fromSnapshot({ entries: saved.entries }), history: [...saved.history] };
}


export interface ShellTerminalOptions {
  /** The page emulator's client configuration, for `aws`. */
  clientConfig: Record<string, unknown>;
  /** Commands of this page (the workspace's `edit`). */
  commands?: Record<string, Command>;
  /** The line above the screen: what this terminal works on, and the keys. */
  help: string;
  /** What the terminal prints first. */
  banner: string;
  /** Runs once the files are restored, before anything is printed (the workspace writes the exercise's sources). */
  prepare?(fs: FileSystem): void;
  /** Before each command line (the workspace writes the function's files into its folder). */
  beforeLine?(): void;
  /** After each command line (the workspace reads the folder back); `say` prints a workbook note. */
  afterLine?(say: (text: string) => void, line: string): void;
  /** Whether the terminal takes the focus when it opens. */
  focus?: boolean;
}

export interface ShellTerminal {
  shell: Shell;
  fs: FileSystem;
  /** Types a command line as if the learner had typed it (not run: Enter is theirs). */
  type(line: string): void;
  focus(): void;
}

export function mountShellTerminal(root: HTMLElement, options: ShellTerminalOptions): ShellTerminal {
  const storage = browserStorage();
  const saved = storage ? loadProgress(storage).progress.terminal : undefined;
  const { fs, history } = restore(saved);
  options.prepare?.(fs);

  const term = new Terminal({
    convertEol: true,
    cursorBlink: true,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    fontSize: 14,
    // At 1.0 the DOM renderer clips underscores (node_modules read as "node modules").
    lineHeight: 1.2,
    scrollback: 5000,
    screenReaderMode: localStorage.getItem(SCREEN_READER_KEY) === 'true',
    theme: themeFromPage(),
  });
  const fit = new FitAddon();
  term.loadAddon(fit);

  const screenReader = h('input', { type: 'checkbox', checked: term.options.screenReaderMode === true }) as HTMLInputElement;
  screenReader.addEventListener('change', () => {
    term.options.screenReaderMode = screenReader.checked;
    localStorage.setItem(SCREEN_READER_KEY, String(screenReader.checked));
  });
  const screen = h('div', { class: 'wb-terminal-screen', 'data-terminal': '' });
  const helpId = `${root.id || 'wb-terminal'}-help`;
  const help = h('p', { class: 'wb-muted', id: helpId }, options.help, ' Tab completes; press Esc then Tab to leave the terminal. Ctrl+C stops a command, or copies when text is selected. Type help for the commands.');
  root.replaceChildren(help, h('div', { class: 'wb-row' }, field('Screen reader mode', screenReader)), screen);

  let shell: Shell;
  const editor = new LineEditor(history, '', () => term.cols);
  let running: AbortController | undefined;
  let typeahead = '';
  let continued = '';
  let atLineStart = true;
  let escapeArmed = false;

  const write = (text: string) => {
    if (text === '') return;
    term.write(text);
    atLineStart = text.endsWith('\n');
  };
  const say = (text: string) => write(`${YELLOW}workbook: ${text}${RESET}\n`);

  const persist = () => {
    if (storage === undefined) return;
    const terminal: TerminalProgress = { entries: fs.snapshot().entries, history: shell.history.slice(-500) };
    if (JSON.stringify(terminal).length > SAVE_LIMIT_CHARS) {
      say("the terminal's files are over 2 MB and were not saved in this browser. Remove large files (ls -l shows sizes) and they are saved again.");
      return;
    }
    try {
      updateProgress(storage, (p) => ({ ...p, terminal }));
    } catch (error) {
      say(`the terminal's files could not be saved (${describeError(error)}).`);
    }
  };

  shell = createShell({
    fs,
    history,
    commands: { aws: createAwsCommand({ clientConfig: { ...options.clientConfig } }), npm: createNpmCommand(siteStore()), ...createPipCommands(siteWheels()), ...options.commands },
    onOutput: (text) => write(text),
  });

  const apply = async (effects: EditorEffect[]): Promise<void> => {
    for (const effect of effects) {
      if ('write' in effect) write(effect.write);
      else if ('submit' in effect) {
        // A line ending in an unquoted backslash goes on, as bash's `> ` prompt does.
        if (/(^|[^\\])(\\\\)*\\$/.test(effect.submit)) {
          continued += effect.submit.slice(0, -1);
          prompt('> ');
        } else {
          const line = continued + effect.submit;
          continued = '';
          await runLine(line);
        }
      } else if ('interrupt' in effect) {
        continued = '';
        prompt();
      }
      else if ('complete' in effect) {
        const completion = await complete(shell, effect.complete.line, effect.complete.cursor).catch(() => ({ start: effect.complete.cursor, candidates: [] }));
        await apply(editor.applyCompletion(completion));
      }
    }
  };

  const prompt = (text = shell.prompt) => {
    if (!atLineStart) write('\n');
    write(editor.start(text).map((e) => ('write' in e ? e.write : '')).join(''));
    const rest = editor.takePending() + typeahead;
    typeahead = '';
    if (rest !== '') void apply(editor.feed(rest));
  };

  async function runLine(line: string): Promise<void> {
    running = new AbortController();
    try {
      options.beforeLine?.();
      await shell.run(line, running.signal);
    } catch (error) {
      write(`bash: ${describeError(error)}\n`);
    } finally {
      running = undefined;
      options.afterLine?.(say, line);
      persist();
    }
    prompt();
  }

  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown') return true;
    const ctrl = event.ctrlKey || event.metaKey;
    if (event.key === 'Escape') {
      escapeArmed = true;
      return true;
    }
    if (event.key === 'Tab' && escapeArmed) return false; // the browser moves focus on
    escapeArmed = false;
    if (ctrl && event.key.toLowerCase() === 'c' && (event.shiftKey || term.hasSelection())) {
      void navigator.clipboard?.writeText(term.getSelection());
      return false;
    }
    // Ctrl+V and Ctrl+Shift+V: the browser's paste, which xterm.js takes from its textarea.
    if (ctrl && event.key.toLowerCase() === 'v') return false;
    return true;
  });

  term.onData((data) => {
    if (running !== undefined) {
      if (data.includes('\x03')) {
        write('^C\n');
        running.abort();
      } else typeahead += data;
      return;
    }
    void apply(editor.feed(data));
  });

  term.open(screen);
  term.textarea?.setAttribute('aria-describedby', helpId);
  fit.fit();
  // As bash keeps COLUMNS to the window's width: `aws --output table` draws to it.
  shell.env.set('COLUMNS', String(term.cols));
  term.onResize(({ cols }) => shell.env.set('COLUMNS', String(cols)));
  new ResizeObserver(() => {
    if (screen.offsetWidth > 0) fit.fit();
  }).observe(screen);
  new MutationObserver(() => (term.options.theme = themeFromPage())).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  write(options.banner);
  options.beforeLine?.();
  prompt();
  root.dataset.readyAt = String(performance.now());
  root.dataset.terminalReady = 'true';
  if (options.focus !== false) term.focus();
  return {
    shell,
    fs,
    type(line) {
      if (running !== undefined) return;
      void apply(editor.feed(line));
      term.focus();
    },
    focus: () => term.focus(),
  };
}
