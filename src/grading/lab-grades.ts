/**
 * Grading a shared lab server's learners straight from the server, in Node (npm run check/grade
 * -- --lab) and in the instructor's page alike: the learners as the server lists them to the
 * instructor, then each learner's own account checked by the SDK signed as the instructor and
 * acting in that account (X-Lab-Account), read and invoke only, as against AWS.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Sha256Js } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import { fetchDownload } from '../checks/context.ts';
import { findExercise } from '../../exercises/index.ts';
import { runChecks } from '../checks/run.ts';
import { partFrom } from './grade-exercise.ts';
import { round2, type SubmissionGrade } from './results.ts';
import { LAB_ACCOUNT_HEADER, LAB_PREFIX, seedFrom, seededRandom } from '../emulator/index.ts';

/** The lab server would not list its learners, or has none: the instructor's keys or address are wrong. */
export class LabGradeError extends Error {}

export interface LabAccess {
  endpoint: string;
  region: string;
  credentials: AwsCredentialIdentity;
}

interface LabLearner {
  Name: string;
  Id: string;
  AccountId: string;
}

/** The learners, as the server lists them to the instructor. */
async function learners({ endpoint, region, credentials }: LabAccess): Promise<LabLearner[]> {
  const url = new URL(`${LAB_PREFIX}accounts`, endpoint);
  const signer = new SignatureV4({ service: 'lambda', region, sha256: Sha256Js, credentials });
  const signed = await signer.sign({ method: 'GET', protocol: url.protocol, hostname: url.host, path: url.pathname, query: {}, headers: { host: url.host } });
  const res = await fetch(url, { headers: signed.headers as Record<string, string> });
  const body = (await res.json().catch(() => ({}))) as { Accounts?: LabLearner[]; message?: string; Message?: string };
  if (!res.ok || !Array.isArray(body.Accounts)) {
    throw new LabGradeError(`The lab server at ${endpoint} would not list its learners (HTTP ${res.status}: ${body.message ?? body.Message ?? 'no message'}). Are these the instructor's keys?`);
  }
  return body.Accounts;
}

/** SDK clients signed as the instructor, acting in `accountId`. */
function clientsIn(accountId: string, endpoint: string, region: string, credentials: AwsCredentialIdentity) {
  const config = { endpoint, region, credentials, maxAttempts: 2 };
  const lambda = new LambdaClient(config);
  const logs = new CloudWatchLogsClient(config);
  for (const client of [lambda, logs] as const) {
    // Added before the request is signed, so the signature covers it.
    client.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers[LAB_ACCOUNT_HEADER] = accountId;
        return next(args);
      },
      { step: 'build', name: 'labAccount' },
    );
  }
  return { lambda, logs };
}

/** Every learner of the lab graded on `exercises`, in the server's order; `progress` hears each as it is done. */
export async function gradeLabAccounts(
  access: LabAccess,
  exercises: readonly string[],
  options: { taskTimeoutMs?: number; progress?: (done: number, total: number) => void } = {},
): Promise<SubmissionGrade[]> {
  const { endpoint, region, credentials } = access;
  const roster = await learners(access);
  if (roster.length === 0) throw new LabGradeError(`The lab server at ${endpoint} has no learners.`);
  const grades: SubmissionGrade[] = [];
  for (const learner of roster) {
    const { lambda, logs } = clientsIn(learner.AccountId, endpoint, region, credentials);
    try {
      const parts = [];
      for (const slug of exercises) {
        const exercise = findExercise(slug);
        const report = await runChecks(exercise, {
          lambda,
          logs,
          // A learner's live account: read and invoke only, as against AWS.
          target: 'aws',
          prefix: '',
          answers: {},
          download: fetchDownload,
          random: seededRandom(seedFrom(`${learner.AccountId}/${slug}`)),
          ...(options.taskTimeoutMs !== undefined ? { taskTimeoutMs: options.taskTimeoutMs } : {}),
        });
        parts.push(partFrom(exercise, new Map(report.tasks.map((t) => [t.id, t])), { hidden: new Set() }, [`Looked at: ${report.resources.join('; ') || 'nothing'}.`]));
      }
      grades.push({
        file: `${endpoint}#${learner.AccountId}`,
        learner: { name: learner.Name, id: learner.Id },
        status: 'graded',
        parts,
        score: round2(parts.reduce((n, p) => n + p.score, 0)),
        maxScore: round2(parts.reduce((n, p) => n + p.maxScore, 0)),
      });
    } finally {
      lambda.destroy();
      logs.destroy();
    }
    options.progress?.(grades.length, roster.length);
  }
  return grades;
}
