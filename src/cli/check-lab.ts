/**
 * `npm run check -- <exercise>... --lab lab/ --endpoint http://127.0.0.1:4010` (or `--lab
 * http://host:4010` with the instructor's keys in the usual places: --profile, AWS_ACCESS_KEY_ID):
 * checks every learner's own account on a shared lab server, with no export step, and reports them
 * like `npm run grade` does. The checker signs as the instructor, acting in each learner's account
 * (X-Lab-Account), and only reads and invokes, as against AWS.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Sha256Js } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import { fetchDownload } from '../checks/context.ts';
import { findExercise } from '../../exercises/index.ts';
import { runChecks } from '../checks/run.ts';
import { partFrom } from '../grading/grade-exercise.ts';
import { round2, type SubmissionGrade } from '../grading/results.ts';
import { LAB_ACCOUNT_HEADER, LAB_PREFIX, seedFrom, seededRandom } from '../emulator/index.ts';
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

interface LabLearner {
  Name: string;
  Id: string;
  AccountId: string;
}

/** The instructor's keys, the server's address and Region: from the lab's folder, or from the usual credential chain. */
async function adminAccess(options: LabCheckOptions): Promise<{ endpoint: string; region: string; credentials: AwsCredentialIdentity }> {
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

/** The learners, as the server lists them to the instructor. */
async function learners(endpoint: string, region: string, credentials: AwsCredentialIdentity): Promise<LabLearner[]> {
  const url = new URL(`${LAB_PREFIX}accounts`, endpoint);
  const signer = new SignatureV4({ service: 'lambda', region, sha256: Sha256Js, credentials });
  const signed = await signer.sign({ method: 'GET', protocol: url.protocol, hostname: url.host, path: url.pathname, query: {}, headers: { host: url.host } });
  const res = await fetch(url, { headers: signed.headers as Record<string, string> });
  const body = (await res.json().catch(() => ({}))) as { Accounts?: LabLearner[]; message?: string; Message?: string };
  if (!res.ok || !Array.isArray(body.Accounts)) {
    throw new ClassCheckError(`The lab server at ${endpoint} would not list its learners (HTTP ${res.status}: ${body.message ?? body.Message ?? 'no message'}). Are these the instructor's keys?`);
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

export async function checkLab(options: LabCheckOptions): Promise<SubmissionGrade[]> {
  const { endpoint, region, credentials } = await adminAccess(options);
  const roster = await learners(endpoint, region, credentials);
  if (roster.length === 0) throw new ClassCheckError(`The lab server at ${endpoint} has no learners.`);
  const grades: SubmissionGrade[] = [];
  for (const learner of roster) {
    const { lambda, logs } = clientsIn(learner.AccountId, endpoint, region, credentials);
    try {
      const parts = [];
      for (const slug of options.exercises) {
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
  }
  return grades;
}
