import { describe, expect, it } from 'vitest';
import { EMULATED_RUNTIMES, LAMBDA_RUNTIMES, RETIRED_RUNTIMES, consoleRuntimes, dayStart, isBlocked, isDeprecated, runtimeById, runtimes } from './runtimes.ts';

const DECEMBER_4_2026 = Date.UTC(2026, 11, 4, 12);
const row = (id: string) => runtimeById(id)!;

describe('the runtimes module', () => {
  it('has one row for every identifier Lambda lists as valid or retired, and no other', () => {
    expect(runtimes.map((r) => r.id).sort()).toEqual([...LAMBDA_RUNTIMES, ...RETIRED_RUNTIMES].sort());
    for (const id of RETIRED_RUNTIMES) expect(row(id).retired, id).toBe(true);
    for (const id of LAMBDA_RUNTIMES) expect(row(id).retired, id).toBeUndefined();
  });

  it('writes dates as YYYY-MM-DD, in lifecycle order: deprecation, then block create, then block update', () => {
    for (const r of runtimes) {
      const dates = [r.deprecation, r.blockCreate, r.blockUpdate].filter((d): d is string => d !== undefined);
      for (const d of dates) expect(d, r.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(dates.map(dayStart), r.id).toEqual([...dates.map(dayStart)].sort((a, b) => a - b));
    }
  });

  it('on 4 December 2026: Node.js 18 and 20 are blocked for create, still updatable; 22 and 24 are supported', () => {
    expect(['nodejs18.x', 'nodejs20.x'].map((id) => isBlocked(row(id), 'create', DECEMBER_4_2026))).toEqual([true, true]);
    expect(['nodejs18.x', 'nodejs20.x'].map((id) => isBlocked(row(id), 'update', DECEMBER_4_2026))).toEqual([false, false]);
    expect(['nodejs22.x', 'nodejs24.x'].map((id) => isDeprecated(row(id), DECEMBER_4_2026))).toEqual([false, false]);
    expect(isBlocked(row('go1.x'), 'create', Date.UTC(2016, 0, 1))).toBe(true);
  });

  it('a block starts at midnight UTC of its day', () => {
    const day = dayStart(row('nodejs20.x').blockCreate!);
    expect([isBlocked(row('nodejs20.x'), 'create', day - 1), isBlocked(row('nodejs20.x'), 'create', day)]).toEqual([false, true]);
  });

  it('the console offers only the emulated runtimes Lambda still supports, newest first', () => {
    expect(consoleRuntimes(DECEMBER_4_2026)).toEqual(['nodejs24.x', 'nodejs22.x', 'python3.14', 'python3.13', 'python3.12']);
    expect(consoleRuntimes(DECEMBER_4_2026, ['nodejs'])).toEqual(['nodejs24.x', 'nodejs22.x']);
    expect(consoleRuntimes(Date.UTC(2026, 0, 1), ['nodejs'])).toEqual(['nodejs24.x', 'nodejs22.x', 'nodejs20.x']);
    for (const id of consoleRuntimes(Date.UTC(2026, 0, 1))) expect(EMULATED_RUNTIMES).toContain(id);
  });

  it('answers the notes: go1.x and .NET Core are retired, with today\'s replacements listed', () => {
    expect(row('go1.x').retired).toBe(true);
    expect(row('dotnetcore3.1').retired).toBe(true);
    expect(isDeprecated(row('provided.al2023'), DECEMBER_4_2026)).toBe(false);
    expect(isDeprecated(row('dotnet10'), DECEMBER_4_2026)).toBe(false);
  });
});
