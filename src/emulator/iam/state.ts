/**
 * IAM's part of the account's saved state: roles (trust policy, inline policies, attached managed
 * policy ARNs) and customer managed policies with their versions. Documents are kept as the text
 * the caller sent, as IAM keeps them; times are IAM's ISO timestamps.
 */
import * as z from 'zod/mini';

const record = <T extends z.core.SomeType>(value: T) => z.record(z.string(), value);
const tags = z.array(z.object({ Key: z.string(), Value: z.string() }));

export const roleRecordSchema = z.object({
  RoleName: z.string(),
  RoleId: z.string(),
  Arn: z.string(),
  Path: z.string(),
  CreateDate: z.string(),
  AssumeRolePolicyDocument: z.string(),
  Description: z.optional(z.string()),
  MaxSessionDuration: z.int(),
  Tags: z.optional(tags),
  /** Inline policies by name: their documents. */
  inlinePolicies: record(z.string()),
  /** Attached managed policies' ARNs, in the order they were attached. */
  attachedPolicies: z.array(z.string()),
});

export const managedPolicyRecordSchema = z.object({
  PolicyName: z.string(),
  PolicyId: z.string(),
  Arn: z.string(),
  Path: z.string(),
  Description: z.optional(z.string()),
  CreateDate: z.string(),
  UpdateDate: z.string(),
  DefaultVersionId: z.string(),
  Tags: z.optional(tags),
  versions: record(z.object({ VersionId: z.string(), Document: z.string(), CreateDate: z.string() })),
});

export const iamStateSchema = z.object({
  /** Roles by name. */
  roles: record(roleRecordSchema),
  /** Customer managed policies by ARN. */
  policies: record(managedPolicyRecordSchema),
  /** Whether the account's ready role (`lambda-role`) was made; a learner may delete it for good. */
  provisioned: z.boolean(),
});

export type RoleRecord = z.infer<typeof roleRecordSchema>;
export type ManagedPolicyRecord = z.infer<typeof managedPolicyRecordSchema>;
export type IamState = z.infer<typeof iamStateSchema>;
