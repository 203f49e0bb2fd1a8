/**
 * The HTTP panel's request and response, as data: what the learner types (method, path, query,
 * headers, body) becomes the request the page's emulator serves on the function URL's path form
 * (`/lambda-url/<url-id>/<path>`), and the same request as a `curl` command against the URL itself.
 * Pure, so the mapping is tested without a page.
 */

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export interface HttpForm {
  method: string;
  /** The path after the URL's root; `/` when empty. */
  path: string;
  /** The query string as typed, with or without its leading `?`. */
  query: string;
  /** One `Name: value` per line; blank lines are skipped. */
  headers: string;
  body: string;
}

/** The request the page's router serves (an EmulatorRequest). */
export interface UrlRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  rawQuery: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

const URL_ID = /^https?:\/\/([a-z0-9]{32})\.lambda-url\.[^/]+\/?$/i;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The URL id in a FunctionUrl (`https://<url-id>.lambda-url.<region>.on.aws/`), if it is one. */
export function urlIdOf(functionUrl: string): string | undefined {
  return URL_ID.exec(functionUrl)?.[1]?.toLowerCase();
}

function normalPath(path: string): string {
  const p = path.trim();
  return p === '' ? '/' : p.startsWith('/') ? p : `/${p}`;
}

function rawQueryOf(query: string): string {
  return query.trim().replace(/^\?/, '');
}

/** The header lines as a map, or the first line that is not `Name: value`. */
export function parseHeaders(text: string): { headers: Record<string, string> } | { error: string } {
  const headers: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!HEADER_NAME.test(name)) return { error: `Header line ${i + 1} is not "Name: value": ${line}` };
    const value = line.slice(colon + 1).trim();
    // A repeated header is one value, comma-separated, as HTTP combines them.
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]},${value}`;
  }
  return { headers };
}

/** The form as the request the emulator serves for the URL `urlId`; GET and HEAD send no body. */
export function urlRequest(urlId: string, form: HttpForm): UrlRequest | { error: string } {
  const parsed = parseHeaders(form.headers);
  if ('error' in parsed) return parsed;
  const rawQuery = rawQueryOf(form.query);
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(rawQuery)) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const method = form.method.toUpperCase();
  const bodyless = method === 'GET' || method === 'HEAD';
  return {
    method,
    path: `/lambda-url/${urlId}${normalPath(form.path)}`,
    query,
    rawQuery,
    headers: parsed.headers,
    body: bodyless ? new Uint8Array() : new TextEncoder().encode(form.body),
  };
}

/** A shell word: single-quoted, a single quote inside as '\''. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The same request as a `curl` command against the URL. An AWS_IAM URL needs the request signed:
 * curl signs it with SigV4 from the caller's keys in the environment.
 */
export function curlCommand(functionUrl: string, form: HttpForm, authType: string, region: string): string {
  const base = functionUrl.replace(/\/$/, '');
  const rawQuery = rawQueryOf(form.query);
  const url = `${base}${normalPath(form.path)}${rawQuery ? `?${rawQuery}` : ''}`;
  const method = form.method.toUpperCase();
  const parts = ['curl', '-i'];
  if (method === 'HEAD') parts.push('--head');
  else if (method !== 'GET') parts.push('-X', method);
  parts.push(shellQuote(url));
  const parsed = parseHeaders(form.headers);
  if ('headers' in parsed) for (const [name, value] of Object.entries(parsed.headers)) parts.push('-H', shellQuote(`${name}: ${value}`));
  if (method !== 'GET' && method !== 'HEAD' && form.body !== '') parts.push('--data-binary', shellQuote(form.body));
  if (authType === 'AWS_IAM') parts.push('--aws-sigv4', shellQuote(`aws:amz:${region}:lambda`), '--user', '"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"');
  return parts.join(' ');
}

/** What the panel shows of a response: the status line, each header (cookies as their own Set-Cookie), and the body as text. */
export function responseView(response: { status: number; headers: Record<string, string>; cookies?: string[]; body: Uint8Array }): { statusLine: string; headers: [string, string][]; body: string } {
  const headers: [string, string][] = Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]);
  for (const cookie of response.cookies ?? []) headers.push(['set-cookie', cookie]);
  headers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { statusLine: `HTTP ${response.status}${REASONS[response.status] ? ` ${REASONS[response.status]}` : ''}`, headers, body: new TextDecoder().decode(response.body) };
}

/** Reason phrases for the statuses a function URL commonly answers. */
const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 413: 'Payload Too Large', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};
