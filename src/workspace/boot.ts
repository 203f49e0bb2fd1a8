/**
 * The exercise page's small always-loaded script: reads the exercise bundle, keeps question
 * answers, and mounts the console (a separate, heavy chunk) once the instructions are readable.
 */
import type { ExerciseBundle } from './context';
import type { MountedWorkspace } from './workspace';

export function bootWorkspace(): void {
  const host = document.querySelector<HTMLElement>('[data-workspace]');
  const data = document.querySelector('[data-exercise-bundle]');
  if (!host || !data) return;
  const bundle = JSON.parse(data.textContent ?? '{}') as ExerciseBundle;
  let mounted: Promise<MountedWorkspace> | undefined;
  const mount = () =>
    // Monaco is the largest download: fetch it alongside the console rather than after it.
    (mounted ??= Promise.all([import('./workspace'), import('./monaco')]).then(([m]) => m).then(({ mountWorkspace }) => {
      const ws = mountWorkspace(host, bundle);
      void import('./checks-panel').then(({ wireChecks }) => wireChecks(ws.ctx));
      return ws;
    }));
  // The instructions are server-rendered HTML, readable at first paint; the console follows at once.
  if (document.readyState === 'complete') setTimeout(() => void mount(), 0);
  else addEventListener('load', () => void mount(), { once: true });
  host.addEventListener('focusin', () => void mount(), { once: true });
}
