import { describe, expect, it } from 'vitest';
import { TABLE_REGION_CLASS, tableRegion, tableRegionLabel, type HastLike } from './table-regions.ts';

const text = (value: string): HastLike => ({ type: 'text', value });
const el = (tagName: string, children: HastLike[] = []): HastLike => ({ type: 'element', tagName, children });
const table = (...headers: string[]) => el('table', [el('thead', [el('tr', headers.map((h) => el('th', [text(h)])))])]);

describe('tables in lessons scroll inside a labelled, focusable region', () => {
  it('names the region after the caption first', () => {
    const captioned = el('table', [el('caption', [text('Lambda '), el('code', [text('limits')])]), el('tr', [el('th', [text('x')])])]);
    expect(tableRegionLabel(captioned, 'Quotas')).toBe('Lambda limits');
  });

  it('then after the heading above it', () => {
    expect(tableRegionLabel(table('Setting', 'Value'), 'Reserved concurrency')).toBe('Table: Reserved concurrency');
  });

  it('then after its column headers', () => {
    expect(tableRegionLabel(table('Setting', 'Value'), undefined)).toBe('Table: Setting, Value');
    expect(tableRegionLabel(el('table'), undefined)).toBe('Table');
  });

  it('is a focusable region the keyboard can reach', () => {
    expect(tableRegion('Table: x').properties).toEqual({ className: [TABLE_REGION_CLASS], role: 'region', tabIndex: 0, ariaLabel: 'Table: x' });
  });
});
