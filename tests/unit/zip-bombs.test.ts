/**
 * Deployment packages that unzip to far more than they weigh are refused with Lambda's errors, and
 * the emulator never holds their unzipped bytes: memory stays flat whatever the bomb's size.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { CreateFunctionCommand, PublishLayerVersionCommand, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { limits } from '../../src/emulator/index.ts';
import { ECHO_CODE, ROLE, makeService, quickJSEngine, zipBytes } from './support/harness.ts';
import { zipBomb } from './support/zip-bomb.ts';

const MB = 1024 * 1024;
/** Far below the 280 MB the bombs unzip to; what the process grew by before the fix. */
const RSS_GROWTH_ALLOWED = 64 * MB;

const { lambda, close } = makeService(quickJSEngine());
afterAll(() => close());

async function refusal(send: () => Promise<unknown>): Promise<{ error: [string, number | undefined, string]; rssGrowth: number }> {
  const before = process.memoryUsage.rss();
  try {
    await send();
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { error: [e.name, e.$metadata?.httpStatusCode, e.message], rssGrowth: process.memoryUsage.rss() - before };
  }
  throw new Error('the bomb was accepted');
}

const create = (zip: Uint8Array) => () =>
  lambda.send(new CreateFunctionCommand({ FunctionName: 'bomb', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip } }));

describe('a zip bomb', () => {
  // 280 MB of zeros in under 2 MB (issue #20's was 266 KB: the same bomb, packed tighter).
  const honest = zipBomb({ realBytes: 280 * MB });
  const forged = zipBomb({ realBytes: 280 * MB, declaredBytes: 1024 });

  it('whose directory declares 280 MB is refused before anything is inflated', async () => {
    expect(honest.bytes.byteLength).toBeLessThan(2 * MB);
    const { error, rssGrowth } = await refusal(create(honest.bytes));
    expect(error).toEqual(['InvalidParameterValueException', 400, `Unzipped size must be smaller than ${limits.deploymentPackage.maxUnzippedBytes} bytes`]);
    expect(error[2]).toBe('Unzipped size must be smaller than 262144000 bytes');
    expect(rssGrowth).toBeLessThan(RSS_GROWTH_ALLOWED);
  });

  it('whose header declares 1 KB over a 280 MB stream is stopped while inflating, as a file that cannot be unzipped', async () => {
    const { error, rssGrowth } = await refusal(create(forged.bytes));
    expect(error).toEqual(['InvalidParameterValueException', 400, 'Could not unzip uploaded file. Please check your file, then try to upload again.']);
    expect(rssGrowth).toBeLessThan(RSS_GROWTH_ALLOWED);
  });

  it('is refused the same way by UpdateFunctionCode and PublishLayerVersion', async () => {
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'target', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes(ECHO_CODE) } }));
    const sizeError = ['InvalidParameterValueException', 400, 'Unzipped size must be smaller than 262144000 bytes'];
    const unzipError = ['InvalidParameterValueException', 400, 'Could not unzip uploaded file. Please check your file, then try to upload again.'];
    const update = (zip: Uint8Array) => () => lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'target', ZipFile: zip }));
    const layer = (zip: Uint8Array) => () => lambda.send(new PublishLayerVersionCommand({ LayerName: 'bomb', Content: { ZipFile: zip } }));
    for (const [send, expected] of [
      [update(honest.bytes), sizeError],
      [update(forged.bytes), unzipError],
      [layer(honest.bytes), sizeError],
      [layer(forged.bytes), unzipError],
    ] as const) {
      const { error, rssGrowth } = await refusal(send);
      expect(error).toEqual(expected);
      expect(rssGrowth).toBeLessThan(RSS_GROWTH_ALLOWED);
    }
  });
});
