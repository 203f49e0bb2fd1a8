/**
 * The REST-XML codec: a writer that turns plain values into S3's XML (an object's keys become
 * child elements in order, an array repeats its element, as S3's flattened lists do) and a small
 * parser for the request documents S3 reads (CreateBucketConfiguration, Delete, NotificationConfiguration).
 */

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

export type XmlValue = string | number | boolean | null | undefined | readonly XmlValue[] | { readonly [name: string]: XmlValue };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => ESCAPES[c]!);
}

function write(name: string, value: XmlValue, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value as readonly XmlValue[]) write(name, item, out);
    return;
  }
  if (typeof value === 'object') {
    out.push(`<${name}>`);
    for (const [child, v] of Object.entries(value)) write(child, v, out);
    out.push(`</${name}>`);
    return;
  }
  out.push(`<${name}>${escapeXml(String(value))}</${name}>`);
}

/** A whole response document: declaration, root element (in S3's namespace unless told otherwise), its children. */
export function xmlDocument(root: string, value: { readonly [name: string]: XmlValue } | string, namespace: string | null = S3_NAMESPACE): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n', namespace === null ? `<${root}>` : `<${root} xmlns="${namespace}">`];
  if (typeof value === 'string') out.push(escapeXml(value));
  else for (const [child, v] of Object.entries(value)) write(child, v, out);
  out.push(`</${root}>`);
  return out.join('');
}

/** An element without its namespace prefix handling: S3's documents use one default namespace. */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  /** The element's own text, entities decoded (empty when it only holds elements). */
  text: string;
}

export class XmlSyntaxError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    const entity = ENTITIES[body];
    if (entity === undefined) throw new XmlSyntaxError(`Unknown entity ${whole}`);
    return entity;
  });
}

/** Parses one XML document into its root element; throws XmlSyntaxError when it is not well-formed. */
export function parseXml(source: string): XmlElement {
  let i = 0;
  /** Moves past the next `terminator`, returning what came before it. */
  const through = (terminator: string, what: string): string => {
    const end = source.indexOf(terminator, i);
    if (end < 0) throw new XmlSyntaxError(`Unterminated ${what}`);
    const skipped = source.slice(i, end);
    i = end + terminator.length;
    return skipped;
  };
  const skipMisc = () => {
    for (;;) {
      while (i < source.length && /\s/.test(source[i]!)) i++;
      if (source.startsWith('<?', i)) through('?>', 'processing instruction');
      else if (source.startsWith('<!--', i)) through('-->', 'comment');
      else return;
    }
  };
  const element = (): XmlElement => {
    const open = /^<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(source.slice(i, i + 4096));
    if (!open) throw new XmlSyntaxError(`Expected an element at offset ${i}`);
    i += open[0].length;
    const name = open[1]!.replace(/^[\w.-]+:/, '');
    const node: XmlElement = { name, children: [], text: '' };
    if (open[3] === '/') return node;
    let text = '';
    for (;;) {
      if (i >= source.length) throw new XmlSyntaxError(`Unclosed element <${name}>`);
      if (source.startsWith('</', i)) {
        const close = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(source.slice(i, i + 512));
        if (!close || close[1]!.replace(/^[\w.-]+:/, '') !== name) throw new XmlSyntaxError(`Mismatched closing tag for <${name}>`);
        i += close[0].length;
        node.text = decodeEntities(text);
        return node;
      }
      if (source.startsWith('<!--', i)) {
        through('-->', 'comment');
      } else if (source.startsWith('<![CDATA[', i)) {
        i += '<![CDATA['.length;
        // Kept literally: its ampersands are escaped so the entity decoding below leaves them be.
        text += through(']]>', 'CDATA').replace(/&/g, '&amp;');
      } else if (source[i] === '<') {
        node.children.push(element());
      } else {
        const next = source.indexOf('<', i);
        text += source.slice(i, next < 0 ? source.length : next);
        i = next < 0 ? source.length : next;
      }
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== source.length) throw new XmlSyntaxError('Content after the root element');
  return root;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function childNamed(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/** The text of the first child called `name`, if there is one. */
export function childText(el: XmlElement, name: string): string | undefined {
  return childNamed(el, name)?.text;
}
