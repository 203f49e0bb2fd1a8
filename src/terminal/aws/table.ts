/**
 * `--output table`, as awscli's TableFormatter builds it (awscli/formatter.py) and MultiTable draws
 * it (awscli/table.py): a section per structure titled with the operation's name or the member's
 * key, scalar members as sorted column headers, nested lists and structures as indented sections,
 * every section scaled to the widest one, and a table wider than the terminal turned vertical.
 * Without a terminal, as when the output is piped, the CLI assumes 80 columns.
 */
import { pythonStr } from './output.ts';
import { textWidth } from './text-width.ts';

interface Section {
  title: string;
  headers: string[];
  rows: string[][];
  indent: number;
  /** Each column's widest text. */
  widths: number[];
}

const isScalar = (value: unknown): boolean => typeof value !== 'object' || value === null;


/** Python's truth of a response value: empty structures, lists and strings, 0, false and null print nothing. */
const truthy = (value: unknown): boolean =>
  Array.isArray(value) ? value.length > 0 : typeof value === 'object' && value !== null ? Object.keys(value).length > 0 : Boolean(value);

/** Python 3's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

class Table {
  readonly sections: Section[] = [];
  #current: Section | undefined;

  newSection(title: string, indent: number): void {
    this.#current = { title, headers: [], rows: [], indent, widths: [] };
    this.sections.push(this.#current);
  }

  #section(): Section {
    if (this.#current === undefined) throw new Error('a table row before any section');
    return this.#current;
  }

  #widen(section: Section, texts: string[]): void {
    if (section.widths.length === 0) section.widths = texts.map(textWidth);
    else texts.forEach((text, i) => (section.widths[i] = Math.max(textWidth(text), section.widths[i] ?? 0)));
  }

  header(headers: string[]): void {
    const section = this.#section();
    this.#widen(section, headers);
    section.headers = headers;
  }

  row(values: unknown[]): void {
    const section = this.#section();
    const texts = values.map(pythonStr);
    section.rows.push(texts);
    this.#widen(section, texts);
  }
}

function groupScalarKeys(value: Record<string, unknown>): [string[], string[]] {
  const headers: string[] = [];
  const more: string[] = [];
  for (const key of Object.keys(value)) (isScalar(value[key]) ? headers : more).push(key);
  return [headers.sort(), more.sort()];
}

function build(table: Table, title: string | undefined, current: unknown, indent = 0): boolean {
  if (!truthy(current)) return false;
  if (title !== undefined) table.newSection(title, indent);
  if (Array.isArray(current)) {
    if (typeof current[0] === 'object' && current[0] !== null && !Array.isArray(current[0])) buildFromList(table, current as Record<string, unknown>[], indent, title);
    else {
      for (const item of current) {
        if (isScalar(item)) table.row([item]);
        else if (Array.isArray(item) && item.every(isScalar)) table.row(item);
        else build(table, undefined, item);
      }
    }
  }
  if (typeof current === 'object' && current !== null && !Array.isArray(current)) buildFromStructure(table, current as Record<string, unknown>, indent);
  return true;
}

function buildFromStructure(table: Table, current: Record<string, unknown>, indent: number): void {
  const [headers, more] = groupScalarKeys(current);
  if (headers.length === 1) table.row([headers[0], current[headers[0]!]]);
  else if (headers.length > 0) {
    table.header(headers);
    table.row(headers.map((k) => current[k]));
  }
  for (const key of more) build(table, key, current[key], indent + 1);
}

function buildFromList(table: Table, items: Record<string, unknown>[], indent: number, title: string | undefined): void {
  const headers = new Set<string>();
  const more = new Set<string>();
  for (const item of items) {
    const [h, m] = groupScalarKeys(item);
    h.forEach((k) => headers.add(k));
    m.forEach((k) => more.add(k));
  }
  const headerList = [...headers].sort();
  const moreList = [...more].sort();
  table.header(headerList);
  items.forEach((item, i) => {
    if (i > 0 && moreList.length > 0) {
      table.newSection(title ?? '', indent);
      table.header(headerList);
    }
    table.row(headerList.map((h) => (h in item ? item[h] : '')));
    for (const key of moreList) if (key in item) build(table, key, item[key], indent + 1);
  });
}

// ---------------------------------------------------------------- drawing

function columnWidths(section: Section, padding: number, maxWidth?: number): number[] {
  const unscaled = section.widths.map((w) => w + padding);
  if (maxWidth === undefined || unscaled.length === 0) return unscaled;
  const factor = maxWidth / unscaled.reduce((a, b) => a + b, 0);
  const scaled = unscaled.map((w) => roundHalfEven(factor * w));
  let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
  while (offBy !== 0) {
    const order = scaled.map((_, i) => i);
    if (offBy < 0) order.reverse();
    for (const i of order) {
      if (offBy > 0) {
        scaled[i]!--;
        offBy--;
      } else {
        scaled[i]!++;
        offBy++;
      }
      if (offBy === 0) break;
    }
  }
  return scaled;
}

function totalWidth(section: Section): number {
  const columns = columnWidths(section, 0).reduce((n, w) => n + w + 4, 0) + 2 + 2 * section.indent;
  return Math.max(textWidth(section.title) + 2 + 2 * section.indent, columns);
}

function center(text: string, length: number, left: string, right: string): string {
  const start = Math.floor(length / 2) - Math.floor(textWidth(text) / 2) - 1;
  const soFar = left.length + start + textWidth(text);
  return `${left}${' '.repeat(Math.max(0, start))}${text}${' '.repeat(Math.max(0, length - right.length - soFar))}${right}`;
}

function alignLeft(text: string, length: number, left: string, right: string): string {
  const padding = length - (textWidth(text) + 2 + left.length + right.length) >= 0 ? 2 : 0;
  const soFar = left.length + padding + textWidth(text);
  return `${left}${' '.repeat(padding)}${text}${' '.repeat(Math.max(0, length - soFar - right.length))}${right}`;
}

function lineBreak(widths: number[]): string {
  return `${widths.map((w, i) => (i === 0 ? `+${'-'.repeat(w - 2)}+` : `${'-'.repeat(w - 1)}+`)).join('')}\n`;
}

/** Each single-row section with headers becomes rows of header and value (the CLI's vertical table). */
function vertical(sections: Section[]): Section[] {
  return sections.map((section) => {
    if (section.rows.length !== 1 || section.headers.length === 0) return section;
    const turned: Section = { title: section.title, headers: [], rows: [], indent: section.indent, widths: [] };
    section.headers.forEach((header, i) => {
      const row = [header, section.rows[0]![i] ?? ''];
      turned.rows.push(row);
      turned.widths = turned.widths.length === 0 ? row.map(textWidth) : row.map((t, j) => Math.max(textWidth(t), turned.widths[j] ?? 0));
    });
    return turned;
  });
}

function draw(sections: Section[], terminalWidth: number): string {
  let maxWidth = Math.max(...sections.map(totalWidth));
  if (maxWidth > terminalWidth) {
    sections = vertical(sections);
    maxWidth = Math.max(...sections.map(totalWidth));
  }
  let out = `${'-'.repeat(maxWidth)}\n`;
  for (const section of sections) {
    const edge = '|'.repeat(section.indent);
    const write = (line: string) => (out += `${edge}${line.replace(/\n$/, '')}${edge}\n`);
    const width = maxWidth - section.indent * 2;
    if (section.title !== '') {
      write(center(section.title, width, '|', '|'));
      if (section.headers.length === 0 && section.rows.length === 0) write(`+${'-'.repeat(width - 2)}+`);
    }
    if (section.headers.length > 0) {
      const widths = columnWidths(section, 4, width);
      write(lineBreak(widths));
      write(section.headers.map((h, i) => center(h, widths[i]!, i === 0 ? '|' : '', '|')).join(''));
    }
    if (section.rows.length > 0) {
      const widths = columnWidths(section, 4, width);
      if (widths.length === 0) continue;
      write(lineBreak(widths));
      for (const row of section.rows) write(widths.map((w, i) => alignLeft(row[i] ?? '', w, i === 0 ? '|' : '', '|')).join(''));
      write(lineBreak(widths));
    }
  }
  return out;
}

/** The response as `--output table` prints it: nothing for an empty one. */
export function formatTable(operationName: string, value: unknown, terminalWidth = 80): string {
  const table = new Table();
  if (!build(table, operationName, value)) return '';
  return draw(table.sections, terminalWidth);
}
