/**
 * Type declarations for handler intellisense: `@types/aws-lambda` (events, context, Handler) and
 * the globals the emulated Node.js runtime provides. Loaded after the editor is usable.
 */
const awsLambda = import.meta.glob('../../node_modules/@types/aws-lambda/**/*.d.ts', {
  query: '?raw',
  import: 'default',
}) as Record<string, () => Promise<string>>;

const runtimeGlobals = `
declare var process: { env: Record<string, string | undefined>; argv: string[]; version: string; platform: string; uptime(): number; hrtime: { bigint(): bigint }; memoryUsage(): { rss: number; heapUsed: number; heapTotal: number } };
declare var Buffer: { from(data: string | ArrayLike<number>, encoding?: 'utf8' | 'base64' | 'hex'): Uint8Array & { toString(encoding?: 'utf8' | 'base64' | 'hex'): string }; byteLength(s: string): number };
declare function require(id: string): any;
declare var module: { exports: any };
declare var exports: any;
declare function setTimeout(fn: (...args: any[]) => void, ms?: number, ...args: any[]): number;
declare function setInterval(fn: (...args: any[]) => void, ms?: number, ...args: any[]): number;
declare function setImmediate(fn: (...args: any[]) => void, ...args: any[]): number;
declare function clearTimeout(id?: number): void;
declare function clearInterval(id?: number): void;
`;

/** `file:///node_modules/...` path → declaration text, for `addExtraLib`. */
export async function loadLambdaTypes(): Promise<Record<string, string>> {
  const out: Record<string, string> = { 'file:///node_modules/@types/lambda-runtime/index.d.ts': runtimeGlobals };
  await Promise.all(
    Object.entries(awsLambda).map(async ([path, load]) => {
      const rel = path.slice(path.indexOf('@types/aws-lambda/'));
      out[`file:///node_modules/${rel}`] = await load();
    }),
  );
  return out;
}
