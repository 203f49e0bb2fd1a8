/**
 * `npm run lab -- credentials --state lab/ --endpoint http://host:4010 [--out lab/handouts]`
 * writes, for each learner of the lab, an AWS CLI profile snippet (<id>.aws-config, to append to
 * ~/.aws/config) and a one-page hand-out (<id>.md) with the endpoint and their keys.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { labConfigPath, readLabConfig, type LabIdentity } from '../hosts/node/lab-config.ts';

const USAGE = 'Usage: npm run lab -- credentials --state DIR --endpoint http://HOST:PORT [--out DIR]';

/** `[profile <id>]` with the learner's keys, Region and endpoint: the AWS CLI and SDKs read all four from ~/.aws/config. */
function profileSnippet(learner: LabIdentity, region: string, endpoint: string): string {
  return [
    `[profile ${learner.id}]`,
    `aws_access_key_id = ${learner.accessKeyId}`,
    `aws_secret_access_key = ${learner.secretAccessKey}`,
    `region = ${region}`,
    `endpoint_url = ${endpoint}`,
    '',
  ].join('\n');
}

/** The page a learner is handed: who they are on the lab server, and how to reach it. */
function handout(learner: LabIdentity, region: string, endpoint: string): string {
  return `# Lambda Workbook lab: ${learner.name}

Your own AWS account on the class's lab server. Nobody else can see or change what you make in it,
and you cannot see theirs: keep these keys to yourself.

| | |
|---|---|
| Endpoint | \`${endpoint}\` |
| Region | \`${region}\` |
| Account id | \`${learner.accountId}\` |
| Access key id | \`${learner.accessKeyId}\` |
| Secret access key | \`${learner.secretAccessKey}\` |

## The AWS CLI

Add this profile to the end of \`~/.aws/config\` (on Windows \`%USERPROFILE%\\.aws\\config\`):

\`\`\`ini
${profileSnippet(learner, region, endpoint).trimEnd()}
\`\`\`

Then check that it works; the answer names your account, ${learner.accountId}:

\`\`\`sh
aws sts get-caller-identity --profile ${learner.id}
export AWS_PROFILE=${learner.id}   # so every command uses it (PowerShell: $env:AWS_PROFILE="${learner.id}")
aws lambda list-functions
\`\`\`

## The SDKs

The SDK for JavaScript v3 and boto3 read the same profile:

\`\`\`sh
AWS_PROFILE=${learner.id} node app.mjs
AWS_PROFILE=${learner.id} python app.py
\`\`\`

Execution roles live in your account: \`arn:aws:iam::${learner.accountId}:role/lambda-role\` is there from the start.
`;
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { state: { type: 'string' }, endpoint: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) return console.log(USAGE);
  if (positionals[0] !== 'credentials' || positionals.length > 1) throw new Error(`Name what to write: credentials.\n${USAGE}`);
  if (!values.state) throw new Error(`Give the lab's folder with --state.\n${USAGE}`);
  if (!values.endpoint || !/^https?:\/\/[^/\s]+\/?$/.test(values.endpoint)) {
    throw new Error(`Give the address learners reach the lab server at with --endpoint, such as http://10.0.0.5:4010 (not 127.0.0.1 unless they use this machine).\n${USAGE}`);
  }
  const endpoint = values.endpoint.replace(/\/$/, '');
  const config = readLabConfig(values.state);
  if (!config) throw new Error(`${labConfigPath(values.state)} does not exist: start the lab server with --lab roster.csv --state ${values.state} first.`);
  const out = values.out ?? join(values.state, 'handouts');
  mkdirSync(out, { recursive: true });
  for (const learner of config.learners) {
    for (const [file, text] of [[`${learner.id}.aws-config`, profileSnippet(learner, config.region, endpoint)], [`${learner.id}.md`, handout(learner, config.region, endpoint)]] as const) {
      const path = join(out, file);
      writeFileSync(path, text);
      try {
        // They hold secrets: readable by their owner only.
        chmodSync(path, 0o600);
      } catch {
        // Windows has no such modes.
      }
    }
  }
  console.log(`Wrote a profile (<id>.aws-config) and a hand-out (<id>.md) for each of ${config.learners.length} learners to ${out}`);
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
