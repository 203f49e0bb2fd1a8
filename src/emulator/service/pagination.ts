/** Lambda's List* paging: an opaque `Marker` (here the next index) and `MaxItems` up to 50. */

const MAX_ITEMS = 50;

/** The paging parameters of a List* request. */
export interface PageRequest {
  Marker?: string;
  MaxItems?: number;
}

export function pageOf<T>(items: readonly T[], marker: string | undefined, maxItems: number | undefined): { page: T[]; next?: string } {
  const start = marker && /^\d+$/.test(marker) ? Number(marker) : 0;
  const size = maxItems && maxItems > 0 ? Math.min(maxItems, MAX_ITEMS) : MAX_ITEMS;
  const page = items.slice(start, start + size);
  return start + size < items.length ? { page, next: String(start + size) } : { page };
}

/** A List* response: the page under `key` (each item through `view`), then `NextMarker` when more follow. */
export function listResponse<T>(
  key: string,
  items: readonly T[],
  marker: string | undefined,
  maxItems: number | undefined,
  view: (item: T) => unknown = (item) => item,
): Record<string, unknown> {
  const { page, next } = pageOf(items, marker, maxItems);
  return { [key]: page.map(view), ...(next ? { NextMarker: next } : {}) };
}
