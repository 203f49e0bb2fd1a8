/**
 * Wide tables stay usable at every width: each table scrolls inside a labelled region that the
 * keyboard can reach (WCAG's "scrollable region must have keyboard access"), instead of spilling
 * out of its column or becoming a scroll area no keyboard can reach. One Sätteri hast plugin for
 * tables written in Markdown and MDX; `TableRegion.astro` gives tables in components the same markup.
 */
import { defineHastPlugin, type HastVisitorContext } from 'satteri';

/** The wrapper's class, shared by the plugin, the component and the stylesheet. */
export const TABLE_REGION_CLASS = 'wb-table-region';

/** The little of HAST this needs: elements with children, and text. */
export interface HastLike {
  type: string;
  tagName?: string;
  value?: string;
  children?: HastLike[];
}

const HEADING = /^h[1-6]$/;

function textOf(node: HastLike): string {
  if (node.type === 'text') return node.value ?? '';
  return node.children ? node.children.map(textOf).join('') : '';
}

function first(node: HastLike, tagName: string): HastLike | undefined {
  if (node.type === 'element' && node.tagName === tagName) return node;
  for (const child of node.children ?? []) {
    const found = first(child, tagName);
    if (found) return found;
  }
  return undefined;
}

/** The name a screen reader announces: the caption, else the heading above, else the column headers. */
export function tableRegionLabel(table: HastLike, headingAbove: string | undefined): string {
  const caption = first(table, 'caption');
  if (caption) return textOf(caption).trim();
  if (headingAbove) return `Table: ${headingAbove}`;
  const row = first(table, 'tr');
  const columns = (row?.children ?? []).filter((c) => c.type === 'element').map((c) => textOf(c).trim());
  return columns.length > 0 ? `Table: ${columns.join(', ')}` : 'Table';
}

/** The wrapper element for a table with this label. */
export function tableRegion(label: string) {
  return { type: 'element' as const, tagName: 'div', properties: { className: [TABLE_REGION_CLASS], role: 'region', tabIndex: 0, ariaLabel: label }, children: [] };
}

/** The nearest heading before `node` in document order: earlier siblings first, then the parent's. */
function headingAbove(node: HastLike, ctx: HastVisitorContext): string | undefined {
  let at: HastLike = node;
  for (;;) {
    const parent = ctx.parent(at as never) as HastLike | undefined;
    const index = ctx.indexOf(at as never);
    if (!parent || index === undefined) return undefined;
    const siblings = parent.children ?? [];
    for (let i = index - 1; i >= 0; i--) {
      const s = siblings[i]!;
      if (s.type === 'element' && HEADING.test(s.tagName ?? '')) return textOf(s).trim() || undefined;
    }
    at = parent;
  }
}

/** `markdown: { processor: satteri({ hastPlugins: [tableRegions] }) }` */
export const tableRegions = defineHastPlugin({
  name: 'workbook-table-regions',
  element: {
    filter: ['table'],
    visit(node, ctx) {
      ctx.wrapNode(node, tableRegion(tableRegionLabel(node as HastLike, headingAbove(node as HastLike, ctx))));
    },
  },
});
