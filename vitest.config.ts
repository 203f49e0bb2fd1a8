import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest files, slowest first, as a fresh clone's CI run measured them (seconds). Vitest orders
 * files it has no timings for by size, so these small files that take minutes (a 3-line audit of the
 * whole sitemap, a suite run over HTTP) would start last and run alone: started first, the other
 * worker takes the many short files meanwhile. A stale entry only changes the order.
 */
const SLOWEST_FIRST = [
  // unit
  'tests/unit/terminal-aws-parity.test.ts', // 122
  'tests/unit/exercises/python-solutions.http.test.ts', // 87
  'tests/unit/exercises/python-solutions.test.ts', // 83
  'tests/unit/exercises/reference-solutions.test.ts', // 78
  'src/hosts/node/python-worker-environment.test.ts', // 63
  'src/hosts/node/python-hostile-twins.test.ts', // 62
  'tests/unit/lab-server-kills.test.ts', // 59
  'tests/unit/grading/grade-cli.test.ts', // 59
  'tests/unit/aws-cli-s3.test.ts', // 44
  'tests/unit/python-functions.http.test.ts', // 31
  // e2e
  'tests/e2e/whole-course.test.ts', // 214
  'tests/e2e/workspace.test.ts', // 205
  'tests/e2e/console-feedback.test.ts', // 182
  'tests/e2e/accessibility-1280.test.ts', // 145
  'tests/e2e/controls.test.ts', // 126
  'tests/e2e/accessibility-390.test.ts', // 121
  'tests/e2e/terminal.test.ts', // 94
  'tests/e2e/tryit.test.ts', // 75
  'tests/e2e/offline.test.ts', // 74
  'tests/e2e/accessibility-768.test.ts', // 40
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = SLOWEST_FIRST.findIndex((path) => spec.moduleId.endsWith(path));
      return at < 0 ? SLOWEST_FIRST.length : at;
    };
    // Projects stay together, as vitest runs them one after the other; the rest keep vitest's own order.
    const project = new Map<string, number>();
    for (const spec of sorted) if (!project.has(spec.project.name)) project.set(spec.project.name, project.size);
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => project.get(a.spec.project.name)! - project.get(b.spec.project.name)! || rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}

// Most slow tests wait on child processes (the AWS CLI, Python, servers) or on Chromium, so two
// files run side by side even on a 2-core machine; vitest's default there would be one.
const workers = Math.max(2, availableParallelism());

export default defineConfig({
  test: {
    maxWorkers: workers,
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'exercises/**/*.test.ts'],
          testTimeout: 30_000,
          // Set-ups start servers, the AWS CLI or Python; with two files at a time they may wait for a core.
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // A page that is right eventually: a loaded machine may take seconds to start a worker or
          // paint, where vitest's default poll gives up after one.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
