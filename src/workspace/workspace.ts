/**
 * The exercise workspace: a mini Lambda console over the in-page emulator. Mounted after the
 * instructions are on screen; everything it does goes through LambdaClient / CloudWatchLogsClient.
 */
import { h, clear, announce, showError, clearError } from './dom.ts';
import { loadStash, removeStash, saveStash } from './drafts.ts';
import { describeError, type Ctx, type ExerciseBundle, type Topic } from './context.ts';
import { createPageEmulator } from '../hosts/page/page-emulator.ts';
import { filesHash, type WorkspaceState } from '../progress/workspace-state.ts';
import { accountRevisionIn, boundedSnapshot, firstOpen, loadWorkspace, saveWorkspace, startExerciseFresh } from './persistence.ts';
import { PROGRESS_KEY } from '../progress/index.ts';
import { eventTemplates } from './event-templates.ts';
import { functionBar } from './panels/function-bar.ts';
import { codePanel } from './panels/code.ts';
import { testPanel } from './panels/test.ts';
import { configPanel } from './panels/config.ts';
import { versionsPanel } from './panels/versions.ts';
import { layersPanel } from './panels/layers.ts';
import { asyncPanel } from './panels/async.ts';
import { concurrencyPanel } from './panels/concurrency.ts';
import { monitorPanel } from './panels/monitor.ts';
import { httpPanel } from './panels/http.ts';
import { preloadTerminal, terminalPanel } from './panels/terminal.ts';
import { transferControls } from './transfer.ts';
import { registerPendingSave } from '../progress/pending-saves.ts';
import { openSharedLink, shareControls } from './share-ui.ts';
import { functionDiagram } from './function-diagram.ts';
import { triggersPanel } from './panels/triggers.ts';
import { servicesPanel } from './panels/services.ts';
import { versionAwareCode, versionBanner } from './panels/version-view.ts';

const TABS: { id: string; label: string; panel: (ctx: Ctx) => HTMLElement; preload?: () => unknown }[] = [
  { id: 'code', label: 'Code', panel: (ctx) => versionAwareCode(ctx, codePanel(ctx)) },
  { id: 'test', label: 'Test', panel: testPanel },
  { id: 'configuration', label: 'Configuration', panel: configPanel },
  { id: 'triggers', label: 'Triggers', panel: triggersPanel },
  { id: 'versions', label: 'Versions and aliases', panel: versionsPanel },
  { id: 'layers', label: 'Layers', panel: layersPanel },
  { id: 'async', label: 'Asynchronous', panel: asyncPanel },
  { id: 'concurrency', label: 'Concurrency', panel: concurrencyPanel },
  { id: 'monitor', label: 'Monitor', panel: monitorPanel },
  { id: 'http', label: 'HTTP', panel: httpPanel },
  { id: 'services', label: 'Services', panel: servicesPanel },
  { id: 'terminal', label: 'Terminal', panel: terminalPanel, preload: preloadTerminal },
];

export interface MountedWorkspace {
  ctx: Ctx;
  dispose(): void;
}

export function mountWorkspace(root: HTMLElement, exercise: ExerciseBundle, storage: Storage = localStorage): MountedWorkspace {
  const loaded = loadWorkspace(storage, exercise.slug);
  const state: WorkspaceState = loaded.state ?? firstOpen(exercise.slug, exercise.functionName, exercise.starter, JSON.stringify(eventTemplates[0]!.event, null, 2), loaded.account);
  delete state.emulator; // a version-1 snapshot: the account is now the workbook's, loaded below
  const emu = createPageEmulator(loaded.account);
  let revision = loaded.revision;
  const listeners = new Map<Topic, Set<() => void>>();
  const statusLine = h('p', { class: 'wb-status', role: 'status', 'data-status': '' });
  let saveTimer: ReturnType<typeof setTimeout> | undefined;

  const persist = () => {
    saveTimer = undefined;
    try {
      const saved = saveWorkspace(storage, state, boundedSnapshot(emu.snapshot()), revision);
      revision = saved.revision;
      if (saved.keptOtherTab) ctx.status(`This exercise is also open in another tab, which saved the account too; its copy was kept under the key "${saved.keptOtherTab}". Work in one tab at a time.`, 'error');
    } catch (e) {
      ctx.status(`Your work could not be saved in this browser (${describeError(e)}). Export your progress to a file to keep it.`, 'error');
    }
  };

  const ctx: Ctx = {
    exercise,
    emu,
    state,
    save() {
      if (saveTimer === undefined) saveTimer = setTimeout(persist, 200);
    },
    changed(topic) {
      ctx.save();
      for (const l of listeners.get(topic) ?? []) l();
    },
    on(topic, listener) {
      if (!listeners.has(topic)) listeners.set(topic, new Set());
      listeners.get(topic)!.add(listener);
    },
    storage,
    async run(label, work, near) {
      root.setAttribute('aria-busy', 'true');
      const progress = `${label}…`;
      if (near) clearError(near);
      ctx.status(progress);
      try {
        const out = await work();
        ctx.save();
        // The work is done: a progress line left standing would say it still runs.
        if (statusLine.textContent === progress) ctx.status('');
        return out;
      } catch (e) {
        ctx.status(describeError(e), 'error', near);
        return undefined;
      } finally {
        root.removeAttribute('aria-busy');
      }
    },
    status(message, kind = 'info', near) {
      statusLine.textContent = message;
      statusLine.dataset.kind = kind;
      if (kind === 'error') {
        if (near) showError(near, message);
        else announce(message);
      }
    },
    showTab(id) {
      selectTab(id);
    },
  };

  const tablist = h('div', { role: 'tablist', 'aria-label': 'Lambda console', class: 'wb-tabs' });
  const panels = h('div', { class: 'wb-panels' });
  const buttons: HTMLButtonElement[] = [];
  const built = new Map<string, HTMLElement>();

  function selectTab(id: string): void {
    for (const b of buttons) {
      const on = b.dataset.tab === id;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      // On a phone the tabs scroll sideways: the chosen one is brought into the strip's view.
      if (on && (b.offsetLeft < tablist.scrollLeft || b.offsetLeft + b.offsetWidth > tablist.scrollLeft + tablist.clientWidth)) {
        tablist.scrollLeft = b.offsetLeft - tablist.offsetLeft - 8;
      }
    }
    for (const [tabId, panel] of built) panel.hidden = tabId !== id;
    if (!built.has(id)) {
      const tab = TABS.find((t) => t.id === id)!;
      const panel = h('div', { role: 'tabpanel', id: `wb-panel-${id}`, 'aria-labelledby': `wb-tab-${id}`, tabindex: 0, 'data-panel': id }, tab.panel(ctx));
      built.set(id, panel);
      panels.append(panel);
    }
  }

  for (const [i, tab] of TABS.entries()) {
    const b = h('button', { type: 'button', role: 'tab', id: `wb-tab-${tab.id}`, 'aria-controls': `wb-panel-${tab.id}`, 'data-tab': tab.id }, tab.label);
    b.addEventListener('click', () => selectTab(tab.id));
    if (tab.preload) for (const event of ['pointerenter', 'focus']) b.addEventListener(event, () => void tab.preload!(), { once: true });
    b.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      const jump = e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : undefined;
      if (!step && jump === undefined) return;
      e.preventDefault();
      const next = jump ?? (i + step + TABS.length) % TABS.length;
      buttons[next]!.focus();
      selectTab(TABS[next]!.id);
    });
    buttons.push(b);
    tablist.append(b);
  }

  const restoreButton = h('button', { type: 'button', 'data-action': 'restore-code', hidden: !loadStash(storage, exercise.slug), onclick: restoreMyCode }, 'Restore my code');
  const resetButton = () => toolbar.querySelector<HTMLElement>('[data-action="reset-starter"]')!;
  const toolbar = h(
    'div',
    { class: 'wb-row wb-toolbar' },
    h('button', { type: 'button', 'data-action': 'reset-starter', onclick: resetToStarter }, 'Reset code to starter'),
    restoreButton,
    exercise.solution && Object.keys(exercise.solution).length ? h('button', { type: 'button', 'data-action': 'show-solution', onclick: showSolution }, 'Show solution') : null,
    h('button', { type: 'button', 'data-action': 'start-fresh', onclick: startFresh }, 'Start this exercise fresh'),
    ...transferControls(ctx, storage, persist, { askLearner: exercise.lab?.askLearner === true }),
    ...shareControls(ctx),
  );

  function resetToStarter(): void {
    if (!confirm('Replace your code with the starter files? Your code is kept: "Restore my code" brings it back. Your deployed function and its versions stay as they are.')) return;
    // The learner's code is kept first; if the browser cannot keep it, nothing is replaced. Code
    // that is the starter already is not the learner's: a second reset keeps the first one's copy.
    const isStarter = filesHash(state.files) === filesHash(exercise.starter);
    if (!isStarter && !saveStash(storage, exercise.slug, state.files)) {
      return ctx.status('Your code could not be kept in this browser (its storage is full or blocked), so it was not replaced. Export your progress first.', 'error', resetButton());
    }
    state.files = { ...exercise.starter };
    state.activeFile = Object.keys(state.files)[0];
    ctx.changed('files');
    restoreButton.hidden = !loadStash(storage, exercise.slug);
    ctx.status(restoreButton.hidden ? 'Your code is back to the starter files. Deploy to update the function.' : 'Your code is back to the starter files; "Restore my code" brings yours back. Deploy to update the function.', 'success');
  }

  function restoreMyCode(): void {
    const files = loadStash(storage, exercise.slug);
    if (!files) {
      restoreButton.hidden = true;
      return ctx.status('There is no code kept from before a reset.', 'error');
    }
    state.files = files;
    state.activeFile = Object.keys(files).find((f) => /^index\.(mjs|js|cjs)$/.test(f)) ?? Object.keys(files)[0];
    removeStash(storage, exercise.slug);
    restoreButton.hidden = true;
    ctx.changed('files');
    ctx.status('Your code from before the reset is back. Deploy to update the function.', 'success');
  }

  function showSolution(): void {
    const dialog = h(
      'dialog',
      { class: 'wb-dialog wb-solution', 'aria-label': 'Reference solution' },
      h('h2', {}, 'Reference solution'),
      h('p', {}, 'One way to solve this exercise. Try it yourself first; the checks accept any solution that does what the tasks ask.'),
      ...Object.entries(exercise.solution).map(([path, text]) => h('section', {}, h('h3', {}, h('code', {}, path)), h('pre', { class: 'wb-mono' }, text))),
      h('button', { type: 'button', onclick: () => dialog.close() }, 'Close'),
    );
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  }

  function startFresh(): void {
    const fn = exercise.functionName;
    if (!confirm(`Start this exercise fresh? Your account is shared by every exercise: this deletes the function ${fn} (its versions, aliases, triggers and logs), which other exercises may use too, and puts this exercise's starter code, test events and checks back. Other functions and layers stay. Export your progress first if you want to keep a copy.`)) return;
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    persist();
    startExerciseFresh(storage, exercise.slug, [fn]);
    emu.dispose();
    location.reload();
  }

  clear(
    root,
    h('div', { id: 'wb-live', class: 'sr-only', 'aria-live': 'assertive' }),
    functionBar(ctx),
    functionDiagram(ctx),
    versionBanner(ctx),
    toolbar,
    statusLine,
    tablist,
    panels,
  );
  selectTab('code');
  root.dataset.ready = 'true';
  if (loaded.notices.length > 0) ctx.status(loaded.notices.join(' '), 'success');
  for (const p of loaded.problems) ctx.status(p, 'error');
  // A debounced save still pending when the page is hidden or left (or a new version reloads it) is written at once.
  const flush = () => saveTimer !== undefined && (clearTimeout(saveTimer), persist());
  addEventListener('pagehide', flush);
  const unregisterSave = registerPendingSave(flush);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush());
  // Another tab of the workbook saved the account: this page's copy is now older; say so at once.
  addEventListener('storage', (e) => {
    if (e.key !== PROGRESS_KEY || e.newValue === null) return;
    const stored = accountRevisionIn(e.newValue);
    if (stored !== undefined && stored !== revision) ctx.status('Your AWS account was changed in another tab of the workbook. Reload this page to work on the latest account (if you change something here first, the other tab’s account is kept under a backup key).', 'info');
  });
  // A share link (#share=…) opened with the page, or pasted into its address bar.
  void openSharedLink(ctx);
  addEventListener('hashchange', () => void openSharedLink(ctx));
  return {
    ctx,
    dispose() {
      unregisterSave();
      if (saveTimer !== undefined) persist();
      emu.dispose();
    },
  };
}
