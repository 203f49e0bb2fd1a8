/**
 * Replays cases from real AWS recordings (tests/fixtures/aws-recordings, LocalStack's snapshot tests):
 * the same request must give the same error code, HTTP status and message, and responses must
 * carry the same field set. Placeholders such as `<function-name:1>` match any text.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetLayerVersionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { ACCOUNT, ECHO_CODE, REGION, ROLE, allowSending, inProcessClients, makeService, quickJSEngine, zipBytes } from './support/harness.ts';
import { pattern, recordingsOf } from './support/recordings.ts';

const api = recordingsOf('test_lambda_api.snapshot.json', 'tests/aws/services/lambda_/test_lambda_api.py::');
const invokeRecordings = recordingsOf('test_lambda.snapshot.json', 'tests/aws/services/lambda_/test_lambda.py::');
const recorded = (test: string, key: string) => api(test, key) as Record<string, unknown>;
const recordedInvoke = (test: string, key: string) => invokeRecordings(test, key) as Record<string, unknown>;

interface Failure {
  code: string;
  status: number | undefined;
  message: string;
}

async function failure(p: Promise<unknown>): Promise<Failure> {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { code: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('expected the call to fail');
}

/** Compares with a recorded boto error: `{Error: {Code, Message}, ResponseMetadata: {HTTPStatusCode}}`. */
function expectRecordedError(actual: Failure, test: string, key: string): void {
  const rec = recorded(test, key) as { Error: { Code: string; Message: string }; ResponseMetadata?: { HTTPStatusCode: number } };
  expect(actual.code).toBe(rec.Error.Code);
  if (rec.ResponseMetadata) expect(actual.status).toBe(rec.ResponseMetadata.HTTPStatusCode);
  expect(actual.message).toMatch(pattern(rec.Error.Message));
}

/** Compares with the name/qualifier validation recordings: `{Code, Message}` or `{Code, Count, Errors}`. */
function expectRecordedValidation(actual: Failure, test: string, key: string): void {
  const rec = recorded(test, key) as { Code: string; Message?: string; Count?: number; Errors?: string[] };
  expect(actual.code).toBe(rec.Code);
  if (rec.Message !== undefined) expect(actual.message).toMatch(pattern(rec.Message));
  else {
    const n = rec.Count!;
    const expected = `${n} validation error${n > 1 ? 's' : ''} detected: ${rec.Errors!.join('; ')}`;
    expect(actual.message).toMatch(pattern(expected));
  }
}

const fieldsOf = (o: unknown): string[] => Object.keys(o as object).filter((k) => k !== 'ResponseMetadata' && k !== '$metadata').sort();

describe('replaying AWS recordings', () => {
  let lambda: LambdaClient;
  const create = (name: string, extra: Record<string, unknown> = {}) =>
    lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes(ECHO_CODE) }, ...extra }));

  beforeEach(() => {
    const { service } = makeService(quickJSEngine());
    ({ lambda } = inProcessClients(service));
  });

  describe('response field sets', () => {
    it('CreateFunction, GetFunction, UpdateFunctionCode, UpdateFunctionConfiguration and PublishVersion', async () => {
      const created = await create('shape', { Description: '', Environment: { Variables: {} } });
      const lifecycle = 'TestLambdaFunction::test_function_lifecycle';
      expect(fieldsOf(created)).toEqual(fieldsOf((recorded(lifecycle, 'create_response') as { CreateFunctionResponse: unknown }).CreateFunctionResponse));
      const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'shape' }));
      const recGet = recorded(lifecycle, 'get_function_response') as { Code: unknown; Configuration: unknown };
      expect(fieldsOf(got)).toEqual(fieldsOf(recGet));
      expect(fieldsOf(got.Code)).toEqual(fieldsOf(recGet.Code));
      expect(fieldsOf(got.Configuration)).toEqual(fieldsOf(recGet.Configuration));
      const conf = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'shape', Environment: { Variables: { ENV_A: 'a' } }, Description: 'Changed-Description' }));
      expect(fieldsOf(conf)).toEqual(fieldsOf(recorded(lifecycle, 'update_func_conf_response')));
      const code = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'shape', ZipFile: zipBytes({ 'index.js': 'exports.handler = async () => 2;' }) }));
      expect(fieldsOf(code)).toEqual(fieldsOf(recorded(lifecycle, 'update_code_response')));
      // test_version_lifecycle's function never set Environment, so its responses omit it.
      await create('plain', { Description: 'No version :(' });
      const published = await lambda.send(new PublishVersionCommand({ FunctionName: 'plain' }));
      expect(fieldsOf(published)).toEqual(fieldsOf(recorded('TestLambdaVersions::test_version_lifecycle', 'first_publish_response')));
      const versions = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'plain' }));
      const recVersions = recorded('TestLambdaVersions::test_version_lifecycle', 'list_versions_result') as { Versions: unknown[] };
      expect(fieldsOf(versions.Versions![0])).toEqual(fieldsOf(recVersions.Versions[0]));
      const recAfter = recorded('TestLambdaVersions::test_version_lifecycle', 'list_versions_result_after_third_publish') as { Versions: unknown[] };
      expect(fieldsOf(versions.Versions![1])).toEqual(fieldsOf(recAfter.Versions[1]));
      const listed = await lambda.send(new ListFunctionsCommand({}));
      const recList = recorded('TestLambdaFunction::test_list_functions', 'list_default') as { Functions: unknown[] };
      expect(fieldsOf(listed.Functions!.find((f) => f.FunctionName === 'shape'))).toEqual(fieldsOf(recList.Functions[0]));
      const invalid = await failure(lambda.send(new ListFunctionsCommand({ FunctionVersion: 'invalid' as never })));
      expectRecordedError(invalid, 'TestLambdaFunction::test_list_functions', 'list_functions_invalid_functionversion');
    });

    it('aliases, layer versions, functions with layers and event invoke configs', async () => {
      await create('al', { Environment: { Variables: {} } });
      await lambda.send(new PublishVersionCommand({ FunctionName: 'al' }));
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'al', Description: '2' }));
      await lambda.send(new PublishVersionCommand({ FunctionName: 'al' }));
      const alias = await lambda.send(new CreateAliasCommand({ FunctionName: 'al', Name: 'custom', FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } } }));
      expect(fieldsOf(alias)).toEqual(fieldsOf(recorded('TestLambdaAlias::test_notfound_and_invalid_routingconfigs', 'create_alias_response')));
      const plain = await lambda.send(new CreateAliasCommand({ FunctionName: 'al', Name: 'plain', FunctionVersion: '1' }));
      expect(fieldsOf(plain)).toEqual(fieldsOf(recorded('TestLambdaAlias::test_notfound_and_invalid_routingconfigs', 'create_alias_empty_routingconfig')));
      const layer = await lambda.send(new PublishLayerVersionCommand({ LayerName: 'l', Content: { ZipFile: zipBytes({ 'nodejs/a.js': '' }) }, CompatibleRuntimes: ['nodejs22.x'], CompatibleArchitectures: ['x86_64'], Description: 'd', LicenseInfo: 'MIT' }));
      const recLayer = recorded('TestLambdaLayer::test_layer_lifecycle', 'publish_result') as { Content: unknown };
      expect(fieldsOf(layer)).toEqual(fieldsOf(recLayer));
      expect(fieldsOf(layer.Content)).toEqual(fieldsOf(recLayer.Content));
      const gotLayer = await lambda.send(new GetLayerVersionCommand({ LayerName: 'l', VersionNumber: 1 }));
      expect(fieldsOf(gotLayer)).toEqual(fieldsOf(recLayer));
      const withLayer = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'al', Layers: [layer.LayerVersionArn!] }));
      expect(fieldsOf(withLayer)).toEqual(fieldsOf(recorded('TestLambdaLayer::test_layer_lifecycle', 'update_fn_config')));
      const eic = await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'al', MaximumRetryAttempts: 0 }));
      expect(fieldsOf(eic)).toEqual(fieldsOf(recorded('TestLambdaEventInvokeConfig::test_lambda_eventinvokeconfig_lifecycle', 'put_invokeconfig_retries_0')));
    });
  });

  describe('errors', () => {
    const exc = 'TestLambdaFunction::test_create_lambda_exceptions';
    it('CreateFunction validation (test_create_lambda_exceptions)', async () => {
      expectRecordedError(await failure(create('x', { Role: 'r1' })), exc, 'invalid_role_arn_exc');
      expectRecordedError(await failure(create('x', { Runtime: 'non-existent-runtime' })), exc, 'invalid_runtime_exc');
      expectRecordedError(await failure(create('x', { Runtime: 'PYTHON3.9' })), exc, 'uppercase_runtime_exc');
      expectRecordedError(await failure(create('x', { Architectures: ['x86_64', 'arm64'] })), exc, 'multiple_architectures');
      expectRecordedError(await failure(create('x', { Architectures: ['X86_64'] })), exc, 'uppercase_architecture');
      expectRecordedError(await failure(create('x', { Code: { ZipFile: new TextEncoder().encode('not a zip') } })), exc, 'invalid_zip_exc');
    });

    it('deprecated runtimes (TestRuntimeValidation)', async () => {
      for (const runtime of ['nodejs12.x', 'nodejs14.x', 'python3.7', 'go1.x', 'java8', 'provided', 'ruby2.7', 'dotnetcore3.1']) {
        const test = `TestRuntimeValidation::test_create_deprecated_function_runtime_with_validation_enabled[${runtime}]`;
        const content = api(test) as Record<string, unknown>;
        const key = Object.keys(content).find((k) => (content[k] as { Error?: unknown }).Error)!;
        expectRecordedError(await failure(create('x', { Runtime: runtime })), test, key);
      }
    });

    it('environment variables over 4 KB (TestLambdaSizeLimits)', async () => {
      const rec = recorded('TestLambdaSizeLimits::test_large_environment_fails_multiple_keys', 'failured_create_fn_result_multi_key') as { Error: { Message: string } };
      const value = /"LARGE_VAR":"(x+)"/.exec(rec.Error.Message)![1]!;
      const f = await failure(create('x', { Environment: { Variables: { SMALL_VAR: 'ok', LARGE_VAR: value } } }));
      expectRecordedError(f, 'TestLambdaSizeLimits::test_large_environment_fails_multiple_keys', 'failured_create_fn_result_multi_key');
    });

    it('alias routing configuration (test_notfound_and_invalid_routingconfigs)', async () => {
      const t = 'TestLambdaAlias::test_notfound_and_invalid_routingconfigs';
      await create('fn');
      await lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
      await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'fn', Description: 'v2' }));
      await lambda.send(new PublishVersionCommand({ FunctionName: 'fn' }));
      const alias = (input: Record<string, unknown>) => failure(lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'custom', FunctionVersion: '1', ...input })));
      expectRecordedError(await alias({ RoutingConfig: { AdditionalVersionWeights: { '2': 0.5, '3': 0.5 } } }), t, 'routing_config_exc_toomany');
      expectRecordedError(await alias({ RoutingConfig: { AdditionalVersionWeights: { '2': 2 } } }), t, 'routing_config_exc_toohigh');
      expectRecordedError(await alias({ RoutingConfig: { AdditionalVersionWeights: { '2': -1 } } }), t, 'routing_config_exc_subzero');
      expectRecordedError(await alias({ RoutingConfig: { AdditionalVersionWeights: { '1': 0.5 } } }), t, 'routing_config_exc_sameversion');
      expectRecordedError(await alias({ FunctionVersion: '10' }), t, 'target_version_doesnotexist');
      expectRecordedError(await alias({ RoutingConfig: { AdditionalVersionWeights: { '10': 0.5 } } }), t, 'routing_config_exc_version_doesnotexist');
      expectRecordedError(await alias({ FunctionVersion: '$LATEST', RoutingConfig: { AdditionalVersionWeights: { '1': 0.5 } } }), t, 'target_version_exc_version_latest');
      expectRecordedError(await alias({ RoutingConfig: { AdditionalVersionWeights: { $LATEST: 0.5 } } }), t, 'routing_config_exc_version_latest');
      expectRecordedError(await failure(lambda.send(new CreateAliasCommand({ FunctionName: 'fn-unknown', Name: 'custom', FunctionVersion: '1' }))), t, 'routing_config_exc_fn_doesnotexist');
      await lambda.send(new CreateAliasCommand({ FunctionName: 'fn', Name: 'custom', FunctionVersion: '1' }));
      expectRecordedError(await alias({}), t, 'routing_config_exc_already_exist');
      expectRecordedError(await failure(lambda.send(new GetAliasCommand({ FunctionName: 'fn', Name: 'non-existent' }))), t, 'alias_does_not_exist_esc');
      expectRecordedError(await failure(lambda.send(new UpdateAliasCommand({ FunctionName: 'fn', Name: 'non-existent' }))), 'TestLambdaAlias::test_non_existent_alias_update', 'update_alias_response');
    });

    it('event invoke config (test_lambda_eventinvokeconfig_exceptions)', async () => {
      const t = 'TestLambdaEventInvokeConfig::test_lambda_eventinvokeconfig_exceptions';
      await create('fn');
      const put = (input: Record<string, unknown>) => failure(lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'fn', ...input })));
      expectRecordedError(await failure(lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'doesnotexist', MaximumRetryAttempts: 1 }))), t, 'put_functionname_name_notfound');
      expectRecordedError(await put({}), t, 'put_functionname_nootherargs');
      expectRecordedError(await put({ DestinationConfig: { OnSuccess: { Destination: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:doesnotexist` } } }), t, 'put_destination_lambda_doesntexist');
      expectRecordedError(await put({ DestinationConfig: { OnSuccess: { Destination: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn` } } }), t, 'put_destination_recursive');
      expectRecordedError(await put({ DestinationConfig: { OnSuccess: { Destination: `arn:aws:iam:${REGION}:${ACCOUNT}:function:fn` } } }), t, 'put_destination_invalid_service_arn');
      expectRecordedError(await put({ DestinationConfig: { OnFailure: { Destination: `arn:aws:_-/!lambda:${REGION}:${ACCOUNT}:function:fn` } } }), t, 'put_destination_invalid_arn_pattern');
      expectRecordedError(await failure(lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'fn:$LATEST', Qualifier: '1', MaximumRetryAttempts: 1 }))), t, 'put_shorthand_qualifier_mismatch_1');
    });

    it('reserved concurrency (test_function_concurrency_limits, test_function_concurrency_exceptions)', async () => {
      await create('fn');
      const f = await failure(lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'fn', ReservedConcurrentExecutions: 950 })));
      expectRecordedError(f, 'TestLambdaReservedConcurrency::test_function_concurrency_limits', 'put_function_concurrency_below_unreserved_min_value');
      const t = 'TestLambdaReservedConcurrency::test_function_concurrency_exceptions';
      expectRecordedError(await failure(lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'doesnotexist', ReservedConcurrentExecutions: 1 }))), t, 'put_function_concurrency_with_function_name_doesnotexist');
      expectRecordedError(await failure(lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: 'fn:1', ReservedConcurrentExecutions: 1 }))), t, 'put_function_concurrency_with_qualified_arn');
    });

    const nameCases: [string, () => Promise<unknown>][] = [];
    const get = (FunctionName: string, Qualifier?: string) => () => lambda.send(new GetFunctionCommand({ FunctionName, ...(Qualifier ? { Qualifier } : {}) }));
    const inv = (FunctionName: string, Qualifier?: string) => () => lambda.send(new InvokeCommand({ FunctionName, ...(Qualifier ? { Qualifier } : {}) }));
    nameCases.push(
      ['function_name_is_single_invalid-get_function', get('*')],
      ['invalid_characters_in_function_name-get_function', get('my-function!')],
      ['invalid_characters_in_qualifier-get_function', get('my-function', 'invalid!')],
      ['qualifier_too_long-get_function', get('my-function', 'a'.repeat(129))],
      ['invalid_account_id_in_partial_arn-invoke', inv('invalid-account:function:my-function')],
      ['invalid_region_in_arn-invoke', inv(`arn:aws:lambda:invalid-region:${ACCOUNT}:function:my-function`)],
      ['non_lambda_arn-get_function', get(`arn:aws:ec2:${REGION}:${ACCOUNT}:instance:i-1234567890abcdef0`)],
      ['function_name_too_long-get_function', get('a'.repeat(65))],
      ['function_name_too_long-invoke', inv('a'.repeat(65))],
      ['full_arn_with_multiple_qualifiers-get_function', get(`arn:aws:lambda:${REGION}:${ACCOUNT}:function:my-function:1:2`)],
      ['incomplete_arn-get_function', get(`${ACCOUNT}:function`)],
      ['incomplete_arn-invoke', inv(`${ACCOUNT}:function`)],
      ['partial_arn_with_extra_qualifier-get_function', get('function:my-function:$LATEST:extra')],
      ['latest_version_with_additional_qualifier-get_function', get(`arn:aws:lambda:${REGION}:${ACCOUNT}:function:my-function:$LATEST`, '1')],
      ['missing_region_in_arn-get_function', get(`arn:aws:lambda::${ACCOUNT}:function:my-function`)],
      ['missing_account_id_in_arn-get_function', get(`arn:aws:lambda:${REGION}::function:my-function`)],
      ['misspelled_latest_in_arn-get_function', get(`arn:aws:lambda:${REGION}:${ACCOUNT}:function:my-function:$LATES`)],
      ['lowercase_latest_qualifier-get_function', get('my-function', '$latest')],
    );
    // CreateFunction checks the name against its own pattern (no dots, no $LATEST.PUBLISHED).
    const mk = (FunctionName: string) => () => create('unused', { FunctionName });
    const arn = (rest: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${rest}`;
    nameCases.push(
      ['function_name_is_single_invalid-create_function', mk('*')],
      ['invalid_characters_in_function_name-create_function', mk('my-function!')],
      ['invalid_characters_in_qualifier-create_function', mk('my-function:invalid!')],
      ['qualifier_too_long-create_function', mk(`my-function:${'a'.repeat(129)}`)],
      ['invalid_account_id_in_partial_arn-create_function', mk('invalid-account:function:my-function')],
      ['invalid_region_in_arn-create_function', mk(`arn:aws:lambda:invalid-region:${ACCOUNT}:function:my-function`)],
      ['non_lambda_arn-create_function', mk(`arn:aws:ec2:${REGION}:${ACCOUNT}:instance:i-1234567890abcdef0`)],
      ['function_name_too_long-create_function', mk('a'.repeat(65))],
      ['function_name_too_long_and_invalid_region-create_function', mk(`arn:aws:lambda:invalid-region:${ACCOUNT}:function:my-function${'a'.repeat(170)}`)],
      ['full_arn_and_qualifier_too_long_and_invalid_region-create_function', mk(`arn:aws:lambda:invalid-region:${ACCOUNT}:function:my-function-${'a'.repeat(170)}:${'a'.repeat(129)}`)],
      ['full_arn_with_multiple_qualifiers-create_function', mk(arn('my-function:1:2'))],
      ['partial_arn_with_extra_qualifier-create_function', mk('function:my-function:$LATEST:extra')],
      ['latest_version_with_additional_qualifier-create_function', mk(arn('my-function:$LATEST:1'))],
      ['lowercase_latest_qualifier-create_function', mk(arn('my-function:$latest'))],
      ['missing_region_in_arn-create_function', mk(`arn:aws:lambda::${ACCOUNT}:function:my-function`)],
      ['missing_account_id_in_arn-create_function', mk(`arn:aws:lambda:${REGION}::function:my-function`)],
      ['misspelled_latest_in_arn-create_function', mk(arn('my-function:$LATES'))],
    );
    for (const [param, call] of nameCases) {
      it(`function name and qualifier validation [${param}]`, async () => {
        const test = `TestLambdaFunction::test_function_name_and_qualifier_validation[${param}]`;
        const content = api(test) as Record<string, unknown>;
        expectRecordedValidation(await failure(call()), test, Object.keys(content)[0]!);
      });
    }
  });

  describe('invoke (test_lambda.py)', () => {
    const invokeShape = (out: { StatusCode?: number; ExecutedVersion?: string; FunctionError?: string; Payload?: Uint8Array }) => ({
      StatusCode: out.StatusCode,
      ...(out.ExecutedVersion !== undefined ? { ExecutedVersion: out.ExecutedVersion } : {}),
      ...(out.FunctionError !== undefined ? { FunctionError: out.FunctionError } : {}),
      Payload: new TextDecoder().decode(out.Payload ?? new Uint8Array()),
    });
    const recordedShape = (rec: Record<string, unknown>) => {
      const { ResponseMetadata: _m, LogResult: _l, ...rest } = rec;
      return { ...rest, Payload: typeof rest['Payload'] === 'string' ? rest['Payload'] : JSON.stringify(rest['Payload']) };
    };

    it('no return value: RequestResponse gives "null", Event gives 202 and nothing; DryRun gives 204', async () => {
      await create('nothing');
      await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'nothing', ZipFile: zipBytes({ 'index.js': 'exports.handler = async () => {};' }) }));
      const rr = await lambda.send(new InvokeCommand({ FunctionName: 'nothing', Payload: new TextEncoder().encode('{}') }));
      expect(invokeShape(rr)).toEqual(recordedShape(recordedInvoke('TestLambdaFeatures::test_invocation_type_no_return_payload[nodejs-RequestResponse]', 'invoke-result')));
      const ev = await lambda.send(new InvokeCommand({ FunctionName: 'nothing', InvocationType: 'Event', Payload: new TextEncoder().encode('{}') }));
      expect(invokeShape(ev)).toEqual(recordedShape(recordedInvoke('TestLambdaFeatures::test_invocation_type_no_return_payload[nodejs-Event]', 'invoke-result')));
      const dry = await lambda.send(new InvokeCommand({ FunctionName: 'nothing', InvocationType: 'DryRun' }));
      expect(invokeShape(dry)).toEqual(recordedShape(recordedInvoke('TestLambdaFeatures::test_invocation_type_dry_run[nodejs16.x]', 'invoke-result')));
    });

    it('a response over 6 MB is Function.ResponseSizeTooLarge (test_lambda_too_large_response)', async () => {
      await lambda.send(new CreateFunctionCommand({ FunctionName: 'huge', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': 'exports.handler = async () => "x".repeat(7 * 1024 * 1024);' }) } }));
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'huge' }));
      const rec = recordedInvoke('TestLambdaBaseFeatures::test_lambda_too_large_response', 'invoke_result');
      expect({ ...invokeShape(out), Payload: JSON.parse(invokeShape(out).Payload) }).toEqual({ ...recordedShape(rec), Payload: rec['Payload'] });
    });

    it('an error document over 6 MB is Function.ResponseSizeTooLarge too, whether the handler rejects or the runtime crashes', async () => {
      const big = '"x".repeat(7 * 1024 * 1024)';
      await lambda.send(new CreateFunctionCommand({ FunctionName: 'huge-error', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': `exports.handler = async () => { throw new Error(${big}); };` }) } }));
      await lambda.send(new CreateFunctionCommand({ FunctionName: 'huge-crash', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': `exports.handler = () => new Promise(() => setTimeout(() => { throw new Error(${big}); }, 1));` }) } }));
      for (const name of ['huge-error', 'huge-crash']) {
        const out = await lambda.send(new InvokeCommand({ FunctionName: name }));
        expect(invokeShape(out)).toEqual({
          StatusCode: 200,
          ExecutedVersion: '$LATEST',
          FunctionError: 'Unhandled',
          Payload: '{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}',
        });
      }
    });

    it('the Tail log of a console.log handler (test_invocation_with_logs)', async () => {
      await lambda.send(new CreateFunctionCommand({ FunctionName: 'logs', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': 'exports.handler = async (event) => { console.log(event); return event; };' }) } }));
      const out = await lambda.send(new InvokeCommand({ FunctionName: 'logs', Payload: new TextEncoder().encode('{}'), LogType: 'Tail' }));
      const rec = recordedInvoke('TestLambdaFeatures::test_invocation_with_logs[nodejs16.x]', 'invoke');
      expect(invokeShape(out)).toEqual(recordedShape(rec));
      const recordedLines = (recordedInvoke('TestLambdaFeatures::test_invocation_with_logs[nodejs16.x]', 'logs') as { logs: string[] }).logs;
      const tail = new TextDecoder().decode(Uint8Array.from(atob(out.LogResult!), (c) => c.charCodeAt(0)));
      // The recording predates INIT_START lines; compare the four lines it has.
      const lines = tail.split(/(?<=\n)/).filter((l) => !l.startsWith('INIT_START'));
      expect(lines).toHaveLength(recordedLines.length);
      recordedLines.forEach((recLine, i) => {
        const withDate = recLine.replace(/^date\t/, '<date>\t');
        expect(lines[i]).toMatch(pattern(withDate));
      });
      expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\t[0-9a-f-]{36}\tINFO\t\{\}\n$/);
    });

    it('invoking a missing function (test_invoke_exceptions, current recording)', async () => {
      // The older recording (tests/aws/lambda_/...) predates the `:$LATEST` suffix; this is the current one.
      const rec = recordedInvoke('TestLambdaFeatures::test_invoke_exceptions', 'invoke_function_doesnotexist') as { Error: { Code: string; Message: string } };
      const f = await failure(lambda.send(new InvokeCommand({ FunctionName: 'doesnotexist' })));
      expect([f.code, f.status]).toEqual([rec.Error.Code, 404]);
      expect(f.message).toMatch(pattern(rec.Error.Message));
    });
  });

  describe('destinations and dead-letter queues (test_lambda_destinations.py)', () => {
    const destinations = recordingsOf('test_lambda_destinations.snapshot.json', 'tests/aws/services/lambda_/test_lambda_destinations.py::');
    /** Keys at every level except inside the payloads (the recorded function was Python). */
    const shape = (o: unknown): unknown =>
      o && typeof o === 'object' && !Array.isArray(o)
        ? Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'requestPayload' && k !== 'responsePayload').map(([k, v]) => [k, shape(v)]).sort(([a], [b]) => (String(a) < String(b) ? -1 : 1)))
        : typeof o;

    it('on-failure and on-success records have Lambda’s fields and conditions', async () => {
      const queue = `arn:aws:sqs:${REGION}:${ACCOUNT}:dest`;
      const setup = makeService(quickJSEngine());
      allowSending(setup);
      const { service } = setup;
      ({ lambda } = inProcessClients(service));
      await create('dst');
      await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'dst', MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: queue }, OnSuccess: { Destination: queue } } }));
      await lambda.send(new InvokeCommand({ FunctionName: 'dst', InvocationType: 'Event', Payload: new TextEncoder().encode('{"fail":"x"}') }));
      await service.scheduler.drain();
      await lambda.send(new InvokeCommand({ FunctionName: 'dst', InvocationType: 'Event', Payload: new TextEncoder().encode('{}') }));
      await service.scheduler.drain();
      const [failed, succeeded] = service.sinks.list(queue).map((m) => JSON.parse(m.body));
      const recFailed = (destinations('TestLambdaDestinationSqs::test_assess_lambda_destination_invocation[payload1]', 'receive_message_result') as { Messages: { Body: Record<string, unknown> }[] }).Messages[0]!.Body;
      const recSuccess = (destinations('TestLambdaDestinationSqs::test_assess_lambda_destination_invocation[payload0]', 'receive_message_result') as { Messages: { Body: Record<string, unknown> }[] }).Messages[0]!.Body;
      expect(shape(failed)).toEqual(shape(recFailed));
      expect(shape(succeeded)).toEqual(shape(recSuccess));
      expect(failed.requestContext.condition).toBe((recFailed['requestContext'] as { condition: string }).condition);
      expect(failed.requestContext.approximateInvokeCount).toBe((recFailed['requestContext'] as { approximateInvokeCount: number }).approximateInvokeCount);
      expect(failed.responseContext).toEqual(recFailed['responseContext']);
      expect(succeeded.responseContext).toEqual(recSuccess['responseContext']);
      expect(failed.requestContext.functionArn).toMatch(pattern(String((recFailed['requestContext'] as { functionArn: string }).functionArn)));
    });

    it('dead-letter messages carry RequestID, ErrorCode and ErrorMessage as recorded', async () => {
      const dlq = `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq`;
      const setup = makeService(quickJSEngine());
      allowSending(setup);
      const { service } = setup;
      ({ lambda } = inProcessClients(service));
      await create('dlqfn', { DeadLetterConfig: { TargetArn: dlq } });
      await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: 'dlqfn', MaximumRetryAttempts: 0 }));
      await lambda.send(new InvokeCommand({ FunctionName: 'dlqfn', InvocationType: 'Event', Payload: new TextEncoder().encode('{"fail":"Test exception (this is intentional)"}') }));
      await service.scheduler.drain();
      const [message] = service.sinks.list(dlq);
      const rec = (destinations('TestLambdaDLQ::test_dead_letter_queue', 'receive_result') as { Messages: { MessageAttributes: Record<string, { DataType: string; StringValue: string }> }[] }).Messages[0]!.MessageAttributes;
      expect(Object.keys(message!.attributes!).sort()).toEqual(Object.keys(rec).sort());
      for (const [k, v] of Object.entries(rec)) {
        expect(message!.attributes![k]!.DataType).toBe(v.DataType);
        expect(message!.attributes![k]!.StringValue).toMatch(pattern(v.StringValue));
      }
    });
  });
});
