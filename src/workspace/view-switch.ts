/**
 * On a phone the instructions and the console cannot sit side by side, and stacked the console
 * started thousands of pixels down. A sticky "Instructions | Console" switch shows one at a time;
 * from 64rem up both show and the switch is hidden (the CSS decides, with the same breakpoint).
 */
export type ExerciseView = 'instructions' | 'console';

export function wireViewSwitch(): void {
  const nav = document.querySelector<HTMLElement>('[data-view-switch]');
  const page = nav?.closest('.wb-exercise') ?? document.querySelector<HTMLElement>('.wb-exercise');
  if (!nav || !page) return;
  // First in the exercise's grid, so it sticks to the top of the page while either view scrolls.
  page.prepend(nav);
  nav.hidden = false;
  const buttons = [...nav.querySelectorAll<HTMLButtonElement>('button[data-view]')];
  const show = (view: ExerciseView, moveFocus: boolean) => {
    (page as HTMLElement).dataset.view = view;
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.view === view));
    // The top of the chosen view, not wherever the other one was scrolled to.
    if (moveFocus && page.getBoundingClientRect().top < 0) page.scrollIntoView({ block: 'start' });
  };
  for (const b of buttons) b.addEventListener('click', () => show(b.dataset.view as ExerciseView, true));
  show(location.hash === '#console' ? 'console' : 'instructions', false);
}
