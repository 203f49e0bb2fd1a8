/**
 * "Copy as AWS CLI" under a console form: the `aws lambda ...` command that does what the form's
 * button will do, kept up to date as the learner types, with a button that copies it.
 */
import { h } from '../dom.ts';
import { invokeCli, shellLine } from '../cli-command.ts';
import { qualifierOf } from './qualifier.ts';
import type { Ctx } from '../context.ts';

export interface CliBlock {
  element: HTMLElement;
  /** Rebuilds the command from the form's current values. */
  refresh(): void;
}

/**
 * `build` returns the argv, or a sentence saying what is missing when the form cannot make a
 * command yet. The block refreshes itself on every input or change inside `watch`.
 */
export function cliBlock(build: () => string[] | string, watch?: HTMLElement | readonly HTMLElement[]): CliBlock {
  const code = h('code', { 'data-cli-command': '' });
  const copied = h('span', { class: 'wb-muted', role: 'status' });
  let line = '';
  const refresh = () => {
    let out: string[] | string;
    try {
      out = build();
    } catch (e) {
      out = (e as Error).message;
    }
    line = typeof out === 'string' ? '' : shellLine(out);
    code.textContent = typeof out === 'string' ? out : line;
    copy.disabled = line === '';
    copied.textContent = '';
  };
  const copy = h(
    'button',
    {
      type: 'button',
      'data-action': 'copy-cli',
      onclick: () => {
        refresh();
        if (!line) return;
        void navigator.clipboard.writeText(line).then(
          () => (copied.textContent = 'Copied.'),
          () => {
            // No clipboard permission (an insecure origin, a denied prompt): select the text instead.
            getSelection()?.selectAllChildren(code);
            copied.textContent = 'Select and copy the command (Ctrl+C).';
          },
        );
      },
    },
    'Copy as AWS CLI',
  );
  const element = h('div', { class: 'wb-cli', 'data-cli': '' }, h('p', { class: 'wb-cli-label' }, 'AWS CLI'), h('pre', { class: 'wb-mono' }, code), h('div', { class: 'wb-row' }, copy, copied));
  // Array.isArray, not 'length' in: a <form> has a length too (its controls at this moment).
  for (const el of watch === undefined ? [] : Array.isArray(watch) ? (watch as readonly HTMLElement[]) : [watch as HTMLElement]) {
    el.addEventListener('input', refresh);
    el.addEventListener('change', refresh);
  }
  refresh();
  return { element, refresh };
}

/** The Test tab's command: the same synchronous invoke with the log tail, from the event being edited. */
export function invokeCliBlock(ctx: Ctx, event: HTMLTextAreaElement): HTMLElement {
  const build = () => {
    const fn = ctx.state.functionName;
    if (!fn) return 'Create the function first.';
    const q = qualifierOf(ctx);
    return invokeCli({ FunctionName: fn, ...(q ? { Qualifier: q } : {}), LogType: 'Tail', Payload: new TextEncoder().encode(event.value) });
  };
  const block = cliBlock(build, [event]);
  ctx.on('functions', block.refresh);
  ctx.on('qualifier', block.refresh);
  return block.element;
}
