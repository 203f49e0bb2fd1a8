/**
 * A lab's roster and its saved accounts: the optional columns take AWS's formats only, ids are
 * safe as file names, nothing is shared between learners, and a lab file that is not a lab's is
 * refused, naming it, and left as it is.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabRoster } from '../../src/grading/roster.ts';
import { prepareLab } from '../../src/hosts/node/lab-config.ts';

describe('a lab roster', () => {
  it('reads name and id, and the optional account and keys', () => {
    expect(readLabRoster('Name,ID,Account_ID\r\n"Lovelace, Ada",ada,123456789012\r\nBrian,brian,\r\n', 'roster.csv')).toEqual([
      { name: 'Lovelace, Ada', id: 'ada', accountId: '123456789012' },
      { name: 'Brian', id: 'brian' },
    ]);
  });

  it.each([
    ['name\nAda\n', 'roster.csv needs the columns name and id in its first row; it has name.'],
    ['name,id\nAda,../ada\n', 'roster.csv line 2: the id "../ada" must be 1 to 64 letters, digits, dots, dashes or underscores.'],
    ['name,id\nAda,..\n', 'roster.csv line 2: the id ".." must be 1 to 64 letters, digits, dots, dashes or underscores.'],
    ['name,id\nAda,a\u0000b\n', 'roster.csv line 2: the id "a\u0000b" must be 1 to 64 letters, digits, dots, dashes or underscores.'],
    ['name,id,account_id\nAda,ada,12345\n', 'roster.csv line 2: account_id must be 12 digits.'],
    ['name,id,access_key_id\nAda,ada,akia-lower\n', 'roster.csv line 2: access_key_id must be 16 to 128 capital letters and digits.'],
    ['name,id\nAda,ada\nAnother Ada,ada\n', 'roster.csv line 3: the id ada is also on line 2; each learner needs their own.'],
    ['name,id,account_id\nAda,ada,111111111111\nBrian,brian,111111111111\n', 'roster.csv line 3: the account_id 111111111111 is also on line 2; each learner needs their own.'],
  ])('refuses %j', (csv, message) => {
    expect(() => readLabRoster(csv, 'roster.csv')).toThrow(message);
  });
});

describe('a lab folder', () => {
  it('keeps accounts and keys across runs, adds new learners, and never gives two the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-roster-'));
    const first = prepareLab(dir, [{ name: 'Ada', id: 'ada' }], 'eu-west-1');
    const again = prepareLab(dir, [{ name: 'Ada', id: 'ada' }, { name: 'Brian', id: 'brian' }], 'us-east-1');
    expect(again.region).toBe('eu-west-1');
    expect(again.admin).toEqual(first.admin);
    expect(again.learners[0]).toEqual(first.learners[0]);
    const ids = [again.admin, ...again.learners];
    expect(new Set(ids.map((i) => i.accountId)).size).toBe(3);
    expect(new Set(ids.map((i) => i.accessKeyId)).size).toBe(3);
    expect(() => prepareLab(dir, [{ name: 'Brian', id: 'brian', accountId: again.learners[0]!.accountId }], 'us-east-1')).toThrow(
      `ada and brian have the same account id ${again.learners[0]!.accountId}; each learner needs their own. Nothing was saved.`,
    );
    expect(JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8'))).toEqual(again);
  });

  it('refuses a lab file that is not a lab\'s, naming it, and leaves it as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-roster-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'lab.json'), '{"formatVersion": 1, "learners": [');
    expect(() => prepareLab(dir, [], 'us-east-1')).toThrow(new RegExp(`^The lab file ${join(dir, 'lab.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON \\(.+\\)\\. It was left as it is\\.$`));
    writeFileSync(join(dir, 'lab.json'), '{"formatVersion": 1, "region": "us-east-1", "admin": {}, "learners": []}');
    expect(() => prepareLab(dir, [], 'us-east-1')).toThrow(`The lab file ${join(dir, 'lab.json')} is not a lab's list of accounts (formatVersion 1, region, admin, learners). It was left as it is.`);
    expect(readFileSync(join(dir, 'lab.json'), 'utf8')).toBe('{"formatVersion": 1, "region": "us-east-1", "admin": {}, "learners": []}');
  });
});
