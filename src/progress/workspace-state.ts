/**
 * What the workbook keeps for one exercise: the learner's files, test events, the emulator's
 * state (functions, versions, layers, logs), check results and answers. One schema, validated on
 * load (the page, an imported file, the grader), so a corrupt or foreign value is refused with a
 * reason and never overwrites good data. The emulator's part is the emulator's own schema.
 */
import * as z from 'zod/mini';
import { emulatorStateSchema, fnv1a } from '../emulator/index.ts';

export const WORKSPACE_VERSION = 1;

/** The function's source files, path → text. */
export type FunctionFiles = Record<string, string>;

export const testEventSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(25)),
  json: z.string(),
});

/** What a failing check expected and what it found, both as the learner reads them. */
export const mismatchSchema = z.object({
  expected: z.string(),
  got: z.string(),
});

export const taskResultSchema = z.object({
  id: z.string(),
  passed: z.boolean(),
  points: z.number(),
  maxPoints: z.number(),
  message: z.string(),
  mismatches: z.optional(z.array(mismatchSchema).check(z.describe('One per failing criterion that compares a value; absent in results saved before they were recorded.'))),
});

export const workspaceSchema = z.object({
  version: z.literal(WORKSPACE_VERSION).check(z.describe('Format version; older ones are migrated on load.')),
  exercise: z.string().check(z.describe('Exercise slug this workspace belongs to.')),
  files: z.record(z.string(), z.string()).check(z.describe('The function code being edited, path → text.')),
  activeFile: z.optional(z.string()),
  deployedHash: z.optional(z.string().check(z.describe('Hash of the files as last deployed, to show undeployed changes.'))),
  functionName: z.optional(z.string().check(z.describe('The function the console shows.'))),
  testEvents: z.array(testEventSchema).check(z.maxLength(10), z.describe('Saved test events (the console keeps up to 10).')),
  selectedEvent: z.optional(z.string()),
  emulator: z.optional(emulatorStateSchema.check(z.describe("The emulator's state snapshot: functions, versions, aliases, layers, logs."))),
  taskResults: z._default(z.array(taskResultSchema), []),
  answers: z._default(z.record(z.string(), z.string()), {}).check(z.describe('Answers to the questions inside exercise tasks.')),
  hintsOpened: z
    ._default(z.record(z.string(), z.number().check(z.int(), z.minimum(1), z.maximum(3))), {})
    .check(z.describe('Task id to the highest hint level the learner opened (1-3); absent in files saved before hints, meaning none.')),
  throttles: z._default(z.array(z.object({ at: z.number(), functionName: z.string(), reason: z.string() })), []),
  updatedAt: z.optional(z.string()),
});

export type WorkspaceState = z.infer<typeof workspaceSchema>;
export type TestEvent = z.infer<typeof testEventSchema>;

export function freshWorkspace(exercise: string, starter: FunctionFiles, defaultEvent: string): WorkspaceState {
  return {
    version: WORKSPACE_VERSION,
    exercise,
    files: { ...starter },
    activeFile: Object.keys(starter).find((f) => /^index\.(mjs|js|cjs)$/.test(f)) ?? Object.keys(starter)[0],
    testEvents: [{ name: 'hello-world', json: defaultEvent }],
    selectedEvent: 'hello-world',
    taskResults: [],
    answers: {},
    hintsOpened: {},
    throttles: [],
  };
}

/** Reads a stored workspace: the valid state, or the reason it cannot be used. */
export function parseWorkspace(raw: unknown, exercise: string): { ok: true; state: WorkspaceState } | { ok: false; reason: string } {
  const parsed = workspaceSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `the field "${issue.path.map(String).join('.') || '(root)'}" is not valid: ${issue.message}` };
  }
  if (parsed.data.exercise !== exercise) {
    return { ok: false, reason: `it belongs to the exercise "${parsed.data.exercise}", not "${exercise}"` };
  }
  return { ok: true, state: parsed.data };
}

/** A short, stable hash of the files (FNV-1a over their JSON), to tell whether they changed since deploy. */
export function filesHash(files: FunctionFiles): string {
  const text = JSON.stringify(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
  return fnv1a(text).toString(16).padStart(8, '0');
}
