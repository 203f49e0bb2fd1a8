import { describe, expect, it } from 'vitest';
import { listResponse } from './pagination.ts';

const items = Array.from({ length: 120 }, (_, i) => i);

describe('List* paging', () => {
  it('returns 50 items and a NextMarker when MaxItems is absent', () => {
    const out = listResponse('Functions', items, undefined, undefined);
    expect(out['Functions']).toEqual(items.slice(0, 50));
    expect(out['NextMarker']).toBe('50');
  });

  it('continues from the marker and leaves NextMarker out on the last page', () => {
    const out = listResponse('Functions', items, '100', 50);
    expect(out).toEqual({ Functions: items.slice(100) });
  });

  it('caps MaxItems at 50 and ignores a marker that is not a position', () => {
    expect((listResponse('Aliases', items, 'junk', 500)['Aliases'] as number[]).length).toBe(50);
    expect(listResponse('Aliases', items, 'junk', 500)['NextMarker']).toBe('50');
  });

  it('applies the view to the page only', () => {
    const seen: number[] = [];
    const out = listResponse('Versions', items, '10', 2, (n) => (seen.push(n), `v${n}`));
    expect(out).toEqual({ Versions: ['v10', 'v11'], NextMarker: '12' });
    expect(seen).toEqual([10, 11]);
  });
});
