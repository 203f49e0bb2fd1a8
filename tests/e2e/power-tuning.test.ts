/**
 * The pricing lesson's power-tuning panel: a model from typed numbers, then the learner's handler
 * run in the page's emulator at every memory size, with a size that fails saying why in Lambda's
 * words. The emulator loads only when someone measures.
 */
import { describe, expect, it } from 'vitest';
import { useSiteAndBrowser } from '../support/site.ts';
import { limits } from '../../src/emulator/index.ts';
import { TUNING_SIZES } from '../../src/pricing/cost-model.ts';

const env = useSiteAndBrowser();

describe('power tuning in the pricing lesson', () => {
  it('charts the model, measures the handler at each size in the emulator, and shows a size that runs out of memory', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
    await page.goto(`${env.url}/lessons/pricing/`, { waitUntil: 'networkidle' });
    const panel = page.locator('[data-cost-calculator]');
    const charts = panel.locator('[data-tuning-charts] svg[role="img"]');
    await expect.poll(() => charts.count()).toBe(2);
    expect(await charts.first().getAttribute('aria-label')).toMatch(/^Duration by memory size: 128 MB \d+ ms, 256 MB \d+ ms, /);
    expect(scripts.some((u) => /measure-sizes/.test(u))).toBe(false);

    const column = (n: number) => panel.locator(`[data-tuning] tbody tr td:nth-of-type(${n})`).allTextContents();
    const durations = () => column(2);
    await panel.locator('[data-field="waitMs"]').fill('0');
    await panel.locator('[data-measure-run]').click();
    const status = panel.locator('[data-measure-status]');
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/^Measured at 7 memory sizes\. /);
    expect(await panel.locator('[data-tuning-caption]').textContent()).toMatch(/^Duration measured in the emulator at each memory size/);
    const measured = (await column(1)).map(Number);
    expect(measured).toHaveLength(TUNING_SIZES.length);
    expect(measured.every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
    // Each size's duration is its measurement scaled by the CPU share: 1,769 MB buys one vCPU, and no waiting was typed in.
    const scaled = TUNING_SIZES.map((mb, i) => measured[i]! * (limits.memory.mbPerVcpu / Math.min(mb, limits.memory.mbPerVcpu)));
    (await durations()).map(Number).forEach((ms, i) => expect(Math.abs(ms - scaled[i]!), `${TUNING_SIZES[i]} MB`).toBeLessThanOrEqual(1));

    // A handler that needs about 160 MB: 128 MB is not enough, as on Lambda.
    await panel.locator('[data-measure-code]').fill(`export const handler = async () => {
  const kept = [];
  for (let i = 0; i < 20; i++) kept.push(new Array(1_000_000).fill(i));
  return kept.length;
};
`);
    await panel.locator('[data-measure-run]').click();
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/^Measured at 7 memory sizes; 1 failed, as the table says\./);
    const rows = await durations();
    expect(rows[0]).toMatch(/^Runtime\.OutOfMemory: RequestId: [0-9a-f-]{36} Error: Runtime exited with error: signal: killed$/);
    expect(rows.slice(1).every((ms) => /^\d+$/.test(ms))).toBe(true);
    expect(await charts.first().getAttribute('aria-label')).toMatch(/^Duration by memory size: 128 MB failed, 256 MB \d+ ms, /);
    await context.close();
  });
});
