import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exerciseMetaSchema } from '../../src/content/schemas.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Copies the site into a temp folder, adds `files`, and runs `astro sync`, which validates every collection. */
function syncWith(files: Record<string, string>): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'workbook-schema-'));
  try {
    for (const entry of ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'content', 'exercises', 'public']) {
      cpSync(join(root, entry), join(dir, entry), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const run = spawnSync(join(root, 'node_modules/.bin/astro'), ['sync'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const goodMeta = {
  slug: 'sample-lab',
  title: 'Sample lab',
  summary: 'A lab used by the schema tests.',
  order: 99,
  lessons: ['limits'],
  functionName: 'sample-lab',
  tasks: [{ id: 'create', title: 'Create the function', points: 10 }],
};

describe('content metadata', () => {
  it('accepts a well-formed exercise meta.json', () => {
    expect(exerciseMetaSchema.safeParse(goodMeta).success).toBe(true);
  });

  it('names the field when an exercise meta.json is wrong', () => {
    const result = exerciseMetaSchema.safeParse({ ...goodMeta, tasks: [{ id: 'create', title: 'x', points: 'ten' }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['tasks', 0, 'points']);
  });

  it('rejects unknown fields in meta.json rather than ignoring a typo', () => {
    expect(exerciseMetaSchema.safeParse({ ...goodMeta, pionts: 3 }).success).toBe(false);
  });

  it('fails the build on a lesson with a bad frontmatter field, naming the file and the field', () => {
    const { status, output } = syncWith({ 'content/lessons/broken.mdx': '---\ntitle: Broken\nquiz: Not A Slug\n---\n\nText.\n' });
    expect(status).not.toBe(0);
    expect(output).toContain('broken.mdx');
    expect(output).toMatch(/quiz/);
  });

  it('fails the build on an exercise with a bad meta.json, naming the file and the field', () => {
    const { status, output } = syncWith({
      'exercises/sample-lab/meta.json': JSON.stringify({ ...goodMeta, tasks: [{ id: 'create', title: 'x', points: 'ten' }] }),
      'exercises/sample-lab/exercise.mdx': '---\ntitle: Sample lab\n---\n\nText.\n',
    });
    expect(status).not.toBe(0);
    expect(output).toContain('exercises/sample-lab/meta.json');
    expect(output).toContain('tasks.0.points');
  });

  it('builds the same copy cleanly when nothing is wrong', () => {
    const { status, output } = syncWith({});
    expect(output).not.toMatch(/InvalidContentEntryDataError/);
    expect(status).toBe(0);
  }, 60_000);
});
