/**
 * `npm run check -- <exercise>... --lab lab/ --endpoint http://127.0.0.1:4010` (or `--lab
 * http://host:4010` with the instructor's keys in the usual places: --profile, AWS_ACCESS_KEY_ID):
 * checks every learner's own account on a shared lab server, with no export step, and reports them
 * like `npm run grade` does (grading/lab-grades.ts, which the instructor's page uses too).
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { gradeLabAccounts, LabGradeError, type LabAccess } from '../grading/lab-grades.ts';
import type { SubmissionGrade } from '../grading/results.ts';
import { readLabConfig, labConfigPath } from '../hosts/node/lab-config.ts';
import { ClassCheckError } from './check-class.ts';

export interface LabCheckOptions {
  exercises: string[];
  /** The lab's folder (its lab.json has the instructor's keys), or the lab server's address. */
  lab: string;
  /** The server's address, with a folder. */
  endpoint: string | undefined;
  profile: string | undefined;
  region: string | undefined;
  taskTimeoutMs?: number;
}

/** The instructor's keys, the server's address and Region: from the lab's folder, or from the usual credential chain. */
async function adminAccess(options: LabCheckOptions): Promise<LabAccess> {
  if (/^https?:\/\//.test(options.lab)) {
    const probe = new LambdaClient({ endpoint: options.lab, region: options.region ?? 'us-east-1', ...(options.profile ? { profile: options.profile } : {}) });
    try {
      return { endpoint: options.lab.replace(/\/$/, ''), region: await probe.config.region(), credentials: await probe.config.credentials() };
    } finally {
      probe.destroy();
    }
  }
  const config = readLabConfig(options.lab);
  if (!config) throw new ClassCheckError(`${labConfigPath(options.lab)} does not exist: give the lab's folder (as --state gave it to the server) or its address.`);
  if (!options.endpoint) throw new ClassCheckError('Say where the lab server listens: --endpoint http://127.0.0.1:4010.');
  return { endpoint: options.endpoint.replace(/\/$/, ''), region: config.region, credentials: config.admin };
}

export async function checkLab(options: LabCheckOptions): Promise<SubmissionGrade[]> {
  const access = await adminAccess(options);
  try {
    return await gradeLabAccounts(access, options.exercises, options.taskTimeoutMs !== undefined ? { taskTimeoutMs: options.taskTimeoutMs } : {});
  } catch (err) {
    if (err instanceof LabGradeError) throw new ClassCheckError(err.message);
    throw err;
  }
}
