/**
 * The shapes every exercise check shares. A check sees the account only through the SDK clients
 * in its context (Lambda, CloudWatch Logs, IAM, S3, SQS, EventBridge), so the same check grades the in-page emulator and a real AWS account.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { ExerciseMeta } from '../content/schemas.ts';
import type { FileMap } from './zip.ts';

/** `emulator`: the workbook's emulator (checks may create and delete temporary resources there). `aws`: a real account (read and invoke only). */
export type CheckTarget = 'emulator' | 'aws';

/** What a task's check concluded: `score` from 0 (nothing right) to 1 (passed). */
export interface Verdict {
  score: number;
  message: string;
  /** For each failing criterion that compares a value: what was expected and what was found. */
  mismatches?: Mismatch[];
}

/** What a check expected and what it saw, both as the learner reads them (`hello-lambda exists`, `no such function`). */
export interface Mismatch {
  expected: string;
  got: string;
}

export interface CheckContext {
  /** Guarded: against AWS only reads and Invoke get through. */
  readonly lambda: LambdaClient;
  readonly logs: CloudWatchLogsClient;
  /** Guarded like `lambda`: against AWS only reads of roles and policies get through. */
  readonly iam: IAMClient;
  /** Guarded like `lambda`: against AWS only reads of buckets and objects get through. */
  readonly s3: S3Client;
  /** Guarded: against AWS only queue URLs and attributes (never ReceiveMessage, which hides messages). */
  readonly sqs: SQSClient;
  /** Guarded: against AWS only reads of rules and their targets. */
  readonly events: EventBridgeClient;
  /** Lets delivered work run (the emulator's due work; a second on AWS) before looking for its effect; call it between polls. */
  settle(): Promise<void>;
  readonly target: CheckTarget;
  /** Prepended to every function and layer name, so a class can share one account (`alice-`). */
  readonly prefix: string;
  /** The learner's answers to the exercise's questions, keyed by question id. */
  readonly answers: Readonly<Record<string, string>>;
  /** Aborted when the task times out; pass it on to anything long. */
  readonly signal: AbortSignal;
  /** `prefix + base`: the name the learner's resource has in this account. */
  name(base: string): string;
  /**
   * Sends one HTTP request to a function URL (as `FunctionUrl` gives it) and reads the whole
   * answer; header names come lower-cased. On the emulator it goes to the URL's path form on the
   * emulator's own address.
   */
  request(url: string, init?: HttpRequestInit): Promise<HttpAnswer>;
  /** Downloads a `Code.Location` or layer `Content.Location` URL and unzips it. */
  downloadZip(url: string): Promise<FileMap>;
  /** A random lower-case hex string, for temporary resource names and probe values. */
  randomHex(length: number): string;
}

export interface HttpRequestInit {
  /** GET unless given. */
  method?: string;
  headers?: Record<string, string>;
}

export interface HttpAnswer {
  status: number;
  /** By lower-cased name. */
  headers: Record<string, string>;
  body: string;
}

export interface TaskCheck {
  /** Must equal a task id in the exercise's meta.json. */
  id: string;
  check(ctx: CheckContext): Promise<Verdict>;
}

/** A question the learner answers in the exercise page; the answer reaches checks as `answers[id]`. */
export interface Question {
  id: string;
  /** The task whose check reads the answer. */
  task: string;
  prompt: string;
  /** For multiple choice: letter to text. Free text when absent. */
  choices?: Readonly<Record<string, string>>;
}

export interface ExerciseChecks {
  slug: string;
  questions: Question[];
  /**
   * In the order they run, which may differ from the order shown: a check that reads logs runs
   * before any check that invokes, so the checker's own invocations never count as the learner's.
   */
  tasks: TaskCheck[];
}

export interface Exercise {
  meta: ExerciseMeta;
  checks: ExerciseChecks;
}

export interface TaskResult {
  id: string;
  title: string;
  passed: boolean;
  points: number;
  maxPoints: number;
  message: string;
  mismatches?: Mismatch[];
}

export interface CheckReport {
  exercise: string;
  target: CheckTarget;
  prefix: string;
  /** In meta.json order. */
  tasks: TaskResult[];
  points: number;
  maxPoints: number;
  /** Every function, alias, layer and log group the checks looked at, e.g. `function alice-hello-lambda:prod`. */
  resources: string[];
}
