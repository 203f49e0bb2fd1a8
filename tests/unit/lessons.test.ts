import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { limits, fmt } from '../../src/emulator/index.ts';
import { getQuizBank, quizBanks } from '../../src/quizzes/index.ts';
import { findTryIts, readLessons, LESSONS_DIR } from './support/lessons.ts';
import { runHandler } from './support/run-handler.ts';
import { exercises } from '../../exercises/index.ts';

const lessons = readLessons();

/** The lessons the course promises, in order. */
const COURSE = [
  'what-is-lambda',
  'programming-model',
  'execution-environment',
  'limits',
  'invocation',
  'event-sources',
  'http-and-function-urls',
  'environment-variables',
  'versions-and-aliases',
  'layers',
  'runtimes-and-packaging',
  'permissions',
  'concurrency-and-scaling',
  'pricing',
  'observability',
  'connecting-services',
  'whats-new',
];
const EXERCISES = exercises.map((e) => e.meta.slug);

describe('lessons', () => {
  it('are the seventeen course lessons, in sidebar order 1..17', () => {
    expect(lessons.map((l) => l.slug)).toEqual(COURSE);
    expect(lessons.map((l) => l.frontmatter.order)).toEqual(COURSE.map((_, i) => i + 1));
  });

  it.each(lessons.map((l) => [l.slug, l] as const))('%s has a title, a description and a quiz bank named after it', (slug, lesson) => {
    expect(lesson.frontmatter.title).toBeTruthy();
    expect(lesson.frontmatter.description).toBeTruthy();
    expect(lesson.frontmatter.quiz).toBe(slug);
    expect(getQuizBank(slug)?.questions.length).toBeGreaterThanOrEqual(5);
  });

  it.each(lessons.map((l) => [l.slug, l] as const))('%s ends with its quiz and imports what it uses', (slug, lesson) => {
    const quizAt = lesson.body.lastIndexOf(`<Quiz bank="${slug}" />`);
    expect(quizAt).toBeGreaterThan(0);
    expect(lesson.body.slice(quizAt).trim()).toBe(`<Quiz bank="${slug}" />`);
    // MDX needs a blank line between the frontmatter and the first import.
    expect(lesson.body.startsWith('\n')).toBe(true);
    for (const component of ['TryIt', 'Quiz', 'LimitsTable', 'TerminalBlock']) {
      if (lesson.body.includes(`<${component}`)) {
        expect(lesson.body).toContain(`import ${component} from '../../src/components/${component}.astro';`);
      }
    }
    const limitsImport = /^import \{ ([A-Za-z_, ]+) \} from '\.\.\/\.\.\/src\/emulator\/index\.ts';$/m.exec(lesson.body)?.[1]?.split(', ') ?? [];
    if (/\blimits\./.test(lesson.body)) expect(limitsImport).toContain('limits');
    if (/\bfmt\(/.test(lesson.body)) expect(limitsImport).toContain('fmt');
  });

  it.each(lessons.map((l) => [l.slug, l] as const))('%s ends its text with its sources: AWS pages and the date they were read', (slug, lesson) => {
    const sources = /\n## Sources\n\nAs of (January|February|March|April|May|June|July|August|September|October|November|December) (20\d\d):\n\n((?:- \[[^\]]+\]\(https:\/\/[^)\s]+\)\n)+)/.exec(lesson.body);
    expect(sources, `${slug} has no "## Sources" section with an "As of Month Year:" line and a list of links`).not.toBeNull();
    const links = [...sources![3]!.matchAll(/\]\((https:\/\/[^)]+)\)/g)].map((m) => m[1]!);
    expect(links.some((url) => /^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//.test(url))).toBe(true);
    // After the lesson's text, before its exercise and quiz.
    expect(lesson.body.indexOf('\n## Sources\n')).toBeLessThan(lesson.body.lastIndexOf('<Quiz '));
    const practise = lesson.body.indexOf('\n## Practise it');
    if (practise >= 0) expect(lesson.body.indexOf('\n## Sources\n')).toBeLessThan(practise);
  });

  it('draw each diagram on the shared accessible frame, named and described, and use every one', () => {
    const dir = join(import.meta.dirname, '../../src/components/diagrams');
    const diagrams = readdirSync(dir).filter((f) => f.endsWith('Diagram.astro') && f !== 'Diagram.astro');
    expect(diagrams.length).toBeGreaterThanOrEqual(5);
    const ids = new Set<string>();
    for (const file of diagrams) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).toContain("import Diagram from './Diagram.astro';");
      // The name and the description are the frame's props, so they become its <title> and <desc>.
      const frameTag = /<Diagram\b([^>]*)>/.exec(source)?.[1] ?? '';
      expect(/\btitle="[^"]{10,}"/.test(frameTag), `${file}: a title on <Diagram>`).toBe(true);
      expect(/\bdesc="[^"]{40,}"/.test(frameTag), `${file}: a description on <Diagram>`).toBe(true);
      const caption = /<Fragment slot="caption">([\s\S]*?)<\/Fragment>/.exec(source)?.[1]?.trim() ?? '';
      expect(caption.length, `${file}: a caption in words`).toBeGreaterThanOrEqual(40);
      // Ids name the <title>, <desc> and arrowhead: two diagrams on one page must not share them.
      const id = /const id = '([a-z0-9-]+)';/.exec(source)?.[1];
      expect(id, `${file}: an id`).toBeTruthy();
      expect(ids.has(id!), `${file}: id ${id} is taken`).toBe(false);
      ids.add(id!);
      const name = file.replace(/\.astro$/, '');
      expect(lessons.some((l) => l.body.includes(`<${name} />`) && l.body.includes(`import ${name} from '../../src/components/diagrams/${file}';`)), `${name} is used in a lesson`).toBe(true);
    }
    // And the other way: every diagram a lesson draws is one of the files checked above.
    for (const lesson of lessons) {
      for (const [, file] of lesson.body.matchAll(/from '\.\.\/\.\.\/src\/components\/diagrams\/([^']+)'/g)) {
        expect(diagrams, `${lesson.slug} imports ${file}`).toContain(file);
      }
    }
    const frame = readFileSync(join(dir, 'Diagram.astro'), 'utf8');
    // On the <svg> itself: the frame's doc comment mentions role="img" too.
    const svg = /<svg\b[^>]*>/.exec(frame)?.[0] ?? '';
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby={`${id}-title`}');
    expect(svg).toContain('aria-describedby={`${id}-desc`}');
    expect(frame).toContain('<title id={`${id}-title`}>{title}</title>');
    expect(frame).toContain('<desc id={`${id}-desc`}>{desc}</desc>');
  });

  it('point to exercises that exist in the course', () => {
    for (const lesson of lessons) {
      if (lesson.frontmatter.exercise) expect(EXERCISES).toContain(lesson.frontmatter.exercise);
      for (const [, slug] of lesson.body.matchAll(/\]\(\/exercises\/([a-z0-9-]+)\/\)/g)) expect(EXERCISES).toContain(slug);
    }
    // Every exercise is practice for some lesson: named in its frontmatter or linked from its text.
    const practised = new Set(lessons.flatMap((l) => [l.frontmatter.exercise, ...[...l.body.matchAll(/\]\(\/exercises\/([a-z0-9-]+)\/\)/g)].map((m) => m[1])]).filter(Boolean));
    expect(practised).toEqual(new Set(EXERCISES));
  });

  it('link only to lessons that exist', () => {
    for (const lesson of lessons) {
      for (const [, slug] of lesson.body.matchAll(/\]\(\/lessons\/([a-z0-9-]+)\/\)/g)) {
        expect(existsSync(join(LESSONS_DIR, `${slug}.mdx`)), `${lesson.slug} links to ${slug}`).toBe(true);
      }
    }
  });

  it('every quiz bank belongs to a lesson', () => {
    expect(quizBanks.map((b) => b.id)).toEqual(COURSE);
  });

  it('the limits lesson renders the limits table', () => {
    expect(lessons.find((l) => l.slug === 'limits')!.body).toContain('<LimitsTable />');
  });

  it('write current limit values only through the limits module', () => {
    // Stale or hard-coded limit numbers in prose: each may appear only as "what older material says".
    const allowedOld = ['3,008', '256 KB', '20 MB', '512 MB'];
    for (const lesson of lessons) {
      const prose = lesson.body.replace(/```[\s\S]*?```/g, '');
      for (const literal of ['900 seconds', '10,240', '6 MB', '1 MB', '4 KB', '250 MB', '50 MB', '1,769', '21,600', '1,000 concurrent']) {
        expect(prose, `${lesson.slug} writes "${literal}" by hand`).not.toContain(literal);
      }
      for (const old of allowedOld) {
        for (const m of prose.matchAll(new RegExp(old, 'g'))) {
          const line = prose.slice(prose.lastIndexOf('\n', m.index) + 1, prose.indexOf('\n', m.index));
          expect(line, `${lesson.slug}: "${old}" outside a what-changed remark`).toMatch(/older|Older|before|until|fixed|notes|\| Memory|\| Asynchronous payload|\| Streamed|\| `\/tmp`/);
        }
      }
    }
  });
});

describe('code in lessons fits the page', () => {
  // Longer lines scroll sideways, and a scrolling block is a keyboard trap for axe (scrollable-region-focusable).
  const MAX = 68;
  it.each(lessons.map((l) => [l.slug, l] as const))('%s', (_, lesson) => {
    const long: string[] = [];
    for (const [, lang, code] of lesson.body.matchAll(/```([a-z]*)\n([\s\S]*?)```/g)) {
      if (lang === 'text') continue; // log samples keep Lambda's exact one-line format
      long.push(...code!.split('\n').filter((line) => line.length > MAX));
    }
    for (const [, code] of lesson.body.matchAll(/code=\{`([\s\S]*?)`\}/g)) {
      long.push(...code!.split('\n').filter((line) => line.length > MAX));
    }
    expect(long).toEqual([]);
  });
});

describe('TryIt examples do what the lesson says', () => {
  const blocks = lessons.flatMap(findTryIts);

  it('every lesson with runnable code has at least one TryIt', () => {
    const withTryIt = new Set(blocks.map((b) => b.lesson));
    expect([...withTryIt].sort()).toEqual([...COURSE].sort());
  });

  it.each(blocks.map((b, i) => [`${b.lesson} #${i}`, b] as const))('%s', async (_, block) => {
    const evaluate = (source: string | undefined): unknown =>
      source === undefined ? undefined : new Function('limits', 'fmt', `return (${source});`)(limits, fmt);
    const code = evaluate(block.attributes['code']);
    const event = evaluate(block.attributes['event']) ?? '{}';
    const expectation = evaluate(block.attributes['expect']) as { response?: string; logIncludes?: string[] } | undefined;
    expect(typeof code).toBe('string');
    expect(() => JSON.parse(event as string)).not.toThrow();
    expect(expectation, 'every TryIt states what it returns or logs').toBeDefined();
    const runtime = evaluate(block.attributes['runtime']) as string | undefined;
    expect(String(code)).toMatch(runtime?.startsWith('python') ? /^def lambda_handler\(event, context\):/m : /export const handler = async/);
    const timeout = evaluate(block.attributes['timeout']) as number | undefined;
    const rolePolicy = evaluate(block.attributes['rolePolicy']) as string | undefined;
    const run = await runHandler(code as string, event as string, { ...(runtime ? { runtime } : {}), ...(timeout ? { timeout } : {}), ...(rolePolicy ? { rolePolicy } : {}) });
    if (expectation!.response !== undefined) expect(run.responses[0]).toBe(expectation!.response);
    for (const needle of expectation!.logIncludes ?? []) {
      expect(run.logs.join('\n')).toContain(needle);
    }
  });
});
