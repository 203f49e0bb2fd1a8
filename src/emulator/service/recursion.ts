/**
 * Recursive loop detection (Put/GetFunctionRecursionConfig). Lambda follows each event through a
 * chain of Lambda, SQS, SNS and S3 by the Lineage in its X-Ray trace header: every invocation the
 * event causes counts one more for the function, and once a function has been invoked 16 times in
 * one chain Lambda stops the next invocation (RecursiveLoop Terminate, the default) or lets it run
 * (Allow). https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html
 */
import { unqualifiedFunction, type Json, type ServiceContext } from './context.ts';
import { ValidationErrors, quote } from './errors.ts';
import type { FunctionRecord } from './state.ts';

export const RECURSIVE_LOOP_VALUES = ['Allow', 'Terminate'] as const;
export type RecursiveLoop = (typeof RECURSIVE_LOOP_VALUES)[number];

/** Invocations of one function by one chain of events that Lambda lets run; the next is stopped. */
export const RECURSION_LIMIT = 16;

export function recursiveLoopOf(fn: FunctionRecord): RecursiveLoop {
  return fn.recursiveLoop ?? 'Terminate';
}

export function putFunctionRecursionConfig(ctx: ServiceContext, name: string, input: Json): Json {
  const value = input['RecursiveLoop'];
  const errors = new ValidationErrors();
  if (value === undefined || value === null) errors.add('null', 'recursiveLoop', 'Member must not be null');
  else if (!RECURSIVE_LOOP_VALUES.includes(value as RecursiveLoop)) {
    errors.add(quote(String(value)), 'recursiveLoop', `Member must satisfy enum value set: [${RECURSIVE_LOOP_VALUES.join(', ')}]`);
  }
  errors.throwIfAny();
  const fn = unqualifiedFunction(ctx, name, 'concurrency');
  fn.recursiveLoop = value as RecursiveLoop;
  return { RecursiveLoop: fn.recursiveLoop };
}

export function getFunctionRecursionConfig(ctx: ServiceContext, name: string): Json {
  return { RecursiveLoop: recursiveLoopOf(unqualifiedFunction(ctx, name, 'concurrency')) };
}
