/** Reads Lambda's REPORT lines back, for the console's execution summary and the timeline. */
import { parseReportLine, type ReportFields } from '../emulator/index.ts';

export type ReportSummary = ReportFields;

/** The last REPORT line in a log tail. */
export function lastReport(log: string): ReportSummary | undefined {
  const lines = log.split('\n').filter((l) => l.startsWith('REPORT '));
  return lines.length ? parseReportLine(lines[lines.length - 1]!) : undefined;
}

export function decodeBase64Utf8(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}
