/**
 * Checks for "Processing uploads from S3": upload-processor is triggered by the learner's bucket
 * for keys under uploads/ (the policy statement S3 needs, then the bucket's notification), met
 * AccessDenied writing its summary, its role now allows s3:PutObject on processed/ and nothing
 * more, and it processes an upload whose key S3 sent URL-encoded. The bucket is the one the
 * function's policy names, so the same checks grade a real account, where bucket names are global.
 */
import { GetBucketNotificationConfigurationCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type LambdaFunctionConfiguration } from '@aws-sdk/client-s3';
import { addActionAnswer } from '../../src/checks/answers.ts';
import { resourcesOf, roleNameOf, rolePolicies, statementsAllowing } from '../../src/checks/iam-reads.ts';
import { conditionValue, configuration, findInLogs, functionPolicy, getFunction, servicePrincipal, show } from '../../src/checks/lambda-reads.ts';
import type { CheckContext, ExerciseChecks, Verdict } from '../../src/checks/types.ts';
import { CheckFailure, Criteria } from '../../src/checks/verdict.ts';

export const functionBase = 'upload-processor';
export const uploadPrefix = 'uploads/';
export const outputPrefix = 'processed/';
export const writeAction = 's3:PutObject';

const howToCreate = `Create it in the Lambda console: Create function, Author from scratch, Function name ${functionBase}, Runtime Node.js (or Python), with the exercise's starter code.`;
const howToTrigger = `Make a bucket (aws s3 mb s3://NAME in the Terminal) and add it in the Triggers tab: Source S3, your bucket, All object create events, Prefix ${uploadPrefix}.`;

/** The summary key the function writes for an upload: `uploads/a b.txt` → `processed/a b.txt.json`. */
export function summaryKey(uploadKey: string): string {
  return `${outputPrefix}${uploadKey.slice(uploadPrefix.length)}.json`;
}

/** The bucket whose S3 may invoke the function: the SourceArn of the policy statement that lets s3.amazonaws.com in. */
async function triggerBucket(ctx: CheckContext, name: string): Promise<{ bucket: string; sourceAccount: string | undefined }> {
  const statements = (await functionPolicy(ctx, name)).filter((s) => servicePrincipal(s) === 's3.amazonaws.com');
  if (statements.length === 0) {
    throw new CheckFailure(`Expected a statement in ${name}'s resource-based policy that lets s3.amazonaws.com invoke it, found none. ${howToTrigger}`, { expected: 'a policy statement for s3.amazonaws.com', got: 'none' });
  }
  for (const statement of statements) {
    const sourceArn = conditionValue(statement, 'ArnLike', 'AWS:SourceArn') ?? conditionValue(statement, 'ArnEquals', 'AWS:SourceArn');
    const bucket = /^arn:aws[a-z-]*:s3:::([a-z0-9.-]{3,63})$/.exec(sourceArn ?? '')?.[1];
    if (bucket !== undefined) return { bucket, sourceAccount: conditionValue(statement, 'StringEquals', 'AWS:SourceAccount') };
  }
  throw new CheckFailure(
    `Expected the statement that lets s3.amazonaws.com invoke ${name} to name your bucket (a SourceArn condition, arn:aws:s3:::NAME), found none: without it any bucket in any account could invoke the function.`,
    { expected: 'a SourceArn condition naming the bucket', got: 'no SourceArn' },
  );
}

async function notifications(ctx: CheckContext, bucket: string): Promise<LambdaFunctionConfiguration[]> {
  try {
    return (await ctx.s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: bucket }))).LambdaFunctionConfigurations ?? [];
  } catch (err) {
    if ((err as { name?: string }).name === 'NoSuchBucket') throw new CheckFailure(`Expected the bucket ${bucket} that ${functionBase}'s policy names, but S3 answered NoSuchBucket. ${howToTrigger}`, { expected: `the bucket ${bucket}`, got: 'NoSuchBucket' });
    throw err;
  }
}

const prefixOf = (config: LambdaFunctionConfiguration): string =>
  config.Filter?.Key?.FilterRules?.find((r) => r.Name?.toLowerCase() === 'prefix')?.Value ?? '';

async function addTrigger(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const config = configuration(await getFunction(ctx, name, undefined, howToCreate));
  const { bucket, sourceAccount } = await triggerBucket(ctx, name);
  const arn = config.FunctionArn ?? '';
  const c = new Criteria();
  const account = arn.split(':')[4];
  c.add(1, sourceAccount === account, sourceAccount === account
    ? `${name}'s policy lets s3.amazonaws.com invoke it for the bucket ${bucket} in account ${account}.`
    : `Expected the statement for s3.amazonaws.com to name your account too (SourceAccount ${account}), found ${show(sourceAccount ?? 'none')}: bucket names can change hands, an account cannot.`,
    { expected: `SourceAccount ${account}`, got: show(sourceAccount ?? 'none') });
  const mine = (await notifications(ctx, bucket)).filter((n) => n.LambdaFunctionArn === arn || n.LambdaFunctionArn?.startsWith(`${arn}:`));
  if (!c.add(1, mine.length > 0, mine.length > 0
    ? `The bucket ${bucket} notifies ${name}.`
    : `Expected the bucket ${bucket} to send ${name} its events (a notification configuration naming ${arn}), found none. Add the trigger in the Triggers tab.`,
    { expected: `a notification to ${arn}`, got: 'none' })) return c.verdict();
  const created = mine.find((n) => (n.Events ?? []).some((e) => e === 's3:ObjectCreated:*' || e === 's3:ObjectCreated:Put'));
  c.add(1, created !== undefined, created !== undefined
    ? `It sends ${created.Events?.join(', ')}.`
    : `Expected the notification to send object-created events (s3:ObjectCreated:*), found ${mine.flatMap((n) => n.Events ?? []).join(', ')}.`,
    { expected: 's3:ObjectCreated:*', got: mine.flatMap((n) => n.Events ?? []).join(', ') });
  const prefix = created === undefined ? prefixOf(mine[0]!) : prefixOf(created);
  c.add(2, prefix === uploadPrefix, prefix === uploadPrefix
    ? `Only keys under ${uploadPrefix} trigger it, so the summaries it writes under ${outputPrefix} do not.`
    : prefix === '' || outputPrefix.startsWith(prefix)
      ? `Expected the trigger to filter on the prefix ${uploadPrefix}, found ${prefix === '' ? 'no prefix' : show(prefix)}: every summary the function writes under ${outputPrefix} would trigger it again, a recursive loop.`
      : `Expected the trigger to filter on the prefix ${uploadPrefix}, found ${show(prefix)}: uploads under ${uploadPrefix} would not reach the function.`,
    { expected: `prefix ${uploadPrefix}`, got: prefix === '' ? 'no prefix' : show(prefix) });
  return c.verdict();
}

async function meetDenied(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  await getFunction(ctx, name, undefined, howToCreate);
  const group = `/aws/lambda/${name}`;
  // The runtime quotes the object's ARN (`resource: "arn:aws:s3:::b/k"`), escaped inside the JSON of Node.js's error line.
  const found = await findInLogs(ctx, group, '"AccessDenied"', /User: \S+ is not authorized to perform: s3:PutObject on resource: (?:\\?")?arn:aws[a-z-]*:s3:::[^\s"\\]+(?:\\?")?/);
  const line = found?.replace(/\\"/g, '"');
  const c = new Criteria();
  c.add(2, line !== undefined, line !== undefined
    ? `Its logs hold the refusal: "${line}".`
    : `Expected the logs of ${name} (${group}) to hold an AccessDenied for ${writeAction}, found none. Test ${name} with an S3 Put event for your bucket before you change its role: the first write must be refused.`,
    { expected: `an AccessDenied for ${writeAction} in ${group}`, got: 'none' });
  addActionAnswer(c, ctx, 'denied-action', [writeAction], () => `The role lacked ${writeAction}.`, 'Expected the action the message says the role may not perform', 'the IAM action named in the refusal');
  return c.verdict();
}

async function grantWrite(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const config = configuration(await getFunction(ctx, name, undefined, howToCreate));
  const { bucket } = await triggerBucket(ctx, name);
  const roleName = roleNameOf(config.Role ?? '');
  if (roleName === undefined) throw new CheckFailure(`Expected ${name} to have an IAM execution role, found ${show(config.Role ?? 'none')}.`, { expected: 'an execution role ARN', got: show(config.Role ?? 'none') });
  const policies = await rolePolicies(ctx, roleName);
  const grants = statementsAllowing(policies, writeAction);
  const target = `arn:aws:s3:::${bucket}/${outputPrefix}*`;
  const c = new Criteria();
  if (!c.add(1, grants.length > 0, grants.length > 0
    ? `The role ${roleName} allows ${writeAction}.`
    : `Expected the execution role ${roleName} to allow ${writeAction} on ${target}, found no policy that allows it (${policies.map((p) => p.name).join(', ') || 'no policies'}). Add an inline policy to the role.`,
    { expected: `a policy on ${roleName} allowing ${writeAction} on ${target}`, got: policies.length > 0 ? `policies ${policies.map((p) => p.name).join(', ')}, none allowing it` : 'no policies' })) {
    return c.verdict();
  }
  const named = grants.flatMap(({ policy, statement }) => resourcesOf(statement).map((resource) => ({ resource, policy: policy.name })));
  // Least privilege: summaries (processed/*, or objects inside it) and nothing else.
  const inside = (resource: string): boolean => resource.startsWith(`arn:aws:s3:::${bucket}/${outputPrefix}`);
  const broader = named.filter((n) => !inside(n.resource)).map((n) => `${n.resource} (in ${n.policy})`);
  const onTarget = named.some((n) => n.resource === target);
  c.add(1, onTarget, onTarget ? `A statement names ${target}.` : `Expected a statement allowing ${writeAction} on ${target}, found ${named.map((n) => n.resource).join(', ')}.`, { expected: `${writeAction} on ${target}`, got: named.map((n) => n.resource).join(', ') });
  c.add(2, broader.length === 0, broader.length === 0
    ? `It allows ${writeAction} under ${outputPrefix} in ${bucket} and nothing else.`
    : `Expected ${writeAction} on ${target} only (least privilege), but the role also allows it on ${broader.join(', ')}.`,
    { expected: `${writeAction} on ${target} only`, got: broader.join(', ') });
  return c.verdict();
}

async function readSummary(ctx: CheckContext, bucket: string, key: string): Promise<unknown> {
  const object = await ctx.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const text = (await object.Body?.transformToString()) ?? '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** On the emulator: upload a probe whose name has a space, let S3's notification run, and read its summary. */
async function probeUpload(ctx: CheckContext, bucket: string): Promise<Verdict> {
  const key = `${uploadPrefix}check ${ctx.randomHex(8)}.txt`;
  const body = `probe ${ctx.randomHex(16)}`;
  await ctx.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const expected = { source: key, size: body.length };
  const wanted = summaryKey(key);
  for (let attempt = 0; attempt < 10 && !ctx.signal.aborted; attempt++) {
    await ctx.settle();
    let summary: unknown;
    try {
      summary = await readSummary(ctx, bucket, wanted);
    } catch (err) {
      if ((err as { name?: string }).name !== 'NoSuchKey') throw err;
      continue;
    }
    const same = JSON.stringify(summary) === JSON.stringify(expected);
    return same
      ? { score: 1, message: `Uploaded s3://${bucket}/${key}: ${functionBase} wrote ${wanted} with ${show(summary)}.` }
      : { score: 0, message: `Uploaded s3://${bucket}/${key}: expected ${wanted} to hold ${show(expected)}, found ${show(summary)}.`, mismatches: [{ expected: show(expected), got: show(summary) }] };
  }
  const listed = await ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: outputPrefix }));
  const found = (listed.Contents ?? []).map((o) => o.Key ?? '').filter((k) => k.includes(key.slice(uploadPrefix.length).split(' ')[1] ?? '~'));
  return {
    score: 0,
    message: found.length > 0
      ? `Uploaded s3://${bucket}/${key}: expected the summary ${wanted}, found ${found.join(', ')}: S3 sends the key URL-encoded (a space as +); decode it before you use it, and Deploy.`
      : `Uploaded s3://${bucket}/${key}: expected ${functionBase} to write ${wanted}, found no summary. Its logs (Monitor) say why.`,
    mismatches: [{ expected: wanted, got: found.length > 0 ? found.join(', ') : 'no summary' }],
  };
}

/** On a real account: the summaries already there name uploads that exist, by their decoded keys and sizes. */
async function readUploads(ctx: CheckContext, bucket: string): Promise<Verdict> {
  const listed = await ctx.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: outputPrefix }));
  const keys = (listed.Contents ?? []).map((o) => o.Key ?? '').filter((k) => k.endsWith('.json'));
  const spaced = keys.filter((k) => k.includes(' '));
  if (spaced.length === 0) {
    return { score: 0, message: `Expected a summary under s3://${bucket}/${outputPrefix} for an upload with a space in its name, found ${keys.length > 0 ? keys.join(', ') : 'none'}. Upload one under ${uploadPrefix} after you Deploy the decoding.`, mismatches: [{ expected: `a summary of an upload named with a space`, got: keys.join(', ') || 'none' }] };
  }
  const summary = (await readSummary(ctx, bucket, spaced[0]!)) as { source?: unknown; size?: unknown };
  const source = typeof summary?.source === 'string' ? summary.source : '';
  const head = await ctx.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: source })).catch(() => undefined);
  const ok = head !== undefined && head.ContentLength === summary.size;
  return ok
    ? { score: 1, message: `${spaced[0]} summarises s3://${bucket}/${source} (${String(summary.size)} bytes).` }
    : { score: 0, message: `Expected ${spaced[0]} to name an upload that exists, with its size; found ${show(summary)}.`, mismatches: [{ expected: 'source and size of an existing upload', got: show(summary) }] };
}

async function processUploads(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const config = configuration(await getFunction(ctx, name, undefined, howToCreate));
  const { bucket } = await triggerBucket(ctx, name);
  const arn = config.FunctionArn ?? '';
  const notified = (await notifications(ctx, bucket)).some((n) => n.LambdaFunctionArn === arn || n.LambdaFunctionArn?.startsWith(`${arn}:`));
  if (!notified) throw new CheckFailure(`The bucket ${bucket} does not notify ${name} yet, so no upload reaches it: add the trigger (Task 1).`, { expected: `${bucket} notifying ${name}`, got: 'no notification' });
  // Without the grant an upload can only be refused; not making one keeps the checker's own refusals out of the logs Task 2 reads.
  const roleName = roleNameOf(config.Role ?? '');
  const granted = roleName !== undefined && statementsAllowing(await rolePolicies(ctx, roleName), writeAction).length > 0;
  if (!granted) throw new CheckFailure(`The execution role of ${name} does not allow ${writeAction} yet, so it cannot write a summary: give the role the permission (Task 3), then upload.`, { expected: `${name}'s role allowing ${writeAction}`, got: 'no such permission' });
  return ctx.target === 'emulator' ? probeUpload(ctx, bucket) : readUploads(ctx, bucket);
}

export const checks: ExerciseChecks = {
  slug: 's3-trigger',
  questions: [{ id: 'denied-action', task: 'meet-denied', prompt: 'Which action does the refusal say the role may not perform?' }],
  // meet-denied reads the logs before process-uploads uploads its probe, so the checker's own runs never count as the learner's.
  tasks: [
    { id: 'add-trigger', check: addTrigger },
    { id: 'meet-denied', check: meetDenied },
    { id: 'grant-write', check: grantWrite },
    { id: 'process-uploads', check: processUploads },
  ],
};
