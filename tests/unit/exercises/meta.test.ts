/** Every exercise folder is complete and consistent: meta.json, instructions, starter, solution and checks agree. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exerciseMetaSchema } from '../../../src/content/schemas.ts';
import { exercises } from '../../../exercises/index.ts';

const root = fileURLToPath(new URL('../../../exercises/', import.meta.url));
const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe.each(folders)('exercises/%s', (slug) => {
  const read = (path: string): string => readFileSync(`${root}${slug}/${path}`, 'utf8');
  const meta = exerciseMetaSchema.parse(JSON.parse(read('meta.json')));
  const registered = exercises.find((e) => e.meta.slug === slug);

  it('has a meta.json that validates against exerciseMetaSchema, with the folder name as slug', () => {
    expect(exerciseMetaSchema.safeParse(JSON.parse(read('meta.json'))).success).toBe(true);
    expect(meta.slug).toBe(slug);
  });

  it('is registered, and its check reports exactly the task ids of meta.json', () => {
    expect(registered).toBeDefined();
    expect(registered!.checks.slug).toBe(slug);
    expect(registered!.checks.tasks.map((t) => t.id).sort()).toEqual(meta.tasks.map((t) => t.id).sort());
  });

  it('asks only questions that belong to one of its tasks, each named in the instructions', () => {
    const instructions = read('exercise.mdx');
    for (const question of registered!.checks.questions) {
      expect(meta.tasks.map((t) => t.id)).toContain(question.task);
      expect(instructions).toContain(`Answer (\`${question.id}\`)`);
    }
  });

  it('has instructions with a title, a blank line after the frontmatter, and one numbered task per meta.json task, each with a hint', () => {
    const instructions = read('exercise.mdx');
    expect(instructions).toMatch(/^---\ntitle: .+\n---\n\n/);
    const headings = [...instructions.matchAll(/^## Task (\d+)(?: \(optional\))?: (.+)$/gm)];
    expect(headings.map((h) => Number(h[1]))).toEqual(meta.tasks.map((_, i) => i + 1));
    const sections = instructions.split(/^## Task \d+/m).slice(1);
    for (const section of sections) expect(section).toContain('<summary>Hint</summary>');
  });

  it('has starter files and a solution with reference steps', () => {
    expect(readdirSync(`${root}${slug}/starter`).length).toBeGreaterThan(0);
    expect(existsSync(`${root}${slug}/solution/steps.ts`)).toBe(true);
    expect(read('solution/steps.ts')).toMatch(/export async function solve\(lambda: LambdaClient, ctx: StepsContext\): Promise<void>/);
  });
});

it('lists the exercises in meta.json order with distinct positions', () => {
  const orders = exercises.map((e) => e.meta.order);
  expect(new Set(orders).size).toBe(orders.length);
  expect(exercises.map((e) => e.meta.slug)).toEqual(['hello-lambda', 'environment-variables', 'versions-and-aliases', 'layers', 'chaining', 'function-url', 's3-trigger', 'scheduled', 'sqs-batch', 'permissions']);
  expect(folders.sort()).toEqual(exercises.map((e) => e.meta.slug).sort());
});

it('keeps src/checks free of Node built-ins and emulator internals, so the checks run in the page and against AWS', () => {
  const dir = fileURLToPath(new URL('../../../src/checks/', import.meta.url));
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const source = readFileSync(`${dir}${file}`, 'utf8');
    expect(source, file).not.toMatch(/from ['"](node:|fs['"]|path['"]|os['"]|child_process)/);
    expect(source, file).not.toMatch(/from ['"][./]*emulator\//);
  }
  for (const slug of folders) {
    const source = readFileSync(`${root}${slug}/check.ts`, 'utf8');
    expect(source).not.toMatch(/from ['"](node:|fs['"]|path['"])/);
    expect(source).not.toMatch(/src\/emulator/);
  }
});

it('bundles src/checks (registry, checks, runner) for the browser without a Node built-in', async () => {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../../../src/checks/index.ts', import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  expect(result.errors).toEqual([]);
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.some((i) => i.endsWith('exercises/layers/check.ts'))).toBe(true);
  expect(inputs.filter((i) => i.startsWith('node:') || /(^|\/)(child_process|fs|os)(\/|$)/.test(i))).toEqual([]);
});
