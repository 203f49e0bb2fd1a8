/**
 * A data table the instructor can sort and take away: a caption, column headers with a sort
 * button each (aria-sort says the order), the first column as row headers, and a button that
 * downloads exactly what the table shows as CSV. It scrolls inside a labelled region when wide.
 */
import { sortRows, tableCsv, type Cell } from './class-summary.ts';

export interface Column {
  label: string;
  /** How a cell reads on the page, when not as its value (e.g. a percent sign, a button). */
  render?: (value: Cell, row: readonly Cell[]) => Node | string;
}

export interface TableSpec {
  caption: string;
  columns: readonly Column[];
  rows: readonly (readonly Cell[])[];
  /** The downloaded file's name. */
  fileName: string;
  /** A data- attribute on the table, for finding it. */
  name: string;
  /** Sorted by this column at first. */
  sortedBy?: { column: number; direction: 'ascending' | 'descending' };
}

/** The same markup the site gives a wide Markdown table (src/content/table-regions.ts). */
const TABLE_REGION_CLASS = 'wb-table-region';

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
};

export function sortableTable(spec: TableSpec): HTMLElement {
  let order = spec.sortedBy;
  const tbody = el('tbody');
  const headers = spec.columns.map((c, i) => {
    const button = el('button', { type: 'button', class: 'wb-sort' }, c.label);
    const th = el('th', { scope: 'col' }, button);
    button.addEventListener('click', () => {
      order = { column: i, direction: order?.column === i && order.direction === 'ascending' ? 'descending' : 'ascending' };
      draw();
      button.focus();
    });
    return th;
  });
  const table = el('table', { [`data-${spec.name}`]: '' }, el('caption', {}, spec.caption), el('thead', {}, el('tr', {}, ...headers)), tbody);
  const status = el('p', { class: 'sr-only', 'aria-live': 'polite' });

  function shown(): (readonly Cell[])[] {
    return order ? sortRows(spec.rows, order.column, order.direction) : [...spec.rows];
  }

  function draw(): void {
    headers.forEach((th, i) => th.setAttribute('aria-sort', order?.column === i ? order.direction : 'none'));
    tbody.replaceChildren(
      ...shown().map((row) =>
        el(
          'tr',
          {},
          ...row.map((value, i) => {
            const content = spec.columns[i]?.render?.(value, row) ?? String(value);
            return i === 0 ? el('th', { scope: 'row' }, content) : el('td', typeof value === 'number' ? { class: 'wb-num' } : {}, content);
          }),
        ),
      ),
    );
    if (order) status.textContent = `${spec.caption}: sorted by ${spec.columns[order.column]!.label}, ${order.direction}.`;
  }

  const download = el('button', { type: 'button', 'data-export-csv': spec.name, 'aria-label': `Download as CSV: ${spec.caption}` }, 'Download as CSV');
  download.addEventListener('click', () => {
    const csv = tableCsv(spec.columns.map((c) => c.label), shown());
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = el('a', { href: url, download: spec.fileName });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  draw();
  return el('div', { class: 'wb-sortable' }, el('div', { class: TABLE_REGION_CLASS, role: 'region', tabindex: '0', 'aria-label': spec.caption }, table), status, download);
}
