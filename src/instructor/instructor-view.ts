/**
 * The instructor's view: open the grader's export (chosen from disk, read in this page, never sent
 * anywhere) and see the class: the spread of scores, pass rates, the failing checks most learners
 * hit, who has not started, and each learner's detail.
 */
import { commonFailures, learnerRows, notStarted, overview, passRates, scoreDistribution, type Cell } from './class-summary.ts';
import { GradeExportError, readGradeExports, type ClassResults, type LearnerResult } from './grade-export.ts';
import { sortableTable } from './sortable-table.ts';

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
};
const pct = (v: Cell) => `${v}%`;
const FORMAT_NAMES = { csv: 'CSV gradebook', gradescope: 'Gradescope results.json', junit: 'JUnit XML' } as const;

export function mountInstructorView(root: HTMLElement): void {
  const input = root.querySelector<HTMLInputElement>('[data-grade-file]')!;
  const status = root.querySelector<HTMLElement>('[data-load-status]')!;
  const out = root.querySelector<HTMLElement>('[data-class-view]')!;
  let generation = 0;

  input.addEventListener('change', async () => {
    const mine = ++generation;
    const files = [...(input.files ?? [])];
    status.removeAttribute('data-error');
    status.textContent = `Reading ${files.length === 1 ? files[0]!.name : `${files.length} files`}…`;
    try {
      const texts = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
      const results = readGradeExports(texts);
      if (mine !== generation) return;
      const o = overview(results);
      status.textContent = `Read ${FORMAT_NAMES[results.format]} (${files.map((f) => f.name).join(', ')}): ${o.learners} learners, ${o.graded} graded.`;
      render(out, results);
    } catch (e) {
      if (mine !== generation) return;
      status.setAttribute('data-error', '');
      status.textContent = e instanceof GradeExportError ? e.message : `The file could not be read: ${String(e)}`;
      out.replaceChildren();
    }
  });

  // Or the lab server's accounts, graded now from this page as `npm run grade -- --lab` grades them.
  const form = root.querySelector<HTMLFormElement>('[data-lab-form]');
  form?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const mine = ++generation;
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const endpoint = field('endpoint').replace(/\/$/, '');
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    status.removeAttribute('data-error');
    status.textContent = `Asking ${endpoint} for its learners…`;
    button.disabled = true;
    try {
      // The checks and the SDK load only for an instructor who grades a lab from here.
      const [{ gradeLabAccounts }, { junitReport }, { exercises }] = await Promise.all([
        import('../grading/lab-grades.ts'),
        import('../grading/reports/junit.ts'),
        import('../../exercises/index.ts'),
      ]);
      const grades = await gradeLabAccounts(
        { endpoint, region: field('region') || 'us-east-1', credentials: { accessKeyId: field('accessKeyId'), secretAccessKey: field('secretAccessKey') } },
        exercises.map((e) => e.meta.slug),
        { progress: (done, total) => mine === generation && (status.textContent = `Graded ${done} of ${total} learners on ${endpoint}…`) },
      );
      const results = readGradeExports([{ name: `${endpoint}.xml`, text: junitReport(grades) }]);
      if (mine !== generation) return;
      const o = overview(results);
      status.textContent = `Graded the lab server ${endpoint} now: ${o.learners} learners, ${o.graded} graded. Quizzes are graded from exported workbooks only.`;
      render(out, results);
    } catch (e) {
      if (mine !== generation) return;
      status.setAttribute('data-error', '');
      const message = e instanceof Error ? e.message : String(e);
      // A browser says only "Failed to fetch" when it cannot reach the server or the page may not.
      status.textContent = /fetch/i.test(message) && !/lab server/.test(message)
        ? `The lab server at ${endpoint} could not be reached from this page (${message}). Is it running, and reachable from this computer? A page served over HTTPS can only read a lab server that has --tls-cert.`
        : message;
      out.replaceChildren();
    } finally {
      button.disabled = false;
    }
  });
}

function render(out: HTMLElement, c: ClassResults): void {
  const o = overview(c);
  const bins = scoreDistribution(c);
  const chart = el('div', { role: 'img', 'data-score-chart': '', 'aria-label': `Distribution of scores: ${bins.filter((b) => b.count).map((b) => `${b.count} learner${b.count === 1 ? '' : 's'} at ${b.from}–${b.to}%`).join(', ') || 'no graded learners'}.` });
  const detail = el('section', { 'data-learner-detail': '', 'aria-labelledby': 'learner-detail-h', hidden: '' });
  const hasTests = c.format !== 'csv';

  out.replaceChildren(
    el('h2', { id: 'overview-h' }, 'Overview'),
    el('p', { 'data-overview': '' }, `${o.learners} learners, ${o.graded} graded. Average ${o.averagePercent}%, median ${o.medianPercent}% of the maximum.`),
    el('h2', { id: 'distribution-h' }, 'Distribution of scores'),
    chart,
    sortableTable({
      caption: 'Graded learners per tenth of the maximum score',
      name: 'score-bins',
      fileName: 'score-distribution.csv',
      columns: [{ label: 'Score (percent of the maximum)' }, { label: 'Learners' }],
      rows: bins.map((b, i) => [`${b.from}–${b.to}%${i === bins.length - 1 ? ' (100 included)' : ''}`, b.count]),
    }),
    el('h2', { id: 'pass-rates-h' }, hasTests ? 'Pass rate per task and quiz question' : 'Pass rate per exercise and quiz'),
    hasTests ? '' : el('p', {}, 'The CSV gradebook has one score per exercise and quiz; open the Gradescope or JUnit export for each task and question.'),
    sortableTable({
      caption: hasTests ? 'Pass rate per task and quiz question (full marks)' : 'Pass rate per exercise and quiz (full marks)',
      name: 'pass-rates',
      fileName: 'pass-rates.csv',
      columns: [{ label: hasTests ? 'Task or question' : 'Exercise or quiz' }, { label: 'Kind' }, { label: 'Passed' }, { label: 'Graded learners' }, { label: 'Pass rate', render: pct }, { label: 'Average score', render: pct }],
      rows: passRates(c).map((r) => [r.item, r.kind, r.passed, r.learners, r.rate, r.averagePercent]),
    }),
    el('h2', { id: 'failures-h' }, 'Most common failing check messages'),
    hasTests
      ? sortableTable({
          caption: 'Failing check messages and feedback, by learners who saw them',
          name: 'failures',
          fileName: 'failing-messages.csv',
          columns: [{ label: 'Message' }, { label: 'From' }, { label: 'Learners' }, { label: 'Tasks and questions' }],
          rows: commonFailures(c).map((f) => [f.message, f.kind === 'exercise' ? 'exercise check' : 'quiz feedback', f.learners, f.items.join('; ')]),
          sortedBy: { column: 2, direction: 'descending' },
        })
      : el('p', {}, 'The CSV gradebook has no check messages; open the Gradescope or JUnit export to see them.'),
    el('h2', { id: 'not-started-h' }, 'Not started'),
    notStarted(c).length
      ? sortableTable({
          caption: 'Learners with no points anywhere, and files not graded',
          name: 'not-started',
          fileName: 'not-started.csv',
          columns: [{ label: 'Name' }, { label: 'ID' }, { label: 'File' }, { label: 'Why listed' }],
          rows: notStarted(c).map((n) => [n.name, n.id, n.file, n.reason]),
        })
      : el('p', {}, 'Every learner has points somewhere.'),
    el('h2', { id: 'learners-h' }, 'Learners'),
    sortableTable({
      caption: 'Every learner: score and tasks passed (choose a name for the detail)',
      name: 'learners',
      fileName: 'learners.csv',
      columns: [
        {
          label: 'Name',
          render: (value, row) => {
            const learner = c.learners.find((l) => l.name === value && l.id === row[1])!;
            const b = el('button', { type: 'button', class: 'wb-link', 'data-show-learner': learner.id || learner.name }, String(value));
            b.addEventListener('click', () => showLearner(detail, learner));
            return b;
          },
        },
        { label: 'ID' },
        { label: 'Status' },
        { label: 'Score' },
        { label: 'Maximum' },
        { label: 'Percent', render: pct },
        { label: hasTests ? 'Tasks and questions passed' : 'Exercises and quizzes with full marks' },
      ],
      rows: learnerRows(c).map((r) => [r.name, r.id, r.status, r.score, r.maxScore, r.percent, `${r.passed} of ${r.tests}`]),
    }),
    detail,
  );
  // The chart library arrives only now, with something to draw.
  void import('./score-histogram.ts').then(({ drawScoreHistogram }) => drawScoreHistogram(chart, bins), () => undefined);
}

function showLearner(detail: HTMLElement, l: LearnerResult): void {
  const failing = (l.tests ?? []).filter((t) => !t.passed);
  detail.hidden = false;
  const heading = el('h2', { id: 'learner-detail-h', tabindex: '-1' }, `${l.name}${l.id ? ` (${l.id})` : ''}`);
  detail.replaceChildren(
    heading,
    el('p', {}, `${l.status === 'graded' ? `${l.score} of ${l.maxScore} points.` : `Not graded (${l.status}): ${l.problem ?? 'no reason given'}`}${l.file ? ` File: ${l.file}.` : ''}`),
    sortableTable({
      caption: `${l.name}: score per exercise and quiz`,
      name: 'learner-parts',
      fileName: `${l.id || l.name}-parts.csv`,
      columns: [{ label: 'Exercise or quiz' }, { label: 'Kind' }, { label: 'Score' }, { label: 'Maximum' }],
      rows: l.parts.map((p) => [p.title, p.kind, p.score, p.maxScore]),
    }),
    l.tests
      ? failing.length
        ? sortableTable({
            caption: `${l.name}: tasks and questions not passed`,
            name: 'learner-failing',
            fileName: `${l.id || l.name}-not-passed.csv`,
            columns: [{ label: 'Task or question' }, { label: 'Score' }, { label: 'Maximum' }, { label: 'What the check said' }],
            rows: failing.map((t) => [t.name, t.score, t.maxScore, t.output]),
          })
        : el('p', {}, 'Every task and question passed.')
      : '',
  );
  heading.focus();
}
