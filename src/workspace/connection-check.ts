/**
 * Before grading a real account the page makes one read (ListFunctions, one item). When that
 * fails nothing is graded: a score of 0 would blame the learner's work for a connection problem.
 * This says which problem it is: the keys, the Region, the network, or the browser's CORS rule.
 */

import { credentialErrors } from '../checks/index.ts';

export type ConnectionFailure = 'keys' | 'network' | 'cors' | 'other';

/** What a browser learns from a second, opaque request to the endpoint: it answered, or nothing came back. */
export type Probe = 'answered' | 'no-answer';

function parts(err: unknown): { name: string; message: string; status?: number } {
  const e = (err ?? {}) as { name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number } };
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    message: (typeof e.message === 'string' ? e.message : String(err)).split('\n')[0]!.trim(),
    ...(e.$metadata?.httpStatusCode !== undefined ? { status: e.$metadata.httpStatusCode } : {}),
  };
}

/** The request never got an HTTP answer the page could read: fetch threw (network down, DNS, CORS). */
export function isNoResponse(err: unknown): boolean {
  const { name, message, status } = parts(err);
  return status === undefined && (name === 'TypeError' || /failed to fetch|networkerror|load failed|fetch failed/i.test(message));
}

/** Whether the error means the account cannot be read at all. An AccessDenied is an answer: the checks then say what is missing. */
export function classifyConnection(err: unknown, probe?: Probe): ConnectionFailure | undefined {
  const { name, status } = parts(err);
  if (credentialErrors.has(name)) return 'keys';
  if (isNoResponse(err)) return probe === 'answered' ? 'cors' : 'network';
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || status === 403) return undefined;
  // Anything else (a 5xx, a throttle, an answer the SDK cannot read) also leaves nothing to grade.
  return 'other';
}

/** One sentence, starting "Couldn't connect", with the reason and what to do about it. */
export function describeConnectionFailure(kind: ConnectionFailure, err: unknown, endpoint: string, region: string): string {
  const { name, message } = parts(err);
  switch (kind) {
    case 'keys':
      return `Couldn't connect to your AWS account: AWS refused the keys (${name}: ${message}). Check the access key ID and secret access key, and for temporary keys the session token; nothing was graded.`;
    case 'network':
      return `Couldn't connect to ${endpoint}: no answer came back (${message}). Check your network connection and that "${region}" is a Region (for example us-east-1); a firewall or browser extension may also block it. Nothing was graded.`;
    case 'cors':
      return `Couldn't connect to ${endpoint}: it answered, but the browser blocked the page from reading the answer (CORS). Use the AWS endpoint for the Region, not a proxy, or run the checker from the terminal (npm run check). Nothing was graded.`;
    case 'other':
      return `Couldn't connect to your AWS account: ${name}: ${message}. Nothing was graded.`;
  }
}
