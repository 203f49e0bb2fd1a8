/**
 * The two languages an exercise can be done in, as the checks tell them apart: by the function's
 * runtime. Each has the console's default handler and the file that handler names.
 */
export type Language = 'nodejs' | 'python';

export const LANGUAGES: readonly Language[] = ['nodejs', 'python'];

/** `nodejs22.x` -> nodejs, `python3.13` -> python; undefined for other runtimes (java21, provided.al2023...). */
export function languageOf(runtime: string | undefined): Language | undefined {
  if (runtime?.startsWith('nodejs')) return 'nodejs';
  if (runtime?.startsWith('python')) return 'python';
  return undefined;
}

/** What the console's "Author from scratch" sets, and how the checks describe it when it is wrong. */
export const consoleDefaults: Record<Language, { handler: string; file: string; describe: string }> = {
  nodejs: { handler: 'index.handler', file: 'index.mjs', describe: 'the handler index.handler (file index.mjs, export handler)' },
  python: { handler: 'lambda_function.lambda_handler', file: 'lambda_function.py', describe: 'the handler lambda_function.lambda_handler (file lambda_function.py, def lambda_handler)' },
};
