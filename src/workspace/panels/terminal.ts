/**
 * The console's Terminal tab. Everything heavy (xterm.js, the shell, the generated `aws`) is in
 * terminal-panel.ts and loaded only when the learner opens this tab.
 */
import { h } from '../dom.ts';
import { describeError, type Ctx } from '../context.ts';

export function terminalPanel(ctx: Ctx): HTMLElement {
  const root = h('div', { class: 'wb-terminal', 'data-terminal-panel': '' }, h('p', { class: 'wb-muted', role: 'status' }, 'Loading the terminal…'));
  import('../terminal-panel.ts')
    .then(({ mountTerminal }) => mountTerminal(root, ctx))
    .catch((error: unknown) => {
      root.replaceChildren(h('p', { class: 'wb-error', role: 'alert' }, `The terminal could not be loaded (${describeError(error)}). Reload the page to try again.`));
    });
  return root;
}
