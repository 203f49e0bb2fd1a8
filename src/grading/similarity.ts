/**
 * The similarity report: pairs of learners whose handler code for the same exercise is
 * near-identical, for the instructor to review. It never changes a grade.
 *
 * Winnowing (Schleimer, Wilkerson and Aiken, SIGMOD 2003, the algorithm behind MOSS): the code is
 * cut into a normalised token stream (every identifier the same token, literals one token each,
 * whitespace and comments gone), so renaming variables or reformatting changes nothing; each run
 * of k tokens is hashed, and in every window of w consecutive hashes the smallest is kept. Any
 * run of k + w - 1 tokens two files share is guaranteed to give them a common fingerprint.
 * Fingerprints of the code every learner is given or expected to write (the starter and the
 * reference solution) are removed first, so only each learner's own code is compared.
 */
import { fnv1a } from '../emulator/index.ts';
import { round2 } from './results.ts';

export type Language = 'javascript' | 'python';

export const DEFAULT_K = 5;
export const DEFAULT_WINDOW = 4;
export const DEFAULT_THRESHOLD = 0.8;
/** Fewer own fingerprints than this is too little code to call two learners alike. */
export const MIN_FINGERPRINTS = 3;

const jsKeywords = new Set(
  'async await break case catch class const continue debugger default delete do else export extends false finally for from function if import in instanceof let new null of return static super switch this throw true try typeof undefined var void while with yield'.split(' '),
);
const pyKeywords = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);

export function languageOfFile(path: string): Language | undefined {
  if (/\.(m|c)?[jt]s$/i.test(path)) return 'javascript';
  if (/\.py$/i.test(path)) return 'python';
  return undefined;
}

/** Three-character operators first, then two, so `===` stays one token. */
const punctuators = ['>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=', '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>', '//', '->', ':='];

/** The normalised token stream: `I` for every identifier, `S` for a string, `N` for a number, keywords and punctuation as they are (JavaScript's optional semicolons dropped). */
export function tokens(source: string, language: Language): string[] {
  const out: string[] = [];
  const keywords = language === 'javascript' ? jsKeywords : pyKeywords;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    // Comments: // and /* */ in JavaScript, # in Python.
    if (language === 'javascript' && source.startsWith('//', i)) {
      const end = source.indexOf('\n', i);
      i = end === -1 ? n : end;
      continue;
    }
    if (language === 'javascript' && source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
      continue;
    }
    if (language === 'python' && c === '#') {
      const end = source.indexOf('\n', i);
      i = end === -1 ? n : end;
      continue;
    }
    // Python string prefixes (r, b, f, u and pairs) belong to the string.
    const prefix = language === 'python' ? /^[rRbBuUfF]{1,2}(?=['"])/.exec(source.slice(i, i + 3)) : null;
    const q = prefix ? i + prefix[0].length : i;
    const quote = source[q];
    if (quote === '"' || quote === "'" || (quote === '`' && language === 'javascript')) {
      const triple = language === 'python' && source.startsWith(quote.repeat(3), q);
      const close = triple ? quote.repeat(3) : quote;
      let j = q + close.length;
      while (j < n && !source.startsWith(close, j)) j += source[j] === '\\' ? 2 : 1;
      i = Math.min(n, j + close.length);
      out.push('S');
      continue;
    }
    const word = /^[A-Za-z_$\u00C0-\uFFFF][\w$\u00C0-\uFFFF]*/.exec(source.slice(i, i + 256));
    if (word) {
      out.push(keywords.has(word[0]) ? word[0] : 'I');
      i += word[0].length;
      continue;
    }
    const num = /^(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)n?/.exec(source.slice(i, i + 64));
    if (num) {
      out.push('N');
      i += num[0].length;
      continue;
    }
    const op = punctuators.find((p) => source.startsWith(p, i)) ?? c;
    // Semicolons are style in JavaScript (automatic insertion): a copy that drops them is the same code.
    if (!(language === 'javascript' && op === ';')) out.push(op);
    i += op.length;
  }
  return out;
}

/** The winnowed fingerprints of a token stream: in each window of `w` k-gram hashes, the smallest (the rightmost on a tie). */
export function fingerprints(stream: readonly string[], k = DEFAULT_K, w = DEFAULT_WINDOW): Set<number> {
  const hashes: number[] = [];
  for (let i = 0; i + k <= stream.length; i++) hashes.push(fnv1a(stream.slice(i, i + k).join(' ')));
  const out = new Set<number>();
  if (hashes.length === 0) return out;
  if (hashes.length <= w) {
    out.add(Math.min(...hashes));
    return out;
  }
  for (let start = 0; start + w <= hashes.length; start++) {
    let min = start;
    for (let j = start; j < start + w; j++) if (hashes[j]! <= hashes[min]!) min = j;
    out.add(hashes[min]!);
  }
  return out;
}

/** The fingerprints of every source file in `files` (path → text) whose language is known. */
export function fingerprintFiles(files: Readonly<Record<string, string>>, k = DEFAULT_K, w = DEFAULT_WINDOW): Set<number> {
  const out = new Set<number>();
  for (const [path, text] of Object.entries(files)) {
    const language = languageOfFile(path);
    if (language === undefined) continue;
    for (const f of fingerprints(tokens(text, language), k, w)) out.add(f);
  }
  return out;
}

export interface LearnerCode {
  /** How the report names the learner: `Ada Lovelace (s-001), ada.json`. */
  who: string;
  /** Exercise slug → the handler's files. */
  exercises: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface SimilarPair {
  exercise: string;
  a: string;
  b: string;
  /** Shared fingerprints over all fingerprints of the two (Jaccard), 0 to 1. */
  score: number;
  shared: number;
  total: number;
}

export interface SimilarityOptions {
  threshold?: number;
  k?: number;
  w?: number;
  /** Exercise slug → the code every learner is given or expected to write; its fingerprints are not the learner's own. */
  base?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Every pair of learners at or above the threshold on one exercise, most similar first. */
export function similarPairs(learners: readonly LearnerCode[], options: SimilarityOptions = {}): SimilarPair[] {
  const k = options.k ?? DEFAULT_K;
  const w = options.w ?? DEFAULT_WINDOW;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const slugs = [...new Set(learners.flatMap((l) => Object.keys(l.exercises)))].sort();
  const pairs: SimilarPair[] = [];
  for (const slug of slugs) {
    const base = fingerprintFiles(options.base?.[slug] ?? {}, k, w);
    const own = learners.flatMap((l) => {
      const files = l.exercises[slug];
      if (files === undefined) return [];
      const prints = new Set([...fingerprintFiles(files, k, w)].filter((f) => !base.has(f)));
      return prints.size >= MIN_FINGERPRINTS ? [{ who: l.who, prints }] : [];
    });
    for (let i = 0; i < own.length; i++) {
      for (let j = i + 1; j < own.length; j++) {
        const a = own[i]!;
        const b = own[j]!;
        let shared = 0;
        for (const f of a.prints) if (b.prints.has(f)) shared++;
        const total = a.prints.size + b.prints.size - shared;
        const score = round2(shared / total);
        if (score >= threshold) pairs.push({ exercise: slug, a: a.who, b: b.who, score, shared, total });
      }
    }
  }
  return pairs.sort((x, y) => y.score - x.score || x.exercise.localeCompare(y.exercise) || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}

export function similarityReport(learners: readonly LearnerCode[], options: SimilarityOptions = {}): string {
  const pairs = similarPairs(learners, options);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const lines = [
    `Similar handler code (winnowing: k=${options.k ?? DEFAULT_K} tokens, window ${options.w ?? DEFAULT_WINDOW}; identifiers, literals, whitespace and comments normalised; starter and reference code left out).`,
    'For review only: no grade was changed.',
    '',
    ...pairs.map((p) => `${p.exercise}  ${p.score.toFixed(2)}  ${p.a}  ~  ${p.b}  (${p.shared} of ${p.total} fingerprints shared)`),
    ...(pairs.length > 0 ? [''] : []),
    `${pairs.length} pair(s) at or above ${threshold} among ${learners.length} learner(s).`,
  ];
  return `${lines.join('\n')}\n`;
}
