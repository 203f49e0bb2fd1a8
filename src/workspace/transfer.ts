/** Export the learner's whole workbook to a file, and import one back (validated; a bad file changes nothing). */
import { loadProgress, parseProgress, saveProgress, serializeProgress, updateProgress, type Learner, type Progress } from '../progress/index.ts';
import { field, h, id } from './dom.ts';
import type { Ctx } from './context.ts';
import { parseWorkspace } from '../progress/workspace-state.ts';
import { openAccount } from '../progress/account.ts';

export const EXPORT_FILE = 'lambda-workbook-progress.json';

/** Checks an imported file completely before anything is written. */
export function validateImport(text: string): { ok: true; progress: Progress } | { ok: false; reason: string } {
  const parsed = parseProgress(text);
  if (!parsed.ok) return { ok: false, reason: parsed.problem };
  for (const [slug, raw] of Object.entries(parsed.progress.exercises)) {
    const ws = parseWorkspace(raw, slug);
    if (!ws.ok) return { ok: false, reason: `The exercise "${slug}" in the file is not valid: ${ws.reason}.` };
  }
  // One account per workbook (older files: one per exercise, merged when it is first opened).
  const account = openAccount(parsed.progress.account);
  if (!account.ok) return { ok: false, reason: `The AWS account in the file is not valid: ${account.reason}.` };
  return { ok: true, progress: parsed.progress };
}

/** Lab mode: asks who is handing the workbook in; undefined when the learner cancels. */
function askForLearner(current: Learner | undefined): Promise<Learner | undefined> {
  return new Promise((resolve) => {
    const nonBlank = { required: true, pattern: '.*\\S.*' };
    const name = h('input', { type: 'text', autocomplete: 'name', value: current?.name ?? '', ...nonBlank });
    const studentId = h('input', { type: 'text', autocomplete: 'off', value: current?.id ?? '', ...nonBlank });
    const heading = id('wb-learner');
    let learner: Learner | undefined;
    const form = h(
      'form',
      { method: 'dialog' },
      h('h2', { id: heading }, 'Who is handing this in?'),
      h('p', {}, 'Your instructor grades the exported file under this name and id.'),
      field('Name', name),
      field('Student id', studentId),
      h('div', { class: 'wb-row' }, h('button', { type: 'submit' }, 'Export'), h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel')),
    );
    const dialog = h('dialog', { class: 'wb-dialog', 'aria-labelledby': heading }, form);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      learner = { name: name.value.trim(), id: studentId.value.trim() };
      dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(learner);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

export interface TransferOptions {
  /** Lab mode: the export asks for the learner's name and id and writes them into the file. */
  askLearner?: boolean;
}

export function transferControls(ctx: Ctx, storage: Storage, flush: () => void, options: TransferOptions = {}): HTMLElement[] {
  const input = h('input', { type: 'file', accept: '.json,application/json', class: 'sr-only', tabindex: -1, 'aria-hidden': 'true', 'data-import-file': '' });
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = validateImport(await file.text());
    if (!result.ok) return ctx.status(`That file was not imported, and nothing changed: ${result.reason}`, 'error');
    if (!confirm('Replace the progress in this browser with the file’s? Export first if you want to keep the current one.')) return;
    saveProgress(storage, result.progress);
    location.reload();
  });
  const exportButton = h('button', { type: 'button', 'data-action': 'export' }, 'Export progress');
  exportButton.addEventListener('click', async () => {
    flush();
    if (options.askLearner) {
      const learner = await askForLearner(loadProgress(storage).progress.learner);
      if (learner === undefined) return ctx.status('Nothing was exported.', 'info');
      updateProgress(storage, (p) => ({ ...p, learner }));
    }
    // The export time goes into the file: the lab's late policy counts from it.
    const text = serializeProgress({ ...loadProgress(storage).progress, exportedAt: new Date().toISOString() });
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = h('a', { href: url, download: EXPORT_FILE });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    ctx.status(`Exported your progress to ${EXPORT_FILE}.`, 'success');
  });
  const importButton = h('button', { type: 'button', 'data-action': 'import', onclick: () => input.click() }, 'Import progress');
  return [exportButton, importButton, input];
}
