/**
 * A class list for checking a real-AWS lab: CSV (RFC 4180) with the columns name, id and prefix
 * (each learner's resources in the shared account start with the prefix), and optionally
 * answers: a file, relative to the roster, holding the learner's answers as a JSON object or
 * their exported workbook.
 */

export interface RosterEntry {
  name: string;
  id: string;
  prefix: string;
  /** As written in the roster; resolved by the caller. */
  answers?: string;
}

/** Rows of RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const source = text.replace(/^\uFEFF/, '');
  while (i < source.length) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') (field += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (field += c), i++;
      continue;
    }
    if (c === '"' && field === '') (quoted = true), i++;
    else if (c === ',') row.push(field), (field = ''), i++;
    else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += c === '\r' && source[i + 1] === '\n' ? 2 : 1;
    } else (field += c), i++;
  }
  if (quoted) throw new Error('a quoted field is not closed');
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** The rows of a CSV file and its first row's column names (trimmed, lower case). */
function readCsv(text: string, where: string): { rows: string[][]; header: string[] } {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (err) {
    throw new Error(`${where} is not CSV: ${(err as Error).message}.`);
  }
  return { rows, header: (rows[0] ?? []).map((h) => h.trim().toLowerCase()) };
}

export function readRoster(text: string, where: string): RosterEntry[] {
  const { rows, header } = readCsv(text, where);
  const column = (name: string): number => header.indexOf(name);
  for (const required of ['name', 'id', 'prefix']) {
    if (column(required) < 0) throw new Error(`${where} needs the columns name, id and prefix in its first row; it has ${header.length > 0 ? header.join(', ') : 'none'}.`);
  }
  const seen = new Map<string, number>();
  return rows.slice(1).map((row, i) => {
    const line = i + 2;
    const get = (name: string): string => (column(name) < 0 ? '' : (row[column(name)] ?? '').trim());
    const entry: RosterEntry = { name: get('name'), id: get('id'), prefix: get('prefix') };
    if (entry.prefix === '') throw new Error(`${where} line ${line}: ${entry.name || 'a learner'} has no prefix; in a shared account every learner needs one.`);
    const other = seen.get(entry.prefix);
    if (other !== undefined) throw new Error(`${where} line ${line}: the prefix ${entry.prefix} is also on line ${other}; each learner needs their own.`);
    seen.set(entry.prefix, line);
    const answers = get('answers');
    if (answers !== '') entry.answers = answers;
    return entry;
  });
}

/** A learner's answers for one exercise from a JSON object of answers, or from their exported workbook. */
export function answersFor(data: unknown, exercise: string): Record<string, string> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
  const record = data as Record<string, unknown>;
  const workspace = (record['exercises'] as Record<string, { answers?: unknown }> | undefined)?.[exercise];
  const source = typeof record['version'] === 'number' && 'exercises' in record ? workspace?.answers : record;
  if (typeof source !== 'object' || source === null) return {};
  return Object.fromEntries(Object.entries(source).filter(([, v]) => typeof v === 'string' || typeof v === 'number').map(([k, v]) => [k, String(v)]));
}

/** A learner of a shared lab server: their account and keys when the roster gives them (the lab generates the rest). */
export interface LabRosterEntry {
  name: string;
  id: string;
  accountId?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** What a lab roster's optional columns must look like: AWS's own formats, so SDKs and the CLI take them. */
const LAB_COLUMNS = {
  account_id: { pattern: /^\d{12}$/, says: '12 digits' },
  access_key_id: { pattern: /^[A-Z0-9]{16,128}$/, says: '16 to 128 capital letters and digits' },
  secret_access_key: { pattern: /^[A-Za-z0-9/+]{16,128}$/, says: '16 to 128 letters, digits, / and +' },
} as const;

/** A lab roster: CSV with the columns name and id, and optionally account_id, access_key_id and secret_access_key. */
export function readLabRoster(text: string, where: string): LabRosterEntry[] {
  const { rows, header } = readCsv(text, where);
  for (const required of ['name', 'id']) {
    if (!header.includes(required)) throw new Error(`${where} needs the columns name and id in its first row; it has ${header.length > 0 ? header.join(', ') : 'none'}.`);
  }
  const seen = new Map<string, number>();
  return rows.slice(1).map((row, i) => {
    const line = i + 2;
    const get = (name: string): string => (header.indexOf(name) < 0 ? '' : (row[header.indexOf(name)] ?? '').trim());
    const entry: LabRosterEntry = { name: get('name'), id: get('id') };
    // The id names the learner's profile and hand-out files, so it is kept to characters safe in both.
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(entry.id) || /^\.+$/.test(entry.id)) {
      throw new Error(`${where} line ${line}: the id "${entry.id}" must be 1 to 64 letters, digits, dots, dashes or underscores.`);
    }
    for (const [column, field] of [['account_id', 'accountId'], ['access_key_id', 'accessKeyId'], ['secret_access_key', 'secretAccessKey']] as const) {
      const value = get(column);
      if (value === '') continue;
      if (!LAB_COLUMNS[column].pattern.test(value)) throw new Error(`${where} line ${line}: ${column} must be ${LAB_COLUMNS[column].says}.`);
      entry[field] = value;
    }
    for (const [what, value] of [['id', entry.id], ['account_id', entry.accountId], ['access_key_id', entry.accessKeyId]] as const) {
      if (value === undefined) continue;
      const other = seen.get(`${what}\u0000${value}`);
      if (other !== undefined) throw new Error(`${where} line ${line}: the ${what} ${value} is also on line ${other}; each learner needs their own.`);
      seen.set(`${what}\u0000${value}`, line);
    }
    return entry;
  });
}
