/**
 * The arithmetic of a Lambda bill and a simple power-tuning model, shared by the pricing lesson's
 * calculator and its tests. Prices come from limits.billing (handed in as `Pricing`, so the page's
 * script does not bundle the emulator); the duration model is a model (CPU share proportional to
 * memory, one vCPU at limits.memory.mbPerVcpu), not a measurement.
 */
import type { limits as Limits } from '../emulator/index.ts';

export type Architecture = 'x86_64' | 'arm64';

/** The facts a bill needs, read from limits (src/emulator/limits.ts). */
export interface Pricing {
  freeRequestsPerMonth: number;
  freeGbSecondsPerMonth: number;
  usdPerMillionRequests: number;
  usdPerGbSecond: Record<Architecture, number>;
  mbPerVcpu: number;
}

export function pricingFrom(limits: typeof Limits): Pricing {
  const { billing } = limits;
  return {
    freeRequestsPerMonth: billing.freeRequestsPerMonth,
    freeGbSecondsPerMonth: billing.freeGbSecondsPerMonth,
    usdPerMillionRequests: billing.listPrices.usdPerMillionRequests,
    usdPerGbSecond: { ...billing.listPrices.usdPerGbSecond },
    mbPerVcpu: limits.memory.mbPerVcpu,
  };
}

export interface Workload {
  /** Invocations a month. */
  invocations: number;
  /** Memory size in MB. */
  memoryMb: number;
  /** Billed duration of one invocation in ms (INIT included on a cold start, since August 2025). */
  billedMs: number;
  architecture: Architecture;
  /** Subtract the monthly free tier (it is shared by x86_64 and arm64, per account). */
  freeTier: boolean;
}

export interface MonthlyCost {
  gbSeconds: number;
  requestUsd: number;
  computeUsd: number;
  totalUsd: number;
}

/** GB-seconds of one invocation: memory in GB (1,024 MB) times billed seconds. */
export function gbSeconds(memoryMb: number, billedMs: number): number {
  return (memoryMb / 1024) * (Math.ceil(billedMs) / 1000);
}

export function monthlyCost(pricing: Pricing, w: Workload): MonthlyCost {
  const total = gbSeconds(w.memoryMb, w.billedMs) * w.invocations;
  const paidGbSeconds = Math.max(0, total - (w.freeTier ? pricing.freeGbSecondsPerMonth : 0));
  const paidRequests = Math.max(0, w.invocations - (w.freeTier ? pricing.freeRequestsPerMonth : 0));
  const computeUsd = paidGbSeconds * pricing.usdPerGbSecond[w.architecture];
  const requestUsd = (paidRequests / 1_000_000) * pricing.usdPerMillionRequests;
  return { gbSeconds: total, requestUsd, computeUsd, totalUsd: computeUsd + requestUsd };
}

export interface TuningPoint {
  memoryMb: number;
  /** Modelled duration in ms. */
  durationMs: number;
  /** Cost of one million invocations in USD, without the free tier. */
  usdPerMillion: number;
}

/**
 * Duration at each memory size for a handler that spends `cpuMsAtOneVcpu` computing on one thread
 * (with a full vCPU) and `waitMs` waiting on the network. CPU share grows with memory up to one
 * vCPU; past it, single-threaded code gets no faster. Waiting never gets faster.
 */
export function powerTuning(pricing: Pricing, cpuMsAtOneVcpu: number, waitMs: number, memorySizes: readonly number[], architecture: Architecture): TuningPoint[] {
  const oneVcpu = pricing.mbPerVcpu;
  return memorySizes.map((memoryMb) => {
    const durationMs = waitMs + cpuMsAtOneVcpu * (oneVcpu / Math.min(memoryMb, oneVcpu));
    const { totalUsd } = monthlyCost(pricing, { invocations: 1_000_000, memoryMb, billedMs: durationMs, architecture, freeTier: false });
    return { memoryMb, durationMs, usdPerMillion: totalUsd };
  });
}

/**
 * One memory size from a run in the emulator: the handler's measured duration there stands for its
 * work at one full vCPU (the emulator runs it at the host's speed, whatever the memory), `waitMs`
 * of it waiting, and the model gives what Lambda's CPU share at that size would make of it.
 */
export function tunedFromMeasurement(pricing: Pricing, memoryMb: number, measuredMs: number, waitMs: number, architecture: Architecture): TuningPoint {
  const wait = Math.min(waitMs, measuredMs);
  return powerTuning(pricing, measuredMs - wait, wait, [memoryMb], architecture)[0]!;
}

/** The memory sizes power-tuning tools try by default. */
export const TUNING_SIZES: readonly number[] = [128, 256, 512, 1024, 1536, 2048, 3008];
