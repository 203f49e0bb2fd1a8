/**
 * Recursive loop detection: Put/GetFunctionRecursionConfig through the real LambdaClient, with
 * Lambda's shapes and validation errors.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CreateFunctionCommand, GetFunctionRecursionConfigCommand, PutFunctionRecursionConfigCommand, type RecursiveLoop } from '@aws-sdk/client-lambda';
import { ACCOUNT, REGION, ROLE, failure, makeService, quickJSEngine, zipBytes, type Setup } from './support/harness.ts';

describe('the recursion config API', () => {
  let emulator: Setup;
  beforeEach(async () => {
    emulator = makeService(quickJSEngine());
    await emulator.lambda.send(new CreateFunctionCommand({
      FunctionName: 'fn', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.js': 'exports.handler = async () => 1;' }) },
    }));
  });
  afterEach(() => emulator.close());
  const get = (FunctionName: string) => emulator.lambda.send(new GetFunctionRecursionConfigCommand({ FunctionName }));
  const put = (FunctionName: string, RecursiveLoop: string) => emulator.lambda.send(new PutFunctionRecursionConfigCommand({ FunctionName, RecursiveLoop: RecursiveLoop as RecursiveLoop }));

  it('is Terminate until changed, and Put answers the new setting, by name or ARN', async () => {
    const before = await get('fn');
    expect(before.$metadata.httpStatusCode).toBe(200);
    expect(before.RecursiveLoop).toBe('Terminate');
    const allowed = await put(`arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn`, 'Allow');
    expect(allowed.$metadata.httpStatusCode).toBe(200);
    expect(allowed.RecursiveLoop).toBe('Allow');
    expect((await get('fn')).RecursiveLoop).toBe('Allow');
    expect((await put('fn', 'Terminate')).RecursiveLoop).toBe('Terminate');
    expect((await get(`${ACCOUNT}:function:fn`)).RecursiveLoop).toBe('Terminate');
  });

  it('refuses a value outside the enum, and a missing one, with Lambda\'s validation messages', async () => {
    expect(await failure(put('fn', 'Stop'))).toMatchObject({
      name: 'ValidationException', status: 400,
      message: "1 validation error detected: Value 'Stop' at 'recursiveLoop' failed to satisfy constraint: Member must satisfy enum value set: [Allow, Terminate]",
    });
    expect(await failure(put('fn', undefined as unknown as string))).toMatchObject({
      name: 'ValidationException', status: 400, message: "1 validation error detected: Value null at 'recursiveLoop' failed to satisfy constraint: Member must not be null",
    });
    expect((await get('fn')).RecursiveLoop).toBe('Terminate');
  });

  it('answers ResourceNotFoundException for a function that does not exist, and refuses a qualifier', async () => {
    expect(await failure(get('nope'))).toMatchObject({ name: 'ResourceNotFoundException', status: 404, message: `Function not found: arn:aws:lambda:${REGION}:${ACCOUNT}:function:nope` });
    expect(await failure(put('nope', 'Allow'))).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
    expect(await failure(put('fn:1', 'Allow'))).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
  });
});
