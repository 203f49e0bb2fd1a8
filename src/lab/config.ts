/**
 * Lab mode: an instructor's build of the site, the one place its settings are read. Set at build
 * time with environment variables, or with a JSON file named by WORKBOOK_LAB_CONFIG (variables
 * win over the file):
 *   WORKBOOK_LAB_NAME            course or lab title shown on exercise pages   ("name")
 *   WORKBOOK_LAB_DUE             ISO date the lab is due, shown on exercise pages ("due")
 *   WORKBOOK_LAB_HIDE_SOLUTIONS  1 to hide reference solutions                  ("hideSolutions")
 * In lab mode the progress export asks for the learner's name and id and writes them into the
 * file as `learner`, which the grader (npm run grade) reports under.
 */
import { parseJsonFile } from './json-file.ts';

export interface LabMode {
  enabled: boolean;
  name?: string;
  due?: string;
  hideSolutions: boolean;
  /** Ask for name and id before exporting, and put them in the file. On in every lab build. */
  askLearner: boolean;
}

/** The config file's shape; every field optional. */
export interface LabConfigFile {
  name?: string;
  due?: string;
  hideSolutions?: boolean;
}

export function parseLabConfigFile(text: string, where: string): LabConfigFile {
  const data = parseJsonFile(text, where);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${where} must hold a JSON object such as {"due": "2026-12-15T17:00:00Z", "hideSolutions": true}.`);
  const out: LabConfigFile = {};
  for (const [key, value] of Object.entries(data)) {
    if ((key === 'name' || key === 'due') && typeof value === 'string') out[key] = value;
    else if (key === 'hideSolutions' && typeof value === 'boolean') out.hideSolutions = value;
    else throw new Error(`${where}: "${key}" is not a lab setting (name and due take text, hideSolutions true or false).`);
  }
  return out;
}

export function readLabMode(env: Record<string, string | undefined>, file: LabConfigFile = {}): LabMode {
  const due = env.WORKBOOK_LAB_DUE?.trim() || file.due?.trim() || undefined;
  if (due && Number.isNaN(Date.parse(due))) throw new Error(`The lab due date "${due}" is not a date (use e.g. 2026-12-15T17:00:00Z).`);
  const flag = env.WORKBOOK_LAB_HIDE_SOLUTIONS;
  const hideSolutions = flag !== undefined && flag !== '' ? flag === '1' || flag === 'true' : file.hideSolutions === true;
  const name = env.WORKBOOK_LAB_NAME?.trim() || file.name?.trim() || undefined;
  const enabled = Boolean(due || hideSolutions || name);
  return { enabled, ...(name ? { name } : {}), ...(due ? { due } : {}), hideSolutions, askLearner: enabled };
}

/** The due date as the exercise page shows it, the same in every time zone: `15 December 2026, 17:00 UTC`. */
export function formatDue(due: string): string {
  const d = new Date(due);
  const month = d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}, ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
}

function readConfigFile(env: Record<string, string | undefined>): LabConfigFile {
  const path = env.WORKBOOK_LAB_CONFIG?.trim();
  if (!path) return {};
  // Only at build time, in Node: the page never reaches this (no process there).
  const fs = (globalThis.process as { getBuiltinModule?: (id: string) => unknown } | undefined)?.getBuiltinModule?.('node:fs') as { readFileSync(p: string, e: 'utf8'): string } | undefined;
  if (fs === undefined) throw new Error('WORKBOOK_LAB_CONFIG is read at build time, in Node 22.3 or newer.');
  return parseLabConfigFile(fs.readFileSync(path, 'utf8'), path);
}

const buildEnv: Record<string, string | undefined> = typeof process === 'undefined' ? {} : process.env;
export const labMode: LabMode = readLabMode(buildEnv, readConfigFile(buildEnv));
