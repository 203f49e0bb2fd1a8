/**
 * "Copy as AWS CLI": the exact `aws lambda ...` command that does what a console action does,
 * built from the same SDK input the action sends, so the two cannot say different things.
 * Pure (no DOM): the argv is tested by running it through the real AWS CLI v2.
 */
import type {
  CreateAliasCommandInput,
  CreateFunctionCommandInput,
  DeleteFunctionCommandInput,
  InvokeCommandInput,
  PublishLayerVersionCommandInput,
  PublishVersionCommandInput,
  UpdateAliasCommandInput,
  UpdateFunctionConfigurationCommandInput,
} from '@aws-sdk/client-lambda';

type Argv = string[];

/** Adds `--name value` when the value is set (the CLI leaves unset parameters out, and so do we). */
function opt(argv: Argv, name: string, value: string | number | undefined): void {
  if (value !== undefined && value !== '') argv.push(name, String(value));
}

/** `aws lambda <operation>` with the options that are set, in the order given. */
function lambdaCli(operation: string, options: [name: string, value: string | number | undefined][]): Argv {
  const argv = ['aws', 'lambda', operation];
  for (const [name, value] of options) opt(argv, name, value);
  return argv;
}

/** A value the CLI's shorthand syntax takes as it is: no separators, quotes or spaces to escape. */
const SHORTHAND_SAFE = /^[A-Za-z0-9_.:/@+-]+$/;

/**
 * `--environment`: shorthand (`Variables={K=V}`) when every key and value reads back unchanged,
 * otherwise JSON, which carries any string (commas, spaces, quotes, empty values).
 */
export function environmentArg(variables: Record<string, string>): string {
  const entries = Object.entries(variables);
  if (entries.every(([k, v]) => SHORTHAND_SAFE.test(k) && SHORTHAND_SAFE.test(v))) return `Variables={${entries.map(([k, v]) => `${k}=${v}`).join(',')}}`;
  return JSON.stringify({ Variables: variables });
}

/** `--routing-config`: AdditionalVersionWeights={2=0.1}; an empty map clears the weights. */
function routingArg(weights: Record<string, number>): string {
  return `AdditionalVersionWeights={${Object.entries(weights).map(([v, w]) => `${v}=${w}`).join(',')}}`;
}

export function createFunctionCli(input: CreateFunctionCommandInput, zipPath = 'function.zip'): Argv {
  const argv = lambdaCli('create-function', [['--function-name', input.FunctionName], ['--runtime', input.Runtime], ['--handler', input.Handler]]);
  if (input.Architectures?.length) argv.push('--architectures', ...input.Architectures);
  opt(argv, '--role', input.Role);
  opt(argv, '--description', input.Description);
  opt(argv, '--timeout', input.Timeout);
  opt(argv, '--memory-size', input.MemorySize);
  if (input.Environment?.Variables) argv.push('--environment', environmentArg(input.Environment.Variables));
  if (input.Layers?.length) argv.push('--layers', ...input.Layers);
  argv.push('--zip-file', `fileb://${zipPath}`);
  return argv;
}

export function updateFunctionConfigurationCli(input: UpdateFunctionConfigurationCommandInput): Argv {
  const argv = lambdaCli('update-function-configuration', [['--function-name', input.FunctionName], ['--role', input.Role], ['--handler', input.Handler]]);
  // An empty description is a real change (it clears the old one), so it is passed as ''.
  if (input.Description !== undefined) argv.push('--description', input.Description);
  opt(argv, '--timeout', input.Timeout);
  opt(argv, '--memory-size', input.MemorySize);
  if (input.EphemeralStorage?.Size !== undefined) argv.push('--ephemeral-storage', `Size=${input.EphemeralStorage.Size}`);
  if (input.Environment) argv.push('--environment', environmentArg(input.Environment.Variables ?? {}));
  opt(argv, '--runtime', input.Runtime);
  // The order of --layers is the merge order; `[]` (JSON) removes every layer.
  if (input.Layers) argv.push('--layers', ...(input.Layers.length ? input.Layers : ['[]']));
  return argv;
}

export function publishVersionCli(input: PublishVersionCommandInput): Argv {
  return lambdaCli('publish-version', [['--function-name', input.FunctionName], ['--description', input.Description]]);
}

export function createAliasCli(input: CreateAliasCommandInput): Argv {
  return aliasCli('create-alias', input, false);
}

export function updateAliasCli(input: UpdateAliasCommandInput): Argv {
  // An update passes even empty weights: they clear the old routing.
  return aliasCli('update-alias', input, true);
}

function aliasCli(operation: string, input: CreateAliasCommandInput | UpdateAliasCommandInput, emptyWeightsCount: boolean): Argv {
  const argv = lambdaCli(operation, [
    ['--function-name', input.FunctionName], ['--name', input.Name], ['--function-version', input.FunctionVersion], ['--description', input.Description],
  ]);
  const weights = input.RoutingConfig?.AdditionalVersionWeights;
  if (weights && (emptyWeightsCount || Object.keys(weights).length)) argv.push('--routing-config', routingArg(weights));
  return argv;
}

export function publishLayerVersionCli(input: PublishLayerVersionCommandInput, zipPath = `${input.LayerName ?? 'layer'}.zip`): Argv {
  const argv = lambdaCli('publish-layer-version', [['--layer-name', input.LayerName], ['--description', input.Description]]);
  argv.push('--zip-file', `fileb://${zipPath}`);
  if (input.CompatibleRuntimes?.length) argv.push('--compatible-runtimes', ...input.CompatibleRuntimes);
  if (input.CompatibleArchitectures?.length) argv.push('--compatible-architectures', ...input.CompatibleArchitectures);
  return argv;
}

/**
 * The console's Test: a synchronous invoke with the log tail. `--cli-binary-format
 * raw-in-base64-out` makes CLI v2 send the payload as the JSON text it is (its default is base64).
 */
export function invokeCli(input: InvokeCommandInput, outfile = 'response.json'): Argv {
  const argv = lambdaCli('invoke', [['--function-name', input.FunctionName], ['--qualifier', input.Qualifier]]);
  if (input.InvocationType && input.InvocationType !== 'RequestResponse') argv.push('--invocation-type', input.InvocationType);
  opt(argv, '--log-type', input.LogType);
  if (input.Payload !== undefined) {
    const payload = typeof input.Payload === 'string' ? input.Payload : new TextDecoder().decode(input.Payload as Uint8Array);
    argv.push('--cli-binary-format', 'raw-in-base64-out', '--payload', payload);
  }
  argv.push(outfile);
  return argv;
}

export function deleteFunctionCli(input: DeleteFunctionCommandInput): Argv {
  return lambdaCli('delete-function', [['--function-name', input.FunctionName], ['--qualifier', input.Qualifier]]);
}

/** Quotes one word for a POSIX shell: as it is when that is safe, else in single quotes ($LATEST stays literal). */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The command line a learner pastes into a terminal. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
