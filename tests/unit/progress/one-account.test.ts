/**
 * One account per workbook: a version-1 workbook (one emulator snapshot per exercise page) is
 * migrated into one account without losing anything, and the page's saves keep it so.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CreateAliasCommand, CreateFunctionCommand, PublishLayerVersionCommand, PublishVersionCommand } from '@aws-sdk/client-lambda';
import { ACCOUNT, ROLE, inProcessClients, makeService, quickJSEngine, zipBytes } from '../support/harness.ts';
import { parseEmulatorState, type EmulatorState } from '../../../src/emulator/index.ts';
import { PROGRESS_KEY, loadProgress, parseProgress, saveProgress, serializeProgress } from '../../../src/progress/index.ts';
import { mergeSnapshots, openAccount } from '../../../src/progress/account.ts';
import { freshWorkspace } from '../../../src/progress/workspace-state.ts';
import { accountRevisionIn, firstOpen, loadWorkspace, saveWorkspace, startExerciseFresh } from '../../../src/workspace/persistence.ts';
import { filesHash } from '../../../src/progress/workspace-state.ts';

class MapStorage {
  map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
}

const HOUR = 3_600_000;
const handler = (greeting: string) => ({ 'index.mjs': `export const handler = async () => ({ statusCode: 200, body: ${JSON.stringify(greeting)} });\n` });

interface PageWork {
  /** Hours after the virtual epoch the page's work was done. */
  at: number;
  env?: Record<string, string>;
  publish?: boolean;
  layer?: string;
  fn?: string;
  log?: string;
}

/** What one version-1 exercise page saved: its own emulator, built through the Lambda API. */
async function pageSnapshot(work: PageWork): Promise<EmulatorState> {
  const { service, clock } = makeService(quickJSEngine());
  const { lambda } = inProcessClients(service);
  clock.advance(work.at * HOUR);
  let layerArn: string | undefined;
  if (work.layer !== undefined) {
    const layer = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'random-words', CompatibleRuntimes: ['nodejs22.x'], Content: { ZipFile: zipBytes({ 'nodejs/node_modules/random-words/index.js': work.layer }) } }));
    layerArn = layer.LayerVersionArn;
  }
  const name = work.fn ?? 'hello-lambda';
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: zipBytes(handler(`hello at ${work.at}`)) },
      ...(work.env ? { Environment: { Variables: work.env } } : {}),
      ...(layerArn ? { Layers: [layerArn] } : {}),
    }),
  );
  if (work.publish) {
    await lambda.send(new PublishVersionCommand({ FunctionName: name }));
    await lambda.send(new CreateAliasCommand({ FunctionName: name, Name: 'prod', FunctionVersion: '1' }));
  }
  const snapshot = JSON.parse(JSON.stringify(service.snapshot())) as EmulatorState;
  if (work.log !== undefined) {
    // What an invocation leaves in CloudWatch Logs (written directly: the Logs API has no writes here).
    const logGroupName = `/aws/lambda/${name}`;
    const logStreamName = '2026/01/05/[$LATEST]0123456789abcdef0123456789abcdef';
    const t = clock.now();
    snapshot.logGroups[logGroupName] = { logGroupName, creationTime: t, streams: { [logStreamName]: { logStreamName, creationTime: t, events: [{ timestamp: t, ingestionTime: t, message: work.log, eventId: '1' }] } } };
  }
  return snapshot;
}

const iso = (hours: number) => new Date(Date.UTC(2026, 0, 5, hours)).toISOString();

/** A version-1 workbook as the four exercise pages left it. */
async function versionOneWorkbook() {
  const starter = handler('hello');
  const ws = (slug: string, emulator: EmulatorState, hours: number) => ({ ...freshWorkspace(slug, starter, '{}'), emulator, updatedAt: iso(hours) });
  return {
    version: 1,
    quizzes: {},
    lessonsRead: { 'what-is-lambda': iso(0) },
    exercises: {
      'hello-lambda': ws('hello-lambda', await pageSnapshot({ at: 1, log: 'hello from the first page\n' }), 1),
      'environment-variables': ws('environment-variables', await pageSnapshot({ at: 2, env: { HELLO: 'world' }, layer: 'module.exports = ["env"];' }), 2),
      'versions-and-aliases': ws('versions-and-aliases', await pageSnapshot({ at: 3, publish: true }), 3),
      layers: ws('layers', await pageSnapshot({ at: 4, fn: 'hello-layers', layer: 'module.exports = ["apple"];', log: 'a layer run\n' }), 4),
    },
  };
}

/** The golden "after", reduced to what the learner sees: names, configuration, versions, aliases, layers, logs. */
function summary(state: EmulatorState) {
  return {
    functions: Object.fromEntries(
      Object.entries(state.functions).map(([name, fn]) => [
        name,
        {
          FunctionName: fn.latest.FunctionName,
          LastModified: fn.latest.LastModified,
          Environment: fn.latest.Environment,
          Layers: fn.latest.Layers,
          versions: Object.keys(fn.versions),
          aliases: Object.fromEntries(Object.entries(fn.aliases).map(([a, r]) => [a, r.FunctionVersion])),
          codeKept: Object.hasOwn(state.code, fn.latest.CodeSha256),
        },
      ]),
    ),
    layers: Object.fromEntries(Object.entries(state.layers).map(([name, l]) => [name, { nextVersion: l.nextVersion, versions: Object.fromEntries(Object.entries(l.versions).map(([v, r]) => [v, r.CodeSha256.slice(0, 8)])) }])),
    logGroups: Object.fromEntries(Object.entries(state.logGroups).map(([g, group]) => [g, Object.values(group.streams).flatMap((s) => s.events.map((e) => e.message))])),
    roles: Object.keys(state.iam.roles),
  };
}

describe('one account per workbook', () => {
  it('migrates a version-1 workbook: every exercise’s snapshot merged into one account, nothing lost (golden)', async () => {
    const before = await versionOneWorkbook();
    const parsed = parseProgress(JSON.stringify(before));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // The migration itself only moves the snapshots; the exercises keep their own things.
    expect(Object.keys((parsed.progress.account as { unmerged: object }).unmerged)).toEqual(['hello-lambda', 'environment-variables', 'versions-and-aliases', 'layers']);
    for (const ws of Object.values(parsed.progress.exercises)) expect(ws).not.toHaveProperty('emulator');
    expect(parsed.progress.exercises['layers']).toMatchObject({ exercise: 'layers', testEvents: [{ name: 'hello-world', json: '{}' }], updatedAt: iso(4) });
    const opened = openAccount(parsed.progress.account);
    if (!opened.ok) throw new Error(opened.reason);
    const { emulator, notes, leftOver, migrated } = opened.account;
    expect(migrated).toBe(true);
    expect(leftOver).toEqual([]);
    expect(parseEmulatorState(JSON.parse(JSON.stringify(emulator))).ok).toBe(true);
    expect(summary(emulator!)).toMatchInlineSnapshot(`
      {
        "functions": {
          "hello-lambda": {
            "Environment": undefined,
            "FunctionName": "hello-lambda",
            "LastModified": "2026-01-01T03:00:00.000+0000",
            "Layers": [],
            "aliases": {
              "prod": "1",
            },
            "codeKept": true,
            "versions": [
              "1",
            ],
          },
          "hello-lambda-environment-variables": {
            "Environment": {
              "HELLO": "world",
            },
            "FunctionName": "hello-lambda-environment-variables",
            "LastModified": "2026-01-01T02:00:00.000+0000",
            "Layers": [
              "arn:aws:lambda:us-east-1:111111111111:layer:random-words:2",
            ],
            "aliases": {},
            "codeKept": true,
            "versions": [],
          },
          "hello-lambda-hello-lambda": {
            "Environment": undefined,
            "FunctionName": "hello-lambda-hello-lambda",
            "LastModified": "2026-01-01T01:00:00.000+0000",
            "Layers": [],
            "aliases": {},
            "codeKept": true,
            "versions": [],
          },
          "hello-layers": {
            "Environment": undefined,
            "FunctionName": "hello-layers",
            "LastModified": "2026-01-01T04:00:00.000+0000",
            "Layers": [
              "arn:aws:lambda:us-east-1:111111111111:layer:random-words:1",
            ],
            "aliases": {},
            "codeKept": true,
            "versions": [],
          },
        },
        "layers": {
          "random-words": {
            "nextVersion": 3,
            "versions": {
              "1": "Q/Gzgkxs",
              "2": "4gPfHY1B",
            },
          },
        },
        "logGroups": {
          "/aws/lambda/hello-lambda-hello-lambda": [
            "hello from the first page
      ",
          ],
          "/aws/lambda/hello-layers": [
            "a layer run
      ",
          ],
        },
        "roles": [
          "lambda-role",
        ],
      }
    `);
    expect(notes).toMatchInlineSnapshot(`
      [
        "Your exercises now share one AWS account, as a real account is: the work saved on 4 exercise pages (hello-lambda, environment-variables, versions-and-aliases, layers) is merged into it.",
        "Version 1 of the layer random-words from the exercise "environment-variables" is now version 2, since the account already had a version 1; the functions that use it were updated.",
        "Two exercises had a function named hello-lambda: the one from "versions-and-aliases", changed most recently, keeps the name; the one from "environment-variables" is now hello-lambda-environment-variables.",
        "Two exercises had a function named hello-lambda: the one from "versions-and-aliases", changed most recently, keeps the name; the one from "hello-lambda" is now hello-lambda-hello-lambda.",
      ]
    `);
  });

  it('the exercise page merges once, says what happened once, and every page then opens the same account', async () => {
    const storage = new MapStorage();
    storage.setItem(PROGRESS_KEY, JSON.stringify(await versionOneWorkbook()));
    const first = loadWorkspace(storage, 'environment-variables');
    expect(first.problems).toEqual([]);
    expect(first.notices[0]).toMatch(/^Your exercises now share one AWS account/);
    expect(first.state).toMatchObject({ exercise: 'environment-variables', testEvents: [{ name: 'hello-world' }] });
    expect(Object.keys(first.account!.functions).sort()).toEqual(['hello-lambda', 'hello-lambda-environment-variables', 'hello-lambda-hello-lambda', 'hello-layers']);
    const second = loadWorkspace(storage, 'layers');
    expect(second.notices).toEqual([]);
    expect(second.account).toEqual(first.account);
    expect(second.revision).toBe(first.revision);
    const stored = loadProgress(storage).progress;
    expect(stored.version).toBe(2);
    expect(stored.account).not.toHaveProperty('unmerged');
  });

  it('keeps a snapshot it cannot read under a backup key, and merges the others', async () => {
    const before = await versionOneWorkbook();
    (before.exercises['layers'] as { emulator: unknown }).emulator = { formatVersion: 1, region: 'nowhere' };
    const storage = new MapStorage();
    storage.setItem(PROGRESS_KEY, JSON.stringify(before));
    const loaded = loadWorkspace(storage, 'hello-lambda');
    expect(loaded.account!.functions).not.toHaveProperty('hello-layers');
    const kept = loaded.notices.find((n) => n.startsWith('The account saved by the exercise "layers" was kept whole under the key'))!;
    const key = kept.match(/key "([^"]+)"/)![1]!;
    expect(JSON.parse(storage.getItem(key)!)).toEqual({ formatVersion: 1, region: 'nowhere' });
    expect(loaded.notices).toContain('The saved emulator of the exercise "layers" could not be read (the field "emulator.region" is not valid: must be a Region name such as us-east-1); it was not merged.');
  });

  it('a save by a page that missed another tab’s save keeps the other tab’s account under a backup key', async () => {
    const storage = new MapStorage();
    const a = await pageSnapshot({ at: 1 });
    const b = await pageSnapshot({ at: 2, fn: 'other-tab' });
    const ws = freshWorkspace('hello-lambda', handler('x'), '{}');
    const one = saveWorkspace(storage, ws, a, 0);
    expect(one).toEqual({ revision: 1 });
    const other = saveWorkspace(storage, { ...ws, exercise: 'layers' }, b, 1);
    expect(other).toEqual({ revision: 2 });
    const stale = saveWorkspace(storage, ws, a, 1);
    expect(stale.revision).toBe(3);
    expect(JSON.parse(storage.getItem(stale.keptOtherTab!)!).emulator.functions).toHaveProperty('other-tab');
    expect(loadWorkspace(storage, 'hello-lambda').account!.functions).toHaveProperty('hello-lambda');
    // What another tab's `storage` event carries: the revision it saved.
    expect(accountRevisionIn(storage.getItem(PROGRESS_KEY)!)).toBe(3);
    expect(accountRevisionIn('{"version":2')).toBeUndefined();
  });

  it('“Start this exercise fresh” deletes the exercise’s functions and its own state, and nothing else', async () => {
    const storage = new MapStorage();
    storage.setItem(PROGRESS_KEY, JSON.stringify(await versionOneWorkbook()));
    loadWorkspace(storage, 'layers');
    startExerciseFresh(storage, 'layers', ['hello-layers']);
    const after = loadWorkspace(storage, 'layers');
    expect(after.state).toBeUndefined();
    expect(Object.keys(after.account!.functions).sort()).toEqual(['hello-lambda', 'hello-lambda-environment-variables', 'hello-lambda-hello-lambda']);
    expect(after.account!.logGroups).not.toHaveProperty('/aws/lambda/hello-layers');
    expect(after.account!.layers).toHaveProperty('random-words');
    expect(loadProgress(storage).progress.exercises).toHaveProperty('hello-lambda');
  });

  it('merging an account with itself changes nothing', async () => {
    const a = await pageSnapshot({ at: 3, publish: true, layer: 'x' });
    const merged = mergeSnapshots([{ label: 'again', state: a }], a);
    expect(merged.state).toEqual(a);
    expect(merged.partial).toEqual([]);
  });

  it('an export holds one account, and reads back the same', async () => {
    const storage = new MapStorage();
    storage.setItem(PROGRESS_KEY, JSON.stringify(await versionOneWorkbook()));
    loadWorkspace(storage, 'hello-lambda');
    const progress = loadProgress(storage).progress;
    const again = parseProgress(serializeProgress(progress));
    expect(again).toEqual({ ok: true, progress });
    saveProgress(storage, progress);
    expect((progress.account as { emulator: EmulatorState }).emulator.accountId).toBe(ACCOUNT);
  });

  it('an exercise opened for the first time shows its function’s deployed code from the account, else the starter', async () => {
    const account = await pageSnapshot({ at: 1 });
    const starter = handler('starter');
    const ws = firstOpen('environment-variables', 'hello-lambda', starter, '{}', account);
    expect(ws.files).toEqual(handler('hello at 1'));
    expect(ws).toMatchObject({ exercise: 'environment-variables', functionName: 'hello-lambda', deployedHash: filesHash(handler('hello at 1')), activeFile: 'index.mjs' });
    expect(firstOpen('layers', 'hello-layers', starter, '{}', account).files).toEqual(starter);
    expect(firstOpen('layers', 'hello-layers', starter, '{}', undefined)).not.toHaveProperty('functionName');
  });

  it('whatever order the pages were saved in, every function, version, alias and layer version survives the merge (property)', async () => {
    const snapshots = [
      { label: 'a', state: await pageSnapshot({ at: 1, log: 'one\n' }) },
      { label: 'b', state: await pageSnapshot({ at: 2, env: { HELLO: 'world' }, layer: 'module.exports = 1;' }) },
      { label: 'c', state: await pageSnapshot({ at: 3, publish: true, layer: 'module.exports = 2;' }) },
      { label: 'd', state: await pageSnapshot({ at: 4, fn: 'hello-layers', layer: 'module.exports = 3;', log: 'two\n' }) },
    ];
    const latestShas = snapshots.flatMap((s) => Object.values(s.state.functions).map((f) => f.latest.CodeSha256)).sort();
    const layerShas = snapshots.flatMap((s) => Object.values(s.state.layers).flatMap((l) => Object.values(l.versions).map((v) => v.CodeSha256))).sort();
    fc.assert(
      fc.property(fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4, maxLength: 4 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 4 }), (order, hours) => {
        const input = order.map((i, n) => ({ ...snapshots[i]!, updatedAt: iso(hours[n]!) }));
        const { state } = mergeSnapshots(input);
        expect(Object.values(state.functions).map((f) => f.latest.CodeSha256).sort()).toEqual(latestShas);
        expect(Object.values(state.layers).flatMap((l) => Object.values(l.versions).map((v) => v.CodeSha256)).sort()).toEqual(layerShas);
        for (const fn of Object.values(state.functions)) {
          expect(Object.hasOwn(state.code, fn.latest.CodeSha256)).toBe(true);
          // Every layer a function uses is a layer version the account has.
          for (const arn of fn.latest.Layers) expect(state.layers[arn.split(':')[6]!]?.versions[arn.split(':')[7]!]).toBeDefined();
        }
        expect(Object.values(state.functions).filter((f) => Object.keys(f.aliases).includes('prod'))).toHaveLength(1);
        expect(Object.values(state.logGroups).flatMap((g) => Object.values(g.streams).flatMap((st) => st.events.map((e) => e.message))).sort()).toEqual(['one\n', 'two\n']);
        expect(parseEmulatorState(JSON.parse(JSON.stringify(state))).ok).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('a snapshot from another account id or Region joins the account with its ARNs rewritten', async () => {
    const base = await pageSnapshot({ at: 1, fn: 'first' });
    const other = await pageSnapshot({ at: 2, fn: 'second', layer: 'module.exports = 1;' });
    const foreign = JSON.parse(JSON.stringify(other).replaceAll(`:${ACCOUNT}:`, ':222222222222:').replaceAll(`"accountId":"${ACCOUNT}"`, '"accountId":"222222222222"').replaceAll('us-east-1', 'eu-west-1')) as EmulatorState;
    expect(foreign.functions['second']!.latest.Layers[0]).toBe('arn:aws:lambda:eu-west-1:222222222222:layer:random-words:1');
    const { state, notes } = mergeSnapshots([{ label: 'foreign', state: foreign }], base);
    expect(state.accountId).toBe(ACCOUNT);
    expect(state.functions['second']!.latest.Layers).toEqual([`arn:aws:lambda:us-east-1:${ACCOUNT}:layer:random-words:1`]);
    expect(state.functions['second']!.latest.Role).toBe(ROLE);
    expect(JSON.stringify(state.functions)).not.toContain('222222222222');
    expect(notes).toEqual(['Your exercises now share one AWS account, as a real account is: the work saved on 1 exercise page (foreign) is merged into it.']);
  });
});
