/**
 * The exercise page's small always-loaded script: reads the exercise bundle, keeps question
 * answers, and mounts the console (a separate, heavy chunk) once the instructions are readable.
 */
import type { ExerciseBundle } from './context.ts';
import type { MountedWorkspace } from './workspace.ts';

/** Reads the answers in the exercise's questions form. */
function currentAnswers(): Record<string, string> {
  const form = document.querySelector<HTMLFormElement>('[data-questions]');
  return form ? Object.fromEntries([...new FormData(form).entries()].map(([k, v]) => [k, String(v)])) : {};
}

function wireAwsPanel(slug: string): void {
  const form = document.querySelector<HTMLFormElement>('[data-aws-form]');
  const output = document.querySelector<HTMLElement>('[data-aws-result]');
  if (!form || !output) return;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const button = form.querySelector('button')!;
    button.disabled = true;
    void import('./aws-check.ts')
      .then(({ checkAwsAccount }) => checkAwsAccount(form, output, slug, currentAnswers()))
      .finally(() => (button.disabled = false));
  });
}

export function bootWorkspace(): void {
  const host = document.querySelector<HTMLElement>('[data-workspace]');
  const data = document.querySelector('[data-exercise-bundle]');
  if (!host || !data) return;
  const bundle = JSON.parse(data.textContent ?? '{}') as ExerciseBundle;
  wireAwsPanel(bundle.slug);
  let mounted: Promise<MountedWorkspace> | undefined;
  const mount = () =>
    // Monaco is the largest download: fetch it alongside the console rather than after it.
    (mounted ??= Promise.all([import('./workspace.ts'), import('./monaco.ts')]).then(([m]) => m).then(({ mountWorkspace }) => {
      const ws = mountWorkspace(host, bundle);
      void import('./checks-panel.ts').then(({ wireChecks }) => wireChecks(ws.ctx));
      return ws;
    }));
  // The instructions are server-rendered HTML: the console's code (fetched in parallel, parsed off
  // the critical path of the text) is asked for once they are painted, so it never delays them.
  afterFirstPaint(() => void mount());
}

/** Runs `start` once the page has painted its content (or after half a second, say in a tab not shown). */
function afterFirstPaint(start: () => void): void {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    start();
  };
  if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes?.includes('paint')) return once();
  const observer = new PerformanceObserver((list) => {
    if (!list.getEntriesByName('first-contentful-paint').length) return;
    observer.disconnect();
    once();
  });
  observer.observe({ type: 'paint', buffered: true });
  setTimeout(() => {
    observer.disconnect();
    once();
  }, 500);
}
