/** The task list's Check button: runs the exercise's checks against the in-page emulator and marks each task. */
import { requestHandlerDownload, runChecks, type CheckReport } from '../checks/index.ts';
import { announce } from './dom.ts';
import type { Ctx } from './context.ts';
import { wireHints } from './hints.ts';
import type { Mismatch } from '../checks/types.ts';

/** The task's "Expected / Got" pairs under its message: what the check looked for and what it found. */
function showMismatches(list: HTMLElement | null, mismatches: readonly Mismatch[] | undefined, passed: boolean): void {
  if (!list) return;
  list.replaceChildren();
  const shown = passed ? [] : (mismatches ?? []);
  for (const m of shown) {
    for (const [term, value] of [['Expected', m.expected], ['Got', m.got]] as const) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      list.append(dt, dd);
    }
  }
  list.hidden = shown.length === 0;
}

export function wireChecks(ctx: Ctx): void {
  const button = document.querySelector<HTMLButtonElement>('[data-action="check"]');
  const score = document.querySelector<HTMLElement>('[data-score]');
  const questions = document.querySelector<HTMLFormElement>('[data-questions]');
  wireHints(ctx);
  if (!button || !score) return;

  // Restore and keep the learner's answers.
  if (questions) {
    for (const [id, value] of Object.entries(ctx.state.answers)) {
      const inputs = questions.querySelectorAll<HTMLInputElement>(`[name="${CSS.escape(id)}"]`);
      for (const input of inputs) {
        if (input.type === 'radio') input.checked = input.value === value;
        else input.value = value;
      }
    }
    questions.addEventListener('input', () => {
      const data = new FormData(questions);
      ctx.state.answers = Object.fromEntries([...data.entries()].map(([k, v]) => [k, String(v)]));
      ctx.save();
    });
    questions.addEventListener('submit', (e) => e.preventDefault());
  }

  const show = (report: Pick<CheckReport, 'tasks'>) => {
    let earned = 0;
    let max = 0;
    for (const t of report.tasks) {
      earned += t.points;
      max += t.maxPoints;
      const li = document.querySelector<HTMLElement>(`[data-task="${CSS.escape(t.id)}"]`);
      if (!li) continue;
      li.dataset.passed = String(t.passed);
      li.querySelector('[data-task-state]')!.textContent = t.passed ? `Done: ${t.points} of ${t.maxPoints} points` : `${t.points} of ${t.maxPoints} points`;
      li.querySelector('[data-task-message]')!.textContent = t.passed ? '' : t.message;
      showMismatches(li.querySelector<HTMLElement>('[data-task-mismatches]'), t.mismatches, t.passed);
    }
    score.textContent = `${earned} of ${max} points`;
  };

  if (ctx.state.taskResults.length) show({ tasks: ctx.state.taskResults.map((t) => ({ ...t, title: t.id })) });
  button.disabled = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    score.textContent = 'Checking…';
    try {
      const report = await runChecks(ctx.exercise.slug, { lambda: ctx.emu.lambda, logs: ctx.emu.logs, target: 'emulator', answers: ctx.state.answers, download: requestHandlerDownload(ctx.emu.requestHandler) });
      ctx.state.taskResults = report.tasks.map(({ id, passed, points, maxPoints, message, mismatches }) => ({ id, passed, points, maxPoints, message, ...(mismatches ? { mismatches } : {}) }));
      ctx.save();
      show(report);
      announce(`Checked: ${score.textContent}`);
      ctx.changed('logs');
    } catch (e) {
      score.textContent = `The checks could not run: ${String(e)}`;
    } finally {
      button.disabled = false;
    }
  });
}
