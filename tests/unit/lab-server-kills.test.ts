/**
 * The lab server's durability under abuse: SIGKILL at random points of a write-heavy run, twenty
 * times over one state folder, and a corrupt account file, which is refused with its name and what
 * is wrong and never overwritten.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateFunctionCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { clientsFor, destroy, startLab, type SpawnedLab } from './support/lab-server.ts';
import { ECHO_CODE, zipBytes } from './support/harness.ts';
import { seededRandom } from '../../src/emulator/index.ts';

const ROSTER = 'name,id\nAda Lovelace,ada\nBrian Kernighan,brian\n';
const IDS = ['ada', 'brian'] as const;
const ROUNDS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bucketOf = (id: string) => `writes-${id}`;

async function killHard(lab: SpawnedLab): Promise<void> {
  const exited = new Promise<void>((resolve) => lab.child.once('exit', () => resolve()));
  lab.child.kill('SIGKILL');
  await exited;
}

async function listKeys(s3: ReturnType<typeof clientsFor>['s3'], bucket: string): Promise<Set<string>> {
  const keys = new Set<string>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) keys.add(o.Key!);
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

describe('the lab server, killed again and again', () => {
  it(`keeps every acknowledged write through ${ROUNDS} SIGKILLs at random points of a write-heavy run, and always restarts`, { timeout: 900_000 }, async () => {
    const random = seededRandom(20261205);
    let lab = await startLab(ROSTER, ['--inline']);
    const acknowledged = new Map<string, { objects: Set<string>; functions: Set<string> }>(IDS.map((id) => [id, { objects: new Set(), functions: new Set() }]));
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const clients = IDS.map((id) => clientsFor(lab.url, lab.learner(id)));
        if (round === 0) await Promise.all(IDS.map((id, i) => clients[i]!.s3.send(new CreateBucketCommand({ Bucket: bucketOf(id) }))));
        let killed = false;
        // Each learner writes as fast as the server answers: objects, and a function now and then.
        const writers = IDS.map(async (id, i) => {
          const c = clients[i]!;
          const mine = acknowledged.get(id)!;
          for (let n = 0; !killed; n++) {
            try {
              if (n % 10 === 5) {
                const name = `fn-${round}-${n}`;
                await c.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: `arn:aws:iam::${lab.learner(id).accountId}:role/lambda-role`, Handler: 'index.handler', Code: { ZipFile: zipBytes(ECHO_CODE) } }));
                mine.functions.add(name);
              } else {
                const key = `r${round}/k${n}`;
                await c.s3.send(new PutObjectCommand({ Bucket: bucketOf(id), Key: key, Body: `${id} ${key}` }));
                mine.objects.add(key);
              }
            } catch {
              return; // The server died under this request: it was never acknowledged.
            }
          }
        });
        await sleep(100 + random() * 900);
        killed = true;
        await killHard(lab);
        await Promise.all(writers);
        clients.forEach(destroy);

        // A restart reads every account back (a corrupt file would stop it), with all it acknowledged.
        lab = await startLab(ROSTER, ['--inline'], lab.dir);
        const again = IDS.map((id) => clientsFor(lab.url, lab.learner(id)));
        try {
          for (const [i, id] of IDS.entries()) {
            const kept = await listKeys(again[i]!.s3, bucketOf(id));
            const lost = [...acknowledged.get(id)!.objects].filter((k) => !kept.has(k));
            expect(lost, `round ${round}: ${id}'s acknowledged objects`).toEqual([]);
            const functions = new Set<string>();
            let marker: string | undefined;
            do {
              const page = await again[i]!.lambda.send(new ListFunctionsCommand({ Marker: marker }));
              for (const f of page.Functions ?? []) functions.add(f.FunctionName!);
              marker = page.NextMarker;
            } while (marker);
            expect([...acknowledged.get(id)!.functions].filter((f) => !functions.has(f)), `round ${round}: ${id}'s acknowledged functions`).toEqual([]);
          }
        } finally {
          again.forEach(destroy);
        }
      }
      // The run really was write-heavy: hundreds of acknowledged writes went through the kills.
      expect(IDS.reduce((n, id) => n + acknowledged.get(id)!.objects.size, 0)).toBeGreaterThan(ROUNDS * 2);
    } finally {
      await lab.stop();
    }
  });

  it('refuses a corrupt account file with its name and what is wrong, and leaves it exactly as it was', { timeout: 180_000 }, async () => {
    const lab = await startLab(ROSTER, ['--inline']);
    const clients = clientsFor(lab.url, lab.learner('ada'));
    await clients.s3.send(new CreateBucketCommand({ Bucket: 'before-the-damage' }));
    destroy(clients);
    await lab.stop();
    const stateDir = join(lab.dir, 'state');
    const accountFile = readdirSync(stateDir, { recursive: true, encoding: 'utf8' })
      .map((f) => join(stateDir, f))
      .find((f) => f.endsWith('.json') && readFileSync(f, 'utf8').includes('before-the-damage'));
    expect(accountFile, 'the account file that holds the bucket').toBeDefined();
    const damaged = readFileSync(accountFile!, 'utf8').slice(0, 200);
    writeFileSync(accountFile!, damaged);
    const refused = await startLab(ROSTER, ['--inline'], lab.dir).then(
      async (started) => {
        await started.stop();
        return 'started';
      },
      (e: Error) => e.message,
    );
    expect(refused).toContain(`The state file ${accountFile} cannot be used: it is not valid JSON (`);
    expect(refused).toContain('It was left exactly as it is.');
    expect(readFileSync(accountFile!, 'utf8')).toBe(damaged);
  });
});
