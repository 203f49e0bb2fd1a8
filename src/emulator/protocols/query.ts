/**
 * AWS's query protocol (awsQuery): a form-encoded POST (or a GET) with `Action=<Op>&Version=...`,
 * nested members as dotted keys (`Attribute.1.Name`), and XML answers in the service's namespace.
 * Services turn the flat form into the shapes their JSON operations take with a table of members
 * (which dotted name is which list or map), and the answer back with a table of elements, so the
 * operations themselves never see the protocol. SQS uses it; SNS, IAM and STS speak it too.
 */
import { fromUtf8, utf8 } from '../zip.ts';
import type { EmulatorRequest, EmulatorResponse } from '../api/router.ts';

/** How one query member becomes one member of the JSON-shaped input. */
export interface QueryMember {
  /** Its name in the JSON-shaped input. */
  name: string;
  /** A flattened map: each numbered entry has this key member and value member. */
  map?: readonly [key: string, value: string];
  /** A wrapped list or map: the numbered items sit under this child (`member` for IAM, STS and SNS lists, `entry` for SNS maps). */
  wrapped?: string;
}

/** Query member name → how it reads; looked up at every level of the input. */
export type QueryMembers = Readonly<Record<string, QueryMember>>;

/** How one member of a JSON-shaped output is written as XML. */
export interface XmlMember {
  /** A list or map is written flattened: one element of this name per item. */
  element: string;
  /** A map's entries: `<element><Key>k</Key><Value>v</Value></element>`. */
  map?: readonly [key: string, value: string];
  /** Wrapped (SNS, IAM, STS): the items are written inside one element of the member's own name. */
  wrapped?: boolean;
}

/** JSON member name → how it is written; looked up at every level of the output. */
export type XmlMembers = Readonly<Record<string, XmlMember>>;

/** The form's parameters: the query string and a form-encoded body together (the body wins). */
export function queryParameters(request: Pick<EmulatorRequest, 'query' | 'body'>): Record<string, string> {
  const params: Record<string, string> = { ...request.query };
  if (request.body.byteLength > 0) for (const [k, v] of new URLSearchParams(fromUtf8(request.body))) params[k] = v;
  return params;
}

type Tree = { [key: string]: Tree | string };

/** `A.1.B=x` → `{ A: { 1: { B: 'x' } } }`. */
function treeOf(params: Record<string, string>): Tree {
  const root: Tree = Object.create(null) as Tree;
  for (const [key, value] of Object.entries(params)) {
    const path = key.split('.');
    let node = root;
    for (let i = 0; i < path.length - 1; i++) {
      const next = node[path[i]!];
      if (typeof next === 'object') node = next;
      else node = node[path[i]!] = Object.create(null) as Tree;
    }
    if (typeof node[path[path.length - 1]!] !== 'object') node[path[path.length - 1]!] = value;
  }
  return root;
}

/** A numbered node's items in their numbered order (`1`, `2`, ... as sent). */
function numbered(node: Tree | string): (Tree | string)[] {
  if (typeof node === 'string') return [];
  return Object.keys(node)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => node[k]!);
}

function decodeNode(node: Tree | string, members: QueryMembers): unknown {
  if (typeof node === 'string') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const member = members[key];
    const items = member?.wrapped === undefined ? value : typeof value === 'string' ? value : (value[member.wrapped] ?? '');
    if (!member) {
      out[key] = decodeNode(value, members);
    } else if (member.map) {
      const [k, v] = member.map;
      const map: Record<string, unknown> = {};
      for (const entry of numbered(items)) {
        if (typeof entry === 'string' || typeof entry[k] !== 'string') continue;
        map[entry[k] as string] = entry[v] === undefined ? '' : decodeNode(entry[v]!, members);
      }
      out[member.name] = map;
    } else {
      out[member.name] = numbered(items).map((item) => decodeNode(item, members));
    }
  }
  return out;
}

/** The form (without `Action` and `Version`) as the JSON-shaped input an operation takes; every scalar stays a string. */
export function decodeQueryInput(params: Record<string, string>, members: QueryMembers): Record<string, unknown> {
  const { Action: _action, Version: _version, ...rest } = params;
  return decodeNode(treeOf(rest), members) as Record<string, unknown>;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function encodeValue(name: string, value: unknown, members: XmlMembers): string {
  if (value === undefined || value === null) return '';
  const member = members[name];
  if (member?.wrapped && typeof value === 'object') {
    const inner = encodeValue(name, value, { ...members, [name]: { ...member, wrapped: false } });
    return inner === '' ? `<${name}/>` : `<${name}>${inner}</${name}>`;
  }
  if (member?.map && typeof value === 'object') {
    const [k, v] = member.map;
    return Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `<${member.element}><${k}>${escapeXml(key)}</${k}>${encodeValue(v, item, members)}</${member.element}>`)
      .join('');
  }
  if (Array.isArray(value)) return value.map((item) => encodeValue(member?.element ?? 'member', item, members)).join('');
  if (typeof value === 'object') return `<${name}>${encodeFields(value as Record<string, unknown>, members)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

function encodeFields(fields: Record<string, unknown>, members: XmlMembers): string {
  return Object.entries(fields)
    .map(([k, v]) => (Array.isArray(v) && !members[k]?.wrapped ? v.map((item) => encodeValue(members[k]?.element ?? k, item, members)).join('') : encodeValue(k, v, members)))
    .join('');
}

const XML_HEADERS = (requestId: string) => ({ 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId });

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…</ResponseMetadata></ActionResponse>`. */
export function queryResponse(action: string, namespace: string, output: Record<string, unknown>, members: XmlMembers, requestId: string): EmulatorResponse {
  const result = encodeFields(output, members);
  const xml =
    `<?xml version="1.0"?><${action}Response xmlns="${namespace}">` +
    (result === '' ? `<${action}Result/>` : `<${action}Result>${result}</${action}Result>`) +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: XML_HEADERS(requestId), body: utf8(xml) };
}

export interface QueryError {
  status: number;
  code: string;
  message: string;
  type: 'Sender' | 'Receiver';
}

/** `<ErrorResponse><Error><Type/><Code/><Message/><Detail/></Error><RequestId/></ErrorResponse>`. */
export function queryErrorResponse(namespace: string, error: QueryError, requestId: string): EmulatorResponse {
  const xml =
    `<?xml version="1.0"?><ErrorResponse xmlns="${namespace}"><Error><Type>${error.type}</Type>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message><Detail/></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: error.status, headers: XML_HEADERS(requestId), body: utf8(xml) };
}
