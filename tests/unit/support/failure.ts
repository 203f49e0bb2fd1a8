/** What an SDK call that should fail failed with: the error's name, its query-compatible Code (SQS), message and HTTP status. */
export interface Failure {
  name: string;
  code: unknown;
  message: string;
  status: number | undefined;
}

export async function failure(p: Promise<unknown>): Promise<Failure> {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { Code?: unknown; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, code: e.Code, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}
