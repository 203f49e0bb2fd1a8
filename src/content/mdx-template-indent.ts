/**
 * Keeps the indentation of multi-line template literals in MDX attributes (`<TryIt code={`…`} />`).
 *
 * The MDX compiler (satteri) strips up to the container's indent plus two spaces from every
 * continuation line of a JSX attribute expression, as if it were Markdown text, so a handler's
 * first level of indentation vanished. Before the MDX compiler sees the file, the leading spaces
 * and tabs of those lines are written as `\x20` and `\t` escapes: the same string in JavaScript,
 * but no longer whitespace the compiler can strip.
 */

/** Attribute values written as a template literal: `={` then backtick … backtick `}`. */
const TEMPLATE_ATTRIBUTE = /=\{\s*`((?:[^`\\]|\\[\s\S])*)`\s*\}/g;
/** A fenced code block's opening or closing line (``` or ~~~, possibly indented). */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Source offsets [start, end) of fenced code blocks, where nothing is rewritten. */
function fencedRanges(source: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let open: { marker: string; start: number } | undefined;
  let offset = 0;
  for (const line of source.split('\n')) {
    const m = FENCE.exec(line);
    if (m) {
      const marker = m[1]!;
      if (!open) open = { marker, start: offset };
      else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && line.trim() === marker) {
        ranges.push([open.start, offset + line.length]);
        open = undefined;
      }
    }
    offset += line.length + 1;
  }
  if (open) ranges.push([open.start, source.length]);
  return ranges;
}

/** Escapes the leading whitespace of each continuation line of a template literal's body. */
function escapeIndentation(body: string): string {
  return body.replace(/\n([ \t]+)/g, (_, indent: string) => `\n${indent.replace(/ /g, '\\x20').replace(/\t/g, '\\t')}`);
}

/** The MDX source with every attribute template literal's indentation made strip-proof. */
export function preserveTemplateIndentation(source: string): string {
  if (!source.includes('`')) return source;
  const fenced = fencedRanges(source);
  const inFence = (at: number) => fenced.some(([start, end]) => at >= start && at < end);
  return source.replace(TEMPLATE_ATTRIBUTE, (whole: string, body: string, at: number) =>
    inFence(at) || !body.includes('\n') ? whole : whole.replace(body, () => escapeIndentation(body)),
  );
}

/** The Vite plugin: runs before @astrojs/mdx (both `pre`; this one is registered first). */
export function mdxTemplateIndentPlugin() {
  return {
    name: 'lambda-workbook:mdx-template-indent',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      if (!/\.mdx(\?|$)/.test(id)) return undefined;
      const out = preserveTemplateIndentation(code);
      return out === code ? undefined : { code: out, map: null };
    },
  };
}
