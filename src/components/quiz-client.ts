/**
 * The quiz in the page: reads answers from the form, grades them with gradeQuiz, shows the
 * feedback, and keeps the answers in the learner's progress. No framework; the bank comes from
 * the JSON the server rendered next to the form.
 */
import { gradeQuiz, type QuizGrade } from '../grading/quiz.ts';
import { loadProgress, markLessonRead, recordQuiz, updateProgress } from '../progress/store.ts';
import { browserStorage } from '../progress/browser.ts';
import type { QuizAnswer } from '../progress/schema.ts';
import type { Question, QuizBank } from '../quizzes/schema.ts';
import { fieldName } from './quiz-markup.ts';

type Answers = Record<string, QuizAnswer>;

export function startQuizzes(root: ParentNode = document): void {
  for (const section of root.querySelectorAll<HTMLElement>('[data-quiz]')) {
    if (section.dataset['quizReady']) continue;
    section.dataset['quizReady'] = 'true';
    startQuiz(section);
  }
}

function startQuiz(section: HTMLElement): void {
  const bank = JSON.parse(section.querySelector('script[data-quiz-bank]')!.textContent!) as QuizBank;
  const form = section.querySelector<HTMLFormElement>('form[data-quiz-form]')!;
  const status = section.querySelector<HTMLElement>('[data-quiz-status]')!;
  const storage = browserStorage();

  // Reaching the quiz at the end of the lesson counts as having read it.
  if (storage && 'IntersectionObserver' in window) {
    const seen = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      seen.disconnect();
      try {
        updateProgress(storage, (p) => markLessonRead(p, bank.id, new Date()));
      } catch {
        /* storage full or blocked: reading still worked, nothing to lose */
      }
    });
    seen.observe(section);
  }

  if (storage) {
    const loaded = loadProgress(storage);
    const saved = loaded.progress.quizzes[bank.id];
    if (saved) {
      fillForm(form, bank, saved.answers);
      showGrade(section, bank, saved.answers, gradeQuiz(bank, saved.answers), `Your last check (${new Date(saved.updatedAt).toLocaleString()}): `);
    }
    if (loaded.problems.length > 0) status.textContent = loaded.problems.join(' ');
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // Buttons inside a run-it block may submit the form by default; only our button grades.
    const submitter = (event as SubmitEvent).submitter;
    if (submitter && !submitter.hasAttribute('data-quiz-check')) return;
    const answers = readForm(form, bank);
    const grade = gradeQuiz(bank, answers);
    let note = '';
    if (storage) {
      try {
        const now = new Date();
        // Checking the quiz at the end of a lesson is what counts as having read it (bank id = lesson slug).
        const result = updateProgress(storage, (p) => markLessonRead(recordQuiz(p, bank.id, answers, grade, now), bank.id, now));
        if (result.problems.length > 0) note = ` ${result.problems.join(' ')}`;
      } catch (e) {
        note = ` Your answers could not be saved in this browser (${(e as Error).message}).`;
      }
    } else {
      note = ' This browser does not allow saving, so your answers will not be kept.';
    }
    showGrade(section, bank, answers, grade, '', note);
  });

  section.querySelector('[data-quiz-clear]')!.addEventListener('click', () => {
    form.reset();
    for (const el of section.querySelectorAll<HTMLElement>('[data-feedback]')) {
      el.hidden = true;
      el.textContent = '';
      delete el.dataset['result'];
    }
    status.textContent = 'Answers cleared. Your last saved result stays until you check again.';
  });
}

function readForm(form: HTMLFormElement, bank: QuizBank): Answers {
  const data = new FormData(form);
  const answers: Answers = {};
  for (const q of bank.questions) {
    const answer = readAnswer(data, bank.id, q);
    if (answer !== undefined) answers[q.id] = answer;
  }
  return answers;
}

function readAnswer(data: FormData, bankId: string, q: Question): QuizAnswer | undefined {
  const name = fieldName(bankId, q.id);
  const text = (key: string) => {
    const v = data.get(key);
    return typeof v === 'string' ? v : '';
  };
  switch (q.kind) {
    case 'single':
      return text(name) || undefined;
    case 'multiple': {
      const picked = data.getAll(name).filter((v): v is string => typeof v === 'string');
      return picked.length > 0 ? picked : undefined;
    }
    case 'number': {
      const raw = text(`${name}-value`).trim().replace(/[,\s_]/g, '');
      if (raw === '') return undefined;
      const value = Number(raw);
      // Not a number: left unanswered, since NaN cannot be saved as JSON.
      return Number.isFinite(value) ? { value, unit: text(`${name}-unit`) } : undefined;
    }
    case 'ordering': {
      // Slot i holds the item given position i + 1; '' marks a position no item took.
      const slots: string[] = q.items.map(() => '');
      let any = false;
      for (const item of q.items) {
        const position = Number(text(`${name}-${item.id}`));
        if (!position) continue;
        any = true;
        slots[position - 1] = slots[position - 1] === '' ? item.id : `${slots[position - 1]}+${item.id}`;
      }
      return any ? slots : undefined;
    }
    case 'output':
      return text(name).trim() === '' ? undefined : text(name);
  }
}

function fillForm(form: HTMLFormElement, bank: QuizBank, answers: Readonly<Record<string, QuizAnswer>>): void {
  for (const q of bank.questions) {
    const answer = answers[q.id];
    if (answer === undefined) continue;
    const name = fieldName(bank.id, q.id);
    const controls = (key: string) => form.querySelectorAll<HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement>(`[name="${CSS.escape(key)}"]`);
    if ((q.kind === 'single' || q.kind === 'multiple') && (typeof answer === 'string' || Array.isArray(answer))) {
      const chosen = new Set(typeof answer === 'string' ? [answer] : answer);
      for (const input of controls(name)) input.checked = chosen.has(input.value);
    } else if (q.kind === 'number' && typeof answer === 'object' && !Array.isArray(answer)) {
      for (const input of controls(`${name}-value`)) input.value = String(answer.value);
      for (const select of controls(`${name}-unit`)) select.value = answer.unit;
    } else if (q.kind === 'ordering' && Array.isArray(answer)) {
      answer.forEach((slot, i) => {
        for (const id of slot.split('+')) if (id) for (const select of controls(`${name}-${id}`)) select.value = String(i + 1);
      });
    } else if (q.kind === 'output' && typeof answer === 'string') {
      for (const area of controls(name)) area.value = answer;
    }
  }
}

function showGrade(section: HTMLElement, bank: QuizBank, answers: Readonly<Record<string, QuizAnswer>>, grade: QuizGrade, prefix: string, note = ''): void {
  for (const g of grade.perQuestion) {
    const fieldset = section.querySelector<HTMLElement>(`fieldset[data-question="${CSS.escape(g.id)}"]`);
    // A predict-the-output question offers its run only once the learner's own answer was checked.
    if (answers[g.id] !== undefined) revealRun(fieldset);
    const box = fieldset?.querySelector<HTMLElement>('[data-feedback]');
    if (!box) continue;
    box.hidden = false;
    box.textContent = g.feedback;
    box.dataset['result'] = g.correct ? 'right' : g.points > 0 ? 'partly' : 'wrong';
  }
  const right = grade.perQuestion.filter((g) => g.correct).length;
  section.querySelector<HTMLElement>('[data-quiz-status]')!.textContent =
    `${prefix}${fmtPoints(grade.score)} of ${grade.maxScore} points; ${right} of ${bank.questions.length} questions fully right.${note}`;
}

function revealRun(fieldset: HTMLElement | null): void {
  const run = fieldset?.querySelector<HTMLElement>('[data-quiz-run]');
  if (!run) return;
  run.hidden = false;
  fieldset!.querySelector<HTMLElement>('[data-quiz-run-note]')?.remove();
}

function fmtPoints(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0$/, '');
}
