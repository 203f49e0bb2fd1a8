/**
 * `aws logs tail GROUP [--since 10m] [--format detailed|short] [--follow]`, the CLI's own command
 * over FilterLogEvents: each event as `TIME STREAM MESSAGE`, and with --follow a poll every five
 * seconds until Ctrl+C, as the CLI does.
 */
import type { CommandContext } from '../shell.ts';

interface LogsClient {
  send(command: unknown): Promise<unknown>;
}

export class LogsTailUsageError extends Error {}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const POLL_MS = 5000;

export async function runLogsTail(context: CommandContext, module: Record<string, unknown>, client: LogsClient, args: string[]): Promise<number> {
  let group: string | undefined;
  let since = '10m';
  let format = 'detailed';
  let follow = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--follow') follow = true;
    else if (arg === '--since' || arg === '--format') {
      const value = args[++i];
      if (value === undefined) throw new LogsTailUsageError(`argument ${arg}: expected one argument`);
      if (arg === '--since') since = value;
      else format = value;
    } else if (!arg.startsWith('--') && group === undefined) group = arg;
    else throw new LogsTailUsageError(`Unknown options: ${arg}`);
  }
  if (group === undefined) throw new LogsTailUsageError('the following arguments are required: group_name');
  if (format !== 'detailed' && format !== 'short') throw new LogsTailUsageError(`argument --format: Invalid choice, valid choices are:\n\ndetailed | short | json`);
  const relative = /^(\d+)([smhdw])$/.exec(since);
  const startTime = relative !== null ? Date.now() - Number(relative[1]) * UNITS[relative[2]!]! * 1000 : Date.parse(since);
  if (Number.isNaN(startTime)) throw new LogsTailUsageError(`argument --since: Unable to parse timestamp '${since}'`);

  const Filter = module['FilterLogEventsCommand'] as new (input: Record<string, unknown>) => unknown;
  const seen = new Set<string>();
  let from = startTime;
  do {
    let token: string | undefined;
    try {
      do {
        const page = (await client.send(new Filter({ logGroupName: group, startTime: from, nextToken: token, interleaved: true }))) as {
          events?: { eventId?: string; timestamp?: number; logStreamName?: string; message?: string }[];
          nextToken?: string;
        };
        for (const event of page.events ?? []) {
          if (event.eventId !== undefined && seen.has(event.eventId)) continue;
          if (event.eventId !== undefined) seen.add(event.eventId);
          const time = new Date(event.timestamp ?? 0);
          const message = (event.message ?? '').replace(/\n$/, '');
          context.out(format === 'short' ? `${time.toISOString().slice(0, 19)} ${message}\n` : `${isoWithMicros(time)} ${event.logStreamName} ${message}\n`);
          from = Math.max(from, event.timestamp ?? from);
        }
        token = page.nextToken;
      } while (token !== undefined);
    } catch (error) {
      const failure = error as { name?: string; message?: string };
      context.err(`\nAn error occurred (${failure.name}) when calling the FilterLogEvents operation: ${failure.message ?? ''}\n`);
      return 254;
    }
    if (follow) await wait(POLL_MS, context.signal);
  } while (follow && !context.signal.aborted);
  return follow ? 130 : 0;
}

function isoWithMicros(date: Date): string {
  const ms = date.getUTCMilliseconds();
  return `${date.toISOString().slice(0, 19)}${ms === 0 ? '' : `.${String(ms * 1000).padStart(6, '0')}`}+00:00`;
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
