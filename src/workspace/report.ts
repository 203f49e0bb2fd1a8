/** Reads Lambda's REPORT line back into the numbers the console's execution summary shows. */
export interface ReportSummary {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs?: number;
  status?: string;
  errorType?: string;
}

const REPORT = /^REPORT RequestId: (\S+)\tDuration: ([\d.]+) ms\tBilled Duration: (\d+) ms\tMemory Size: (\d+) MB\tMax Memory Used: (\d+) MB\t(?:Init Duration: ([\d.]+) ms\t)?(?:Status: (\w+)\t?)?(?:Error Type: (\S+)\t?)?/;

export function parseReport(line: string): ReportSummary | undefined {
  const m = REPORT.exec(line);
  if (!m) return undefined;
  return {
    requestId: m[1]!,
    durationMs: Number(m[2]),
    billedDurationMs: Number(m[3]),
    memorySizeMb: Number(m[4]),
    maxMemoryUsedMb: Number(m[5]),
    ...(m[6] ? { initDurationMs: Number(m[6]) } : {}),
    ...(m[7] ? { status: m[7] } : {}),
    ...(m[8] ? { errorType: m[8] } : {}),
  };
}

/** The last REPORT line in a log tail. */
export function lastReport(log: string): ReportSummary | undefined {
  const lines = log.split('\n').filter((l) => l.startsWith('REPORT '));
  return lines.length ? parseReport(lines[lines.length - 1]!) : undefined;
}

export function decodeBase64Utf8(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}
