/**
 * What the grader trusts in a submission's emulator snapshot. The learner's account is their work:
 * functions, versions, aliases, configuration, layers and code are restored (each package checked
 * against its CodeSha256). Log events, queued async events and delivered destination messages are
 * not: anyone can type a REPORT line into a file. They are dropped, and the logs are re-derived by
 * running the learner's own test event on the grader (see replayTests in grade-exercise.ts).
 */
import { base64ToBytes, parseEmulatorState, parseReportLine, sha256Base64, type EmulatorState } from '../emulator/index.ts';

/** A function version the learner ran, as its log streams tell (`2026/01/05/[$LATEST]abc…`). */
export interface RanVersion {
  functionName: string;
  version: string;
}

/** A refusal the file's logs say a function met: its role was not allowed `action` (`lambda:InvokeFunction`). */
export interface ClaimedRefusal {
  functionName: string;
  action: string;
}

export interface RestoredAccount {
  state: EmulatorState;
  /** Function versions whose log streams the file held: the learner's tests, to run again. */
  ran: RanVersion[];
  /** AccessDeniedExceptions the file's logs show, to re-create with the role as it was before its grant. */
  refused: ClaimedRefusal[];
  /** For the instructor: what was not trusted and why. */
  notes: string[];
}

export class UnrestorableState extends Error {}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const uuidText = uuid.source.slice(1, -1);
const START_LINE = new RegExp(`^START RequestId: (${uuidText}) Version: (?:\\$LATEST|\\d+)$`);
const END_LINE = new RegExp(`^END RequestId: (${uuidText})$`);
/** The words of an AccessDeniedException a handler's SDK call met, as its runtime logs them. */
const REFUSAL = /is not authorized to perform: ([A-Za-z0-9-]+:[A-Za-z0-9*]+) on resource:/;

/** The request id of a platform line as Lambda writes it, or undefined for one it could not have written. */
function platformLineRequestId(kind: string, line: string): string | undefined {
  if (kind === 'REPORT') {
    const id = parseReportLine(line)?.requestId;
    return id !== undefined && uuid.test(id) ? id : undefined;
  }
  return line.match(kind === 'START' ? START_LINE : END_LINE)?.[1];
}

/**
 * Platform lines (START, END, REPORT) in a stream that Lambda could not have written: a wrong
 * format, or an END/REPORT whose request never STARTed there. Only flagged: the logs are dropped anyway.
 */
export function editedPlatformLines(events: readonly unknown[]): string[] {
  const started = new Set<string>();
  const edited: string[] = [];
  for (const event of events) {
    const message = (event as { message?: unknown } | null)?.message;
    if (typeof message !== 'string') continue;
    const line = message.replace(/\n$/, '');
    const kind = line.match(/^(START|END|REPORT)\b/)?.[1];
    if (kind === undefined) continue;
    const id = platformLineRequestId(kind, line);
    if (id === undefined || (kind !== 'START' && !started.has(id))) edited.push(line);
    else if (kind === 'START') started.add(id);
  }
  return edited;
}

/** The trusted part of a snapshot, or UnrestorableState saying which field is wrong. */
export async function restoreAccount(raw: unknown): Promise<RestoredAccount> {
  const parsed = parseEmulatorState(raw);
  if (!parsed.ok) throw new UnrestorableState(`the field "${['emulator', parsed.path].filter(Boolean).join('.')}" is not valid: ${parsed.message}`);
  const submitted = parsed.state;
  const notes: string[] = [];
  const code: Record<string, string> = {};
  for (const [sha, base64] of Object.entries(submitted.code)) {
    const bytes = base64ToBytes(base64);
    if (bytes !== undefined && (await sha256Base64(bytes)) === sha) code[sha] = base64;
    else notes.push(`A deployment package stored as ${sha} does not hash to that CodeSha256; it was not restored.`);
  }
  const ran: RanVersion[] = [];
  const refused: ClaimedRefusal[] = [];
  let forgeable = 0;
  for (const group of Object.values(submitted.logGroups)) {
    const functionName = group.logGroupName.replace(/^\/aws\/lambda\//, '');
    const versions = new Set<string>();
    const edited: string[] = [];
    const actions = new Set<string>();
    for (const stream of Object.values(group.streams)) {
      forgeable += stream.events.length;
      for (const event of stream.events) {
        const action = REFUSAL.exec(event.message)?.[1];
        if (action !== undefined) actions.add(action);
      }
      edited.push(...editedPlatformLines(stream.events));
      const version = stream.logStreamName.match(/^\d{4}\/\d{2}\/\d{2}\/\[([^\]]+)\]/)?.[1];
      if (version !== undefined) versions.add(version);
    }
    if (edited.length > 0) {
      const example = edited[0]!.length > 100 ? `${edited[0]!.slice(0, 100)}…` : edited[0]!;
      notes.push(`The file's logs in ${group.logGroupName} look edited by hand: ${edited.length} START/END/REPORT line(s) Lambda could not have written, e.g. "${example.replace(/\t/g, ' ')}".`);
    }
    if (submitted.functions[functionName] !== undefined) for (const action of [...actions].sort()) refused.push({ functionName, action });
    for (const version of [...versions].sort()) {
      const fn = submitted.functions[functionName];
      if (fn !== undefined && (version === '$LATEST' || fn.versions[version] !== undefined)) ran.push({ functionName, version });
    }
  }
  if (forgeable > 0) notes.push(`The file's ${forgeable} log event(s) were not trusted: the logs graded come from running the learner's test event again.`);
  if (submitted.queue.length > 0 || submitted.sinks.length > 0) notes.push('Queued async events and destination messages in the file were not restored.');
  // Everything the schema holds is restored except what the learner could have typed by hand.
  const state: EmulatorState = { ...submitted, code, queue: [], sinks: [], logGroups: {} };
  return { state, ran, refused, notes };
}
