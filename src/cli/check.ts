/**
 * `npm run check -- <exercise> --endpoint http://127.0.0.1:4010` checks an exercise against the
 * emulator server; `--aws [--profile P] [--region R]` against a real account, read-only.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { describeError } from '../checks/errors.ts';
import { exercises } from '../../exercises/index.ts';
import { runChecks } from '../checks/run.ts';
import type { CheckReport } from '../checks/types.ts';
import { checkClass, ClassCheckError, classColumns } from './check-class.ts';
import { checkLab } from './check-lab.ts';
import { formats, writeReport, type ReportFormat } from './grade-reports.ts';

const usage = `Usage:
  npm run check -- <exercise> --endpoint http://127.0.0.1:4010   check against the emulator server
  npm run check -- <exercise> --aws [--profile P] [--region R]    check against a real AWS account (read-only)
  npm run check -- <exercise>... --aws --class roster.csv        check a whole class in one account (read-only)
  npm run check -- <exercise>... --lab lab/ --endpoint URL        check every learner's account on a lab server
  npm run check -- <exercise>... --lab http://host:4010           the same, with the instructor's keys from --profile or the environment
Options:
  --prefix alice-          names in a shared account start with this (alice-hello-lambda)
  --answers answers.json   the answers to the exercise's questions, as {"id": "answer"}
  --answer id=value        one answer (repeatable)
  --timeout 60             seconds before one task's check gives up
  --json                   print the report as JSON
  --class roster.csv       a class list with the columns name, id, prefix (and optionally answers: a file of
                           the learner's answers or their exported workbook); every learner is checked under
                           their prefix and reported together
  --lab DIR|URL            a lab server's folder (with --endpoint) or address: each learner's own account is checked
  --format table|csv|gradescope|junit, --out FILE   with --class or --lab: the report, as npm run grade writes it
Exercises: ${exercises.map((e) => e.meta.slug).join(', ')}`;

class UsageError extends Error {}

interface CliOptions {
  exercise: string;
  target: 'emulator' | 'aws';
  endpoint: string | undefined;
  profile: string | undefined;
  region: string | undefined;
  prefix: string;
  answers: Record<string, string>;
  timeoutMs: number | undefined;
  json: boolean;
  /** Class mode: every exercise named, the roster, the report. */
  exercises: string[];
  roster: string | undefined;
  lab: string | undefined;
  format: ReportFormat;
  out: string | undefined;
}

async function parse(argv: string[]): Promise<CliOptions> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      endpoint: { type: 'string' },
      aws: { type: 'boolean', default: false },
      profile: { type: 'string' },
      region: { type: 'string' },
      prefix: { type: 'string', default: '' },
      answers: { type: 'string' },
      answer: { type: 'string', multiple: true, default: [] },
      timeout: { type: 'string' },
      json: { type: 'boolean', default: false },
      class: { type: 'string' },
      lab: { type: 'string' },
      format: { type: 'string', default: 'table' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) throw new UsageError('');
  const exercise = positionals[0];
  const many = values.class !== undefined || values.lab !== undefined;
  if (exercise === undefined || (positionals.length > 1 && !many)) throw new UsageError(!many ? 'Name one exercise.' : 'Name the exercises to check.');
  if (values.lab !== undefined && (values.class !== undefined || values.aws || values.prefix !== '')) throw new UsageError('--lab checks each learner in their own account: leave out --class, --aws and --prefix.');
  for (const slug of positionals) if (!exercises.some((e) => e.meta.slug === slug)) throw new UsageError(`No exercise "${slug}".`);
  if (values.class !== undefined && values.prefix !== '') throw new UsageError('--class gives every learner their prefix: leave out --prefix.');
  if (!(formats as readonly string[]).includes(values.format)) throw new UsageError(`--format takes one of ${formats.join(', ')}.`);
  if (!many && (values.format !== 'table' || values.out !== undefined)) throw new UsageError('--format and --out go with --class or --lab; for one learner, --json gives the report as data.');
  if (!values.aws && values.endpoint === undefined && values.lab === undefined) throw new UsageError('Say where to check: --endpoint <url> for the emulator, or --aws for a real account.');
  const answers: Record<string, string> = {};
  if (values.answers !== undefined) {
    const parsed = JSON.parse(await readFile(values.answers, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`${values.answers} must hold a JSON object of answers.`);
    for (const [id, value] of Object.entries(parsed)) answers[id] = String(value);
  }
  for (const pair of values.answer) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--answer takes id=value, got "${pair}".`);
    answers[pair.slice(0, at)] = pair.slice(at + 1);
  }
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError('--timeout takes a number of seconds.');
  return {
    exercise,
    target: values.aws ? 'aws' : 'emulator',
    endpoint: values.endpoint,
    profile: values.profile,
    region: values.region,
    prefix: values.prefix,
    answers,
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
    json: values.json,
    exercises: positionals,
    roster: values.class,
    lab: values.lab,
    format: values.format as ReportFormat,
    out: values.out,
  };
}

function clients(options: CliOptions): { lambda: LambdaClient; logs: CloudWatchLogsClient } {
  if (options.target === 'emulator') {
    // The emulator accepts any signature; the SDK still wants credentials to sign with.
    const config = {
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      credentials: { accessKeyId: 'workbook', secretAccessKey: 'workbook' },
    };
    return { lambda: new LambdaClient(config), logs: new CloudWatchLogsClient(config) };
  }
  // The standard credential chain: environment, --profile / AWS_PROFILE, SSO, instance roles.
  const config = {
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    maxAttempts: 2,
  };
  return { lambda: new LambdaClient(config), logs: new CloudWatchLogsClient(config) };
}

function table(report: CheckReport, options: CliOptions): string {
  const rows = report.tasks.map((t, i) => [`${i + 1}. ${t.title}`, t.passed ? 'passed' : t.points > 0 ? 'partly' : 'failed', `${t.points}/${t.maxPoints}`]);
  const widths = [0, 1, 2].map((col) => Math.max(...rows.map((r) => (r[col] ?? '').length), ['Task', 'Result', 'Points'][col]?.length ?? 0));
  const line = (cells: string[]): string => cells.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd();
  const where = options.target === 'aws' ? `AWS account${options.region ? ` (${options.region})` : ''}${options.profile ? `, profile ${options.profile}` : ''}` : `emulator at ${options.endpoint}`;
  const out = [`${report.exercise}: checked against the ${where}${report.prefix ? `, prefix ${report.prefix}` : ''}`, '', line(['Task', 'Result', 'Points']), line(widths.map((w) => '-'.repeat(w)))];
  for (const [i, task] of report.tasks.entries()) {
    out.push(line(rows[i] ?? []));
    out.push(`   ${task.message}`);
  }
  out.push('', `Total: ${report.points}/${report.maxPoints}`);
  out.push('', `Looked at: ${report.resources.length > 0 ? report.resources.join('; ') : 'nothing (no request got an answer)'}`);
  if (options.target === 'aws') out.push('Against AWS the checker only reads and invokes: it created, changed and deleted nothing.');
  return out.join('\n');
}

async function main(): Promise<number> {
  let options: CliOptions;
  try {
    options = await parse(process.argv.slice(2));
  } catch (err) {
    const message = err instanceof UsageError || err instanceof TypeError || err instanceof SyntaxError ? err.message : describeError(err);
    process.stderr.write(`${message ? `${message}\n\n` : ''}${usage}\n`);
    return 2;
  }
  if (options.lab !== undefined) {
    try {
      const grades = await checkLab({ exercises: options.exercises, lab: options.lab, endpoint: options.endpoint, profile: options.profile, region: options.region, ...(options.timeoutMs !== undefined ? { taskTimeoutMs: options.timeoutMs } : {}) });
      writeReport(grades, classColumns(options.exercises), options.format, options.out, 'after_due_date');
      return 0;
    } catch (err) {
      process.stderr.write(`${err instanceof ClassCheckError ? err.message : describeError(err)}\n`);
      return err instanceof ClassCheckError ? 1 : 2;
    }
  }
  const { lambda, logs } = clients(options);
  if (options.roster !== undefined) {
    try {
      const grades = await checkClass({ exercises: options.exercises, rosterPath: options.roster, lambda, logs, target: options.target, ...(options.timeoutMs !== undefined ? { taskTimeoutMs: options.timeoutMs } : {}) });
      writeReport(grades, classColumns(options.exercises), options.format, options.out, 'after_due_date');
      if (options.target === 'aws') process.stderr.write('Against AWS the checker only reads and invokes: it created, changed and deleted nothing.\n');
      return 0;
    } catch (err) {
      // A roster that cannot be read or a report that cannot be written is a usage mistake; an unreachable account fails the run.
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      return err instanceof ClassCheckError ? 1 : 2;
    } finally {
      lambda.destroy();
      logs.destroy();
    }
  }
  try {
    const report = await runChecks(options.exercise, {
      lambda,
      logs,
      target: options.target,
      prefix: options.prefix,
      answers: options.answers,
      taskTimeoutMs: options.timeoutMs,
    });
    process.stdout.write(`${options.json ? JSON.stringify(report, null, 2) : table(report, options)}\n`);
    return report.tasks.every((t) => t.passed) ? 0 : 1;
  } finally {
    lambda.destroy();
    logs.destroy();
  }
}

process.exitCode = await main();
