/** Reserved concurrency (Put/Get/DeleteFunctionConcurrency) and GetAccountSettings. */
import { limits } from '../limits.ts';
import { LATEST, parseFunctionRef } from './arn.ts';
import { arnOf, unqualifiedFunction, type Json, type ServiceContext } from './context.ts';
import { functionNotFound, invalidParameterUntyped, quote, validationError } from './errors.ts';
import type { EmulatorState, FunctionRecord } from './state.ts';
import { provisionedTotal } from './provisioned-concurrency.ts';

export function putFunctionConcurrency(ctx: ServiceContext, name: string, input: Json): Json {
  const ref = parseFunctionRef(name, undefined, ctx.region);
  if (!ctx.state.functions[ref.name]) throw functionNotFound(arnOf(ctx, ref.name, ref.qualifier ?? LATEST));
  const fn = unqualifiedFunction(ctx, name, 'concurrency');
  const value = input['ReservedConcurrentExecutions'];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw validationError(quote(String(value)), 'reservedConcurrentExecutions', 'Member must have value greater than or equal to 0');
  }
  const provisioned = provisionedTotal(fn);
  if (value < provisioned) throw invalidParameterUntyped(` ReservedConcurrentExecutions  ${value} should not be lower than function's total provisioned concurrency [${provisioned}].`);
  const min = limits.concurrency.minimumUnreserved;
  if (ctx.state.accountConcurrency - reservedTotal(ctx.state, fn) - value < min) {
    throw invalidParameterUntyped(
      `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${min}].`,
    );
  }
  fn.reservedConcurrency = value;
  return { ReservedConcurrentExecutions: value };
}

export function getFunctionConcurrency(ctx: ServiceContext, name: string): Json {
  const fn = unqualifiedFunction(ctx, name, 'concurrency');
  return fn.reservedConcurrency === undefined ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
}

export function deleteFunctionConcurrency(ctx: ServiceContext, name: string): void {
  const fn = unqualifiedFunction(ctx, name, 'concurrency');
  delete fn.reservedConcurrency;
}

export function getAccountSettings(ctx: ServiceContext): Json {
  const { state } = ctx;
  return {
    AccountLimit: {
      TotalCodeSize: ctx.code.capacityBytes,
      CodeSizeUnzipped: limits.deploymentPackage.maxUnzippedBytes,
      CodeSizeZipped: limits.deploymentPackage.maxZippedBytes,
      ConcurrentExecutions: state.accountConcurrency,
      UnreservedConcurrentExecutions: state.accountConcurrency - reservedTotal(state),
    },
    AccountUsage: {
      TotalCodeSize: ctx.code.totalBytes(),
      FunctionCount: Object.keys(state.functions).length,
    },
  };
}

/** Concurrency reserved by all functions of the account, leaving out `except`. */
export function reservedTotal(state: EmulatorState, except?: FunctionRecord): number {
  // Asked on every invoke of an unreserved function: a plain loop, no array of all functions.
  let total = 0;
  for (const name in state.functions) {
    const f = state.functions[name]!;
    if (f !== except) total += f.reservedConcurrency ?? 0;
  }
  return total;
}
