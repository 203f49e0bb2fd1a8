/**
 * What the workspace keeps for one exercise: the learner's files, test events, the emulator's
 * state (functions, versions, layers, logs), check results and answers. Validated on load, so a
 * corrupt or foreign value is refused with a reason and never overwrites good data.
 */
import { z } from 'zod';
import type { FunctionFiles } from './files';

export const WORKSPACE_VERSION = 1;

export const testEventSchema = z.object({ name: z.string().min(1).max(25), json: z.string() });

export const taskResultSchema = z.object({
  id: z.string(),
  passed: z.boolean(),
  points: z.number(),
  maxPoints: z.number(),
  message: z.string(),
});

export const workspaceSchema = z.object({
  version: z.literal(WORKSPACE_VERSION).describe('Format version; older ones are migrated on load.'),
  exercise: z.string().describe('Exercise slug this workspace belongs to.'),
  files: z.record(z.string(), z.string()).describe('The function code being edited, path → text.'),
  activeFile: z.string().optional(),
  deployedHash: z.string().optional().describe('Hash of the files as last deployed, to show undeployed changes.'),
  functionName: z.string().optional().describe('The function the console shows.'),
  testEvents: z.array(testEventSchema).max(10).describe('Saved test events (the console keeps up to 10).'),
  selectedEvent: z.string().optional(),
  emulator: z.unknown().optional().describe("The emulator's state snapshot: functions, versions, aliases, layers, logs."),
  taskResults: z.array(taskResultSchema).default([]),
  answers: z.record(z.string(), z.string()).default({}).describe('Answers to the questions inside exercise tasks.'),
  throttles: z.array(z.object({ at: z.number(), functionName: z.string(), reason: z.string() })).default([]),
  updatedAt: z.string().optional(),
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
    throttles: [],
  };
}

/** Reads a stored workspace: the valid state, or the reason it cannot be used. */
export function parseWorkspace(raw: unknown, exercise: string): { ok: true; state: WorkspaceState } | { ok: false; reason: string } {
  const parsed = workspaceSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `the field "${issue.path.join('.') || '(root)'}" is not valid: ${issue.message}` };
  }
  if (parsed.data.exercise !== exercise) {
    return { ok: false, reason: `it belongs to the exercise "${parsed.data.exercise}", not "${exercise}"` };
  }
  return { ok: true, state: parsed.data };
}

/** A short, stable hash of the files (FNV-1a over their JSON), to tell whether they changed since deploy. */
export function filesHash(files: FunctionFiles): string {
  const text = JSON.stringify(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
