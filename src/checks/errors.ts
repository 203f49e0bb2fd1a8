/**
 * Turns whatever a check ran into (an SDK error, a network failure, a bug) into one sentence a
 * learner can act on. Never a stack trace.
 */

/** The error names AWS gives when it refuses the keys themselves (the page's connection check reads them too). */
export const credentialErrors: ReadonlySet<string> = new Set([
  'CredentialsProviderError',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidClientTokenId',
  'MissingAuthenticationTokenException',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: number };
}

function fields(err: unknown): { name: string; message: string; status: number | undefined } {
  if (typeof err === 'object' && err !== null) {
    const e = err as ErrorLike;
    const name = typeof e.name === 'string' ? e.name : typeof e.code === 'string' ? e.code : 'Error';
    const message = typeof e.message === 'string' ? e.message : String(err);
    return { name, message, status: e.$metadata?.httpStatusCode };
  }
  return { name: typeof err, message: String(err), status: undefined };
}

const unreachableCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EHOSTUNREACH']);

function isUnreachable(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as ErrorLike).code : undefined;
  return typeof code === 'string' && unreachableCodes.has(code);
}

/** True for errors that mean every further request will fail the same way (bad credentials, no endpoint). */
export function isFatalForRun(err: unknown): boolean {
  return credentialErrors.has(fields(err).name) || isUnreachable(err) || /Region is missing/i.test(fields(err).message);
}

export function describeError(err: unknown): string {
  const { name, message, status } = fields(err);
  const firstLine = message.split('\n')[0]?.trim() ?? '';
  if (name === 'CredentialsProviderError') {
    return `No AWS credentials were found (${firstLine}). Configure them with \`aws configure\` or \`aws sso login\`, or pass --profile with a profile that has them.`;
  }
  if (credentialErrors.has(name)) {
    return `AWS rejected the credentials: ${name}: ${firstLine} Check that the profile's keys are current and belong to the account you did the lab in.`;
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || status === 403) {
    return `AWS denied a read the checker needs: ${firstLine} The checker needs lambda:Get*, lambda:List*, lambda:InvokeFunction and logs:Describe*/Get*/FilterLogEvents.`;
  }
  if (isUnreachable(err)) {
    return `Could not reach the endpoint (${firstLine}). Is the emulator running (npm run emulator -- --port 4010), and is the URL right?`;
  }
  if (/Region is missing/i.test(message)) {
    return 'No AWS Region is configured: pass --region (e.g. --region eu-west-1) or set it in your profile.';
  }
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `A request did not complete: ${firstLine}`;
  }
  if (name === 'TypeError' && /fetch|network|ECONNREFUSED/i.test(message)) {
    return `Could not reach the endpoint: ${firstLine} Is the emulator running, or is the Region right?`;
  }
  const prefix = status !== undefined ? `${name} (HTTP ${status})` : name;
  return `The check could not finish: ${prefix}: ${firstLine}`;
}
