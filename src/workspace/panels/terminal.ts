/**
 * The console's Terminal tab. Everything heavy (xterm.js, the shell, the generated `aws`) is in
 * terminal-panel.ts and loaded only when the learner opens this tab.
 */
import { h } from '../dom.ts';
import { describeError, type Ctx } from '../context.ts';

let loading: Promise<typeof import('../terminal-panel.ts')> | undefined;
/** Starts fetching the terminal when the learner points at or focuses its tab, so the click finds it loaded. */
export function preloadTerminal(): Promise<typeof import('../terminal-panel.ts')> {
  loading ??= import('../terminal-panel.ts');
  return loading;
}

export function terminalPanel(ctx: Ctx): HTMLElement {
  const root = h('div', { class: 'wb-terminal', 'data-terminal-panel': '' }, h('p', { class: 'wb-muted', role: 'status' }, 'Loading the terminal…'));
  preloadTerminal()
    .then(({ mountTerminal }) => mountTerminal(root, ctx))
    .catch((error: unknown) => {
      loading = undefined;
      root.replaceChildren(h('p', { class: 'wb-error', role: 'alert' }, `The terminal could not be loaded (${describeError(error)}). Reload the page to try again.`));
    });
  return root;
}
