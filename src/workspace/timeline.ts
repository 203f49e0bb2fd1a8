/**
 * The invocation timeline, derived from what CloudWatch Logs holds (the only record Lambda keeps of
 * an invocation): one lane per log stream (one execution environment), and per invocation its INIT
 * phase (INIT_START … START, or INIT_REPORT when module scope failed) and its INVOKE phase
 * (START … REPORT). Text and JSON log formats are both read. Throttled requests never reach an
 * environment, so they are not in the logs: the page records them itself and passes them in.
 */
import { parseReportLine, type ReportFields } from '../emulator/index.ts';

export interface StreamEvents {
  stream: string;
  events: { timestamp: number; message: string }[];
}

export interface Throttle {
  at: number;
  reason: string;
}

/**
 * How the invocation started. `cold`: INIT ran for it. `init-failed`: INIT ran for it and failed
 * (the environment was discarded; never "warm"). `warm`: an environment that had already run INIT.
 * `provisioned`: INIT ran ahead, with no invocation waiting (provisioned concurrency), so the
 * invocation itself was warm.
 */
export type StartKind = 'cold' | 'init-failed' | 'warm' | 'provisioned';

export interface InitPhase {
  start: number;
  durationMs: number;
  /** `error` or `timeout` from INIT_REPORT; absent when module scope ran to the end. */
  failure?: { status: 'error' | 'timeout'; errorType?: string };
}

export interface Invocation {
  lane: number;
  stream: string;
  requestId: string;
  version: string;
  startKind: StartKind;
  /** INIT that ran on demand for this invocation. */
  init?: InitPhase;
  /** When INIT ran ahead of it (provisioned concurrency). */
  initializedAt?: number;
  /** START's timestamp: the INVOKE phase begins. */
  start: number;
  /** REPORT's Duration (the INVOKE phase, INIT excluded), or the time so far while in flight. */
  durationMs: number;
  billedDurationMs?: number;
  maxMemoryUsedMb?: number;
  memorySizeMb?: number;
  /** START seen, REPORT not yet. */
  inFlight: boolean;
  /** 1 for the first attempt of a request id; 2 and 3 for asynchronous retries. */
  attempt: number;
  retry: boolean;
  /** A function error: REPORT's Status, or the runtime's error line for the handler's exception. */
  failed: boolean;
  outcome: 'success' | 'error' | 'timeout' | 'running';
  errorType?: string;
}

export interface Timeline {
  lanes: string[];
  invocations: Invocation[];
  throttles: Throttle[];
  /** Most environments busy at one moment. */
  peakConcurrency: number;
  from: number;
  to: number;
}

/** One log event read as a platform record, in either log format. */
type PlatformEvent =
  | { type: 'initStart'; provisioned: boolean }
  | { type: 'initReport'; durationMs: number; status: 'error' | 'timeout'; errorType?: string }
  | { type: 'start'; requestId: string; version: string }
  | { type: 'report'; report: ReportFields }
  | { type: 'functionError'; errorType: string }
  | { type: 'other' };

const INIT_START = /^INIT_START Runtime Version: /;
const INIT_REPORT = /^INIT_REPORT Init Duration: (\d+\.\d{2}) ms\tPhase: init\tStatus: (error|timeout)(?:\tError Type: (\S+))?$/;
const START = /^START RequestId: (\S+) Version: (\S+)$/;
/** Node.js's runtime logs the handler's exception as `<ts>\t<id>\tERROR\tInvoke Error \t{json}`. */
const NODE_INVOKE_ERROR = /^\S+\t\S+\tERROR\tInvoke Error \t(\{.*\})$/s;
/** Python's runtime logs it as `[ERROR] Type: message` then the traceback, in one event. */
const PYTHON_INVOKE_ERROR = /^\[ERROR\] ([A-Za-z_][\w.]*)(?::| |$)[^\n]*\nTraceback \(most recent call last\):/;

function errorTypeOf(json: string): string {
  try {
    const doc = JSON.parse(json) as { errorType?: unknown };
    return typeof doc.errorType === 'string' ? doc.errorType : 'Error';
  } catch {
    return 'Error';
  }
}

function readJsonRecord(message: string): PlatformEvent {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(message) as Record<string, unknown>;
  } catch {
    return { type: 'other' };
  }
  if (!doc || typeof doc !== 'object') return { type: 'other' };
  const record = (doc.record ?? {}) as Record<string, unknown>;
  const metrics = (record.metrics ?? {}) as Record<string, number>;
  switch (doc.type) {
    case 'platform.initStart':
      return { type: 'initStart', provisioned: record.initializationType === 'provisioned-concurrency' };
    case 'platform.initReport':
      return record.status === 'success'
        ? { type: 'other' }
        : { type: 'initReport', durationMs: Number(metrics.durationMs ?? 0), status: record.status === 'timeout' ? 'timeout' : 'error', ...(typeof record.errorType === 'string' ? { errorType: record.errorType } : {}) };
    case 'platform.start':
      return { type: 'start', requestId: String(record.requestId), version: String(record.version ?? '$LATEST') };
    case 'platform.report': {
      const status = record.status === 'timeout' ? { kind: 'timeout' as const } : record.status === 'error' ? { kind: 'error' as const, errorType: String(record.errorType ?? 'Unknown') } : undefined;
      return {
        type: 'report',
        report: {
          requestId: String(record.requestId),
          durationMs: Number(metrics.durationMs ?? 0),
          billedDurationMs: Number(metrics.billedDurationMs ?? 0),
          memorySizeMb: Number(metrics.memorySizeMB ?? 0),
          maxMemoryUsedMb: Number(metrics.maxMemoryUsedMB ?? 0),
          ...(metrics.initDurationMs !== undefined ? { initDurationMs: Number(metrics.initDurationMs) } : {}),
          ...(status ? { status } : {}),
        },
      };
    }
  }
  // An application record: the runtime's own error record carries errorType (Node's `level`, Python's `log_level`).
  const level = doc.level ?? doc.log_level;
  const message_ = doc.message as Record<string, unknown> | undefined;
  const errorType = doc.errorType ?? (message_ && typeof message_ === 'object' ? message_.errorType : undefined);
  if (level === 'ERROR' && typeof errorType === 'string') return { type: 'functionError', errorType };
  return { type: 'other' };
}

export function readPlatformEvent(message: string): PlatformEvent {
  if (message.startsWith('{')) return readJsonRecord(message);
  if (INIT_START.test(message)) return { type: 'initStart', provisioned: false };
  let m = INIT_REPORT.exec(message);
  if (m) return { type: 'initReport', durationMs: Number(m[1]), status: m[2] as 'error' | 'timeout', ...(m[3] ? { errorType: m[3] } : {}) };
  m = START.exec(message);
  if (m) return { type: 'start', requestId: m[1]!, version: m[2]! };
  const report = parseReportLine(message);
  if (report) return { type: 'report', report };
  m = NODE_INVOKE_ERROR.exec(message);
  if (m) return { type: 'functionError', errorType: errorTypeOf(m[1]!) };
  m = PYTHON_INVOKE_ERROR.exec(message);
  if (m) return { type: 'functionError', errorType: m[1]! };
  return { type: 'other' };
}

/** Reads one environment's stream in order; `now` closes an invocation still in flight. */
function readStream(lane: number, stream: string, events: StreamEvents['events'], now: number): Invocation[] {
  const out: Invocation[] = [];
  let pendingInit: (InitPhase & { provisioned: boolean }) | undefined;
  let open: Invocation | undefined;
  for (const e of events) {
    const p = readPlatformEvent(e.message.replace(/\n$/, ''));
    switch (p.type) {
      case 'initStart':
        pendingInit = { start: e.timestamp, durationMs: 0, provisioned: p.provisioned };
        break;
      case 'initReport':
        if (pendingInit) {
          pendingInit.durationMs = p.durationMs;
          pendingInit.failure = { status: p.status, ...(p.errorType ? { errorType: p.errorType } : {}) };
        }
        break;
      case 'start': {
        let startKind: StartKind = 'warm';
        let init: InitPhase | undefined;
        if (pendingInit) {
          const { provisioned, ...phase } = pendingInit;
          init = phase;
          if (phase.failure) startKind = 'init-failed';
          else startKind = provisioned ? 'provisioned' : 'cold'; // REPORT's Init Duration confirms a cold start
          if (!phase.failure && !phase.durationMs) phase.durationMs = Math.max(0, e.timestamp - phase.start);
        }
        open = {
          lane, stream, requestId: p.requestId, version: p.version, startKind, ...(init ? { init } : {}), start: e.timestamp,
          durationMs: 0, inFlight: true, attempt: 1, retry: false, failed: false, outcome: 'running',
        };
        pendingInit = undefined;
        break;
      }
      case 'functionError':
        if (open) {
          open.failed = true;
          open.outcome = 'error';
          open.errorType = p.errorType;
        }
        break;
      case 'report': {
        const r = p.report;
        const inv: Invocation = open && open.requestId === r.requestId ? open : {
          // A REPORT whose START was lost (log truncated): its start is REPORT's time less the duration.
          lane, stream, requestId: r.requestId, version: '$LATEST', startKind: 'warm', start: e.timestamp - r.durationMs,
          durationMs: 0, inFlight: true, attempt: 1, retry: false, failed: false, outcome: 'running',
        };
        inv.durationMs = r.durationMs;
        inv.billedDurationMs = r.billedDurationMs;
        inv.maxMemoryUsedMb = r.maxMemoryUsedMb;
        inv.memorySizeMb = r.memorySizeMb;
        inv.inFlight = false;
        if (r.initDurationMs !== undefined) {
          inv.startKind = inv.startKind === 'init-failed' ? 'init-failed' : 'cold';
          inv.init = { start: inv.init?.start ?? inv.start - r.initDurationMs, durationMs: r.initDurationMs, ...(inv.init?.failure ? { failure: inv.init.failure } : {}) };
        } else if (inv.startKind === 'cold' || inv.startKind === 'provisioned') {
          // INIT ran but REPORT has no Init Duration: it ran ahead of this invocation (provisioned),
          // and how long it took is not in the logs.
          inv.startKind = 'provisioned';
          if (inv.init) inv.initializedAt = inv.init.start;
          delete inv.init;
        }
        if (r.status?.kind === 'timeout') {
          inv.failed = true;
          inv.outcome = 'timeout';
          inv.errorType = 'Sandbox.Timedout';
        } else if (r.status?.kind === 'error') {
          inv.failed = true;
          inv.outcome = 'error';
          inv.errorType = r.status.errorType;
        } else if (!inv.failed) inv.outcome = 'success';
        out.push(inv);
        open = undefined;
        break;
      }
    }
  }
  if (open) {
    open.durationMs = Math.max(0, now - open.start);
    out.push(open);
  }
  return out;
}

export function buildTimeline(streams: StreamEvents[], throttles: Throttle[] = [], now?: number): Timeline {
  const last = Math.max(0, ...streams.flatMap((s) => s.events.map((e) => e.timestamp)));
  const invocations = streams.flatMap(({ stream, events }, lane) => readStream(lane, stream, events, now ?? last));
  invocations.sort((a, b) => a.start - b.start);
  const attempts = new Map<string, number>();
  for (const inv of invocations) {
    inv.attempt = (attempts.get(inv.requestId) ?? 0) + 1;
    inv.retry = inv.attempt > 1;
    attempts.set(inv.requestId, inv.attempt);
  }
  const times = [
    ...invocations.flatMap((i) => [i.init?.start ?? i.start, i.start + i.durationMs]),
    ...throttles.map((t) => t.at),
  ];
  return {
    lanes: streams.map((s) => s.stream),
    invocations,
    throttles: [...throttles].sort((a, b) => a.at - b.at),
    peakConcurrency: maxInFlight(invocations, -Infinity, Infinity),
    from: times.length ? Math.min(...times) : 0,
    to: times.length ? Math.max(...times) : 0,
  };
}

/**
 * Most invocations running at one moment within [from, to): an environment counts from START to
 * the end of its INVOKE phase (INIT included when it ran on demand, as the environment is busy).
 */
export function maxInFlight(invocations: readonly Invocation[], from: number, to: number): number {
  const edges: [number, number][] = [];
  for (const i of invocations) {
    const begin = i.startKind === 'cold' || i.startKind === 'init-failed' ? (i.init?.start ?? i.start) : i.start;
    const end = i.start + i.durationMs;
    if (end < from || begin >= to) continue;
    edges.push([Math.max(begin, from), 1], [end, -1]);
  }
  // An invocation that ends exactly when another starts did not overlap it.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let busy = 0;
  let peak = 0;
  for (const [, d] of edges) {
    busy += d;
    peak = Math.max(peak, busy);
  }
  return peak;
}

/** The label a learner reads for how an invocation started. */
export function startLabel(kind: StartKind): string {
  switch (kind) {
    case 'cold':
      return 'cold start';
    case 'init-failed':
      return 'cold start, INIT failed';
    case 'provisioned':
      return 'warm (initialised ahead)';
    case 'warm':
      return 'warm start';
  }
}

/** The label for how an invocation ended. */
export function outcomeLabel(inv: Invocation): string {
  switch (inv.outcome) {
    case 'success':
      return 'succeeded';
    case 'running':
      return 'running';
    case 'timeout':
      return 'timed out';
    case 'error':
      return `failed (${inv.errorType ?? 'error'})`;
  }
}

export interface LaneRows {
  /** Lane indices drawn as rows, oldest first. */
  shown: number[];
  /** Older environments folded into one row. */
  collapsed: { lanes: number[]; invocations: number };
}

/**
 * At most `maxRows` environments get a row: the ones active most recently. The rest (environments
 * Lambda has long replaced) fold into one row, so the chart never grows without limit.
 */
export function laneRows(t: Timeline, maxRows: number, expanded = false): LaneRows {
  const lastActive = t.lanes.map(() => -Infinity);
  const count = t.lanes.map(() => 0);
  for (const i of t.invocations) {
    lastActive[i.lane] = Math.max(lastActive[i.lane]!, i.start + i.durationMs);
    count[i.lane]! += 1;
  }
  const byRecent = t.lanes.map((_, i) => i).sort((a, b) => lastActive[b]! - lastActive[a]! || b - a);
  const keep = expanded ? byRecent : byRecent.slice(0, Math.max(1, maxRows));
  const kept = new Set(keep);
  const folded = byRecent.filter((l) => !kept.has(l)).sort((a, b) => a - b);
  return {
    shown: [...keep].sort((a, b) => a - b),
    collapsed: { lanes: folded, invocations: folded.reduce((n, l) => n + count[l]!, 0) },
  };
}
