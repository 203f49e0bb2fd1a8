import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commonFailures, learnerRows, notStarted, overview, passRates, scoreDistribution, sortRows, tableCsv } from './class-summary.ts';
import { GradeExportError, readGradeExports, type ClassResults } from './grade-export.ts';

const dir = new URL('../../tests/fixtures/instructor/', import.meta.url);
const file = (name: string) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') });
const csv = () => readGradeExports([file('class.csv')]);
const junit = () => readGradeExports([file('class.xml')]);
const gradescope = () => readGradeExports(readdirSync(new URL('gradescope/', dir)).sort().map((n) => file(`gradescope/${n}`)));

const who = (c: ClassResults) => c.learners.map((l) => [l.name, l.id, l.status, l.score, l.maxScore]).sort();
const CLASS = [
  ['Ada Lovelace', 's001', 'graded', 518, 518],
  ['Alan Turing', 's003', 'graded', 107.5, 518],
  ['Edsger Dijkstra', 's004', 'graded', 0, 518],
  ['Grace Hopper', 's002', 'graded', 415.5, 518],
  ['linus', '', 'corrupt', 0, 518],
];

describe("reading the grader's exports", () => {
  it('reads the CSV gradebook: learners, statuses, per-part scores', () => {
    const c = csv();
    expect(c.format).toBe('csv');
    expect(who(c)).toEqual(CLASS);
    const grace = c.learners.find((l) => l.id === 's002')!;
    expect(grace.parts.slice(0, 5)).toEqual([
      { kind: 'exercise', id: 'Hello, Lambda', title: 'Hello, Lambda', score: 100, maxScore: 100 },
      { kind: 'exercise', id: 'Environment variables', title: 'Environment variables', score: 100, maxScore: 100 },
      { kind: 'exercise', id: 'Versions and aliases', title: 'Versions and aliases', score: 100, maxScore: 100 },
      { kind: 'exercise', id: 'Layers', title: 'Layers', score: 0, maxScore: 100 },
      { kind: 'quiz', id: 'Check yourself: what Lambda is', title: 'Check yourself: what Lambda is', score: 6.5, maxScore: 8 },
    ]);
    expect(grace.tests).toBeUndefined();
  });

  it('reads Gradescope results.json files, one per learner, into one class', () => {
    const c = gradescope();
    expect(c.format).toBe('gradescope');
    expect(who(c)).toEqual(CLASS);
    const alan = c.learners.find((l) => l.id === 's003')!;
    expect(alan.parts[0]).toEqual({ kind: 'exercise', id: 'hello-lambda', title: 'Hello, Lambda', score: 100, maxScore: 100 });
    expect(alan.parts.find((p) => p.id === 'what-is-lambda')).toEqual({ kind: 'quiz', id: 'what-is-lambda', title: 'Check yourself: what Lambda is', score: 7.5, maxScore: 8 });
    expect(alan.tests!.find((t) => t.name === 'Environment variables: Add the environment variable HELLO=world')).toMatchObject({ passed: false, score: 0, maxScore: 20, output: 'The submission holds no work for Environment variables.' });
    expect(c.learners.find((l) => l.name === 'linus')!.problem).toMatch(/^Your upload could not be read as an exported workbook: Saved progress is not valid JSON/);
  });

  it('reads the JUnit XML to the same scores and tests as Gradescope', () => {
    const j = junit();
    const g = gradescope();
    expect(j.format).toBe('junit');
    expect(who(j)).toEqual(CLASS);
    const byId = (c: ClassResults, id: string) => c.learners.find((l) => l.id === id)!;
    for (const id of ['s001', 's002', 's003', 's004']) {
      expect(byId(j, id).parts).toEqual(byId(g, id).parts);
      expect(byId(j, id).tests!.map((t) => [t.kind, t.name, t.score, t.maxScore, t.passed, t.passed ? '' : t.output])).toEqual(
        byId(g, id).tests!.map((t) => [t.kind, t.name, t.score, t.maxScore, t.passed, t.passed ? '' : t.output]),
      );
    }
    expect(j.learners.find((l) => l.name === 'linus')).toMatchObject({ status: 'corrupt', file: 'submissions/linus.json', problem: 'Saved progress is not valid JSON (Unexpected end of JSON input).' });
  });

  it('says what a file is not, and never reads a wrong file as grades', () => {
    const fail = (name: string, text: string) => () => readGradeExports([{ name, text }]);
    expect(fail('roster.csv', 'name,id,prefix\nAda,s001,ada-\n')).toThrow(new GradeExportError("roster.csv is not the grader's CSV gradebook: its first row must start Name,ID,File,Status and end with Total [points] (npm run grade -- --format csv)."));
    expect(fail('workbook.json', '{"version":1,"quizzes":{}}')).toThrow(/^workbook\.json is not a Gradescope results\.json from the grader/);
    expect(fail('broken.json', '{"score": ')).toThrow(/^broken\.json is not valid JSON/);
    expect(fail('page.html', '<html></html>')).toThrow(/^page\.html is not the grader's JUnit XML/);
    expect(fail('short.csv', 'Name,ID,File,Status,Exercise: A [10],Total [10]\r\nAda,s1,a.json,graded,5\r\n')).toThrow('short.csv: row 2 has 5 fields; the header has 6.');
    expect(fail('nan.csv', 'Name,ID,File,Status,Exercise: A [10],Total [10]\r\nAda,s1,a.json,graded,five,5\r\n')).toThrow('nan.csv: row 2, A: "five" is not a number.');
    expect(() => readGradeExports([file('class.csv'), file('gradescope/ada.results.json')])).toThrow('The files are of different formats (csv, gradescope); open one export at a time.');
    expect(() => readGradeExports([])).toThrow(/^Choose a file/);
  });
});

describe('where the class stands', () => {
  it('bins graded learners by tenth of the maximum', () => {
    const bins = scoreDistribution(gradescope());
    expect(bins.map((b) => b.count)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 1, 1]);
    expect(bins[0]).toEqual({ from: 0, to: 10, count: 1 });
    expect(scoreDistribution(csv())).toEqual(bins);
  });

  it('gives the pass rate of each task and question, or of each part from the CSV', () => {
    const rates = passRates(gradescope());
    expect(rates.find((r) => r.item === 'Hello, Lambda: Run a test event')).toEqual({ kind: 'exercise', part: 'Hello, Lambda', item: 'Hello, Lambda: Run a test event', passed: 3, learners: 4, rate: 75, averagePercent: 75 });
    expect(rates.find((r) => r.item === 'Quiz Check yourself: what Lambda is: question 2 (billing)')).toMatchObject({ kind: 'quiz', passed: 1, learners: 4, rate: 25 });
    const byPart = passRates(csv());
    expect(byPart.find((r) => r.item === 'Layers')).toEqual({ kind: 'exercise', part: 'Layers', item: 'Layers', passed: 1, learners: 4, rate: 25, averagePercent: 25 });
  });

  it('ranks failing messages by how many learners saw them', () => {
    const top = commonFailures(gradescope(), 3);
    expect(top[0]).toEqual({ kind: 'exercise', message: 'The submission holds no work for Layers.', learners: 3, items: expect.arrayContaining(['Layers: Publish the random-words layer']) });
    expect(top.map((f) => f.learners)).toEqual([3, 2, 2]);
    expect(commonFailures(csv())).toEqual([]);
  });

  it('lists who has not started, and whose file could not be graded', () => {
    expect(notStarted(csv()).map((n) => [n.name, n.reason])).toEqual([
      ['Edsger Dijkstra', 'no points in any exercise or quiz'],
      ['linus', 'file not graded (corrupt)'],
    ]);
    expect(notStarted(gradescope()).find((n) => n.name === 'linus')!.reason).toMatch(/^file not graded \(corrupt: Your upload could not be read/);
  });

  it('summarises each learner and the class', () => {
    const rows = learnerRows(gradescope());
    expect(rows.find((r) => r.id === 's003')).toMatchObject({ name: 'Alan Turing', score: 107.5, maxScore: 518, percent: 20.8, status: 'graded' });
    expect(overview(csv())).toEqual({ learners: 5, graded: 4, averagePercent: 50.3, medianPercent: 50.5 });
  });
});

describe('tables', () => {
  const rows: [string, number][] = [['b', 2], ['a10', 10], ['a9', 9], ['c', 2]];
  it('sorts numbers as numbers and text naturally, keeping ties in order', () => {
    expect(sortRows(rows, 1, 'ascending')).toEqual([['b', 2], ['c', 2], ['a9', 9], ['a10', 10]]);
    expect(sortRows(rows, 1, 'descending')).toEqual([['a10', 10], ['a9', 9], ['b', 2], ['c', 2]]);
    expect(sortRows(rows, 0, 'ascending').map((r) => r[0])).toEqual(['a9', 'a10', 'b', 'c']);
  });

  it('exports as RFC 4180 CSV', () => {
    expect(tableCsv(['Name', 'Score'], [['Lovelace, Ada', 518], ['Say "hi"', 1]])).toBe('Name,Score\r\n"Lovelace, Ada",518\r\n"Say ""hi""",1\r\n');
  });
});
