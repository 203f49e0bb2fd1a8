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
import { lineageHash } from '../runtime/environment-variables.ts';
import { md5Hex } from '../md5.ts';

export const RECURSIVE_LOOP_VALUES = ['Allow', 'Terminate'] as const;
export type RecursiveLoop = (typeof RECURSIVE_LOOP_VALUES)[number];

/** RecursiveInvocationException's message (the Lambda API reference), for an event Lambda stopped. */
export const RECURSIVE_INVOCATION_MESSAGE = "Lambda has detected your function being invoked in a recursive loop with other Amazon Web Services resources and stopped your function's invocation.";

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

/** A Lineage entry: `1:<function's 8 hex>:<times it was invoked before in the chain>` (the version prefix optional). */
const LINEAGE_ENTRY = /^(?:\d+:)?([0-9a-f]{8}):(\d+)$/;

/** The Lineage of a trace header: each function's hash and the count its last invocation in the chain ran with. */
export function lineageOf(header: string | undefined): Map<string, number> {
  const lineage = new Map<string, number>();
  const value = fieldOf(header, 'Lineage');
  for (const entry of value?.split('|') ?? []) {
    const m = LINEAGE_ENTRY.exec(entry);
    if (m) lineage.set(m[1]!, Number(m[2]));
  }
  return lineage;
}

function fieldOf(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface TraceContinuation {
  /** The header the invocation runs with; absent when the event carried no trace (the invocation starts one). */
  traceId?: string;
  /** Lambda stops this invocation: the function ran RECURSION_LIMIT times in this chain and RecursiveLoop is Terminate. */
  stopped: boolean;
}

/**
 * The trace an invocation of `fn` runs with when the event that causes it carried `incoming` (an
 * SQS message's AWSTraceHeader, the X-Amzn-Trace-Id of the request that published or stored it):
 * the same Root, a new Parent, and the function's Lineage count one higher.
 */
export function continueTrace(incoming: string | undefined, fn: FunctionRecord, functionArn: string): TraceContinuation {
  const root = fieldOf(incoming, 'Root');
  if (!root) return { stopped: false };
  const lineage = lineageOf(incoming);
  const hash = lineageHash(functionArn);
  const count = (lineage.get(hash) ?? -1) + 1;
  lineage.set(hash, count);
  // A new segment id, derived rather than drawn so the account's id sequences stay as they were.
  const parent = md5Hex(new TextEncoder().encode(`${incoming}\n${hash}:${count}`)).slice(0, 16);
  const entries = [...lineage].map(([h, c]) => `1:${h}:${c}`).join('|');
  return {
    traceId: `Root=${root};Parent=${parent};Sampled=${fieldOf(incoming, 'Sampled') ?? '0'};Lineage=${entries}`,
    stopped: count >= RECURSION_LIMIT && recursiveLoopOf(fn) === 'Terminate',
  };
}
