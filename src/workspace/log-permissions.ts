/**
 * Why a function's logs are missing, in the console's words. Lambda writes an invocation's logs to
 * CloudWatch Logs as the function's execution role: without logs:CreateLogGroup, logs:CreateLogStream
 * and logs:PutLogEvents it writes none, silently, and CloudWatch then says only that the group does
 * not exist. The workspace's log views say that, and point at the role, from the emulator's answer
 * (LambdaService.logPermissions). Pure, so the wording is tested without a page.
 */

export interface LogPermissions {
  logGroup: string;
  roleArn: string;
  /** The logs actions the role lacks, in the order Lambda needs them. */
  missing: string[];
}

/** The function's log permissions from the page's emulator, or undefined for a function it does not have (yet). */
export function logPermissionsOf(service: { logPermissions(name: string): LogPermissions }, functionName: string): LogPermissions | undefined {
  try {
    return service.logPermissions(functionName);
  } catch {
    return undefined;
  }
}

/** CloudWatch's message for a log group that is not there (the CloudWatch console and the Lambda console's Monitor link show it). */
export function logGroupDoesNotExist(logGroup: string): string {
  return `Log group does not exist. The specific log group: ${logGroup} does not exist in this account or region.`;
}

/** The managed policy that grants exactly what Lambda needs to write logs. */
export const BASIC_EXECUTION_POLICY = 'AWSLambdaBasicExecutionRole';

/**
 * The notice a log view shows when the role may not write logs, or undefined when it may.
 * `groupExists`: whether the function's log group is there (older streams may be, from before).
 */
export function missingLogsNotice(p: LogPermissions | undefined, groupExists: boolean): string | undefined {
  if (!p || p.missing.length === 0) return undefined;
  const role = p.roleArn.split('/').pop() ?? p.roleArn;
  const lacks = p.missing.join(', ');
  const why = `The function's execution role ${role} (${p.roleArn}) does not allow ${lacks}, so Lambda writes none of its invocations' logs to CloudWatch Logs${groupExists ? ` (the streams in ${p.logGroup} are from before)` : ''}. Add ${p.missing.length === 1 ? 'that permission' : 'those permissions'} to the role, for example by attaching the ${BASIC_EXECUTION_POLICY} managed policy, then invoke the function again.`;
  return groupExists ? why : `${logGroupDoesNotExist(p.logGroup)} ${why}`;
}
