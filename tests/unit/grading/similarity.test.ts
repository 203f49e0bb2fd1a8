/**
 * The similarity report, golden: a renamed and reformatted copy pairs high in JavaScript and in
 * Python, unrelated code and the reference solution do not, and `npm run grade -- --similarity`
 * prints the pairs without grading anything.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exerciseBaseCode } from '../../../src/cli/similarity-files.ts';
import { similarityReport, similarPairs, tokens, type LearnerCode } from '../../../src/grading/similarity.ts';
import { TEXT_IMPORTS_ARGS } from '../../../src/hosts/node/tsx.ts';
import { emptyProgress } from '../../../src/progress/index.ts';
import { freshWorkspace } from '../../../src/progress/workspace-state.ts';

const adaJs = `// Greets whoever the event names, in the language the environment asks for.
const greetings = { en: 'Hello', fr: 'Bonjour', de: 'Hallo' };

function greetingFor(language) {
  if (!(language in greetings)) return greetings.en;
  return greetings[language];
}

export const handler = async (event) => {
  const who = event.name ?? process.env.HELLO;
  const words = [greetingFor(process.env.LANGUAGE), who].filter(Boolean);
  return { statusCode: 200, body: JSON.stringify(words.join(' ') + '!') };
};
`;

/** Ada's code with every name changed, the strings changed, comments gone and the layout redone. */
const brianJs = `const hi = {en: "Hi there", fr: "Salut", de: "Servus"}
function pick(lang) { if (!(lang in hi)) return hi.en
  return hi[lang] }
/* my own work */
export const handler = async (e) => { const person = e.name ?? process.env.HELLO
  const parts = [pick(process.env.LANGUAGE), person].filter(Boolean)
  return {statusCode: 200, body: JSON.stringify(parts.join(" ") + "?")} }
`;

/** Different code for the same task. */
const carolJs = `export const handler = async (event) => {
  let text = 'Hello';
  for (const key of Object.keys(event)) {
    if (key.startsWith('key')) text += ' ' + event[key];
  }
  try {
    return { statusCode: 200, body: JSON.stringify(\`\${text} \${process.env.HELLO}!\`) };
  } catch (err) {
    console.error(err);
    throw err;
  }
};
`;

const evePy = `import json
import os

# Look the greeting up, falling back to English.
GREETINGS = {"en": "Hello", "fr": "Bonjour"}

def greeting_for(language):
    if language not in GREETINGS:
        return GREETINGS["en"]
    return GREETINGS[language]

def lambda_handler(event, context):
    who = event.get("name") or os.environ["HELLO"]
    return {"statusCode": 200, "body": json.dumps(f"{greeting_for(os.environ.get('LANGUAGE'))} {who}!")}
`;

const frankPy = `import json
import os
G = {'en': 'Hi', 'fr': 'Salut'}
def pick(l):
    if l not in G:
        return G['en']
    return G[l]
def lambda_handler(ev, ctx):
    p = ev.get('name') or os.environ['HELLO']
    return {'statusCode': 200, 'body': json.dumps(f'{pick(os.environ.get("LANGUAGE"))} {p}!')}
`;

export const learners: LearnerCode[] = [
  { who: 'Ada', exercises: { 'environment-variables': { 'index.mjs': adaJs } } },
  { who: 'Brian', exercises: { 'environment-variables': { 'index.mjs': brianJs } } },
  { who: 'Carol', exercises: { 'environment-variables': { 'index.mjs': carolJs } } },
  { who: 'Eve', exercises: { 'environment-variables': { 'lambda_function.py': evePy } } },
  { who: 'Frank', exercises: { 'environment-variables': { 'lambda_function.py': frankPy } } },
];

describe('the normalised token stream', () => {
  it('renames identifiers to one token and drops whitespace and comments, in JavaScript and Python', () => {
    expect(tokens('const a = b.c(1, "x"); // note\n/* more */ return `t${a}`;', 'javascript')).toEqual(['const', 'I', '=', 'I', '.', 'I', '(', 'N', ',', 'S', ')', 'return', 'S']);
    expect(tokens('def f(x):  # note\n    return r"""doc""" + x.y ** 2\n', 'python')).toEqual(['def', 'I', '(', 'I', ')', ':', 'return', 'S', '+', 'I', '.', 'I', '**', 'N']);
    expect(tokens(brianJs, 'javascript').length).toBe(tokens(adaJs, 'javascript').length);
  });
});

describe('similar pairs', () => {
  const base = exerciseBaseCode();

  it('a renamed, reformatted copy pairs at 1; unrelated code does not pair', () => {
    expect(similarPairs(learners, { base })).toEqual([
      { exercise: 'environment-variables', a: 'Ada', b: 'Brian', score: 1, shared: 32, total: 32 },
      { exercise: 'environment-variables', a: 'Eve', b: 'Frank', score: 1, shared: 22, total: 22 },
    ]);
    // Unrelated code scores far below the threshold; the Python pair and the JavaScript pair share a few token runs.
    const all = similarPairs(learners, { base, threshold: 0.01 });
    expect(all.filter((p) => p.score < 1).map((p) => `${p.a}~${p.b} ${p.score}`)).toEqual(['Ada~Eve 0.04', 'Ada~Frank 0.04', 'Brian~Eve 0.04', 'Brian~Frank 0.04', 'Ada~Carol 0.02', 'Brian~Carol 0.02']);
  });

  it('the starter and the reference solution are nobody\'s own code: learners who only wrote those are not paired', () => {
    const solution = Object.fromEntries(Object.entries(base['environment-variables']!).filter(([p]) => p.startsWith('solution/')).map(([p, t]) => [p.replace('solution/', ''), t]));
    expect(Object.keys(solution)).toEqual(['index.mjs']);
    const same = [1, 2].map((n) => ({ who: `L${n}`, exercises: { 'environment-variables': solution } }));
    expect(similarPairs(same, { base })).toEqual([]);
    expect(similarPairs(same, {}).map((p) => p.score)).toEqual([1]);
  });

  it('the report lists the pairs, most similar first, and says it changes no grade', () => {
    expect(similarityReport(learners, { base })).toBe(
      [
        'Similar handler code (winnowing: k=5 tokens, window 4; identifiers, literals, whitespace and comments normalised; starter and reference code left out).',
        'For review only: no grade was changed.',
        '',
        'environment-variables  1.00  Ada  ~  Brian  (32 of 32 fingerprints shared)',
        'environment-variables  1.00  Eve  ~  Frank  (22 of 22 fingerprints shared)',
        '',
        '2 pair(s) at or above 0.8 among 5 learner(s).',
        '',
      ].join('\n'),
    );
  });
});

describe('npm run grade -- --similarity', () => {
  it('reads the exported workbooks and prints the pairs, grading nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbook-similarity-'));
    try {
      for (const [i, l] of learners.entries()) {
        const progress = { ...emptyProgress(), learner: { name: l.who, id: `s-00${i + 1}` } };
        const ws = freshWorkspace('environment-variables', l.exercises['environment-variables']!, '{}');
        progress.exercises['environment-variables'] = ws;
        writeFileSync(join(dir, `${l.who.toLowerCase()}.json`), JSON.stringify(progress));
      }
      writeFileSync(join(dir, 'zed.json'), 'not a workbook');
      const root = fileURLToPath(new URL('../../../', import.meta.url));
      const run = spawnSync(`${root}node_modules/.bin/tsx`, [...TEXT_IMPORTS_ARGS, 'src/cli/grade.ts', dir, '--similarity', '--similarity-threshold', '0.9'], { cwd: root, encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout.split('\n').slice(3)).toEqual([
        `environment-variables  1.00  Ada (s-001), ${join(dir, 'ada.json')}  ~  Brian (s-002), ${join(dir, 'brian.json')}  (32 of 32 fingerprints shared)`,
        `environment-variables  1.00  Eve (s-004), ${join(dir, 'eve.json')}  ~  Frank (s-005), ${join(dir, 'frank.json')}  (22 of 22 fingerprints shared)`,
        '',
        '2 pair(s) at or above 0.9 among 5 learner(s).',
        '',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
