/**
 * The light part of <TryIt>: wires the Run buttons and loads the emulator (tryit-runner) only
 * when a block scrolls into view (starting a worker for it then) or Run is pressed.
 */
type Runner = typeof import('./tryit-runner.ts');
let runner: Promise<Runner> | undefined;
const loadRunner = () => (runner ??= import('./tryit-runner.ts'));

export function bootTryIt(): void {
  const blocks = document.querySelectorAll<HTMLElement>('[data-tryit]:not([data-tryit-ready])');
  if (!blocks.length) return;
  const observer = 'IntersectionObserver' in window ? new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      void loadRunner().then((r) => r.warmUp());
      observer?.disconnect();
    }
  }) : undefined;
  blocks.forEach((block, index) => {
    block.dataset.tryitReady = '';
    observer?.observe(block);
    const button = block.querySelector<HTMLButtonElement>('[data-tryit-run]')!;
    // A predict-the-output block offers Run only once the learner has written a prediction.
    const prediction = block.querySelector<HTMLTextAreaElement>('[data-tryit-prediction]');
    if (prediction) {
      const hint = block.querySelector<HTMLElement>('[data-tryit-prediction-hint]');
      const offerRun = () => {
        const answered = prediction.value.trim() !== '';
        button.hidden = !answered;
        if (hint) hint.hidden = answered;
      };
      prediction.addEventListener('input', offerRun);
      offerRun();
    }
    button.addEventListener('click', async () => {
      const output = block.querySelector<HTMLElement>('[data-tryit-output]')!;
      button.disabled = true;
      output.textContent = 'Running…';
      try {
        const { runTryIt } = await loadRunner();
        await runTryIt(block, index);
      } catch (e) {
        output.textContent = `The emulator could not run this example: ${String(e)}`;
      } finally {
        button.disabled = false;
      }
    });
  });
}
