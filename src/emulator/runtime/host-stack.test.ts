import { describe, expect, it } from 'vitest';
import { limits } from '../limits.ts';
import { guestStack } from './host-stack.ts';

describe('the guest stack', () => {
  it('takes a fifth of the host stack for QuickJS, within the floor and Node\'s depth, and is probed once per thread', () => {
    const stack = guestStack();
    expect(stack.quickJSBytes).toBeGreaterThanOrEqual(limits.engine.minStackSizeBytes);
    expect(stack.quickJSBytes).toBeLessThanOrEqual(limits.engine.maxStackSizeBytes);
    expect(stack.quickJSBytes * 5).toBeLessThanOrEqual(Math.max(stack.hostBytes, limits.engine.minStackSizeBytes * 5));
    expect(stack.resultJsonDepth).toBeLessThanOrEqual(limits.engine.resultJsonDepth);
    expect(guestStack()).toBe(stack);
  });
});
