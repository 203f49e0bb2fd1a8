/**
 * The light part of <TerminalBlock>: "Open the terminal" and each suggested command's "Type"
 * button load xterm.js, the shell and the emulator (lesson-terminal.ts) only when used.
 */
import type { ShellTerminal } from '../workspace/shell-terminal.ts';

export function bootTerminalBlocks(): void {
  for (const block of document.querySelectorAll<HTMLElement>('[data-lesson-terminal]:not([data-lesson-terminal-ready])')) {
    block.dataset.lessonTerminalReady = '';
    const panel = block.querySelector<HTMLElement>('[data-terminal-panel]')!;
    const open = block.querySelector<HTMLButtonElement>('[data-open-terminal]')!;
    let opening: Promise<ShellTerminal | undefined> | undefined;
    const openTerminal = () =>
      (opening ??= (async () => {
        open.disabled = true;
        panel.hidden = false;
        panel.textContent = 'Loading the terminal…';
        try {
          const { openLessonTerminal } = await import('./lesson-terminal.ts');
          const terminal = openLessonTerminal(panel);
          open.hidden = true;
          return terminal;
        } catch (error) {
          panel.textContent = `The terminal could not be loaded (${error instanceof Error ? error.message : String(error)}). Reload the page to try again.`;
          panel.setAttribute('role', 'alert');
          opening = undefined;
          open.disabled = false;
          return undefined;
        }
      })());
    open.addEventListener('click', () => void openTerminal());
    for (const button of block.querySelectorAll<HTMLButtonElement>('[data-type-command]')) {
      button.addEventListener('click', async () => (await openTerminal())?.type(button.dataset.typeCommand ?? ''));
    }
  }
}
