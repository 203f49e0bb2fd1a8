/**
 * Tags on functions through the real LambdaClient, in process and over HTTP, against real AWS's
 * recordings (TestLambdaTag and TestLambdaTags in test_lambda_api).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  GetFunctionCommand,
  LambdaClient,
  ListTagsCommand,
  PublishVersionCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-lambda';
import { startEmulatorServer } from '../../src/hosts/node/http-server.ts';
import type { LambdaService } from '../../src/emulator/index.ts';
import { ACCOUNT, REGION, ROLE, failure, httpClients, makeService, zipBytes, type Setup } from './support/harness.ts';
import { pattern, recordingsOf } from './support/recordings.ts';
import { createVmEnvironmentFactory } from './support/vm-engine.ts';

const recorded = recordingsOf('test_lambda_api.snapshot.json', 'tests/aws/services/lambda_/test_lambda_api.py::');
type Recorded = { Tags?: Record<string, string>; Error?: { Code: string; Message: string }; ResponseMetadata: { HTTPStatusCode: number } };

const arn = (name: string, qualifier?: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}${qualifier ? `:${qualifier}` : ''}`;

function tagSuite(transport: string, connect: (setup: Setup) => Promise<{ lambda: LambdaClient; close(): Promise<void> }>) {
  describe(`tags (${transport})`, () => {
    let service: LambdaService;
    let lambda: LambdaClient;
    let close: () => Promise<void>;
    const create = (name: string, tags?: Record<string, string>) =>
      lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': 'exports.handler = async () => 1;' }) }, Tags: tags }));
    const tagsOf = async (name: string) => (await lambda.send(new ListTagsCommand({ Resource: arn(name) }))).Tags;
    const expectRecordedError = async (call: Promise<unknown>, test: string, key: string) => {
      const want = recorded(test, key) as Recorded;
      const got = await failure(call);
      expect({ name: got.name, message: got.message, status: got.status }).toEqual({
        name: want.Error!.Code,
        message: expect.stringMatching(pattern(want.Error!.Message)),
        status: want.ResponseMetadata.HTTPStatusCode,
      });
    };

    beforeAll(async () => {
      const setup = makeService(createVmEnvironmentFactory());
      service = setup.service;
      ({ lambda, close } = await connect(setup));
    });
    afterAll(async () => {
      await close();
      service.shutdown();
    });

    it('Tags on CreateFunction show in ListTags and GetFunction (test_create_tag_on_fn_create)', async () => {
      const test = 'TestLambdaTag::test_create_tag_on_fn_create';
      await create('tag-on-create', { testtag: 'custom' });
      expect(await tagsOf('tag-on-create')).toEqual({ testtag: 'custom' });
      expect(Object.keys((recorded(test, 'get_function_result') as Recorded).Tags!)).toEqual(['testtag']);
      expect((await lambda.send(new GetFunctionCommand({ FunctionName: 'tag-on-create' }))).Tags).toEqual({ testtag: 'custom' });
      await create('tag-none');
      expect(await lambda.send(new GetFunctionCommand({ FunctionName: 'tag-none' }))).not.toHaveProperty('Tags');
    });

    it('tags, overwrites and untags as recorded, each change a new RevisionId (test_tag_lifecycle)', async () => {
      const test = 'TestLambdaTag::test_tag_lifecycle';
      const steps: [string, () => Promise<unknown>][] = [
        ['tag_single_response', () => lambda.send(new TagResourceCommand({ Resource: arn('tag-life'), Tags: { A: 'tag-a' } }))],
        ['tag_multiple_response', () => lambda.send(new TagResourceCommand({ Resource: arn('tag-life'), Tags: { B: 'tag-b', C: 'tag-c' } }))],
        ['tag_overlap_response', () => lambda.send(new TagResourceCommand({ Resource: arn('tag-life'), Tags: { C: 'tag-c-newsuffix', D: 'tag-d' } }))],
        ['untag_single_response', () => lambda.send(new UntagResourceCommand({ Resource: arn('tag-life'), TagKeys: ['A'] }))],
        ['untag_multiple_response', () => lambda.send(new UntagResourceCommand({ Resource: arn('tag-life'), TagKeys: ['B', 'C'] }))],
        ['untag_nonexisting_response', () => lambda.send(new UntagResourceCommand({ Resource: arn('tag-life'), TagKeys: ['F'] }))],
        ['untag_existing_and_nonexisting_response', () => lambda.send(new UntagResourceCommand({ Resource: arn('tag-life'), TagKeys: ['D', 'F'] }))],
      ];
      await create('tag-life');
      let revision = (await lambda.send(new GetFunctionCommand({ FunctionName: 'tag-life' }))).Configuration!.RevisionId;
      for (const [key, step] of steps) {
        const answer = (await step()) as { $metadata: { httpStatusCode: number } };
        expect(answer.$metadata.httpStatusCode).toBe((recorded(test, key) as Recorded).ResponseMetadata.HTTPStatusCode);
        expect(await tagsOf('tag-life')).toEqual((recorded(test, `${key}_listtags`) as Recorded).Tags);
        const now = (await lambda.send(new GetFunctionCommand({ FunctionName: 'tag-life' }))).Configuration!.RevisionId;
        expect(now).not.toBe(revision);
        revision = now;
      }
    });

    it("refuses what AWS refuses, with AWS's errors (test_tag_exceptions, test_tag_versions, test_tag_limits)", async () => {
      await create('tag-errors');
      await lambda.send(new PublishVersionCommand({ FunctionName: 'tag-errors' }));
      await lambda.send(new CreateAliasCommand({ FunctionName: 'tag-errors', Name: 'live', FunctionVersion: '1' }));
      const tags = 'TestLambdaTags::test_tag_exceptions';
      await expectRecordedError(lambda.send(new TagResourceCommand({ Resource: 'arn:aws:something', Tags: { a: 'b' } })), tags, 'tag_lambda_invalidarn');
      await expectRecordedError(lambda.send(new TagResourceCommand({ Resource: arn('doesnotexist'), Tags: { a: 'b' } })), tags, 'tag_lambda_doesnotexist');
      await expectRecordedError(lambda.send(new TagResourceCommand({ Resource: arn('tag-errors', 'live'), Tags: { a: 'b' } })), 'TestLambdaTags::test_tag_versions', 'tag_resource_exception');
      await expectRecordedError(lambda.send(new TagResourceCommand({ Resource: arn('tag-errors', '$LATEST'), Tags: { a: 'b' } })), 'TestLambdaTags::test_tag_versions', 'tag_resource_latest_exception');
      await expectRecordedError(lambda.send(new TagResourceCommand({ Resource: arn('tag-errors', '1'), Tags: { a: 'b' } })), 'TestLambdaTag::test_tag_exceptions[lambda_function]', 'aliased_arn_exception');
      await expectRecordedError(
        lambda.send(new TagResourceCommand({ Resource: `arn:aws:lambda:${REGION}:${ACCOUNT}:foobar:tag-errors`, Tags: { a: 'b' } })),
        'TestLambdaTag::test_tag_exceptions[lambda_function]',
        'invalid_arn_exception',
      );
      expect(await tagsOf('tag-errors')).toEqual((recorded(tags, 'list_tag_lambda_empty') as Recorded).Tags);
      expect((await lambda.send(new UntagResourceCommand({ Resource: arn('tag-errors'), TagKeys: ['nomatch'] }))).$metadata.httpStatusCode).toBe(204);
      await expectRecordedError(lambda.send(new UntagResourceCommand({ Resource: arn('tag-errors'), TagKeys: [] })), tags, 'untag_empty_keys');
      await expectRecordedError(lambda.send(new TagResourceCommand({ Resource: arn('tag-errors'), Tags: {} })), tags, 'tag_empty_tags');
      for (const op of ['tag', 'untag', 'list'] as const) {
        const call =
          op === 'tag'
            ? lambda.send(new TagResourceCommand({ Resource: arn('tag-gone'), Tags: { a: 'b' } }))
            : op === 'untag'
              ? lambda.send(new UntagResourceCommand({ Resource: arn('tag-gone'), TagKeys: ['a'] }))
              : lambda.send(new ListTagsCommand({ Resource: arn('tag-gone') }));
        await expectRecordedError(call, 'TestLambdaTag::test_tag_nonexisting_resource', `not_found_exception_${op}`);
      }

      const limits = 'TestLambdaTags::test_tag_limits';
      const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`${i}_key`, `${i}_value`]));
      await expectRecordedError(lambda.send(new TagResourceCommand({ Resource: arn('tag-errors'), Tags: { ...fifty, extra: 'x' } })), limits, 'tag_lambda_too_many_tags');
      await lambda.send(new TagResourceCommand({ Resource: arn('tag-errors'), Tags: fifty }));
      expect(await tagsOf('tag-errors')).toEqual((recorded(limits, 'list_tags_response') as Recorded).Tags);
      await expectRecordedError(lambda.send(new TagResourceCommand({ Resource: arn('tag-errors'), Tags: { extra: 'x' } })), limits, 'tag_lambda_too_many_tags_additional');
      await expectRecordedError(create('tag-too-many', { ...fifty, extra: 'x' }), limits, 'create_function_invalid_tags');
      expect(await failure(lambda.send(new GetFunctionCommand({ FunctionName: 'tag-too-many' })))).toMatchObject({ name: 'ResourceNotFoundException' });
    });
  });
}

tagSuite('SDK in process', async (setup) => ({ lambda: setup.lambda, close: async () => {} }));
tagSuite('SDK over HTTP', async ({ service }) => {
  const server = await startEmulatorServer(service, { port: 0 });
  return { lambda: httpClients(server.url).lambda, close: () => server.close() };
});
