/** Export the learner's whole workbook to a file, and import one back (validated; a bad file changes nothing). */
import { loadProgress, parseProgress, saveProgress, serializeProgress, type Progress } from '../progress';
import { h } from './dom';
import type { Ctx } from './context';
import { parseWorkspace } from './state';

export const EXPORT_FILE = 'lambda-workbook-progress.json';

/** Checks an imported file completely before anything is written. */
export function validateImport(text: string): { ok: true; progress: Progress } | { ok: false; reason: string } {
  const parsed = parseProgress(text);
  if (!parsed.ok) return { ok: false, reason: parsed.problem };
  for (const [slug, raw] of Object.entries(parsed.progress.exercises)) {
    const ws = parseWorkspace(raw, slug);
    if (!ws.ok) return { ok: false, reason: `The exercise "${slug}" in the file is not valid: ${ws.reason}.` };
  }
  return { ok: true, progress: parsed.progress };
}

export function transferControls(ctx: Ctx, storage: Storage, flush: () => void): HTMLElement[] {
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
  exportButton.addEventListener('click', () => {
    flush();
    const text = serializeProgress(loadProgress(storage).progress);
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
