/**
 * Wheel stores for the terminal's pip tests: the real wheels in tests/fixtures/wheels/, and small
 * wheels built here the way setuptools builds them (METADATA, WHEEL, RECORD with each file's hash),
 * so no test reaches the registry.
 */
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { indexWheels, type WheelIndex, type WheelStore } from '../../../src/terminal/pip/store.ts';
import { recordHash } from '../../../src/terminal/pip/wheel-install.ts';

const enc = new TextEncoder();

export const realWheel = (file: string): [string, Uint8Array] => [file, new Uint8Array(readFileSync(new URL(`../../fixtures/wheels/${file}`, import.meta.url)))];

export const TABULATE = 'tabulate-0.10.0-py3-none-any.whl';
export const SIX = 'six-1.17.0-py2.py3-none-any.whl';

/** A pure-Python wheel: `files` are its package's files; the dist-info is written from the rest. */
export async function buildWheel(name: string, version: string, files: Record<string, string>, metadata: { requiresDist?: string[]; requiresPython?: string; entryPoints?: string } = {}): Promise<[string, Uint8Array]> {
  const stem = `${name.replace(/-/g, '_')}-${version}`;
  const info = `${stem}.dist-info`;
  const lines = ['Metadata-Version: 2.1', `Name: ${name}`, `Version: ${version}`, `Summary: ${name} for tests`, 'License: MIT'];
  if (metadata.requiresPython !== undefined) lines.push(`Requires-Python: ${metadata.requiresPython}`);
  for (const dep of metadata.requiresDist ?? []) lines.push(`Requires-Dist: ${dep}`);
  const all: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(files)) all[path] = enc.encode(text);
  all[`${info}/METADATA`] = enc.encode(`${lines.join('\n')}\n\n`);
  all[`${info}/WHEEL`] = enc.encode('Wheel-Version: 1.0\nGenerator: bdist_wheel (0.45.1)\nRoot-Is-Purelib: true\nTag: py3-none-any\n\n');
  if (metadata.entryPoints !== undefined) all[`${info}/entry_points.txt`] = enc.encode(metadata.entryPoints);
  const record: string[] = [];
  for (const [path, data] of Object.entries(all)) record.push(`${path},${await recordHash(data)},${data.length}`);
  record.push(`${info}/RECORD,,`);
  all[`${info}/RECORD`] = enc.encode(`${record.join('\n')}\n`);
  return [`${stem}-py3-none-any.whl`, zipSync(all)];
}

export async function wheelStore(wheels: [string, Uint8Array][], options: { broken?: boolean; corrupt?: string } = {}): Promise<WheelStore & { index(): Promise<WheelIndex> }> {
  const index = await indexWheels([], '3.14', wheels);
  const files = new Map(wheels);
  return {
    index: async () => {
      if (options.broken === true) throw new Error('HTTP 404 for index.json');
      return index;
    },
    wheel: async (file) => {
      const bytes = files.get(file);
      if (bytes === undefined) throw new Error(`HTTP 404 for ${file}`);
      if (options.corrupt === file) return new Uint8Array([...bytes.subarray(0, -1), bytes[bytes.length - 1]! ^ 1]);
      return bytes;
    },
  };
}
