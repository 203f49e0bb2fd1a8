/**
 * The invocation timeline, derived from what CloudWatch Logs holds: one lane per log stream (one
 * execution environment), one bar per START…REPORT, cold where REPORT carries Init Duration, and a
 * retry where a request id was seen before (an asynchronous retry). Throttles never reach the logs,
 * so the page records them itself.
 */
import { parseReportLine } from '../emulator/index.ts';

export interface StreamEvents {
  stream: string;
  events: { timestamp: number; message: string }[];
}

export interface Invocation {
  lane: number;
  stream: string;
  requestId: string;
  start: number;
  durationMs: number;
  cold: boolean;
  retry: boolean;
  failed: boolean;
}

export interface Timeline {
  lanes: string[];
  invocations: Invocation[];
  throttles: { at: number; reason: string }[];
  /** Most environments busy at one moment. */
  peakConcurrency: number;
  from: number;
  to: number;
}

const START = /^START RequestId: (\S+)/;

export function buildTimeline(streams: StreamEvents[], throttles: { at: number; reason: string }[] = []): Timeline {
  const invocations: Invocation[] = [];
  const seen = new Set<string>();
  streams.forEach(({ stream, events }, lane) => {
    const starts = new Map<string, number>();
    for (const e of events) {
      const start = START.exec(e.message);
      if (start) {
        starts.set(start[1]!, e.timestamp);
        continue;
      }
      const report = parseReportLine(e.message);
      if (!report) continue;
      const begin = starts.get(report.requestId) ?? e.timestamp - report.durationMs;
      invocations.push({
        lane,
        stream,
        requestId: report.requestId,
        start: begin,
        durationMs: report.durationMs,
        cold: report.initDurationMs !== undefined,
        retry: false,
        failed: report.status !== undefined,
      });
    }
  });
  invocations.sort((a, b) => a.start - b.start);
  for (const inv of invocations) {
    inv.retry = seen.has(inv.requestId);
    seen.add(inv.requestId);
  }
  const edges = invocations.flatMap((i) => [
    [i.start, 1],
    [i.start + i.durationMs, -1],
  ] as [number, number][]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let busy = 0;
  let peak = 0;
  for (const [, d] of edges) {
    busy += d;
    peak = Math.max(peak, busy);
  }
  const times = [...invocations.flatMap((i) => [i.start, i.start + i.durationMs]), ...throttles.map((t) => t.at)];
  return {
    lanes: streams.map((s) => s.stream),
    invocations,
    throttles,
    peakConcurrency: peak,
    from: times.length ? Math.min(...times) : 0,
    to: times.length ? Math.max(...times) : 0,
  };
}
