/** Reading the real-AWS recordings in tests/fixtures/aws-recordings, and matching their placeholders. */
import { readFileSync } from 'node:fs';
import { REGION } from './harness.ts';

const RECORDINGS = new URL('../../fixtures/aws-recordings/', import.meta.url).pathname;

type Recording = Record<string, { 'recorded-content': Record<string, unknown> }>;

/** A lookup `(test, key) => recorded value` (without `key`: all the test recorded) over one recording file, its test ids prefixed with `prefix`. */
export function recordingsOf(file: string, prefix: string): (test: string, key?: string) => unknown {
  const all = JSON.parse(readFileSync(`${RECORDINGS}${file}`, 'utf8')) as Recording;
  return (test, key) => {
    const content = all[`${prefix}${test}`]?.['recorded-content'];
    if (!content || (key !== undefined && !(key in content))) throw new Error(`no recording ${test} / ${key}`);
    return key === undefined ? content : content[key];
  };
}

/** A recorded string as a pattern: `<partition>` and `<region>` are ours, other placeholders match anything. */
export function pattern(text: string): RegExp {
  const parts = text.split(/(<[^<>]+>)/);
  const body = parts
    .map((p) => {
      if (p === '<partition>') return 'aws';
      if (p === '<region>') return REGION;
      if (/^<[^<>]+>$/.test(p)) return '.+?';
      return p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`, 's');
}
