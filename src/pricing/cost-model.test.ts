import { describe, expect, it } from 'vitest';
import { limits } from '../emulator/index.ts';
import { gbSeconds, monthlyCost as bill, powerTuning as tune, pricingFrom, tunedFromMeasurement } from './cost-model.ts';

const pricing = pricingFrom(limits);
const monthlyCost = (w: Parameters<typeof bill>[1]) => bill(pricing, w);
const powerTuning = (...args: Parameters<typeof tune> extends [unknown, ...infer R] ? R : never) => tune(pricing, ...args);

describe('the cost model', () => {
  it('bills memory in GB times billed seconds, rounded up to the millisecond', () => {
    expect(gbSeconds(1024, 1000)).toBe(1);
    expect(gbSeconds(2048, 250)).toBe(0.5);
    expect(gbSeconds(128, 0.4)).toBe(0.125 * 0.001);
  });

  it('subtracts the free tier and prices arm64 20 % below x86_64', () => {
    const w = { invocations: 30_000_000, memoryMb: 1024, billedMs: 200, freeTier: true } as const;
    const x86 = monthlyCost({ ...w, architecture: 'x86_64' });
    const arm = monthlyCost({ ...w, architecture: 'arm64' });
    expect(x86.gbSeconds).toBe(6_000_000);
    expect(x86.requestUsd).toBeCloseTo(((30_000_000 - limits.billing.freeRequestsPerMonth) / 1e6) * 0.2, 10);
    expect(x86.computeUsd).toBeCloseTo((6_000_000 - limits.billing.freeGbSecondsPerMonth) * 0.0000166667, 10);
    expect(arm.computeUsd / x86.computeUsd).toBeCloseTo(0.8, 4);
    expect(arm.requestUsd).toBe(x86.requestUsd);
  });

  it('costs nothing inside the free tier', () => {
    expect(monthlyCost({ invocations: 100_000, memoryMb: 512, billedMs: 100, architecture: 'x86_64', freeTier: true }).totalUsd).toBe(0);
  });

  it('models CPU-bound code as faster up to one vCPU and no faster past it', () => {
    const [small, oneVcpu, big] = powerTuning(10_000, 0, [limits.memory.mbPerVcpu / 2, limits.memory.mbPerVcpu, limits.memory.mbPerVcpu * 2], 'x86_64');
    expect(small!.durationMs).toBe(20_000);
    expect(oneVcpu!.durationMs).toBe(10_000);
    expect(big!.durationMs).toBe(10_000);
    // With the request charge small beside compute: twice the memory for half the time costs about the same; twice the memory for the same time costs twice as much.
    expect(small!.usdPerMillion / oneVcpu!.usdPerMillion).toBeCloseTo(1, 1);
    expect(big!.usdPerMillion / oneVcpu!.usdPerMillion).toBeCloseTo(2, 1);
  });

  it('waiting on the network never gets faster with memory', () => {
    const points = powerTuning(0, 300, [128, 1024, 3008], 'arm64');
    expect(points.map((p) => p.durationMs)).toEqual([300, 300, 300]);
    expect(points[2]!.usdPerMillion).toBeGreaterThan(points[0]!.usdPerMillion);
  });
});

describe('power tuning from a run in the emulator', () => {
  it('takes the measured duration as the work at one vCPU, scales its computing part and leaves its waiting', () => {
    const at = (memoryMb: number, measuredMs: number, waitMs: number) => tunedFromMeasurement(pricing, memoryMb, measuredMs, waitMs, 'x86_64').durationMs;
    expect(at(limits.memory.mbPerVcpu / 4, 100, 0)).toBe(400);
    expect(at(limits.memory.mbPerVcpu / 4, 100, 40)).toBe(40 + 60 * 4);
    expect(at(limits.memory.mbPerVcpu * 2, 100, 40)).toBe(100);
    // Waiting longer than the whole run cannot be: the run was all waiting.
    expect(at(128, 30, 50)).toBe(30);
  });
});
