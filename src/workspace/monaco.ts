/**
 * Loads Monaco with JavaScript/TypeScript support. Imported dynamically, so only pages with an
 * editor pay for it; the TypeScript worker starts after the editor is usable.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
// editor.api is the bare editor; these are the editing features a handler author expects.
import 'monaco-editor/features/suggest/register.js';
// The suggest widget itself is in no feature bundle in 0.57.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/features/hover/register.js';
import 'monaco-editor/features/parameterHints/register.js';
import 'monaco-editor/features/bracketMatching/register.js';
import 'monaco-editor/features/comment/register.js';
import 'monaco-editor/features/find/register.js';
import 'monaco-editor/features/folding/register.js';
import 'monaco-editor/features/format/register.js';
import 'monaco-editor/features/gotoError/register.js';
import 'monaco-editor/features/wordHighlighter/register.js';
import 'monaco-editor/features/clipboard/register.js';
import 'monaco-editor/features/contextmenu/register.js';
import 'monaco-editor/features/codeAction/register.js';
import 'monaco-editor/features/linesOperations/register.js';
import 'monaco-editor/features/multicursor/register.js';
import 'monaco-editor/features/snippet/register.js';
import 'monaco-editor/features/indentation/register.js';
import 'monaco-editor/features/inlayHints/register.js';
import 'monaco-editor/features/gotoSymbol/register.js';
import 'monaco-editor/features/rename/register.js';
import 'monaco-editor/features/smartSelect/register.js';
import 'monaco-editor/features/wordOperations/register.js';
import 'monaco-editor/features/cursorUndo/register.js';
import 'monaco-editor/features/dnd/register.js';
// Ctrl+M (Ctrl+Shift+M on a Mac): Tab moves focus instead of inserting spaces; the Code tab's toggle runs it too.
import 'monaco-editor/features/toggleTabFocusMode/register.js';
import 'monaco-editor/languages/definitions/javascript/register.js';
import 'monaco-editor/languages/definitions/typescript/register.js';
import 'monaco-editor/languages/definitions/python/register.js';
import * as ts from 'monaco-editor/language/typescript/monaco.contribution.js';
import 'monaco-editor/language/json/monaco.contribution.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker.js?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker.js?worker';
import { loadLambdaTypes } from './lambda-types.ts';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    if (label === 'json') return new JsonWorker();
    return new EditorWorker();
  },
};

let typesAdded: Promise<void> | undefined;

/** Handler intellisense: the `aws-lambda` types and the runtime's globals, for JavaScript and TypeScript. */
export function addLambdaTypes(): Promise<void> {
  typesAdded ??= loadLambdaTypes().then((files) => configure(files));
  return typesAdded;
}

function configure(files: Record<string, string>): void {
  const defaults = [ts.javascriptDefaults, ts.typescriptDefaults];
  for (const d of defaults) {
    d.setCompilerOptions({
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.NodeJs,
      allowJs: true,
      checkJs: true,
      allowNonTsExtensions: true,
      lib: ["es2020"],
    });
    for (const [path, text] of Object.entries(files)) d.addExtraLib(text, path);
  }
}

/** Monaco's one switch for "Tab moves focus" in every editor; Ctrl+M flips the same one. */
export { TabFocus } from 'monaco-editor/editor/browser/config/tabFocus.js';

export type Monaco = typeof monaco;
export { monaco };

/**
 * vs-dark with comments at WCAG AA contrast: its #608B4E on #1E1E1E is 4.0:1; #6A9955 (VS Code's
 * own Dark+ comment colour) is 5.0:1. The light theme's colours already pass.
 */
monaco.editor.defineTheme('workbook-dark', { base: 'vs-dark', inherit: true, rules: [{ token: 'comment', foreground: '6A9955' }], colors: {} });

export function themeFor(siteTheme: string | undefined): string {
  return siteTheme === 'light' ? 'vs' : 'workbook-dark';
}

export function languageFor(path: string): string {
  if (/\.(m|c)?js$/.test(path)) return 'javascript';
  if (/\.(m|c)?ts$/.test(path)) return 'typescript';
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.py')) return 'python';
  return 'plaintext';
}
