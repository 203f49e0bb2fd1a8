/** Test tab: saved test events (up to 10), templates, Invoke, Stop, and the execution result. */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { limits } from '../../emulator/index.ts';
import { h, clear, field, select, announce, clearError } from '../dom.ts';
import { eventTemplates } from '../event-templates.ts';
import { decodeBase64Utf8 } from '../report.ts';
import { executionResult, stoppedByEmulatorNote } from '../execution-result.ts';
import { clearDraftEvent, isUnsavedDraft, loadDraftEvent, saveDraftEvent } from '../drafts.ts';
import { describeError, type Ctx } from '../context.ts';
import { currentFunction, NO_FUNCTION_YET } from './function-bar.ts';
import { viewLogsLink } from './log-link.ts';
import { logPermissionsOf, missingLogsNotice } from '../log-permissions.ts';
import { invokeCliBlock } from './cli-copy.ts';
import { qualifierOf } from './qualifier.ts';
import { showEngineLoading } from '../../hosts/page/engine-loading-view.ts';

export function testPanel(ctx: Ctx): HTMLElement {
  const slug = ctx.exercise.slug;
  const saved = h('select', {});
  const name = h('input', { type: 'text', maxlength: 25, autocomplete: 'off', 'data-event-name': '' });
  const template = select([['', 'Start from a template…'], ...eventTemplates.map((t) => [t.id, t.name] as [string, string])]);
  const json = h('textarea', { rows: 10, spellcheck: false, class: 'wb-mono', 'data-event-json': '' });
  // As in the console, Test runs the version (or alias) open in the Qualifier selector above the tabs.
  const target = h('p', { class: 'wb-muted', 'data-test-target': '' });
  const showTarget = () => target.replaceChildren(testTargetText(qualifierOf(ctx)));
  showTarget();
  ctx.on('qualifier', showTarget);
  const draftNote = h('p', { class: 'wb-muted', 'data-draft-note': '', hidden: true }, 'Unsaved changes to this event, kept from your last visit. Save event keeps them with your events.');
  const testButton = h('button', { type: 'button', class: 'wb-primary', 'data-action': 'invoke', onclick: () => void invoke('RequestResponse') }, 'Test');
  const asyncButton = h('button', { type: 'button', 'data-action': 'invoke-async', onclick: () => void invoke('Event') }, 'Invoke asynchronously');
  const stopButton = h('button', { type: 'button', 'data-action': 'stop-invoke', hidden: true, onclick: () => stop() }, 'Stop (emulator only)');
  const saveButton = h('button', { type: 'button', 'data-action': 'save-event', onclick: saveEvent }, 'Save event');
  const result = h('section', { class: 'wb-result', 'aria-label': 'Execution result', 'data-test-result': '' });
  /** The running Test, while it runs: which function, and whether Stop was pressed. */
  let running: { fn: string; stopRequested: boolean } | undefined;

  function renderSaved(): void {
    clear(saved, ...ctx.state.testEvents.map((e) => h('option', { value: e.name, selected: e.name === ctx.state.selectedEvent }, e.name)));
    const current = ctx.state.testEvents.find((e) => e.name === ctx.state.selectedEvent) ?? ctx.state.testEvents[0];
    name.value = current?.name ?? 'my-event';
    json.value = current?.json ?? '{}';
    clearError(name);
    clearError(json);
  }

  /** Keeps what the fields hold when it is not a saved event, so a reload loses no edit. */
  function keepDraft(): void {
    const draft = { name: name.value, json: json.value };
    if (isUnsavedDraft(draft, ctx.state.testEvents)) saveDraftEvent(ctx.storage, slug, draft);
    else clearDraftEvent(ctx.storage, slug);
  }

  function validJson(): boolean {
    try {
      JSON.parse(json.value);
      return true;
    } catch (e) {
      ctx.status(`The event is not valid JSON: ${(e as Error).message}`, 'error', json);
      return false;
    }
  }

  function saveEvent(): void {
    const eventName = name.value.trim();
    clearError(saveButton);
    if (!/^[A-Za-z0-9_.-]{1,25}$/.test(eventName)) return ctx.status('Event names use letters, digits, - _ and ., up to 25 characters.', 'error', name);
    if (!validJson()) return;
    const existing = ctx.state.testEvents.findIndex((e) => e.name === eventName);
    if (existing < 0 && ctx.state.testEvents.length >= limits.testEvents.maxPerFunction) {
      return ctx.status(`You can save up to ${limits.testEvents.maxPerFunction} test events per function. Delete one first.`, 'error', saveButton);
    }
    if (existing >= 0) ctx.state.testEvents[existing] = { name: eventName, json: json.value };
    else ctx.state.testEvents.push({ name: eventName, json: json.value });
    ctx.state.selectedEvent = eventName;
    ctx.save();
    clearDraftEvent(ctx.storage, slug);
    draftNote.hidden = true;
    renderSaved();
    ctx.status(`Saved the test event ${eventName}.`, 'success');
  }

  function deleteEvent(): void {
    const eventName = saved.value;
    if (!eventName || !confirm(`Delete the test event ${eventName}?`)) return;
    ctx.state.testEvents = ctx.state.testEvents.filter((e) => e.name !== eventName);
    ctx.state.selectedEvent = ctx.state.testEvents[0]?.name;
    ctx.save();
    renderSaved();
  }

  /** Stop: not Lambda's; the emulator ends the invocation as Lambda ends a killed runtime. */
  function stop(): void {
    const r = running;
    if (!r) return;
    r.stopRequested = true;
    stopButton.disabled = true;
    // The environment may still be starting: the invocation is stopped as soon as it runs.
    const attempt = () => {
      if (running !== r) return;
      if (ctx.emu.stopInvocations(r.fn) === 0) setTimeout(attempt, 50);
    };
    attempt();
  }

  async function invoke(type: 'RequestResponse' | 'Event'): Promise<void> {
    const trigger = type === 'Event' ? asyncButton : testButton;
    for (const c of [testButton, asyncButton, json]) clearError(c);
    const fn = currentFunction(ctx);
    if (!fn) return ctx.status(NO_FUNCTION_YET, 'error', trigger);
    if (!validJson()) return;
    const q = qualifierOf(ctx);
    const r = { fn, stopRequested: false };
    if (type === 'RequestResponse') {
      running = r;
      stopButton.hidden = false;
      stopButton.disabled = false;
    }
    clear(result, h('p', { class: 'wb-muted' }, `Invoking ${fn}…`));
    // A Python function's first start in this browser downloads Pyodide: its progress shows here.
    const stopShowingDownload = showEngineLoading(ctx.emu, result);
    await ctx.run(
      `Invoking ${fn}`,
      async () => {
        try {
          const out = await ctx.emu.lambda.send(
            new InvokeCommand({
              FunctionName: fn,
              ...(q ? { Qualifier: q } : {}),
              InvocationType: type,
              LogType: type === 'RequestResponse' ? 'Tail' : 'None',
              Payload: new TextEncoder().encode(json.value),
            }),
          );
          if (type === 'Event') renderQueued(out.StatusCode);
          else renderResult(fn, out, r.stopRequested);
        } catch (err) {
          const e = err as Error & { Reason?: string };
          if (e.name === 'TooManyRequestsException') {
            ctx.state.throttles.push({ at: Date.now(), functionName: fn, reason: e.Reason ?? 'Throttled' });
            ctx.save();
          }
          renderFailure(describeError(e));
          // A version or alias deleted meanwhile: the reason goes beside Test.
          if (q && e.name === 'ResourceNotFoundException') {
            ctx.status(describeError(e), 'error', trigger);
            return;
          }
          throw err;
        } finally {
          stopShowingDownload();
          if (running === r) running = undefined;
          stopButton.hidden = true;
          ctx.changed('logs');
        }
      },
      trigger,
    );
  }

  /** Brings the result into view and puts focus on its heading, so it is read where it lands. */
  function reveal(heading: HTMLElement, message: string): void {
    heading.focus({ preventScroll: true });
    result.scrollIntoView({ block: 'nearest' });
    announce(message);
  }

  function renderQueued(statusCode: number | undefined): void {
    const heading = h('h3', { tabindex: -1 }, `Queued for asynchronous invocation (status ${statusCode})`);
    clear(result, heading, h('p', {}, 'Lambda answered 202 at once. Watch the Monitor and Asynchronous tabs for the attempts and their results.'));
    reveal(heading, 'Event queued');
  }

  function renderFailure(message: string): void {
    const heading = h('h3', { tabindex: -1 }, 'Execution result');
    clear(
      result,
      heading,
      h('p', { class: 'wb-failed', 'data-outcome': 'failed' }, 'Status: ', h('strong', {}, 'Failed')),
      h('pre', { class: 'wb-mono', 'data-response': '' }, message),
    );
    heading.focus({ preventScroll: true });
    result.scrollIntoView({ block: 'nearest' });
  }

  /** Under the log output, when the role may not write logs: the tail came back with the invocation, CloudWatch Logs got nothing. */
  function logsNotWritten(fn: string): HTMLElement | null {
    const permissions = logPermissionsOf(ctx.emu.service, fn);
    const notice = missingLogsNotice(permissions, permissions !== undefined && ctx.emu.service.logs.groups[permissions.logGroup] !== undefined);
    return notice ? h('p', { class: 'wb-failed', role: 'note', 'data-logs-missing': '' }, `These lines came back with the invocation (the log tail); CloudWatch Logs received none of them. ${notice}`) : null;
  }

  function renderResult(fn: string, out: { StatusCode?: number; Payload?: Uint8Array; FunctionError?: string; LogResult?: string; ExecutedVersion?: string }, stopped: boolean): void {
    const log = out.LogResult ? decodeBase64Utf8(out.LogResult) : '';
    const r = executionResult(out, log);
    const ok = r.status === 'Succeeded';
    const heading = h('h3', { tabindex: -1 }, 'Execution result');
    clear(
      result,
      heading,
      h('p', { class: ok ? 'wb-succeeded' : 'wb-failed', 'data-outcome': ok ? 'succeeded' : 'failed' }, 'Status: ', h('strong', {}, r.status)),
      h('p', {}, 'Test event name: ', h('code', {}, name.value)),
      stopped ? h('p', { class: 'wb-emulator-note', 'data-stopped-note': '' }, stoppedByEmulatorNote(fn)) : null,
      h('h4', {}, 'Response'),
      h('pre', { class: 'wb-mono', 'data-response': '' }, r.response),
      h('h4', {}, 'Summary'),
      h('table', { class: 'wb-summary', 'data-summary': '' }, h('tbody', {}, ...r.summary.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v))))),
      h('p', { class: 'wb-muted' }, 'Durations are the emulator’s own: QuickJS runs code several times slower than Node.js on Lambda.'),
      h('h4', {}, 'Function logs'),
      h('pre', { class: 'wb-mono wb-log', 'data-log-output': '' }, r.logs),
      logsNotWritten(fn),
      stopped ? h('p', { class: 'wb-mono wb-emulator-note', 'data-emulator-log': '' }, `[workbook emulator] Invocation stopped by the emulator at your request; execution environment discarded. Not a Lambda feature.`) : null,
      viewLogsLink(ctx, fn, r.summary.find(([k]) => k === 'Request ID')?.[1]),
    );
    const duration = r.summary.find(([k]) => k === 'Duration')?.[1];
    reveal(heading, `Execution result: ${r.status}${stopped ? ', stopped by the emulator' : ''}${duration ? `. Duration ${duration}` : ''}.`);
  }

  saved.addEventListener('change', () => {
    ctx.state.selectedEvent = saved.value;
    ctx.save();
    clearDraftEvent(ctx.storage, slug);
    draftNote.hidden = true;
    renderSaved();
  });
  template.addEventListener('change', () => {
    const t = eventTemplates.find((x) => x.id === template.value);
    if (!t) return;
    json.value = JSON.stringify(t.event, null, 2);
    name.value = t.id.slice(0, 25);
    template.value = '';
    keepDraft();
  });
  name.addEventListener('input', () => (clearError(name), keepDraft()));
  json.addEventListener('input', () => (clearError(json), keepDraft()));

  renderSaved();
  const draft = loadDraftEvent(ctx.storage, slug);
  if (draft && isUnsavedDraft(draft, ctx.state.testEvents)) {
    name.value = draft.name;
    json.value = draft.json;
    draftNote.hidden = false;
  }
  return h(
    'div',
    { class: 'wb-test' },
    h(
      'div',
      { class: 'wb-grid' },
      field('Saved events', saved),
      field('Event name', name),
      field('Template', template),
    ),
    field('Event JSON', json),
    draftNote,
    target,
    h('div', { class: 'wb-row' }, testButton, stopButton, asyncButton, saveButton, h('button', { type: 'button', onclick: deleteEvent }, 'Delete event')),
    invokeCliBlock(ctx, json),
    result,
  );
}

/** What Test invokes, said above it: the open qualifier, as the console's version pages test their version. */
export function testTargetText(qualifier: string): string {
  if (qualifier === '') return 'Test invokes the function (unqualified, which runs $LATEST). Open a version or alias in the Qualifier selector to test it.';
  if (qualifier === '$LATEST') return 'Test invokes $LATEST.';
  return /^\d+$/.test(qualifier) ? `Test invokes version ${qualifier} (open in the Qualifier selector).` : `Test invokes alias ${qualifier} (open in the Qualifier selector).`;
}
