/**
 * The task list's hints: up to three per task, opened in order (hint 2 is offered once hint 1 is
 * open). Opening one is recorded in the workspace (`hintsOpened`, task id → highest level), which
 * the export carries to the grader; a lab may charge points per level, as the button says.
 */
import { announce } from './dom.ts';
import type { Ctx } from './context.ts';

function show(group: HTMLElement, level: number): void {
  const hint = group.querySelector<HTMLElement>(`[data-hint="${level}"]`);
  const button = group.querySelector<HTMLButtonElement>(`[data-hint-button="${level}"]`);
  if (hint) hint.hidden = false;
  if (button) {
    button.setAttribute('aria-expanded', 'true');
    button.hidden = true;
  }
  const next = group.querySelector<HTMLButtonElement>(`[data-hint-button="${level + 1}"]`);
  if (next) next.hidden = false;
}

export function wireHints(ctx: Ctx): void {
  for (const group of document.querySelectorAll<HTMLElement>('[data-hints]')) {
    const task = group.dataset.hints!;
    const opened = ctx.state.hintsOpened[task] ?? 0;
    for (let level = 1; level <= opened; level++) show(group, level);
    for (const button of group.querySelectorAll<HTMLButtonElement>('[data-hint-button]')) {
      button.disabled = false;
      button.addEventListener('click', () => {
        const level = Number(button.dataset.hintButton);
        // Only the next level can be opened: the buttons after it are hidden until then.
        if (level !== (ctx.state.hintsOpened[task] ?? 0) + 1) return;
        ctx.state.hintsOpened = { ...ctx.state.hintsOpened, [task]: level };
        ctx.save();
        show(group, level);
        const hint = group.querySelector<HTMLElement>(`[data-hint="${level}"]`);
        hint?.focus();
        announce(hint?.textContent?.trim() ?? '');
      });
    }
  }
}
