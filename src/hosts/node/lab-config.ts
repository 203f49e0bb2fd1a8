/**
 * A lab's identities on disk: DIR/lab.json holds each learner's account id and keys, and the
 * instructor's, so a restart (or `npm run lab -- credentials`) finds the same ones. Each account's
 * own state is DIR/accounts/<account id>.json with its journal (state-file.ts).
 */
import { randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabRosterEntry } from '../../grading/roster.ts';
import { saveJsonFile } from './state-file.ts';

export interface LabIdentity {
  name: string;
  id: string;
  accountId: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface LabConfig {
  formatVersion: 1;
  region: string;
  admin: LabIdentity;
  learners: LabIdentity[];
}

export const labConfigPath = (dir: string) => join(dir, 'lab.json');
export const accountStatePath = (dir: string, accountId: string) => join(dir, 'accounts', `${accountId}.json`);

const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** New credentials in AWS's formats: a 12-digit account id, an `AKIA` key id of 20 characters, a 40-character secret. */
function generate(taken: Set<string>): Pick<LabIdentity, 'accountId' | 'accessKeyId' | 'secretAccessKey'> {
  const fresh = (make: () => string) => {
    for (;;) {
      const value = make();
      if (!taken.has(value)) {
        taken.add(value);
        return value;
      }
    }
  };
  return {
    // Never starting with 0, so no account looks like the single-account emulator's 000000000000.
    accountId: fresh(() => `${randomInt(1, 10)}${String(randomInt(0, 1e11)).padStart(11, '0')}`),
    accessKeyId: fresh(() => `AKIA${randomString(KEY_ID_ALPHABET, 16)}`),
    secretAccessKey: randomString(SECRET_ALPHABET, 40),
  };
}

function isIdentity(value: unknown): value is LabIdentity {
  const v = value as Record<string, unknown> | null;
  return (
    typeof v === 'object' && v !== null &&
    typeof v['name'] === 'string' && typeof v['id'] === 'string' &&
    typeof v['accountId'] === 'string' && /^\d{12}$/.test(v['accountId']) &&
    typeof v['accessKeyId'] === 'string' && v['accessKeyId'] !== '' &&
    typeof v['secretAccessKey'] === 'string' && v['secretAccessKey'] !== ''
  );
}

/** DIR/lab.json, or undefined when the lab has none yet; a file that is not a lab's is refused, naming it. */
export function readLabConfig(dir: string): LabConfig | undefined {
  const path = labConfigPath(dir);
  if (!existsSync(path)) return undefined;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`The lab file ${path} is not valid JSON (${(e as Error).message}). It was left as it is.`);
  }
  if (raw['formatVersion'] !== 1 || typeof raw['region'] !== 'string' || !isIdentity(raw['admin']) || !Array.isArray(raw['learners']) || !raw['learners'].every(isIdentity)) {
    throw new Error(`The lab file ${path} is not a lab's list of accounts (formatVersion 1, region, admin, learners). It was left as it is.`);
  }
  return raw as unknown as LabConfig;
}

/**
 * The lab in DIR with the roster's learners: those already there keep their account and keys
 * (unless the roster now gives others), new ones get generated ones, and the result is saved
 * (readable by its owner only: it holds secrets) before the server uses it.
 */
export function prepareLab(dir: string, roster: readonly LabRosterEntry[] | undefined, region: string): LabConfig {
  const existing = readLabConfig(dir);
  if (!existing && !roster) throw new Error(`${labConfigPath(dir)} does not exist yet: give the class list with --lab roster.csv the first time.`);
  const taken = new Set<string>();
  const all = [...(existing ? [existing.admin, ...existing.learners] : []), ...(roster ?? [])];
  for (const i of all) for (const v of [i.accountId, i.accessKeyId]) if (v) taken.add(v);
  const admin = existing?.admin ?? { name: 'Instructor', id: 'admin', ...generate(taken) };
  const learners = [...(existing?.learners ?? [])];
  for (const entry of roster ?? []) {
    const at = learners.findIndex((l) => l.id === entry.id);
    const before = at >= 0 ? learners[at]! : { name: entry.name, id: entry.id, ...generate(taken) };
    const learner: LabIdentity = {
      name: entry.name || before.name,
      id: entry.id,
      accountId: entry.accountId ?? before.accountId,
      accessKeyId: entry.accessKeyId ?? before.accessKeyId,
      secretAccessKey: entry.secretAccessKey ?? before.secretAccessKey,
    };
    if (at >= 0) learners[at] = learner;
    else learners.push(learner);
  }
  const clash = findClash([admin, ...learners]);
  if (clash) throw new Error(`${clash}; each learner needs their own. Nothing was saved.`);
  const config: LabConfig = { formatVersion: 1, region: existing?.region ?? region, admin, learners };
  mkdirSync(join(dir, 'accounts'), { recursive: true });
  saveJsonFile(labConfigPath(dir), config);
  try {
    chmodSync(labConfigPath(dir), 0o600);
  } catch {
    // Windows has no such modes.
  }
  return config;
}

function findClash(identities: readonly LabIdentity[]): string | undefined {
  for (const field of ['accountId', 'accessKeyId'] as const) {
    const seen = new Map<string, string>();
    for (const i of identities) {
      const other = seen.get(i[field]);
      if (other !== undefined) return `${other} and ${i.id} have the same ${field === 'accountId' ? 'account id' : 'access key id'} ${i[field]}`;
      seen.set(i[field], i.id);
    }
  }
  return undefined;
}
