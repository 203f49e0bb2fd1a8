/**
 * The AWS CLI's command tree, read from the SDK v3 clients themselves: each client package exports
 * its operations' schemas (`GetFunction$`) and command classes (`GetFunctionCommand`), so every
 * operation and member the SDK knows becomes a CLI operation and option, named as the CLI names
 * them. Adding a service is one line in SERVICES.
 */
import { NormalizedSchema } from '@smithy/core/schema';

/** What a client package looks like from here: its exports, read by name. */
export type ClientModule = Record<string, unknown>;

export interface ServiceEntry {
  /** The CLI's name for the service (`aws logs`, `aws s3api`). */
  cli: string;
  /** The client class's export name. */
  client: string;
  /** Loaded when the service is first used, so the page pays only for what the learner runs. */
  load: () => Promise<ClientModule>;
  /** S3 needs path-style addressing against an IP or local endpoint, as the CLI does. */
  clientConfig?: Record<string, unknown>;
}

/** Every service whose client the terminal's `aws` drives; one line each. */
export const SERVICES: ServiceEntry[] = [
  { cli: 'lambda', client: 'LambdaClient', load: () => import('@aws-sdk/client-lambda') },
  { cli: 'logs', client: 'CloudWatchLogsClient', load: () => import('@aws-sdk/client-cloudwatch-logs') },
  { cli: 's3api', client: 'S3Client', load: () => import('@aws-sdk/client-s3'), clientConfig: { forcePathStyle: true } },
  { cli: 'sqs', client: 'SQSClient', load: () => import('@aws-sdk/client-sqs') },
  { cli: 'sns', client: 'SNSClient', load: () => import('@aws-sdk/client-sns') },
  { cli: 'events', client: 'EventBridgeClient', load: () => import('@aws-sdk/client-eventbridge') },
  { cli: 'iam', client: 'IAMClient', load: () => import('@aws-sdk/client-iam') },
  { cli: 'sts', client: 'STSClient', load: () => import('@aws-sdk/client-sts') },
];

export interface Operation {
  /** The API's name (`GetFunction`). */
  name: string;
  /** The CLI's (`get-function`). */
  cli: string;
  command: new (input: Record<string, unknown>) => unknown;
  input: NormalizedSchema;
  output: NormalizedSchema;
}

/** The schema of an operation: `[9, namespace, name, traits, input, output]`. */
type OperationSchema = [9, string, string, unknown, unknown, unknown];
const isOperationSchema = (value: unknown): value is OperationSchema => Array.isArray(value) && value[0] === 9 && value.length >= 6;

/** Every operation a client package exports, by CLI name, sorted. */
export function operationsOf(module: ClientModule): Map<string, Operation> {
  const operations: Operation[] = [];
  for (const [exportName, value] of Object.entries(module)) {
    if (!exportName.endsWith('Command') || typeof value !== 'function') continue;
    const name = exportName.slice(0, -'Command'.length);
    const schema = module[`${name}$`];
    if (!isOperationSchema(schema)) continue;
    operations.push({
      name,
      cli: cliName(name),
      command: value as Operation['command'],
      input: NormalizedSchema.of(schema[4] as never),
      output: NormalizedSchema.of(schema[5] as never),
    });
  }
  operations.sort((a, b) => (a.cli < b.cli ? -1 : 1));
  return new Map(operations.map((op) => [op.cli, op]));
}

/** botocore's xform_name with `-`: `GetFunction` → `get-function`, `KMSKeyArn` → `kms-key-arn`, `ListARNs` → `list-arns`. */
export function cliName(name: string): string {
  let result = name;
  const special = /[A-Z]{2,}s$/.exec(result);
  if (special !== null) result = `${result.slice(0, -special[0].length)}-${special[0].toLowerCase()}`;
  result = result.replace(/(.)([A-Z][a-z]+)/g, '$1-$2');
  return result.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Options the CLI adds to Lambda's model by hand, each filling one blob of a structure member. */
export const CUSTOM_OPTIONS = [
  { operation: 'CreateFunction', option: '--zip-file', member: 'Code', field: 'ZipFile' },
  { operation: 'PublishLayerVersion', option: '--zip-file', member: 'Content', field: 'ZipFile' },
];

export interface Member {
  name: string;
  option: string;
  schema: NormalizedSchema;
  required: boolean;
}

/** A structure's members in the model's order, each with its `--option` and whether it is required. */
export function membersOf(structure: NormalizedSchema): Member[] {
  if (!structure.isStructSchema()) return [];
  // A structure schema is `[3, ns, name, traits, names, schemas, requiredCount]`: required members come first.
  const raw = structure.getSchema() as unknown as unknown[];
  const requiredCount = typeof raw[6] === 'number' ? raw[6] : 0;
  return [...structure.structIterator()].map(([name, schema], index) => ({ name, option: `--${cliName(name)}`, schema, required: index < requiredCount }));
}
