import { describe, expect, it } from 'vitest';
import { limits, limitsTable, fmt } from './limits.ts';

describe('the limits module', () => {
  it('holds the current Lambda quotas from the facts sheet', () => {
    expect(limits.memory).toMatchObject({ min: 128, max: 10_240 });
    expect(limits.timeout).toMatchObject({ min: 1, max: 900, default: 3 });
    expect(limits.ephemeralStorage).toMatchObject({ default: 512, max: 10_240 });
    expect(limits.environment.maxBytes).toBe(4096);
    expect(limits.layers.maxPerFunction).toBe(5);
    expect(limits.deploymentPackage.maxZippedBytes).toBe(52_428_800);
    expect(limits.deploymentPackage.maxUnzippedBytes).toBe(262_144_000);
    expect(limits.payload.syncRequestBytes).toBe(6_291_456);
    expect(limits.payload.asyncBytes).toBe(1_048_576);
    expect(limits.asyncRetries.default).toBe(2);
    expect(limits.asyncEventAge.max).toBe(21_600);
  });

  it('holds the scaling, INIT and long-running limits from "Lambda scaling behavior", the lifecycle page and the quotas page', () => {
    expect(limits.scaling).toEqual({ environmentsPer10Seconds: 1_000, requestsPerSecondPerEnvironment: 10 });
    expect([limits.initDurationSeconds, limits.initProvisionedOrSnapStartMinSeconds]).toEqual([10, 130]);
    expect(limits.managedInstances.longInvocationMinutes).toBe(90);
    expect(limits.durableExecution.maxExecutionTimeoutSeconds).toBe(366 * 24 * 3600);
  });

  it('gives every table row a unique id', () => {
    const ids = limitsTable.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says what older material taught where the value changed', () => {
    const previously = (id: string) => limitsTable.find((l) => l.id === id)?.previously;
    expect(previously('memory')).toContain('3,008 MB');
    expect(previously('ephemeralStorage')).toContain('512 MB');
    expect(previously('payloadAsync')).toContain('256 KB');
  });

  it('prints numbers with thousands separators', () => {
    expect(fmt(10_240)).toBe('10,240');
  });
});
