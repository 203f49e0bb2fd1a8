/** Lambda's platform log lines, exactly as CloudWatch shows them, for every runtime. */
import { fnv1a } from '../seeded.ts';
import { nodeMajor } from './file-system.ts';

/** Runtime versions the emulator reports in INIT_START, per Node.js major (`nodejs:22.v<N>`). */
const runtimeVersions: Record<string, { version: string; arnHex: string }> = {
  '18': { version: 'nodejs:18.v62', arnHex: 'ee4f57a293b2f1847eeb9849497d0be30e7d98ca42f4d34078c6c3a3c6318d17' },
  '20': { version: 'nodejs:20.v58', arnHex: 'f00c9bcc51f3659512f760b1221c875c92e24093ca4986ab18881aacd767a3f9' },
  '22': { version: 'nodejs:22.v51', arnHex: '3ee39d198acc4fa1c1888429c7a97861a7394b936e19287cf4d7dfb14732cf63' },
  '24': { version: 'nodejs:24.v12', arnHex: 'a684e6335140e5fbd3543e4fc86608f6bb530ff994951cd336cceafc1d3fc209' },
};

export function initStartLine(runtime: string, region: string): string {
  const v = runtimeVersions[nodeMajor(runtime)] ?? runtimeVersions['22']!;
  return `INIT_START Runtime Version: ${v.version}\tRuntime Version ARN: arn:aws:lambda:${region}::runtime:${v.arnHex}`;
}

/**
 * INIT_START for a Python function names what really runs, in Lambda's shape: CPython's version
 * and Pyodide's (`python:3.14.pyodide-314.0.8`), with a runtime ARN derived from that name.
 */
export function pythonInitStartLine(region: string, pythonVersion: string, pyodideVersion: string): string {
  const version = `python:${pythonVersion}.pyodide-${pyodideVersion}`;
  // 64 hex digits like AWS's runtime ids: eight FNV-1a hashes of the name, stable per build.
  let arnHex = '';
  for (let i = 0; i < 8; i++) arnHex += fnv1a(`${version}#${i}`).toString(16).padStart(8, '0');
  return `INIT_START Runtime Version: ${version}\tRuntime Version ARN: arn:aws:lambda:${region}::runtime:${arnHex}`;
}

export const startLine = (requestId: string, version: string): string => `START RequestId: ${requestId} Version: ${version}`;
export const endLine = (requestId: string): string => `END RequestId: ${requestId}`;

export interface ReportFields {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs?: number;
  /** `timeout`, or `error` with an error type. */
  status?: { kind: 'timeout' } | { kind: 'error'; errorType: string };
}

export function reportLine(f: ReportFields): string {
  let line = `REPORT RequestId: ${f.requestId}\tDuration: ${f.durationMs.toFixed(2)} ms\tBilled Duration: ${f.billedDurationMs} ms\t` +
    `Memory Size: ${f.memorySizeMb} MB\tMax Memory Used: ${f.maxMemoryUsedMb} MB\t`;
  if (f.initDurationMs !== undefined) line += `Init Duration: ${f.initDurationMs.toFixed(2)} ms\t`;
  if (f.status?.kind === 'timeout') line += 'Status: timeout';
  else if (f.status?.kind === 'error') line += `Status: error\tError Type: ${f.status.errorType}`;
  return line;
}

const REPORT_LINE =
  /^REPORT RequestId: (\S+)\tDuration: (\d+\.\d{2}) ms\tBilled Duration: (\d+) ms\tMemory Size: (\d+) MB\tMax Memory Used: (\d+) MB\t(?:Init Duration: (\d+\.\d{2}) ms\t)?(?:Status: (timeout)|Status: error\tError Type: (\S+))?$/;

/** Reads back exactly what reportLine writes (a trailing newline allowed); anything else is undefined. */
export function parseReportLine(line: string): ReportFields | undefined {
  const m = REPORT_LINE.exec(line.replace(/\n$/, ''));
  if (!m) return undefined;
  return {
    requestId: m[1]!,
    durationMs: Number(m[2]),
    billedDurationMs: Number(m[3]),
    memorySizeMb: Number(m[4]),
    maxMemoryUsedMb: Number(m[5]),
    ...(m[6] !== undefined ? { initDurationMs: Number(m[6]) } : {}),
    ...(m[7] !== undefined ? { status: { kind: 'timeout' as const } } : m[8] !== undefined ? { status: { kind: 'error' as const, errorType: m[8] } } : {}),
  };
}

/** `INIT_REPORT` when module-scope code fails or times out. */
export function initReportLine(initDurationMs: number, status: 'error' | 'timeout', errorType?: string): string {
  return `INIT_REPORT Init Duration: ${initDurationMs.toFixed(2)} ms\tPhase: init\tStatus: ${status}` +
    (status === 'error' && errorType ? `\tError Type: ${errorType}` : '');
}

/** A console line: `<ISO time>\t<request id>\t<LEVEL>\t<message>`, newlines folded to `\r`. */
export function consoleLine(timestampMs: number, requestId: string, level: string, text: string): string {
  return `${new Date(timestampMs).toISOString()}\t${requestId}\t${level}\t${text.replace(/\n/g, '\r')}`;
}

/** What an invocation's log says once it has written more than the emulator keeps (not an AWS line). */
export const logTruncatedNotice = (capBytes: number): string =>
  `[Lambda Workbook emulator] Log output truncated: this invocation wrote more than ${capBytes} bytes of logs; the rest was dropped.`;

export function timeoutLine(timestampMs: number, requestId: string, timeoutSeconds: number): string {
  return `${new Date(timestampMs).toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds`;
}

/**
 * Billed Duration: Duration plus, on a cold start, Init Duration, rounded up to the next millisecond
 * (at least 1 ms). INIT is billed for on-demand .zip functions on managed runtimes since 1 August 2025;
 * before, only custom runtimes, container images and provisioned concurrency paid for it.
 */
export const billedDuration = (durationMs: number, initDurationMs = 0): number => Math.max(1, Math.ceil(durationMs + initDurationMs - 1e-9));

// ---- JSON log format (LoggingConfig.LogFormat JSON) ----------------------------------------------

/** Application levels, least to most severe, as the runtimes rank them. */
export const APPLICATION_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
const SYSTEM_LEVELS = ['DEBUG', 'INFO', 'WARN'] as const;

/** Whether a record at `level` is written when the function's threshold is `threshold`. */
export function levelWritten(levels: readonly string[], level: string, threshold: string): boolean {
  const at = levels.indexOf(level);
  return at < 0 || at >= Math.max(0, levels.indexOf(threshold));
}

/**
 * An application log record in the JSON format, as Lambda's Node.js runtime writes it: timestamp,
 * level, request id, then the message (a string, or the value itself when one non-string value was logged).
 */
export function jsonApplicationRecord(timestampMs: number, requestId: string, level: string, message: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ timestamp: new Date(timestampMs).toISOString(), level, requestId, message, ...extra });
}

/**
 * The message of an application record from what the Node.js guest handed the host: `json` when
 * one non-string value was logged (its JSON), else the formatted text. The runtime's own error
 * lines (`Invoke Error`, `Uncaught Exception`, `Unhandled Promise Rejection`) become the error
 * object, as the runtime logs an error in JSON: errorType, errorMessage, stackTrace.
 */
export function jsonMessageOf(kind: 'json' | 'text', level: string, text: string): unknown {
  if (kind === 'json') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  const runtimeError = level === 'ERROR' ? /^(?:Invoke Error|Uncaught Exception|Unhandled Promise Rejection) \t(\{.*\})$/s.exec(text) : null;
  if (!runtimeError) return text;
  try {
    const { stack, ...rest } = JSON.parse(runtimeError[1]!) as Record<string, unknown>;
    return { ...rest, ...(stack !== undefined ? { stackTrace: stack } : {}) };
  } catch {
    return text;
  }
}

/** A platform record: `{"time", "type", "record"}`, each at the system level it is written at. */
function platformRecord(timestampMs: number, type: string, record: Record<string, unknown>): string {
  return JSON.stringify({ time: new Date(timestampMs).toISOString(), type, record });
}

const INIT_START_LINE = /^INIT_START Runtime Version: (\S+)\tRuntime Version ARN: (\S+)$/;
const START_LINE = /^START RequestId: (\S+) Version: (\S+)$/;
const END_LINE = /^END RequestId: \S+$/;
const INIT_REPORT_LINE = /^INIT_REPORT Init Duration: (\d+\.\d{2}) ms\tPhase: init\tStatus: (error|timeout)(?:\tError Type: (\S+))?$/;

/**
 * The platform's lines of one invocation as JSON records (platform.initStart, platform.start,
 * platform.report, platform.initReport), kept when the system level allows them (all are INFO);
 * application records pass through as the runtime wrote them.
 */
export function jsonPlatformEvents(
  events: readonly { timestamp: number; message: string }[],
  systemLevel: string,
  initializationType: 'on-demand' | 'provisioned-concurrency' = 'on-demand',
): { timestamp: number; message: string }[] {
  const info = levelWritten(SYSTEM_LEVELS, 'INFO', systemLevel);
  const out: { timestamp: number; message: string }[] = [];
  for (const e of events) {
    const platform = (type: string, record: Record<string, unknown>) => {
      if (info) out.push({ timestamp: e.timestamp, message: platformRecord(e.timestamp, type, record) });
    };
    let m: RegExpExecArray | null;
    if ((m = INIT_START_LINE.exec(e.message))) platform('platform.initStart', { initializationType, phase: 'init', runtimeVersion: m[1], runtimeVersionArn: m[2] });
    else if ((m = START_LINE.exec(e.message))) platform('platform.start', { requestId: m[1], version: m[2] });
    // The end of an invocation is in platform.report.
    else if (END_LINE.test(e.message)) continue;
    else if ((m = INIT_REPORT_LINE.exec(e.message))) {
      platform('platform.initReport', { initializationType, phase: 'init', status: m[2], ...(m[3] ? { errorType: m[3] } : {}), metrics: { durationMs: Number(m[1]) } });
    } else {
      const report = parseReportLine(e.message);
      if (!report) {
        out.push(e);
        continue;
      }
      platform('platform.report', {
        requestId: report.requestId,
        metrics: {
          durationMs: report.durationMs,
          billedDurationMs: report.billedDurationMs,
          memorySizeMB: report.memorySizeMb,
          maxMemoryUsedMB: report.maxMemoryUsedMb,
          ...(report.initDurationMs !== undefined ? { initDurationMs: report.initDurationMs } : {}),
        },
        status: report.status?.kind === 'timeout' ? 'timeout' : report.status ? 'error' : 'success',
        ...(report.status?.kind === 'error' ? { errorType: report.status.errorType } : {}),
      });
    }
  }
  return out;
}

/** The log group a function writes to: `/aws/lambda/<name>`. */
export function functionLogGroup(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}

/** `YYYY/MM/DD/[<version>]<32 hex>` */
export function logStreamName(epochMs: number, version: string, random: () => number): string {
  const d = new Date(epochMs);
  const date = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
  let hex = '';
  for (let i = 0; i < 32; i++) hex += Math.floor(random() * 16).toString(16);
  return `${date}/[${version}]${hex}`;
}
