/**
 * A queue's access policy (its `Policy` attribute), asked when another AWS service sends to the
 * queue: SNS for a subscription, EventBridge for a rule's target. As on AWS, a service principal
 * may send only when a statement allows it (and no statement denies it): `Principal` `*`,
 * `{"AWS": "*"}` or `{"Service": "<service>"}`, `Action` `sqs:SendMessage` (or `sqs:*`, `*`), a
 * `Resource` that names the queue, and conditions on `aws:SourceArn` / `aws:SourceAccount`.
 */

/** Who is sending, as the conditions see it. */
export interface ServiceSender {
  /** `sns.amazonaws.com`, `events.amazonaws.com`. */
  service: string;
  sourceArn: string;
  sourceAccount: string;
}

type Statement = { Effect?: unknown; Principal?: unknown; Action?: unknown; Resource?: unknown; Condition?: unknown };

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** IAM's wildcard match: `*` any run of characters, `?` one; case-insensitive where IAM ignores case. */
function like(pattern: string, value: string, ignoreCase = false): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, ignoreCase ? 'is' : 's').test(value);
}

function principalMatches(principal: unknown, service: string): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const p = principal as Record<string, unknown>;
  return list(p['AWS']).includes('*') || list(p['Service']).includes(service);
}

function conditionsHold(condition: unknown, sender: ServiceSender): boolean {
  if (condition === undefined) return true;
  if (typeof condition !== 'object' || condition === null) return false;
  const values: Record<string, string> = { 'aws:sourcearn': sender.sourceArn, 'aws:sourceaccount': sender.sourceAccount };
  return Object.entries(condition).every(([operator, pairs]) =>
    typeof pairs === 'object' && pairs !== null &&
    Object.entries(pairs).every(([key, expected]) => {
      const actual = values[key.toLowerCase()];
      if (actual === undefined) return false;
      return list(expected).some((e) => {
        if (typeof e !== 'string') return false;
        if (operator === 'ArnEquals' || operator === 'StringEquals') return e === actual;
        if (operator === 'ArnLike' || operator === 'StringLike') return like(e, actual);
        return false;
      });
    }),
  );
}

function applies(statement: Statement, queueArn: string, action: string, sender: ServiceSender): boolean {
  if (!principalMatches(statement.Principal, sender.service)) return false;
  if (!list(statement.Action).some((a) => typeof a === 'string' && like(a, action, true))) return false;
  // A queue policy's statement without a Resource is about the queue itself.
  const resources = list(statement.Resource);
  if (resources.length > 0 && !resources.some((r) => typeof r === 'string' && like(r, queueArn))) return false;
  return conditionsHold(statement.Condition, sender);
}

/** Whether the queue's policy lets the service send to it for this source. */
export function queuePolicyAllowsSend(policyText: string | undefined, queueArn: string, sender: ServiceSender): boolean {
  return resourcePolicyAllows(policyText, queueArn, 'sqs:SendMessage', sender);
}

/**
 * Whether a resource policy (a queue's, or an SNS topic's, which SNS reads the same way) lets the
 * service perform `action` (`sqs:SendMessage`, `SNS:Publish`; IAM compares actions without case) on the resource.
 */
export function resourcePolicyAllows(policyText: string | undefined, resourceArn: string, action: string, sender: ServiceSender): boolean {
  if (policyText === undefined) return false;
  let policy: { Statement?: unknown };
  try {
    policy = JSON.parse(policyText) as { Statement?: unknown };
  } catch {
    return false;
  }
  const statements = list(policy?.Statement).filter((s): s is Statement => typeof s === 'object' && s !== null);
  const matching = statements.filter((s) => applies(s, resourceArn, action, sender));
  return matching.some((s) => s.Effect === 'Allow') && !matching.some((s) => s.Effect === 'Deny');
}
