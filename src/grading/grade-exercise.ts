/**
 * Grades one exercise of a submission on the learner's account (one per workbook; a file from
 * before that has one per exercise, and each exercise is graded on its own): restores the account
 * from its snapshot (what is trusted: see account-state.ts), re-derives its logs by running the learner's test event, then
 * runs each task's check in a fresh emulator built from that state, with seeded randomness and a
 * virtual clock, so no task sees another's probes and the same work always gets the same grade.
 */
import { requestHandlerDownload } from '../checks/context.ts';
import { roleNameOf } from '../checks/iam-reads.ts';
import { runChecks } from '../checks/run.ts';
import type { Exercise, TaskResult } from '../checks/types.ts';
import {
  VIRTUAL_EPOCH,
  createInProcessEmulator,
  createVirtualClock,
  seedFrom,
  seededRandom,
  seededUuid,
  withoutGrantsOf,
  type EmulatorState,
  type EnvironmentFactory,
} from '../emulator/index.ts';
import { parseWorkspace, type WorkspaceState } from '../progress/workspace-state.ts';
import { restoreAccount, UnrestorableState, type ClaimedRefusal, type RanVersion } from './account-state.ts';
import { round2, statusOf, type GradedPart, type GradedTest } from './results.ts';

export interface ExerciseGradingOptions {
  environmentFactory: EnvironmentFactory;
  /** A task's check still running after this long scores 0 with "timed out"; the others go on. */
  taskTimeoutMs: number;
  /** `slug/task` keys graded but hidden from learners. */
  hidden: ReadonlySet<string>;
}

const credentials = { accessKeyId: 'AKIAWORKBOOKGRADER', secretAccessKey: 'grader' };
/** Where the virtual clock starts when the state holds no dates. */
const defaultStart = VIRTUAL_EPOCH;

export const TIMED_OUT_PREFIX = 'The check timed out';

/** A minute after the newest date in the state, so restored functions are never "from the future". */
function clockStart(state: EmulatorState | undefined): number {
  let newest = defaultStart;
  for (const fn of Object.values(state?.functions ?? {})) {
    for (const config of [fn.latest, ...Object.values(fn.versions)]) {
      const at = Date.parse(config.LastModified.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
      if (Number.isFinite(at) && at > newest) newest = at;
    }
  }
  return Math.floor(newest / 1000) * 1000 + 60_000;
}

function emulatorFor(state: EmulatorState | undefined, seed: string, options: ExerciseGradingOptions) {
  const random = seededRandom(seedFrom(seed));
  const emulator = createInProcessEmulator({
    environmentFactory: options.environmentFactory,
    clock: createVirtualClock(clockStart(state)),
    random,
    uuid: seededUuid(seededRandom(seedFrom(`${seed}/uuid`))),
    credentials,
    ...(state !== undefined ? { state } : {}),
  });
  return { ...emulator, download: requestHandlerDownload(emulator.requestHandler) };
}

function selectedEvent(ws: WorkspaceState | undefined): string {
  if (ws === undefined) return '{}';
  const json = ws.testEvents.find((e) => e.name === ws.selectedEvent)?.json ?? ws.testEvents[0]?.json ?? '{}';
  try {
    JSON.parse(json);
    return json;
  } catch {
    return '{}';
  }
}

/**
 * Re-creates the refusals the file's logs claim: runs the learner's test event on the function
 * with its role as it was before it allowed the action. Only where the role allows it now (the
 * learner fixed it); the refusal is then one the learner's own code meets. Returns those runs' log groups.
 */
async function replayRefusals(state: EmulatorState, refused: ClaimedRefusal[], payload: Uint8Array, slug: string, options: ExerciseGradingOptions, notes: string[]): Promise<EmulatorState['logGroups']> {
  const groups: EmulatorState['logGroups'] = {};
  for (const { functionName, action } of refused) {
    const roleName = roleNameOf(state.functions[functionName]?.latest.Role ?? '');
    const before = roleName === undefined ? undefined : withoutGrantsOf(state, roleName, action);
    if (before === undefined) continue;
    const emu = emulatorFor({ ...before, logGroups: {} }, `${slug}/refusal/${functionName}/${action}`, options);
    try {
      const out = await emu.service.invoke({ FunctionName: functionName, Payload: payload });
      const group = `/aws/lambda/${functionName}`;
      const ran = emu.service.snapshot().logGroups[group];
      if (ran !== undefined) groups[group] = ran;
      notes.push(`The file's logs show ${functionName} refused ${action}: ran the learner's test event on it with the role ${roleName} as it was before it allowed ${action}, to re-create the refusal${out.FunctionError ? ' (the function failed)' : ''}.`);
    } catch (err) {
      notes.push(`Could not re-create ${functionName}'s refusal of ${action}: ${(err as Error).message}`);
    } finally {
      emu.close();
    }
  }
  return groups;
}

/**
 * Runs the learner's test event once on each version their logs showed they ran, then lets the
 * account's next scheduled firing happen, so the logs graded are real.
 */
async function replayTests(state: EmulatorState, ran: RanVersion[], refused: ClaimedRefusal[], ws: WorkspaceState | undefined, slug: string, options: ExerciseGradingOptions): Promise<{ state: EmulatorState; notes: string[] }> {
  if (ran.length === 0) return { state, notes: [] };
  const notes: string[] = [];
  const payload = new TextEncoder().encode(selectedEvent(ws));
  // Refusals first: they happened before the fix, so their streams come before the replay's.
  const earlier = await replayRefusals(state, refused, payload, slug, options, notes);
  const emu = emulatorFor(state, `${slug}/replay`, options);
  try {
    for (const { functionName, version } of ran) {
      try {
        const out = await emu.service.invoke({ FunctionName: functionName, ...(version === '$LATEST' ? {} : { Qualifier: version }), Payload: payload });
        notes.push(`Ran the learner's test event on ${functionName}:${version} to re-create its logs${out.FunctionError ? ' (the function failed)' : ''}.`);
      } catch (err) {
        notes.push(`Could not run ${functionName}:${version} again to re-create its logs: ${(err as Error).message}`);
      }
    }
    // As the learner's Advance time does: the clock moves on to the next scheduled firing, and what is due then fires.
    const next = emu.service.events.nextDueAt();
    if (next !== undefined) {
      const attempts = await emu.service.scheduler.drain({ untilMs: next });
      notes.push(`Moved the clock on to the next scheduled firing (${new Date(next).toISOString()}), as Advance time does: ${attempts} invocation(s) ran.`);
    }
    const replayed = emu.service.snapshot();
    const logGroups = { ...replayed.logGroups };
    for (const [name, group] of Object.entries(earlier)) {
      const now = logGroups[name];
      logGroups[name] = now === undefined ? group : { ...now, streams: { ...group.streams, ...now.streams } };
    }
    return { state: { ...replayed, logGroups }, notes };
  } finally {
    emu.close();
  }
}

/** An exercise's graded part from its task results (in any order); also used for checks against a real account. */
export function partFrom(exercise: Exercise, results: Map<string, TaskResult>, options: Pick<ExerciseGradingOptions, 'hidden'>, notes: string[], ws?: WorkspaceState): GradedPart {
  const { meta } = exercise;
  const tests: GradedTest[] = meta.tasks.map((task) => {
    const result = results.get(task.id);
    const score = result?.points ?? 0;
    const output = result?.message ?? 'Not graded.';
    const hints = ws?.hintsOpened?.[task.id];
    return {
      key: `${meta.slug}/${task.id}`,
      name: `${meta.title}: ${task.title}`,
      score,
      maxScore: task.points,
      status: statusOf(score, task.points),
      output,
      ...(result?.mismatches?.length && score < task.points ? { mismatches: result.mismatches } : {}),
      ...(hints !== undefined ? { hintsOpened: hints } : {}),
      hidden: options.hidden.has(`${meta.slug}/${task.id}`),
      // The check ran out of time, or the learner's function did (Lambda's Sandbox.Timedout).
      timedOut: output.startsWith(TIMED_OUT_PREFIX) || output.includes('Sandbox.Timedout'),
    };
  });
  const claimed = ws !== undefined && ws.taskResults.length > 0
    ? { score: round2(ws.taskResults.reduce((n, t) => n + t.points, 0)), maxScore: round2(ws.taskResults.reduce((n, t) => n + t.maxPoints, 0)) }
    : undefined;
  return {
    kind: 'exercise',
    id: meta.slug,
    title: meta.title,
    score: round2(tests.reduce((n, t) => n + t.score, 0)),
    maxScore: round2(tests.reduce((n, t) => n + t.maxScore, 0)),
    ...(claimed !== undefined ? { claimed } : {}),
    tests,
    notes,
  };
}

/** Every task of an exercise scored 0 with one reason (no work, unreadable work). */
export function ungradable(exercise: Exercise, message: string, options: Pick<ExerciseGradingOptions, 'hidden'>): GradedPart {
  return partFrom(exercise, everyTask(exercise, message), options, []);
}

function everyTask(exercise: Exercise, message: string): Map<string, TaskResult> {
  return new Map(exercise.meta.tasks.map((t) => [t.id, { id: t.id, title: t.title, passed: false, points: 0, maxPoints: t.points, message }]));
}

/**
 * Grades one exercise. `raw` is the exercise's own saved state (answers, test events), `account`
 * the emulator snapshot it is graded on: the workbook's one account, or, in a file saved before
 * there was one, the exercise's own (`ws.emulator`), which the caller passes here.
 */
export async function gradeExercise(exercise: Exercise, raw: unknown, options: ExerciseGradingOptions, account?: unknown): Promise<GradedPart> {
  const { meta, checks } = exercise;
  let ws: WorkspaceState | undefined;
  if (raw !== undefined) {
    const parsed = parseWorkspace(raw, meta.slug);
    if (!parsed.ok) return partFrom(exercise, everyTask(exercise, `The saved work for ${meta.title} cannot be read: ${parsed.reason}.`), options, []);
    ws = parsed.state;
  }
  const snapshot = account ?? ws?.emulator;
  if (ws === undefined && snapshot === undefined) return partFrom(exercise, everyTask(exercise, `The submission holds no work for ${meta.title}.`), options, []);
  let state: EmulatorState | undefined;
  const notes: string[] = [];
  if (snapshot !== undefined) {
    try {
      const restored = await restoreAccount(snapshot);
      notes.push(...restored.notes);
      const replayed = await replayTests(restored.state, restored.ran, restored.refused, ws, meta.slug, options);
      notes.push(...replayed.notes);
      state = replayed.state;
    } catch (err) {
      if (!(err instanceof UnrestorableState)) throw err;
      return partFrom(exercise, everyTask(exercise, `The emulator state saved for ${meta.title} cannot be restored: ${err.message}.`), options, [], ws);
    }
  }
  const results = new Map<string, TaskResult>();
  for (const task of checks.tasks) {
    const metaTask = meta.tasks.find((t) => t.id === task.id);
    if (metaTask === undefined) throw new Error(`${meta.slug}: check "${task.id}" has no task in meta.json`);
    // Each task in its own fresh account: no task sees another's probes or invocations.
    const emu = emulatorFor(state, `${meta.slug}/${task.id}`, options);
    try {
      const report = await runChecks(
        { meta: { ...meta, tasks: [metaTask] }, checks: { ...checks, tasks: [task] } },
        {
          lambda: emu.lambda,
          logs: emu.logs,
          target: 'emulator',
          answers: ws?.answers ?? {},
          taskTimeoutMs: options.taskTimeoutMs,
          random: seededRandom(seedFrom(`${meta.slug}/${task.id}/check`)),
          download: emu.download,
        },
      );
      results.set(task.id, report.tasks[0]!);
    } finally {
      emu.close();
    }
  }
  return partFrom(exercise, results, options, notes, ws);
}
