/**
 * `aws`: the AWS CLI v2's interface over the SDK v3 clients, for every service in SERVICES. Global
 * options, operation options from the operation's input schema, the real client's call against
 * the emulator's endpoint, and the CLI's output, errors and exit statuses (252 usage, 254 service,
 * 255 anything else).
 */
import jmespath from 'jmespath';
import type { Command, CommandContext } from '../shell.ts';
import { CUSTOM_OPTIONS, membersOf, operationsOf, SERVICES, type Member, type Operation, type ServiceEntry } from './model.ts';
import { choiceTable, cliValue, formatJson, formatText } from './output.ts';
import { formatTable } from './table.ts';
import { formatYaml } from './yaml.ts';
import { LogsTailUsageError, runLogsTail } from './logs-tail.ts';
import { runS3Command, S3UsageError } from './s3-commands.ts';
import { ParameterError, parseParameter, resolveFileArgument, type ParameterContext } from './parameters.ts';

export interface AwsCommandOptions {
  /** What every client is built with: endpoint, credentials, and (in process) the emulator's request handler. */
  clientConfig: Record<string, unknown>;
  /** Used when neither --region nor AWS_REGION/AWS_DEFAULT_REGION says otherwise. */
  defaultRegion?: string;
}

const USAGE = `\nusage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]
To see help text, you can run:

  aws help
  aws <command> help
  aws <command> <subcommand> help

`;

/** Global options that take a value, and those that do not. */
const GLOBAL_VALUE_OPTIONS = new Set(['--region', '--profile', '--output', '--query', '--endpoint-url', '--cli-binary-format', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout']);
const GLOBAL_FLAGS = new Set(['--no-cli-pager', '--debug', '--no-paginate', '--no-verify-ssl', '--no-sign-request', '--cli-auto-prompt', '--no-cli-auto-prompt']);
const OUTPUTS = ['json', 'text', 'table', 'yaml', 'yaml-stream'];

class UsageError extends Error {}

export function createAwsCommand(options: AwsCommandOptions): Command {
  const modules = new Map<string, Promise<Map<string, Operation>>>();
  const clients = new Map<string, { send(command: unknown): Promise<unknown> }>();
  const operationsFor = (service: ServiceEntry): Promise<Map<string, Operation>> => {
    let loaded = modules.get(service.cli);
    if (loaded === undefined) modules.set(service.cli, (loaded = service.load().then(operationsOf)));
    return loaded;
  };

  return async (context) => {
    try {
      return await runAws(context);
    } catch (error) {
      if (error instanceof UsageError) {
        context.err(`${USAGE}aws: error: ${error.message}\n\n`);
        return 252;
      }
      if (error instanceof ParameterError) {
        context.err(`${/^\n/.test(error.message) ? '' : '\n'}${error.message}${error.message.endsWith('\n') ? '' : '\n'}`);
        return error.exitCode;
      }
      throw error;
    }
  };

  async function runAws(context: CommandContext): Promise<number> {
    const globals = new Map<string, string>();
    const flags = new Set<string>();
    const rest: string[] = [];
    for (let i = 0; i < context.args.length; i++) {
      const arg = context.args[i]!;
      if (GLOBAL_VALUE_OPTIONS.has(arg)) {
        const value = context.args[++i];
        if (value === undefined) throw new UsageError(`argument ${arg}: expected one argument`);
        globals.set(arg, value);
      } else if (GLOBAL_FLAGS.has(arg)) flags.add(arg);
      else rest.push(arg);
    }
    const output = globals.get('--output') ?? context.shell.env.get('AWS_DEFAULT_OUTPUT') ?? 'json';
    if (!OUTPUTS.includes(output)) throw new UsageError(`argument --output: Invalid choice, valid choices are:\n\n${OUTPUTS.join(' | ')}`);
    const binaryFormat = globals.get('--cli-binary-format') ?? 'base64';
    if (binaryFormat !== 'base64' && binaryFormat !== 'raw-in-base64-out') throw new UsageError(`argument --cli-binary-format: Invalid choice, valid choices are:\n\nbase64 | raw-in-base64-out`);

    const [serviceName, operationName, ...operationArgs] = rest;
    if (serviceName === undefined) throw new UsageError('the following arguments are required: command');
    if (serviceName === 'help') {
      context.out(`AWS CLI in the Lambda Workbook terminal\n\nAvailable services:\n\n${[...SERVICES.map((s) => s.cli), 's3'].map((name) => `  o ${name}`).join('\n')}\n`);
      return 0;
    }
    const region = globals.get('--region') ?? context.shell.env.get('AWS_REGION') ?? context.shell.env.get('AWS_DEFAULT_REGION') ?? options.defaultRegion ?? 'us-east-1';
    const endpoint = globals.get('--endpoint-url');
    const clientFor = async (service: ServiceEntry): Promise<{ send(command: unknown): Promise<unknown> }> => {
      const key = `${service.cli} ${region} ${endpoint ?? ''}`;
      let client = clients.get(key);
      if (client === undefined) {
        const module = await service.load();
        const Client = module[service.client] as new (config: Record<string, unknown>) => { send(command: unknown): Promise<unknown> };
        client = new Client({ ...options.clientConfig, ...service.clientConfig, region, ...(endpoint === undefined ? {} : { endpoint }) });
        clients.set(key, client);
      }
      return client;
    };
    if (serviceName === 's3') {
      // The high-level commands drive the s3api client, as the CLI's do.
      const s3api = SERVICES.find((s) => s.cli === 's3api')!;
      try {
        return await runS3Command(context, await s3api.load(), await clientFor(s3api), [operationName ?? '', ...operationArgs]);
      } catch (error) {
        if (error instanceof S3UsageError) throw new UsageError(error.message);
        throw error;
      }
    }
    if (serviceName === 'logs' && operationName === 'tail') {
      const logs = SERVICES.find((s) => s.cli === 'logs')!;
      try {
        return await runLogsTail(context, await logs.load(), await clientFor(logs), operationArgs);
      } catch (error) {
        if (error instanceof LogsTailUsageError) throw new UsageError(error.message);
        throw error;
      }
    }
    const service = SERVICES.find((s) => s.cli === serviceName);
    if (service === undefined) throw new UsageError(`argument command: Invalid choice, valid choices are:\n\n${choiceTable([...SERVICES.map((s) => s.cli), 's3', 'help'])}`);
    const operations = await operationsFor(service);
    if (operationName === 'help' || operationName === undefined) {
      if (operationName === undefined) throw new UsageError('the following arguments are required: operation');
      context.out(`${service.cli}\n\nAvailable commands:\n\n${[...operations.keys()].map((name) => `  o ${name}`).join('\n')}\n`);
      return 0;
    }
    const operation = operations.get(operationName);
    if (operation === undefined) throw new UsageError(`argument operation: Invalid choice, valid choices are:\n\n${choiceTable([...operations.keys(), 'help'])}`);
    const members = membersOf(operation.input);
    if (operationArgs[0] === 'help') {
      context.out(`${operation.cli}\n\nSynopsis:\n\n  ${operation.cli}\n${members.map((m) => `${m.required ? '' : '['}${m.option} <value>${m.required ? '' : ']'}`).map((l) => `    ${l}`).join('\n')}\n`);
      return 0;
    }

    const parameterContext: ParameterContext = {
      readFile: (path) => context.fs.readFile(context.resolve(path)),
      binaryFormat,
    };
    const { input, outfile } = readOperationArguments(operation, members, operationArgs, parameterContext);

    const client = await clientFor(service);
    if (flags.has('--debug')) context.err(`${new Date().toISOString()} - MainThread - awscli.clidriver - DEBUG - CLI arguments: ${JSON.stringify(context.args)}\n`);

    let response: Record<string, unknown>;
    try {
      response = (await client.send(new operation.command(input))) as Record<string, unknown>;
    } catch (error) {
      const failure = error as { name?: string; message?: string; $metadata?: unknown; Code?: string };
      if (failure.$metadata !== undefined) {
        context.err(`\nAn error occurred (${failure.Code ?? failure.name}) when calling the ${operation.name} operation: ${failure.message ?? ''}\n`);
        return 254;
      }
      const url = String(endpoint ?? options.clientConfig['endpoint'] ?? '');
      context.err(`\nCould not connect to the endpoint URL: "${url}"\n`);
      return 255;
    }

    // Streaming outputs (Lambda's Payload, S3's Body) go to the outfile, as the CLI writes them.
    if (outfile !== undefined) {
      for (const [name, member] of operation.output.structIterator()) {
        if (!member.isBlobSchema() && !member.isStreaming()) continue;
        const value = response[name];
        if (value === undefined) continue;
        const bytes = value instanceof Uint8Array ? value : new Uint8Array(await (value as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
        context.fs.writeFile(context.resolve(outfile), bytes);
        delete response[name];
      }
    }

    let result = cliValue(response, operation.output);
    if (service.cli === 'iam') result = decodePolicyDocuments(result);
    const query = globals.get('--query');
    if (query !== undefined) {
      try {
        result = jmespath.search(result as never, query);
      } catch (error) {
        throw new ParameterError(`\nBad value for --query ${query}: ${(error as Error).message}\n`, 252);
      }
    }
    if (output === 'text') context.out(formatText(result));
    else if (output === 'json') context.out(query !== undefined && result === null ? 'null\n' : formatJson(result));
    else if (output === 'yaml') context.out(formatYaml(result));
    // One document per page, each a list of one response; without pages, one (nothing for an empty response).
    else if (output === 'yaml-stream') context.out(isEmptyStructure(result) ? '' : formatYaml([result]));
    else context.out(formatTable(operation.name, result, terminalColumns(context)));
    return 0;
  }
}

const isEmptyStructure = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

/** The width a table is drawn for: the terminal's (the panel keeps COLUMNS up to date), else the CLI's 80. */
function terminalColumns(context: CommandContext): number {
  const columns = Number(context.shell.env.get('COLUMNS'));
  return Number.isInteger(columns) && columns > 0 ? columns : 80;
}

/** The operation's input from its options; an operation with a streaming output takes its outfile as the last word. */
function readOperationArguments(operation: Operation, members: Member[], args: string[], context: ParameterContext): { input: Record<string, unknown>; outfile?: string } {
  const byOption = new Map(members.map((m) => [m.option, m]));
  const streamingOutput = [...operation.output.structIterator()].some(([, m]) => m.isStreaming() || (operation.name === 'Invoke' && m.isBlobSchema()));
  const words = new Map<Member, (string | Uint8Array)[]>();
  const flags = new Map<Member, boolean>();
  const positional: string[] = [];
  const unknown: string[] = [];
  const customBlobs = new Map<Member, Record<string, Uint8Array>>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      if (streamingOutput && positional.length === 0) positional.push(arg);
      else unknown.push(arg);
      continue;
    }
    const negated = arg.startsWith('--no-') ? byOption.get(`--${arg.slice(5)}`) : undefined;
    const member = byOption.get(arg) ?? (negated?.schema.isBooleanSchema() ? negated : undefined);
    if (member === undefined) {
      unknown.push(arg);
      continue;
    }
    if (member.schema.isBooleanSchema()) {
      flags.set(member, member !== negated);
      continue;
    }
    const values: (string | Uint8Array)[] = [];
    const multiple = member.schema.isListSchema();
    while (i + 1 < args.length && !args[i + 1]!.startsWith('--') && (multiple || values.length === 0)) values.push(resolveFileArgument(arg, args[++i]!, context));
    if (values.length === 0) throw new UsageError(`argument ${arg}: expected one argument`);
    words.set(member, values);
  }
  // The CLI's own additions to the model (awscli/customizations/awslambda.py): --zip-file fills a nested blob.
  for (const custom of CUSTOM_OPTIONS.filter((c) => c.operation === operation.name)) {
    const index = unknown.indexOf(custom.option);
    if (index < 0) continue;
    const value = args[args.indexOf(custom.option) + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`argument ${custom.option}: expected one argument`);
    unknown.splice(index, unknown[index + 1] === value ? 2 : 1);
    const resolved = resolveFileArgument(custom.option, value, context);
    const parent = members.find((m) => m.name === custom.member)!;
    if (words.has(parent)) throw new ParameterError(`${custom.option} and ${parent.option} cannot both be given`, 252);
    words.set(parent, [JSON.stringify({})]);
    customBlobs.set(parent, { [custom.field]: typeof resolved === 'string' ? new TextEncoder().encode(resolved) : resolved });
  }
  if (unknown.length > 0) throw new ParameterError(`${USAGE}Unknown options: ${unknown.join(', ')}\n\n`, 252);
  const missing = members.filter((m) => m.required && !words.has(m) && !flags.has(m)).map((m) => m.option);
  if (streamingOutput && positional.length === 0) missing.push('outfile');
  if (missing.length > 0) throw new UsageError(`the following arguments are required: ${missing.join(', ')}`);
  const input: Record<string, unknown> = {};
  for (const [member, values] of words) {
    // A streaming input (S3's --body) names a file, which the CLI streams as it is.
    const [first] = values;
    if (member.schema.isStreaming() && typeof first === 'string') input[member.name] = readStreamingFile(member.option, first, context);
    else input[member.name] = parseParameter(member.option, member.schema, values, context);
    const blobs = customBlobs.get(member);
    if (blobs !== undefined) input[member.name] = { ...(input[member.name] as object), ...blobs };
  }
  for (const [member, value] of flags) input[member.name] = value;
  return positional[0] === undefined ? { input } : { input, outfile: positional[0] };
}

function readStreamingFile(option: string, path: string, context: ParameterContext): Uint8Array {
  try {
    return context.readFile(path);
  } catch {
    throw new ParameterError(`Error parsing parameter '${option}': Blob values must be a path to a file.`, 252);
  }
}

export { SERVICES };

/** IAM's members of type policyDocumentType: the API returns them URL-encoded. */
const POLICY_DOCUMENT_MEMBERS = new Set(['PolicyDocument', 'Document', 'AssumeRolePolicyDocument']);

/**
 * botocore's `json_decode_policies` (after-call.iam): each policy document in an IAM answer is
 * URL-decoded and parsed, so the CLI prints it as JSON; one that does not parse stays as it came.
 */
function decodePolicyDocuments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodePolicyDocuments);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => {
      if (POLICY_DOCUMENT_MEMBERS.has(key) && typeof member === 'string') {
        try {
          return [key, JSON.parse(decodeURIComponent(member)) as unknown];
        } catch {
          return [key, member];
        }
      }
      return [key, decodePolicyDocuments(member)];
    }),
  );
}
