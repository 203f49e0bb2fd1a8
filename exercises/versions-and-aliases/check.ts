/**
 * Checks for "Versions and aliases": a published version, $LATEST edited since, an alias `prod`
 * on a version that runs the published code, and optionally a weighted alias that reaches both.
 */
import { GetAliasCommand, type AliasConfiguration, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { configuration, describeFunctionError, getFunction, invoke, isNotFound, publishedVersions, show } from '../../src/checks/lambda-reads.ts';
import type { CheckContext, ExerciseChecks, Verdict } from '../../src/checks/types.ts';
import { CheckFailure, Criteria } from '../../src/checks/verdict.ts';

export const functionBase = 'hello-lambda';
export const aliasName = 'prod';
const howToCreate = 'Do the exercises "Hello, Lambda" and "Environment variables" first.';
/** Enough that a 10% route shows up with near certainty (0.9^100 < 0.00003), few enough to stay quick. */
export const maxRoutingInvocations = 100;

async function alias(ctx: CheckContext, name: string): Promise<AliasConfiguration> {
  try {
    return await ctx.lambda.send(new GetAliasCommand({ FunctionName: name, Name: aliasName }));
  } catch (err) {
    if (isNotFound(err)) throw new CheckFailure(`Expected an alias ${aliasName} on ${name}, found none. Create it under Aliases, Create alias.`, { expected: `an alias ${aliasName} on ${name}`, got: 'no such alias' });
    throw err;
  }
}

async function publishVersion(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  await getFunction(ctx, name, undefined, howToCreate);
  const versions = await publishedVersions(ctx, name);
  return versions.length > 0
    ? { score: 1, message: `${name} has published version${versions.length > 1 ? 's' : ''} ${versions.map((v) => v.Version).join(', ')}.` }
    : { score: 0, message: `Expected at least one published version of ${name}, found only $LATEST. Choose Actions, Publish new version.`, mismatches: [{ expected: 'at least one published version', got: 'only $LATEST' }] };
}

function differences(latest: FunctionConfiguration, version: FunctionConfiguration): string[] {
  const found: string[] = [];
  if (latest.CodeSha256 !== version.CodeSha256) found.push('code');
  if (JSON.stringify(latest.Environment?.Variables ?? {}) !== JSON.stringify(version.Environment?.Variables ?? {})) found.push('environment variables');
  for (const key of ['Handler', 'Runtime', 'MemorySize', 'Timeout', 'Description'] as const) {
    if (latest[key] !== version[key]) found.push(key);
  }
  return found;
}

async function editLatest(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  const latest = configuration(await getFunction(ctx, name, undefined, howToCreate));
  const versions = await publishedVersions(ctx, name);
  if (versions.length === 0) return { score: 0, message: `Publish a version first (Task 1): ${name} has only $LATEST.`, mismatches: [{ expected: 'a published version to compare $LATEST with', got: 'only $LATEST' }] };
  // Any published version that $LATEST no longer matches shows an edit after publishing; prefer the one prod runs.
  let prodVersion: string | undefined;
  try {
    prodVersion = (await ctx.lambda.send(new GetAliasCommand({ FunctionName: name, Name: aliasName }))).FunctionVersion;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const ordered = [...versions.filter((v) => v.Version === prodVersion), ...versions.filter((v) => v.Version !== prodVersion)];
  for (const version of ordered) {
    const changed = differences(latest, version);
    if (changed.length > 0) {
      return { score: 1, message: `$LATEST differs from version ${version.Version} in its ${changed.join(', ')}, while version ${version.Version} kept what was published.` };
    }
  }
  const only = versions.map((v) => v.Version).join(', ');
  return { score: 0, message: `Expected $LATEST to differ from a published version after an edit, but it has the same code (CodeSha256 ${latest.CodeSha256}) and configuration as version ${only}. Change the code or HELLO and deploy.`, mismatches: [{ expected: `$LATEST different from version ${only} in its code or configuration`, got: `the same code (CodeSha256 ${latest.CodeSha256}) and configuration` }] };
}

async function createAlias(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  await getFunction(ctx, name, undefined, howToCreate);
  const prod = await alias(ctx, name);
  const c = new Criteria();
  c.add(1, true, `The alias ${aliasName} exists.`);
  const onVersion = prod.FunctionVersion !== undefined && /^\d+$/.test(prod.FunctionVersion);
  if (!c.add(1, onVersion, onVersion ? `It points to version ${prod.FunctionVersion}.` : `Expected ${aliasName} to point to a published version, found ${show(prod.FunctionVersion)}: $LATEST changes with every edit, so production would run untested code.`, { expected: `${aliasName} on a numbered version`, got: show(prod.FunctionVersion) })) {
    return c.verdict();
  }
  const viaAlias = await invoke(ctx, name, {}, aliasName);
  if (viaAlias.functionError !== undefined) {
    c.add(1, false, `Invoking ${name}:${aliasName}: ${describeFunctionError(viaAlias)}.`, { expected: `a successful invocation of ${name}:${aliasName}`, got: describeFunctionError(viaAlias) });
    return c.verdict();
  }
  const executed = viaAlias.executedVersion;
  if (executed === undefined || !/^\d+$/.test(executed)) {
    c.add(1, false, `Expected invoking ${name}:${aliasName} to run a published version, but Lambda reported ${show(executed ?? 'no executed version')}.`, { expected: 'a numbered executed version', got: show(executed ?? 'no executed version') });
    return c.verdict();
  }
  const direct = await invoke(ctx, name, {}, executed);
  const same = direct.text === viaAlias.text;
  c.add(1, same, same
    ? `Invoking ${name}:${aliasName} ran version ${executed} and answered ${show(viaAlias.json ?? viaAlias.text)}.`
    : `Invoking ${name}:${aliasName} answered ${show(viaAlias.text)}, but version ${executed} itself answers ${show(direct.text)}.`,
    { expected: `the answer of version ${executed}: ${show(direct.text)}`, got: show(viaAlias.text) });
  return c.verdict();
}

async function shiftTraffic(ctx: CheckContext): Promise<Verdict> {
  const name = ctx.name(functionBase);
  await getFunction(ctx, name, undefined, howToCreate);
  const prod = await alias(ctx, name);
  const weights = Object.entries(prod.RoutingConfig?.AdditionalVersionWeights ?? {});
  const c = new Criteria();
  const [second, weight] = weights[0] ?? [];
  const weighted = weights.length === 1 && weight !== undefined && weight > 0 && weight < 1;
  if (!c.add(1, weighted, weighted
    ? `${aliasName} sends ${Math.round((weight ?? 0) * 100)}% of invocations to version ${second} and the rest to version ${prod.FunctionVersion}.`
    : `Expected ${aliasName} to send a share of its traffic (e.g. 10%) to a second version, found ${weights.length === 0 ? 'no additional version' : show(Object.fromEntries(weights))}. Edit the alias, Weighted alias.`, { expected: 'one additional version with a weight between 0 and 1', got: weights.length === 0 ? 'no additional version' : show(Object.fromEntries(weights)) })) {
    return c.verdict();
  }
  const counts = new Map<string, number>();
  let total = 0;
  while (total < maxRoutingInvocations && counts.size < 2 && !ctx.signal.aborted) {
    const result = await invoke(ctx, name, {}, aliasName);
    total++;
    const version = result.executedVersion ?? 'unknown';
    counts.set(version, (counts.get(version) ?? 0) + 1);
  }
  const expected = new Set([prod.FunctionVersion, second]);
  const both = counts.size === 2 && [...counts.keys()].every((v) => expected.has(v));
  const summary = [...counts].map(([v, n]) => `version ${v}: ${n}`).join(', ');
  c.add(1, both, both
    ? `${total} invocations of ${name}:${aliasName} reached both versions (${summary}).`
    : `Expected invocations of ${name}:${aliasName} to reach versions ${prod.FunctionVersion} and ${second}; ${total} invocations gave ${summary}.`,
    { expected: `versions ${prod.FunctionVersion} and ${second} both reached`, got: summary });
  return c.verdict();
}

export const checks: ExerciseChecks = {
  slug: 'versions-and-aliases',
  questions: [],
  tasks: [
    { id: 'publish-version', check: publishVersion },
    { id: 'edit-latest', check: editLatest },
    { id: 'create-alias', check: createAlias },
    { id: 'shift-traffic', check: shiftTraffic },
  ],
};
