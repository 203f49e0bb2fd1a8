/**
 * Reads what `npm run grade` writes, in the browser, for the instructor's view: the class gradebook
 * (`--format csv`: one row per learner, one column per exercise and quiz), Gradescope results.json
 * (`--format gradescope`: one learner per file, one test per task and quiz question) and JUnit XML
 * (`--format junit`: the whole class, one testcase per task and question). Nothing leaves the page.
 * Formats as src/grading/reports/ write them; a file that is none of these says which it is not.
 */
import { parseCsv } from '../grading/roster.ts';

export type PartKind = 'exercise' | 'quiz';

export interface PartResult {
  kind: PartKind;
  /** Exercise slug or quiz bank id; the column's title when only the CSV named it. */
  id: string;
  title: string;
  score: number;
  maxScore: number;
}

/** One exercise task or quiz question, when the format has them (Gradescope, JUnit). */
export interface TestResult {
  kind: PartKind;
  partId: string;
  partTitle: string;
  name: string;
  score: number;
  maxScore: number;
  passed: boolean;
  /** The check's message or the question's feedback. */
  output: string;
}

export interface LearnerResult {
  name: string;
  id: string;
  file: string;
  /** `graded`; `corrupt` or `error` when the grader could not read or grade the submission. */
  status: string;
  problem?: string;
  score: number;
  maxScore: number;
  parts: PartResult[];
  /** Absent when the format has only per-part scores (CSV). */
  tests?: TestResult[];
}

export interface ClassResults {
  format: 'csv' | 'gradescope' | 'junit';
  learners: LearnerResult[];
}

export class GradeExportError extends Error {}

const round2 = (n: number): number => Math.round(n * 100) / 100;

// ---- CSV ------------------------------------------------------------------------------------------

const PART_HEADING = /^(Exercise|Quiz): (.*) \[(\d+(?:\.\d+)?)\]$/;
const TOTAL_HEADING = /^Total \[(\d+(?:\.\d+)?)\]$/;

export function readGradebookCsv(text: string, fileName: string): ClassResults {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (e) {
    throw new GradeExportError(`${fileName} is not CSV: ${(e as Error).message}.`);
  }
  const header = rows[0] ?? [];
  if (header.slice(0, 4).join(',') !== 'Name,ID,File,Status' || !TOTAL_HEADING.test(header.at(-1) ?? '')) {
    throw new GradeExportError(`${fileName} is not the grader's CSV gradebook: its first row must start Name,ID,File,Status and end with Total [points] (npm run grade -- --format csv).`);
  }
  const columns = header.slice(4, -1).map((heading, i) => {
    const m = PART_HEADING.exec(heading);
    if (!m) throw new GradeExportError(`${fileName}: column ${i + 5} "${heading}" is not "Exercise: title [points]" or "Quiz: title [points]".`);
    return { kind: (m[1] === 'Exercise' ? 'exercise' : 'quiz') as PartKind, title: m[2]!, maxScore: Number(m[3]) };
  });
  const maxScore = Number(TOTAL_HEADING.exec(header.at(-1)!)![1]);
  const learners = rows.slice(1).map((row, r) => {
    if (row.length !== header.length) throw new GradeExportError(`${fileName}: row ${r + 2} has ${row.length} fields; the header has ${header.length}.`);
    const number = (value: string, where: string) => {
      const n = Number(value);
      if (value.trim() === '' || !Number.isFinite(n)) throw new GradeExportError(`${fileName}: row ${r + 2}, ${where}: "${value}" is not a number.`);
      return n;
    };
    return {
      name: row[0]!,
      id: row[1]!,
      file: row[2]!,
      status: row[3]!,
      score: number(row.at(-1)!, 'Total'),
      maxScore,
      parts: columns.map((c, i) => ({ kind: c.kind, id: c.title, title: c.title, maxScore: c.maxScore, score: number(row[4 + i]!, c.title) })),
    };
  });
  return { format: 'csv', learners };
}

// ---- Gradescope results.json ------------------------------------------------------------------------

interface GradescopeLike {
  score?: unknown;
  output?: unknown;
  tests?: unknown;
  extra_data?: { learner?: { name?: unknown; id?: unknown }; file?: unknown; status?: unknown };
}

export function readGradescopeResults(doc: unknown, fileName: string): LearnerResult {
  const d = doc as GradescopeLike;
  if (!d || typeof d !== 'object' || typeof d.score !== 'number' || !Array.isArray(d.tests)) {
    throw new GradeExportError(`${fileName} is not a Gradescope results.json from the grader: it needs a numeric "score" and a "tests" list (npm run grade -- --format gradescope).`);
  }
  const learner = d.extra_data?.learner;
  const tests: TestResult[] = d.tests.map((raw, i) => {
    const t = raw as { name?: unknown; score?: unknown; max_score?: unknown; status?: unknown; output?: unknown; tags?: unknown };
    const tags = Array.isArray(t.tags) ? t.tags.map(String) : [];
    if (typeof t.score !== 'number' || typeof t.max_score !== 'number') throw new GradeExportError(`${fileName}: test ${i + 1} has no numeric score and max_score.`);
    const kind: PartKind = tags[0] === 'quiz' ? 'quiz' : 'exercise';
    const name = String(t.name ?? `test ${i + 1}`);
    return {
      kind,
      partId: tags[1] ?? 'unknown',
      partTitle: partTitleOf(name),
      name,
      score: t.score,
      maxScore: t.max_score,
      // The grader writes `failed` for a partly passed test too: passing is full marks.
      passed: t.score >= t.max_score,
      output: String(t.output ?? ''),
    };
  });
  const parts = partsOf(tests);
  const status = typeof d.extra_data?.status === 'string' ? d.extra_data.status : 'graded';
  return {
    name: typeof learner?.name === 'string' ? learner.name : fileName,
    id: typeof learner?.id === 'string' ? learner.id : '',
    file: typeof d.extra_data?.file === 'string' ? d.extra_data.file : fileName,
    status,
    ...(status !== 'graded' && typeof d.output === 'string' ? { problem: d.output } : {}),
    score: d.score,
    maxScore: round2(parts.reduce((n, p) => n + p.maxScore, 0)),
    parts,
    tests,
  };
}

function partsOf(tests: readonly TestResult[]): PartResult[] {
  const parts = new Map<string, PartResult>();
  for (const t of tests) {
    const key = `${t.kind}:${t.partId}`;
    const p = parts.get(key) ?? { kind: t.kind, id: t.partId, title: t.partTitle, score: 0, maxScore: 0 };
    p.score = round2(p.score + t.score);
    p.maxScore = round2(p.maxScore + t.maxScore);
    parts.set(key, p);
  }
  return [...parts.values()];
}

/** The grader names a quiz question `Quiz <quiz title>: question <n> (<id>)`, and a task `<exercise title>: <task>`. */
const QUIZ_TEST = /^Quiz (.*): question \d+ \([^()]*\)$/;
const kindOf = (testName: string): PartKind => (QUIZ_TEST.test(testName) ? 'quiz' : 'exercise');

function partTitleOf(testName: string): string {
  const quiz = QUIZ_TEST.exec(testName);
  if (quiz) return quiz[1]!;
  const colon = testName.indexOf(': ');
  return colon > 0 ? testName.slice(0, colon) : testName;
}

// ---- JUnit XML --------------------------------------------------------------------------------------

const unescapeXml = (s: string): string =>
  s.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (named[e]) return named[e]!;
    return String.fromCodePoint(e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)="([^"]*)"/g)) out[m[1]!] = unescapeXml(m[2]!);
  return out;
}

/** `Name (id)` as the JUnit report writes a learner. */
function splitWho(who: string): { name: string; id: string } {
  const m = /^(.*) \(([^()]*)\)$/.exec(who);
  return m ? { name: m[1]!, id: m[2]! } : { name: who, id: '' };
}

export function readJunitReport(text: string, fileName: string): ClassResults {
  if (!/<testsuites\b/.test(text)) throw new GradeExportError(`${fileName} is not the grader's JUnit XML: it has no <testsuites> (npm run grade -- --format junit).`);
  const learners = new Map<string, LearnerResult>();
  for (const suite of text.matchAll(/<testsuite\b([^>]*)>([\s\S]*?)<\/testsuite>/g)) {
    const suiteAttrs = attributes(suite[1]!);
    const body = suite[2]!;
    const name = suiteAttrs.name ?? '';
    const slash = name.lastIndexOf(' / ');
    const who = splitWho(slash >= 0 ? name.slice(0, slash) : name);
    const key = `${who.name}\u0000${who.id}`;
    let learner = learners.get(key);
    if (!learner) learners.set(key, (learner = { ...who, file: '', status: 'graded', score: 0, maxScore: 0, parts: [], tests: [] }));
    const error = /<error\b([^>]*)\/>/.exec(body);
    if (slash < 0 && error) {
      // The grader could not read or grade this learner's file.
      const attrs = attributes(error[1]!);
      const testcase = attributes(/<testcase\b([^>]*)>/.exec(body)?.[1] ?? '');
      learner.status = attrs.type ?? 'error';
      learner.problem = attrs.message ?? '';
      learner.file = (testcase.name ?? '').replace(/^read /, '');
      continue;
    }
    const partTitle = slash >= 0 ? name.slice(slash + 3) : name;
    for (const tc of body.matchAll(/<testcase\b([^>]*)>([\s\S]*?)<\/testcase>/g)) {
      const a = attributes(tc[1]!);
      const props = Object.fromEntries([...tc[2]!.matchAll(/<property\b([^>]*)\/>/g)].map((p) => { const pa = attributes(p[1]!); return [pa.name, pa.value]; }));
      const failure = /<failure\b([^>]*)\/>/.exec(tc[2]!);
      const classname = a.classname ?? '';
      const partId = classname.slice(classname.lastIndexOf('.') + 1);
      const score = Number(props.score ?? 0);
      const maxScore = Number(props.max_score ?? 0);
      // `<score>/<max>: <output>`: the message carries the check's own words after the score.
      const message = failure ? (attributes(failure[1]!).message ?? '').replace(/^[\d.]+\/[\d.]+: /, '') : '';
      const testName = a.name ?? '';
      learner.tests!.push({ kind: kindOf(testName), partId, partTitle, name: testName, score, maxScore, passed: !failure, output: message });
    }
  }
  for (const l of learners.values()) {
    l.parts = partsOf(l.tests!);
    l.score = round2(l.parts.reduce((n, p) => n + p.score, 0));
    l.maxScore = round2(l.parts.reduce((n, p) => n + p.maxScore, 0));
  }
  return { format: 'junit', learners: [...learners.values()] };
}

// ---- any of them ------------------------------------------------------------------------------------

/** Reads one or more files the instructor chose; several Gradescope results.json make one class. */
export function readGradeExports(files: readonly { name: string; text: string }[]): ClassResults {
  if (!files.length) throw new GradeExportError('Choose a file: the grader\'s CSV, its Gradescope results.json files or its JUnit XML.');
  const read = files.map((f) => readOne(f.name, f.text));
  const formats = new Set(read.map((r) => r.format));
  if (formats.size > 1) throw new GradeExportError(`The files are of different formats (${[...formats].join(', ')}); open one export at a time.`);
  const learners = read.flatMap((r) => r.learners);
  // A learner whose file could not be graded has no tests: the class's maximum is theirs too.
  const classMax = Math.max(0, ...learners.map((l) => l.maxScore));
  for (const l of learners) if (l.maxScore === 0) l.maxScore = classMax;
  return { format: read[0]!.format, learners };
}

function readOne(name: string, text: string): ClassResults {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('<')) return readJunitReport(trimmed, name);
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch (e) {
      throw new GradeExportError(`${name} is not valid JSON: ${(e as Error).message}.`);
    }
    const docs = Array.isArray(doc) ? doc : [doc];
    return { format: 'gradescope', learners: docs.map((d, i) => readGradescopeResults(d, docs.length > 1 ? `${name} #${i + 1}` : name)) };
  }
  return readGradebookCsv(trimmed, name);
}
