/**
 * Lab mode: an instructor's build of the site, the one place its settings are read. Set at build
 * time with environment variables, or with a JSON file named by WORKBOOK_LAB_CONFIG (variables
 * win over the file):
 *   WORKBOOK_LAB_NAME            course or lab title shown on exercise pages   ("name")
 *   WORKBOOK_LAB_DUE             ISO date the lab is due, shown on exercise pages ("due")
 *   WORKBOOK_LAB_HIDE_SOLUTIONS  1 to hide reference solutions                  ("hideSolutions")
 *   WORKBOOK_LAB_LATE_PENALTY    `10/50`: percent of an exercise's points lost per started day
 *                                after `due`, and the most it can lose      ("latePenalty": {"perDay": 10, "cap": 50})
 *   WORKBOOK_LAB_HINT_COSTS      `1,2,4`: points a task loses for opening hint 1, 2, 3 ("hintCosts": [1, 2, 4])
 * In lab mode the progress export asks for the learner's name and id and writes them into the
 * file as `learner`, which the grader (npm run grade) reports under. The grader reads the same
 * settings (`--lab-config FILE`, or these variables) to apply the late policy and hint costs.
 */
import { parseJsonFile } from './json-file.ts';

export interface LabMode {
  enabled: boolean;
  name?: string;
  due?: string;
  hideSolutions: boolean;
  /** Ask for name and id before exporting, and put them in the file. On in every lab build. */
  askLearner: boolean;
  /** Only with `due`: what each started day after it costs. */
  latePenalty?: LatePenalty;
  /** Points a task loses for opening hint 1, 2 and 3 (each level opened adds its own cost). */
  hintCosts?: HintCosts;
}

/** Percent of an exercise's points lost per started day late, and the most lost in all (both 0-100). */
export interface LatePenalty {
  perDay: number;
  cap: number;
}

/** A task has at most three hints; the cost of each level, in points. */
export type HintCosts = [number, number, number];

export const MAX_HINTS = 3;

/** The config file's shape; every field optional. */
export interface LabConfigFile {
  name?: string;
  due?: string;
  hideSolutions?: boolean;
  latePenalty?: LatePenalty;
  hintCosts?: HintCosts;
}

const percent = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 100;

function latePenaltyFrom(value: unknown, where: string): LatePenalty {
  const v = value as Partial<Record<string, unknown>> | null;
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).every((k) => k === 'perDay' || k === 'cap') && percent(v.perDay) && percent(v.cap)) return { perDay: v.perDay, cap: v.cap };
  throw new Error(`${where}: "latePenalty" takes {"perDay": percent, "cap": percent}, each from 0 to 100, e.g. {"perDay": 10, "cap": 50}.`);
}

function hintCostsFrom(value: unknown, where: string): HintCosts {
  if (Array.isArray(value) && value.length >= 1 && value.length <= MAX_HINTS && value.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 100)) {
    const costs = value as number[];
    return [costs[0] ?? 0, costs[1] ?? costs[0] ?? 0, costs[2] ?? costs[1] ?? costs[0] ?? 0];
  }
  throw new Error(`${where}: "hintCosts" takes one to three point costs from 0 to 100, for hint 1, 2 and 3, e.g. [1, 2, 4].`);
}

/** `10/50` (per day / cap) from WORKBOOK_LAB_LATE_PENALTY. */
function latePenaltyVariable(text: string): LatePenalty {
  const m = /^\s*([\d.]+)\s*\/\s*([\d.]+)\s*$/.exec(text);
  return latePenaltyFrom(m ? { perDay: Number(m[1]), cap: Number(m[2]) } : undefined, 'WORKBOOK_LAB_LATE_PENALTY');
}

function hintCostsVariable(text: string): HintCosts {
  return hintCostsFrom(text.split(',').map((n) => (n.trim() === '' ? Number.NaN : Number(n))), 'WORKBOOK_LAB_HINT_COSTS');
}

export function parseLabConfigFile(text: string, where: string): LabConfigFile {
  const data = parseJsonFile(text, where);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${where} must hold a JSON object such as {"due": "2026-12-15T17:00:00Z", "hideSolutions": true}.`);
  const out: LabConfigFile = {};
  for (const [key, value] of Object.entries(data)) {
    if ((key === 'name' || key === 'due') && typeof value === 'string') out[key] = value;
    else if (key === 'hideSolutions' && typeof value === 'boolean') out.hideSolutions = value;
    else if (key === 'latePenalty') out.latePenalty = latePenaltyFrom(value, where);
    else if (key === 'hintCosts') out.hintCosts = hintCostsFrom(value, where);
    else throw new Error(`${where}: "${key}" is not a lab setting (name and due take text, hideSolutions true or false, latePenalty {"perDay", "cap"}, hintCosts a list of points).`);
  }
  return out;
}

export function readLabMode(env: Record<string, string | undefined>, file: LabConfigFile = {}): LabMode {
  const due = env.WORKBOOK_LAB_DUE?.trim() || file.due?.trim() || undefined;
  if (due && Number.isNaN(Date.parse(due))) throw new Error(`The lab due date "${due}" is not a date (use e.g. 2026-12-15T17:00:00Z).`);
  const flag = env.WORKBOOK_LAB_HIDE_SOLUTIONS;
  const hideSolutions = flag !== undefined && flag !== '' ? flag === '1' || flag === 'true' : file.hideSolutions === true;
  const name = env.WORKBOOK_LAB_NAME?.trim() || file.name?.trim() || undefined;
  const lateText = env.WORKBOOK_LAB_LATE_PENALTY?.trim();
  const latePenalty = lateText ? latePenaltyVariable(lateText) : file.latePenalty;
  if (latePenalty !== undefined && !due) throw new Error('A late penalty needs the lab\'s due date (WORKBOOK_LAB_DUE or "due").');
  const costsText = env.WORKBOOK_LAB_HINT_COSTS?.trim();
  const hintCosts = costsText ? hintCostsVariable(costsText) : file.hintCosts;
  const enabled = Boolean(due || hideSolutions || name || hintCosts);
  return {
    enabled,
    ...(name ? { name } : {}),
    ...(due ? { due } : {}),
    hideSolutions,
    askLearner: enabled,
    ...(latePenalty ? { latePenalty } : {}),
    ...(hintCosts ? { hintCosts } : {}),
  };
}

/** Started days after `due`: a minute late is one day, exactly 24 h late is one day, a second more is two. */
export function daysLate(due: string, submittedAt: string): number {
  const late = Date.parse(submittedAt) - Date.parse(due);
  return Number.isFinite(late) && late > 0 ? Math.ceil(late / 86_400_000) : 0;
}

/** The percent of an exercise's points lost for `days` started days late. */
export function latePercent(policy: LatePenalty, days: number): number {
  return Math.min(policy.cap, days * policy.perDay);
}

/** The late policy in words, for the exercise page and the reports: `10% of an exercise's points per started day late, at most 50%`. */
export function describeLatePenalty(policy: LatePenalty): string {
  return `${policy.perDay}% of an exercise's points per started day late, at most ${policy.cap}%`;
}

/** The due date as the exercise page shows it, the same in every time zone: `15 December 2026, 17:00 UTC`. */
export function formatDue(due: string): string {
  const d = new Date(due);
  const month = d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  return `${d.getUTCDate()} ${month} ${d.getUTCFullYear()}, ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
}

export function readConfigFile(env: Record<string, string | undefined>): LabConfigFile {
  const path = env.WORKBOOK_LAB_CONFIG?.trim();
  if (!path) return {};
  // Only at build time, in Node: the page never reaches this (no process there).
  const fs = (globalThis.process as { getBuiltinModule?: (id: string) => unknown } | undefined)?.getBuiltinModule?.('node:fs') as { readFileSync(p: string, e: 'utf8'): string } | undefined;
  if (fs === undefined) throw new Error('WORKBOOK_LAB_CONFIG is read at build time, in Node 22.3 or newer.');
  return parseLabConfigFile(fs.readFileSync(path, 'utf8'), path);
}

const buildEnv: Record<string, string | undefined> = typeof process === 'undefined' ? {} : process.env;
export const labMode: LabMode = readLabMode(buildEnv, readConfigFile(buildEnv));
