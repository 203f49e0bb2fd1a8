/**
 * `npm run grade -- <files or folders>`: grades exported workbooks on the instructor's machine;
 * `npm run grade -- --lab DIR|URL`: grades every learner's account on a shared lab server directly.
 * Every exercise is checked again from the learner's restored account and every quiz re-graded;
 * no score in a file is trusted. Exit status: 0 when every submission was graded or reported as
 * unreadable, 1 when the grader itself failed on one (or, with --strict, a file was unreadable),
 * 2 for a usage mistake.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { exercises } from '../../exercises/index.ts';
import { gradeColumns } from '../grading/grade-submission.ts';
import { applyLabPolicy, type LabPolicy } from '../grading/lab-policy.ts';
import { readJsonReport } from '../grading/reports/json.ts';
import { regradeDiff } from '../grading/regrade.ts';
import { DEFAULT_THRESHOLD, similarityReport, type LearnerCode } from '../grading/similarity.ts';
import { exerciseBaseCode, learnerCode } from './similarity-files.ts';
import type { SubmissionGrade } from '../grading/results.ts';
import { labMode, parseLabConfigFile, readLabMode } from '../lab/config.ts';
import { publicBanks, readInstructorBank, type GradingBanks } from '../grading/instructor-bank.ts';
import { defaultCpuBudgetMs, defaultGradingTaskTimeoutMs } from '../hosts/node/grading-engine.ts';
import { gradeFiles } from './grading-pool.ts';
import { checkLab } from './check-lab.ts';
import { classColumns, ClassCheckError } from './check-class.ts';
import { formats, ReportUsageError, writeReport, type ReportFormat } from './grade-reports.ts';
import { submissionFiles, UsageError } from './submission-files.ts';

const usage = `Usage: npm run grade -- <submission.json | folder>... [options]
       npm run grade -- --lab DIR --endpoint URL | --lab URL [--profile NAME] [options]
Options:
  --lab DIR|URL                          grade each learner's account on a lab server, with no export step: its
                                         folder (as --state gave it, with --endpoint) or its address (the
                                         instructor's keys from --profile or the environment). Exercises only:
                                         quiz answers live in each learner's exported workbook.
  --format table|csv|gradescope|junit|json  report format (table by default); json is what --compare reads
  --out FILE                             write the report there instead of stdout (gradescope: a directory for one file each)
  --bank FILE                            the instructor's bank: hidden questions and tasks (JSON)
  --lab-config FILE                      the lab's settings (late policy, hint costs); WORKBOOK_LAB_* variables win,
                                         as when the site is built (default: WORKBOOK_LAB_CONFIG and those variables)
  --compare FILE                         a previous --format json: print each learner's changes per task (the
                                         report then goes only to --out)
  --similarity                           print the similarity report of the learners' handler code instead of
                                         grading (pairs for review; it never changes a grade)
  --similarity-out FILE                  grade as usual and write the similarity report there too
  --similarity-threshold X               list pairs at least this similar, 0-1 (default ${DEFAULT_THRESHOLD})
  --strict                               exit 1 when a submission cannot be read
  --jobs N                               worker threads (one per core by default)
  --task-timeout S                       seconds one task's check may take (default ${defaultGradingTaskTimeoutMs / 1000})
  --cpu-budget MS                        real milliseconds one invocation may compute (default ${defaultCpuBudgetMs})
Exit status: 0 all graded (unreadable files are reported, not failures), 1 the grader failed on a submission
(or --strict and a file was unreadable), 2 usage mistake.`;

function seconds(value: string | undefined, option: string, fallbackMs: number, scale = 1000): number {
  if (value === undefined) return fallbackMs;
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`${option} takes a positive number.`);
  return n * scale;
}

function progressBar(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (done, total) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} graded${done === total ? '\n' : ''}`);
  };
}

async function main(): Promise<number> {
  // Worker threads load TypeScript through tsx's --import hook, which Node 20 does not apply to a worker's entry.
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    process.stderr.write(`npm run grade needs Node 22.12 or newer (this is Node ${process.versions.node}): run it through npm, which uses the project's Node.\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'table' },
        out: { type: 'string' },
        bank: { type: 'string' },
        'lab-config': { type: 'string' },
        compare: { type: 'string' },
        similarity: { type: 'boolean', default: false },
        'similarity-out': { type: 'string' },
        'similarity-threshold': { type: 'string' },
        strict: { type: 'boolean', default: false },
        jobs: { type: 'string' },
        'task-timeout': { type: 'string' },
        'cpu-budget': { type: 'string' },
        lab: { type: 'string' },
        endpoint: { type: 'string' },
        profile: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
    if (parsed.values.help) throw new UsageError('');
    if (!(formats as readonly string[]).includes(parsed.values.format)) throw new UsageError(`--format takes one of ${formats.join(', ')}.`);
    if (parsed.values.lab !== undefined && parsed.positionals.length > 0) throw new UsageError('--lab grades the accounts on the lab server: leave out the submission files.');
    if (parsed.values.lab === undefined && (parsed.values.endpoint !== undefined || parsed.values.profile !== undefined)) throw new UsageError('--endpoint and --profile go with --lab.');
    if (parsed.values.lab === undefined && parsed.positionals.length === 0) throw new UsageError('Name the submission files or folders to grade, or a lab server with --lab.');
  } catch (err) {
    process.stderr.write(`${(err as Error).message ? `${(err as Error).message}\n\n` : ''}${usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.lab !== undefined) return gradeLab(values);
  let files: string[];
  let banks: GradingBanks = publicBanks();
  let bank: { path: string; text: string } | undefined;
  let taskTimeoutMs: number;
  let cpuBudgetMs: number;
  let jobs: number | undefined;
  let policy: LabPolicy = labMode;
  let previous: SubmissionGrade[] | undefined;
  let threshold = DEFAULT_THRESHOLD;
  try {
    files = submissionFiles(positionals);
    if (files.length === 0) throw new UsageError(`No .json files in ${positionals.join(', ')}.`);
    if (values.bank !== undefined) {
      bank = { path: values.bank, text: readFileSync(values.bank, 'utf8') };
      banks = readInstructorBank(bank.text, values.bank);
    }
    if (values['lab-config'] !== undefined) policy = readLabMode(process.env, parseLabConfigFile(readFileSync(values['lab-config'], 'utf8'), values['lab-config']));
    if (values['similarity-threshold'] !== undefined) {
      threshold = Number(values['similarity-threshold']);
      if (!(threshold > 0 && threshold <= 1)) throw new UsageError('--similarity-threshold takes a number above 0 and at most 1.');
    }
    if (values.compare !== undefined) previous = readJsonReport(readFileSync(values.compare, 'utf8'), values.compare);
    taskTimeoutMs = seconds(values['task-timeout'], '--task-timeout', defaultGradingTaskTimeoutMs);
    cpuBudgetMs = seconds(values['cpu-budget'], '--cpu-budget', defaultCpuBudgetMs, 1);
    jobs = values.jobs === undefined ? undefined : Math.floor(seconds(values.jobs, '--jobs', 1, 1));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  if (values.similarity || values['similarity-out'] !== undefined) {
    const code = files.map((f) => learnerCode(f, readFileSync(f, 'utf8'))).filter((c): c is LearnerCode => c !== undefined);
    const report = similarityReport(code, { threshold, base: exerciseBaseCode() });
    if (values.similarity) {
      process.stdout.write(report);
      return 0;
    }
    writeFileSync(values['similarity-out']!, report);
  }
  const columns = gradeColumns(banks);
  // Every task's check may use its whole timeout, and each exercise's replay of the learner's tests about as long.
  const taskCount = exercises.reduce((n, e) => n + e.meta.tasks.length + 1, 0);
  const graded = await gradeFiles(files, {
    taskTimeoutMs,
    cpuBudgetMs,
    ...(bank ? { bank } : {}),
    ...(jobs !== undefined ? { jobs } : {}),
    // Past that the worker itself is stuck.
    submissionDeadlineMs: taskCount * taskTimeoutMs + 60_000,
    onGraded: progressBar(),
  });
  // Gradescope has its own late-submission settings: the penalty is reported there, never applied twice.
  const grades = graded.map((g) => applyLabPolicy(g, policy, { late: values.format === 'gradescope' ? 'leave' : 'apply' }));
  if (values.format === 'gradescope' && policy.latePenalty !== undefined) process.stderr.write("The lab's late penalty is not applied with --format gradescope: Gradescope's own late-submission settings handle lateness. Each results.json says how late the workbook's export time was.\n");
  try {
    if (previous !== undefined) {
      process.stdout.write(regradeDiff(previous, grades));
      if (values.out !== undefined) writeReport(grades, columns, values.format as ReportFormat, values.out, banks.visibility);
    } else writeReport(grades, columns, values.format as ReportFormat, values.out, banks.visibility);
  } catch (err) {
    if (!(err instanceof ReportUsageError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 2;
  }
  for (const g of grades) if (g.status !== 'graded') process.stderr.write(`${g.status === 'corrupt' ? 'Not graded (unreadable)' : 'Grader failure'}: ${g.file}: ${g.problem ?? ''}\n`);
  if (grades.some((g) => g.status === 'error')) return 1;
  if (values.strict && grades.some((g) => g.status === 'corrupt')) return 1;
  return 0;
}

/** `--lab`: each learner's account checked on the server, reported as the files' grades are. */
async function gradeLab(values: { lab?: string; endpoint?: string; profile?: string; format: string; out?: string; compare?: string; 'task-timeout'?: string }): Promise<number> {
  const slugs = exercises.map((e) => e.meta.slug);
  try {
    const previous = values.compare !== undefined ? readJsonReport(readFileSync(values.compare, 'utf8'), values.compare) : undefined;
    const taskTimeoutMs = seconds(values['task-timeout'], '--task-timeout', defaultGradingTaskTimeoutMs);
    const grades = await checkLab({ exercises: slugs, lab: values.lab!, endpoint: values.endpoint, profile: values.profile, region: undefined, taskTimeoutMs });
    if (previous !== undefined) {
      process.stdout.write(regradeDiff(previous, grades));
      if (values.out !== undefined) writeReport(grades, classColumns(slugs), values.format as ReportFormat, values.out, 'after_due_date');
    } else writeReport(grades, classColumns(slugs), values.format as ReportFormat, values.out, 'after_due_date');
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ReportUsageError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    if (err instanceof ClassCheckError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = await main();
