/** Function and layer ARNs, and how Lambda reads the `{name}` path parameter (name, partial ARN or full ARN, maybe qualified). */
import { LambdaError, ValidationErrors, quote } from './errors.ts';

export const FUNCTION_NAME_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?';
/** CreateFunction's own pattern (recorded): no dots in the name, and no `$LATEST.PUBLISHED`. */
const CREATE_FUNCTION_NAME_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';
const CREATE_FUNCTION_NAME_RE = new RegExp(`^(?:${CREATE_FUNCTION_NAME_PATTERN})$`);
export const QUALIFIER_PATTERN = '\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+';
export const ALIAS_NAME_PATTERN = '(?!^[0-9]+$)([a-zA-Z0-9-_]+)';
const FUNCTION_NAME_RE = new RegExp(`^(?:${FUNCTION_NAME_PATTERN})$`);
const QUALIFIER_RE = new RegExp(`^(?:${QUALIFIER_PATTERN})$`);

export const LATEST = '$LATEST';
export const FUNCTION_NAME_MAX = 64;
const FUNCTION_ID_MAX = 140;
const QUALIFIER_MAX = 128;

export interface FunctionRef {
  name: string;
  qualifier?: string;
}

/**
 * Reads `{name}` plus an optional `Qualifier` the way the Lambda API does.
 * `region` is the endpoint's region: an ARN from another region is not reachable.
 */
export function parseFunctionRef(raw: string, qualifierParam: string | undefined, region: string): FunctionRef {
  const match = FUNCTION_NAME_RE.exec(raw);
  const badQualifier = qualifierParam !== undefined && (qualifierParam.length > QUALIFIER_MAX || !QUALIFIER_RE.test(qualifierParam));
  // The errors are gathered only when there is one: every invoke reads its function's name.
  if (badQualifier || !match || raw.length > FUNCTION_ID_MAX) {
    const errors = new ValidationErrors();
    if (qualifierParam !== undefined) {
      if (qualifierParam.length > QUALIFIER_MAX) errors.add(quote(qualifierParam), 'qualifier', `Member must have length less than or equal to ${QUALIFIER_MAX}`);
      else if (!QUALIFIER_RE.test(qualifierParam)) errors.add(quote(qualifierParam), 'qualifier', `Member must satisfy regular expression pattern: ${QUALIFIER_PATTERN}`);
    }
    if (!match) errors.add(quote(raw), 'functionName', `Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN}`);
    else if (raw.length > FUNCTION_ID_MAX) errors.add(quote(raw), 'functionName', `Member must have length less than or equal to ${FUNCTION_ID_MAX}`);
    errors.throwIfAny();
  }
  const m = match!;
  const armRegion = m[3]?.slice(0, -1);
  // A partial ARN "function:name" needs the prefix; "<account>:function" reads "function" as the name.
  const name = m[11]!;
  const fromName = m[13];
  if (armRegion !== undefined && armRegion !== region) {
    throw new LambdaError('ResourceNotFoundException', `Functions from '${armRegion}' are not reachable in this region ('${region}')`);
  }
  if (fromName !== undefined && qualifierParam !== undefined && fromName !== qualifierParam) {
    throw new LambdaError('InvalidParameterValueException', 'The derived qualifier from the function name does not match the specified qualifier.');
  }
  const qualifier = fromName ?? qualifierParam;
  return qualifier === undefined ? { name } : { name, qualifier };
}

/** CreateFunction's `FunctionName`: the length and its own pattern, reported together as Lambda does. */
export function checkCreateFunctionName(raw: string): void {
  const errors = new ValidationErrors();
  if (raw.length > FUNCTION_ID_MAX) errors.add(quote(raw), 'functionName', `Member must have length less than or equal to ${FUNCTION_ID_MAX}`);
  if (!CREATE_FUNCTION_NAME_RE.test(raw)) errors.add(quote(raw), 'functionName', `Member must satisfy regular expression pattern: ${CREATE_FUNCTION_NAME_PATTERN}`);
  errors.throwIfAny();
}

export function functionArn(region: string, accountId: string, name: string, qualifier?: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}${qualifier === undefined ? '' : `:${qualifier}`}`;
}

export function layerArn(region: string, accountId: string, layerName: string, version?: number): string {
  return `arn:aws:lambda:${region}:${accountId}:layer:${layerName}${version === undefined ? '' : `:${version}`}`;
}

export const LAYER_VERSION_ARN_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+)|(arn:[a-zA-Z0-9-]+:lambda:::awslayer:[a-zA-Z0-9-_]+)';
const LAYER_VERSION_ARN_RE = /^arn:(aws[a-zA-Z-]*)?:lambda:((?:eusc-)?[a-z]{2}(?:(?:-gov)|(?:-iso(?:[a-z]?)))?-[a-z]+-\d{1}):(\d{12}):layer:([a-zA-Z0-9-_]+):([0-9]+)$/;

export interface LayerVersionRef {
  region: string;
  accountId: string;
  layerName: string;
  version: number;
}

export function parseLayerVersionArn(arn: string): LayerVersionRef | undefined {
  const m = LAYER_VERSION_ARN_RE.exec(arn);
  if (!m) return undefined;
  return { region: m[2]!, accountId: m[3]!, layerName: m[4]!, version: Number(m[5]) };
}
