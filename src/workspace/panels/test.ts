/** Test tab: saved test events (up to 10), templates, Invoke, and the execution result. */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { limits } from '../../emulator/index.ts';
import { h, clear, field, select, announce } from '../dom.ts';
import { eventTemplates } from '../event-templates.ts';
import { decodeBase64Utf8, lastReport } from '../report.ts';
import type { Ctx } from '../context.ts';
import { currentFunction, NO_FUNCTION_YET } from './function-bar.ts';
import { viewLogsLink } from './log-link.ts';
import { invokeCliBlock } from './cli-copy.ts';

export function testPanel(ctx: Ctx): HTMLElement {
  const saved = h('select', {});
  const name = h('input', { type: 'text', maxlength: 25, autocomplete: 'off' });
  const template = select([['', 'Start from a template…'], ...eventTemplates.map((t) => [t.id, t.name] as [string, string])]);
  const json = h('textarea', { rows: 10, spellcheck: false, class: 'wb-mono', 'data-event-json': '' });
  const qualifier = h('input', { type: 'text', placeholder: '$LATEST', autocomplete: 'off', size: 10 });
  const result = h('div', { class: 'wb-result', 'aria-live': 'polite', 'data-test-result': '' });

  function renderSaved(): void {
    clear(saved, ...ctx.state.testEvents.map((e) => h('option', { value: e.name, selected: e.name === ctx.state.selectedEvent }, e.name)));
    const current = ctx.state.testEvents.find((e) => e.name === ctx.state.selectedEvent) ?? ctx.state.testEvents[0];
    name.value = current?.name ?? 'my-event';
    json.value = current?.json ?? '{}';
  }

  function saveEvent(): void {
    const eventName = name.value.trim();
    if (!/^[A-Za-z0-9_.-]{1,25}$/.test(eventName)) return ctx.status('Event names use letters, digits, - _ and ., up to 25 characters.', 'error');
    try {
      JSON.parse(json.value);
    } catch (e) {
      return ctx.status(`The event is not valid JSON: ${(e as Error).message}`, 'error');
    }
    const existing = ctx.state.testEvents.findIndex((e) => e.name === eventName);
    if (existing < 0 && ctx.state.testEvents.length >= limits.testEvents.maxPerFunction) {
      return ctx.status(`You can save up to ${limits.testEvents.maxPerFunction} test events per function. Delete one first.`, 'error');
    }
    if (existing >= 0) ctx.state.testEvents[existing] = { name: eventName, json: json.value };
    else ctx.state.testEvents.push({ name: eventName, json: json.value });
    ctx.state.selectedEvent = eventName;
    ctx.save();
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

  async function invoke(type: 'RequestResponse' | 'Event'): Promise<void> {
    const fn = currentFunction(ctx);
    if (!fn) return ctx.status(NO_FUNCTION_YET, 'error');
    try {
      JSON.parse(json.value);
    } catch (e) {
      return ctx.status(`The event is not valid JSON: ${(e as Error).message}`, 'error');
    }
    clear(result, h('p', { class: 'wb-muted' }, 'Invoking…'));
    await ctx.run(`Invoking ${fn}`, async () => {
      try {
        const out = await ctx.emu.lambda.send(
          new InvokeCommand({
            FunctionName: fn,
            ...(qualifier.value.trim() ? { Qualifier: qualifier.value.trim() } : {}),
            InvocationType: type,
            LogType: type === 'RequestResponse' ? 'Tail' : 'None',
            Payload: new TextEncoder().encode(json.value),
          }),
        );
        renderResult(out, type);
      } catch (err) {
        const e = err as Error & { Reason?: string };
        if (e.name === 'TooManyRequestsException') {
          ctx.state.throttles.push({ at: Date.now(), functionName: fn, reason: e.Reason ?? 'Throttled' });
          ctx.save();
        }
        clear(result, h('h3', { class: 'wb-failed' }, 'Executing function: failed'), h('pre', { class: 'wb-mono' }, `${e.name}: ${e.message}`));
        throw err;
      } finally {
        ctx.changed('logs');
      }
    });
  }

  function renderResult(out: { StatusCode?: number; Payload?: Uint8Array; FunctionError?: string; LogResult?: string; ExecutedVersion?: string }, type: string): void {
    if (type === 'Event') {
      clear(result, h('h3', {}, `Queued for asynchronous invocation (status ${out.StatusCode})`), h('p', {}, 'Lambda answered 202 at once. Watch the Monitor and Asynchronous tabs for the attempts and their results.'));
      announce('Event queued');
      return;
    }
    const payload = new TextDecoder().decode(out.Payload ?? new Uint8Array());
    const log = out.LogResult ? decodeBase64Utf8(out.LogResult) : '';
    const report = lastReport(log);
    const ok = !out.FunctionError;
    let pretty = payload;
    try {
      pretty = JSON.stringify(JSON.parse(payload), null, 2);
    } catch {
      /* not JSON: show as returned */
    }
    const row = (k: string, v: string | undefined) => (v === undefined ? null : h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)));
    clear(
      result,
      h('h3', { class: ok ? 'wb-succeeded' : 'wb-failed', 'data-outcome': ok ? 'succeeded' : 'failed' }, `Executing function: ${ok ? 'succeeded' : 'failed'}`),
      ok ? null : h('p', {}, `Function error: ${out.FunctionError}`),
      h('h4', {}, 'Response'),
      h('pre', { class: 'wb-mono', 'data-response': '' }, pretty),
      h('h4', {}, 'Summary'),
      h(
        'table',
        { class: 'wb-summary' },
        h(
          'tbody',
          {},
          row('Request ID', report?.requestId),
          row('Executed version', out.ExecutedVersion),
          row('Init duration', report?.initDurationMs !== undefined ? `${report.initDurationMs.toFixed(2)} ms` : undefined),
          row('Duration', report ? `${report.durationMs.toFixed(2)} ms` : undefined),
          row('Billed duration', report ? `${report.billedDurationMs} ms` : undefined),
          row('Resources configured', report ? `${report.memorySizeMb} MB` : undefined),
          row('Max memory used', report ? `${report.maxMemoryUsedMb} MB` : undefined),
        ),
      ),
      h('p', { class: 'wb-muted' }, 'Durations are the emulator’s own: QuickJS runs code several times slower than Node.js on Lambda.'),
      h('h4', {}, 'Log output'),
      h('pre', { class: 'wb-mono wb-log', 'data-log-output': '' }, log),
      viewLogsLink(ctx, currentFunction(ctx)!, report?.requestId),
    );
    announce(`Executing function: ${ok ? 'succeeded' : 'failed'}`);
  }

  saved.addEventListener('change', () => {
    ctx.state.selectedEvent = saved.value;
    ctx.save();
    renderSaved();
  });
  template.addEventListener('change', () => {
    const t = eventTemplates.find((x) => x.id === template.value);
    if (!t) return;
    json.value = JSON.stringify(t.event, null, 2);
    name.value = t.id.slice(0, 25);
    template.value = '';
  });

  renderSaved();
  return h(
    'div',
    { class: 'wb-test' },
    h(
      'div',
      { class: 'wb-grid' },
      field('Saved events', saved),
      field('Event name', name),
      field('Template', template),
      field('Qualifier (optional)', qualifier, 'A version number or alias; empty invokes $LATEST.'),
    ),
    field('Event JSON', json),
    h(
      'div',
      { class: 'wb-row' },
      h('button', { type: 'button', class: 'wb-primary', 'data-action': 'invoke', onclick: () => void invoke('RequestResponse') }, 'Test'),
      h('button', { type: 'button', 'data-action': 'invoke-async', onclick: () => void invoke('Event') }, 'Invoke asynchronously'),
      h('button', { type: 'button', onclick: saveEvent }, 'Save event'),
      h('button', { type: 'button', onclick: deleteEvent }, 'Delete event'),
    ),
    invokeCliBlock(ctx, json, qualifier),
    result,
  );
}
