/**
 * Property-based tests over random sequences of API calls (valid and invalid):
 * published versions never change, aliases only route to published versions, ARNs agree with
 * X-Amz-Executed-Version, and no accepted call leaves a limit broken.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import { limits } from '../../src/emulator/index.ts';
import { ACCOUNT, REGION, ROLE, inProcessClients, makeService, quickJSEngine, zipBytes } from './support/harness.ts';

const NAMES = ['alpha', 'beta'] as const;
const ALIASES = ['live', 'canary'] as const;
const ARN = (name: string, q?: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}${q ? `:${q}` : ''}`;
const code = (variant: number) => zipBytes({ 'index.js': `exports.handler = async (e, context) => ({ variant: ${variant}, version: context.functionVersion, arn: context.invokedFunctionArn });` });

type Command =
  | { op: 'create'; name: string; memory: number; timeout: number; envBytes: number }
  | { op: 'updateConfig'; name: string; memory: number; timeout: number; description: string }
  | { op: 'updateCode'; name: string; variant: number }
  | { op: 'publish'; name: string }
  | { op: 'createAlias'; name: string; alias: string; version: string; extra?: { version: string; weight: number } }
  | { op: 'updateAlias'; name: string; alias: string; version: string; extra?: { version: string; weight: number } }
  | { op: 'deleteAlias'; name: string; alias: string }
  | { op: 'deleteFunction'; name: string }
  | { op: 'concurrency'; name: string; value: number }
  | { op: 'invoke'; name: string; qualifier?: string };

const name = fc.constantFrom(...NAMES);
const version = fc.constantFrom('$LATEST', '1', '2', '3', '4');
const memory = fc.integer({ min: 0, max: 12_000 });
const timeout = fc.integer({ min: 0, max: 1_000 });
const weight = fc.oneof({ arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 4 }, { arbitrary: fc.double({ min: -0.5, max: 1.5, noNaN: true }), weight: 1 });
const routing = fc.option(fc.record({ version: fc.constantFrom('1', '2', '3', '$LATEST'), weight }), { nil: undefined });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), name, memory, timeout, envBytes: fc.integer({ min: 0, max: 5_000 }) }),
  fc.record({ op: fc.constant('updateConfig' as const), name, memory, timeout, description: fc.string({ maxLength: 8 }) }),
  fc.record({ op: fc.constant('updateCode' as const), name, variant: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('publish' as const), name }),
  fc.record({ op: fc.constant('createAlias' as const), name, alias: fc.constantFrom(...ALIASES), version, extra: routing }),
  fc.record({ op: fc.constant('updateAlias' as const), name, alias: fc.constantFrom(...ALIASES), version, extra: routing }),
  fc.record({ op: fc.constant('deleteAlias' as const), name, alias: fc.constantFrom(...ALIASES) }),
  fc.record({ op: fc.constant('deleteFunction' as const), name }),
  fc.record({ op: fc.constant('concurrency' as const), name, value: fc.integer({ min: -1, max: limits.concurrency.accountDefault }) }),
  fc.record({ op: fc.constant('invoke' as const), name, qualifier: fc.option(fc.constantFrom('$LATEST', '1', '2', '3', ...ALIASES), { nil: undefined }) }),
  fc.record({ op: fc.constant('invoke' as const), name, qualifier: fc.constantFrom(...ALIASES, '1') }),
);

const snapshotOf = (c: FunctionConfiguration) =>
  JSON.stringify([c.CodeSha256, c.CodeSize, c.Environment, c.Description, c.MemorySize, c.Timeout, c.RevisionId, c.LastModified, c.FunctionArn]);

async function apply(lambda: LambdaClient, cmd: Command): Promise<{ accepted: boolean; invoked?: { executed: string; body: { version: string; arn: string } } }> {
  const routingConfig = 'extra' in cmd && cmd.extra ? { AdditionalVersionWeights: { [cmd.extra.version]: cmd.extra.weight } } : undefined;
  try {
    switch (cmd.op) {
      case 'create':
        await lambda.send(new CreateFunctionCommand({ FunctionName: cmd.name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: code(0) }, MemorySize: cmd.memory, Timeout: cmd.timeout, Environment: { Variables: { PAD: 'p'.repeat(cmd.envBytes) } } }));
        break;
      case 'updateConfig':
        await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: cmd.name, MemorySize: cmd.memory, Timeout: cmd.timeout, Description: cmd.description }));
        break;
      case 'updateCode':
        await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: cmd.name, ZipFile: code(cmd.variant) }));
        break;
      case 'publish':
        await lambda.send(new PublishVersionCommand({ FunctionName: cmd.name }));
        break;
      case 'createAlias':
        await lambda.send(new CreateAliasCommand({ FunctionName: cmd.name, Name: cmd.alias, FunctionVersion: cmd.version, ...(routingConfig ? { RoutingConfig: routingConfig } : {}) }));
        break;
      case 'updateAlias':
        await lambda.send(new UpdateAliasCommand({ FunctionName: cmd.name, Name: cmd.alias, FunctionVersion: cmd.version, ...(routingConfig ? { RoutingConfig: routingConfig } : {}) }));
        break;
      case 'deleteAlias':
        await lambda.send(new DeleteAliasCommand({ FunctionName: cmd.name, Name: cmd.alias }));
        break;
      case 'deleteFunction':
        await lambda.send(new DeleteFunctionCommand({ FunctionName: cmd.name }));
        break;
      case 'concurrency':
        await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: cmd.name, ReservedConcurrentExecutions: cmd.value }));
        break;
      case 'invoke': {
        const out = await lambda.send(new InvokeCommand({ FunctionName: cmd.name, ...(cmd.qualifier ? { Qualifier: cmd.qualifier } : {}), Payload: new TextEncoder().encode('{}') }));
        return { accepted: true, invoked: { executed: out.ExecutedVersion!, body: JSON.parse(new TextDecoder().decode(out.Payload)) } };
      }
    }
    return { accepted: true };
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
    // Client errors are the API saying no; anything else is an emulator bug.
    if (status < 400 || status >= 500) throw err;
    return { accepted: false };
  }
}

describe('random sequences of API calls', () => {
  it('keep versions immutable, aliases on published versions, ARNs consistent and limits unbroken', async () => {
    // Coverage across all runs, so the property cannot pass by rejecting everything.
    const seen = { accepted: 0, rejected: 0, invokes: 0, aliasInvokes: 0, versions: 0, weightedAliases: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 40, size: 'max' }), async (randomCommands) => {
        // Both functions exist at the start, so most random calls have something to act on.
        const commands: Command[] = [
          ...NAMES.map((n): Command => ({ op: 'create', name: n, memory: limits.memory.default, timeout: limits.timeout.default, envBytes: 1 })),
          { op: 'publish', name: 'alpha' },
          { op: 'updateCode', name: 'alpha', variant: 1 },
          { op: 'publish', name: 'alpha' },
          { op: 'createAlias', name: 'alpha', alias: 'live', version: '1', extra: { version: '2', weight: 0.5 } },
          ...randomCommands,
        ];
        const { service } = makeService(quickJSEngine());
        const { lambda } = inProcessClients(service);
        const published = new Map<string, string>();
        try {
          for (const cmd of commands) {
            const result = await apply(lambda, cmd);
            seen[result.accepted ? 'accepted' : 'rejected']++;
            if (result.invoked) seen.invokes++;
            if (result.invoked && cmd.op === 'invoke' && cmd.qualifier && /^[a-z]/.test(cmd.qualifier)) seen.aliasInvokes++;
            if (result.accepted && cmd.op === 'publish') seen.versions++;
            if (result.accepted && (cmd.op === 'createAlias' || cmd.op === 'updateAlias') && cmd.extra) seen.weightedAliases++;
            if (cmd.op === 'deleteFunction' && result.accepted) for (const k of [...published.keys()]) if (k.startsWith(`${cmd.name}:`)) published.delete(k);
            if (result.invoked) {
              const { executed, body } = result.invoked;
              expect(body.version).toBe(executed);
              expect(body.arn).toBe(ARN(cmd.name, cmd.op === 'invoke' ? cmd.qualifier : undefined));
              if (cmd.op === 'invoke' && cmd.qualifier && /^\d+$/.test(cmd.qualifier)) expect(executed).toBe(cmd.qualifier);
              if (cmd.op === 'invoke' && !cmd.qualifier) expect(executed).toBe('$LATEST');
              if (cmd.op === 'invoke' && cmd.qualifier && !/^\d+$|^\$LATEST$/.test(cmd.qualifier)) {
                const aliases = await lambda.send(new ListAliasesCommand({ FunctionName: cmd.name }));
                const alias = aliases.Aliases!.find((a) => a.Name === cmd.qualifier)!;
                expect([alias.FunctionVersion, ...Object.keys(alias.RoutingConfig?.AdditionalVersionWeights ?? {})]).toContain(executed);
              }
            }
            const functions = (await lambda.send(new ListFunctionsCommand({}))).Functions ?? [];
            let reserved = 0;
            for (const fn of functions) {
              const fname = fn.FunctionName!;
              expect(fn.MemorySize).toBeGreaterThanOrEqual(limits.memory.min);
              expect(fn.MemorySize).toBeLessThanOrEqual(limits.memory.max);
              expect(fn.Timeout).toBeGreaterThanOrEqual(limits.timeout.min);
              expect(fn.Timeout).toBeLessThanOrEqual(limits.timeout.max);
              expect(new TextEncoder().encode(JSON.stringify(fn.Environment?.Variables ?? {})).byteLength).toBeLessThanOrEqual(limits.environment.maxBytes);
              const versions = (await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: fname }))).Versions ?? [];
              const numbers = new Set(versions.map((v) => v.Version!).filter((v) => v !== '$LATEST'));
              for (const v of versions) {
                if (v.Version === '$LATEST') continue;
                expect(v.FunctionArn).toBe(ARN(fname, v.Version));
                const key = `${fname}:${v.Version}`;
                const snap = snapshotOf(await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: fname, Qualifier: v.Version })));
                if (!published.has(key)) published.set(key, snap);
                expect(snap).toBe(published.get(key));
              }
              const aliases = (await lambda.send(new ListAliasesCommand({ FunctionName: fname }))).Aliases ?? [];
              for (const a of aliases) {
                const extra = Object.keys(a.RoutingConfig?.AdditionalVersionWeights ?? {});
                if (a.FunctionVersion !== '$LATEST') expect(numbers.has(a.FunctionVersion!)).toBe(true);
                else expect(extra).toEqual([]);
                for (const x of extra) expect(numbers.has(x)).toBe(true);
                expect(extra.length).toBeLessThanOrEqual(1);
              }
              reserved += service.snapshot().functions[fname]?.reservedConcurrency ?? 0;
            }
            expect(service.accountConcurrency - reserved).toBeGreaterThanOrEqual(limits.concurrency.minimumUnreserved);
          }
        } finally {
          lambda.destroy();
          service.shutdown();
        }
      }),
      { numRuns: 60, seed: 20261122 },
    );
    console.log(`property coverage: ${JSON.stringify(seen)}`);
    expect(seen.accepted).toBeGreaterThan(200);
    expect(seen.rejected).toBeGreaterThan(100);
    expect(seen.invokes).toBeGreaterThan(30);
    expect(seen.aliasInvokes).toBeGreaterThan(3);
    expect(seen.versions).toBeGreaterThan(20);
    expect(seen.weightedAliases).toBeGreaterThan(1);
  }, 240_000);
});
