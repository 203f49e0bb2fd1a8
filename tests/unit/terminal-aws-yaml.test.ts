// `--output yaml` against what Debian's AWS CLI v2 printed for the same values (recorded into
// tests/fixtures/aws-cli/ from the CLI run against the emulator server): quoting, folding, nesting.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatYaml } from '../../src/terminal/aws/yaml.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/aws-cli/${name}`, import.meta.url), 'utf8');
const DESCRIPTION = 'a fairly long description that goes on and on for more than eighty characters to see folding';

describe('--output yaml', () => {
  it('quotes exactly the strings the CLI quotes (YAML 1.2: 1, true, null and dates, not yes, on or NaN)', () => {
    expect(formatYaml(JSON.parse(fixture('yaml-environment.json')))).toBe(fixture('yaml-environment.txt'));
  });

  it('folds long scalars past column 80 and nests lists and maps as the CLI does', () => {
    const value = {
      Description: DESCRIPTION,
      Folded: [DESCRIPTION, 'a fairly long description with a line break\nthat goes on and on for more than eighty characters to see folding'],
      Nested: { e: [[1, 2], {}], f: [{ x: 1, y: [2, "it's a long value, it goes on and on and on past the eightieth column: yes"] }] },
    };
    expect(formatYaml(value)).toBe(fixture('yaml-folding.txt'));
  });

  it('prints nothing for an empty response, a bare null without a line break, and empty collections in flow style', () => {
    expect(formatYaml({})).toBe('');
    expect(formatYaml(null)).toBe('null');
    expect(formatYaml(128)).toBe('128\n');
    expect(formatYaml({ Buckets: [], Owner: { ID: 'abc' } })).toBe('Buckets: []\nOwner:\n  ID: abc\n');
  });
});
