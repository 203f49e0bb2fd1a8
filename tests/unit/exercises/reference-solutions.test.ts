/**
 * Every exercise's reference solution passes every task, and its starter state fails every task
 * with the message that tells the learner what to do first, on the in-process emulator and on
 * the HTTP emulator server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../../src/checks/run.ts';
import { emulator, seededRandom, stepsContext, type Emulator, type EmulatorKind } from './harness.ts';
import { starterMessages, summary } from './starter-messages.ts';
import { referenceSteps } from './steps.ts';

describe.each<EmulatorKind>(['in-process', 'http'])('reference solutions on the %s emulator', (kind) => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  describe.each(Object.keys(referenceSteps))('%s', (slug) => {
    const steps = referenceSteps[slug]!;

    it('fails every task in the starter state, saying what to do', async () => {
      emu = await emulator(kind);
      const ctx = stepsContext();
      await steps.start(emu.lambda, ctx);
      const report = await runChecks(slug, { lambda: emu.lambda, logs: emu.logs, target: 'emulator', download: emu.download, random: seededRandom(3) });
      for (const task of report.tasks) {
        expect(task.passed, summary(report)[task.id]).toBe(false);
        expect(task.points).toBe(0);
        expect(task.message).toContain(starterMessages[slug]![task.id]!);
      }
    });

    it('passes every task with the reference solution', async () => {
      emu = await emulator(kind);
      const ctx = stepsContext();
      await steps.start(emu.lambda, ctx);
      await steps.solve(emu.lambda, ctx);
      const report = await runChecks(slug, { lambda: emu.lambda, logs: emu.logs, target: 'emulator', answers: ctx.answers, download: emu.download, random: seededRandom(3) });
      expect(Object.values(summary(report)).filter((line) => !line.startsWith('passed'))).toEqual([]);
      expect(report.points).toBe(report.maxPoints);
    });

    it('passes with a class prefix, looking only at the prefixed resources', async () => {
      emu = await emulator(kind);
      const ctx = stepsContext('alice-');
      await steps.start(emu.lambda, ctx);
      await steps.solve(emu.lambda, ctx);
      const report = await runChecks(slug, { lambda: emu.lambda, logs: emu.logs, target: 'emulator', prefix: 'alice-', answers: ctx.answers, download: emu.download, random: seededRandom(3) });
      expect(Object.values(summary(report)).filter((line) => !line.startsWith('passed'))).toEqual([]);
      expect(report.resources.length).toBeGreaterThan(0);
      for (const resource of report.resources) expect(resource).toMatch(/^(function|layer|log group|bucket|queue|rule) (\/aws\/lambda\/)?alice-/);
      const unprefixed = await runChecks(slug, { lambda: emu.lambda, logs: emu.logs, target: 'emulator', answers: ctx.answers, download: emu.download });
      expect(unprefixed.points).toBe(0);
    });
  });
});
