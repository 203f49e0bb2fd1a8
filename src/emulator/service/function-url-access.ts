/**
 * Who may call a function URL, by AWS's current rules (Lambda's "Control access to function URLs",
 * since October 2025): a request through a URL needs both `lambda:InvokeFunctionUrl` and
 * `lambda:InvokeFunction`. With AuthType NONE the function's resource-based policy must grant both
 * to everyone (the console's two statements: InvokeFunctionUrl with `lambda:FunctionUrlAuthType`
 * NONE, and InvokeFunction with `lambda:InvokedViaFunctionUrl` true). With AWS_IAM the caller is
 * an authenticated principal of the account; the emulator's callers act as its administrator.
 */
import type { FunctionUrlRecord, PolicyStatement } from './state.ts';

/** What a request through a function URL tells a statement's conditions, by lower-cased key. */
function urlRequestContext(authType: FunctionUrlRecord['AuthType']): Record<string, string> {
  return { 'lambda:functionurlauthtype': authType, 'lambda:invokedviafunctionurl': 'true' };
}

const ACTION_MATCHES: Record<string, readonly string[]> = {
  'lambda:InvokeFunctionUrl': ['lambda:InvokeFunctionUrl', 'lambda:*', '*'],
  'lambda:InvokeFunction': ['lambda:InvokeFunction', 'lambda:*', '*'],
};

function conditionHolds(operator: string, key: string, expected: string, context: Record<string, string>): boolean {
  const actual = context[key.toLowerCase()];
  // A condition on a key a URL request does not carry (aws:SourceArn, ...) cannot hold for it.
  if (actual === undefined) return false;
  switch (operator) {
    case 'StringEquals':
      return expected === actual;
    case 'StringEqualsIgnoreCase':
      return expected.toLowerCase() === actual.toLowerCase();
    case 'Bool':
      return expected.toLowerCase() === actual;
    default:
      return false;
  }
}

/** Whether one statement allows everyone `action` on a request through a URL of this auth type. */
function allowsPublic(statement: PolicyStatement, action: string, authType: FunctionUrlRecord['AuthType']): boolean {
  const p = statement.Principal;
  if (p !== '*' && p['AWS'] !== '*') return false;
  if (!ACTION_MATCHES[action]!.includes(statement.Action)) return false;
  const context = urlRequestContext(authType);
  return Object.entries(statement.Condition ?? {}).every(([operator, pairs]) => Object.entries(pairs).every(([key, expected]) => conditionHolds(operator, key, expected, context)));
}

/** A NONE URL answers only when the policy lets anyone both invoke through the URL and invoke the function. */
export function allowsPublicUrlInvoke(statements: readonly PolicyStatement[], authType: FunctionUrlRecord['AuthType']): boolean {
  return ['lambda:InvokeFunctionUrl', 'lambda:InvokeFunction'].every((action) => statements.some((s) => allowsPublic(s, action, authType)));
}
