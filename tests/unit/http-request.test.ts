/**
 * The workspace's HTTP panel for function URLs: the form becomes the request the page's emulator
 * serves on the URL's path form, the response is shown as status, headers and body, and the same
 * request is offered as a curl command against the URL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AddPermissionCommand, CreateFunctionCommand, CreateFunctionUrlConfigCommand } from '@aws-sdk/client-lambda';
import { REGION, ROLE, makeService, quickJSEngine, zipBytes, type Setup } from './support/harness.ts';
import { curlCommand, parseHeaders, responseView, urlIdOf, urlRequest, type HttpForm } from '../../src/workspace/http-request.ts';

const ID = 'abcdefghijklmnopqrstuvwxyz012345';
const URL = `https://${ID}.lambda-url.${REGION}.on.aws/`;
const form = (over: Partial<HttpForm> = {}): HttpForm => ({ method: 'GET', path: '/', query: '', headers: '', body: '', ...over });

describe('the HTTP panel\'s request mapping', () => {
  it('finds the URL id in a FunctionUrl, and nothing in other addresses', () => {
    expect(urlIdOf(URL)).toBe(ID);
    expect(urlIdOf(`http://${ID}.lambda-url.us-east-1.localhost:4010/`)).toBe(ID);
    expect(urlIdOf('https://example.com/')).toBeUndefined();
  });

  it('maps method, path, query, headers and body onto the path form; GET and HEAD send no body', () => {
    const request = urlRequest(ID, form({ method: 'post', path: 'orders/7', query: '?a=1&b=two&a=3', headers: 'Content-Type: application/json\nX-Trace: one\n\nx-trace: two', body: '{"n":1}' }));
    expect(request).toEqual({
      method: 'POST',
      path: `/lambda-url/${ID}/orders/7`,
      query: { a: '1,3', b: 'two' },
      rawQuery: 'a=1&b=two&a=3',
      headers: { 'content-type': 'application/json', 'x-trace': 'one,two' },
      body: new TextEncoder().encode('{"n":1}'),
    });
    expect(urlRequest(ID, form({ path: '', body: 'ignored' }))).toMatchObject({ method: 'GET', path: `/lambda-url/${ID}/`, rawQuery: '', body: new Uint8Array() });
  });

  it('refuses a header line that is not Name: value, naming the line', () => {
    expect(parseHeaders('Accept: */*\nno colon here')).toEqual({ error: 'Header line 2 is not "Name: value": no colon here' });
    expect(parseHeaders(': empty name')).toEqual({ error: 'Header line 1 is not "Name: value": : empty name' });
    expect(urlRequest(ID, form({ headers: 'bad header: x' }))).toEqual({ error: 'Header line 1 is not "Name: value": bad header: x' });
  });

  it('copies as curl: the method, the URL with path and query, each header, the body quoted for the shell', () => {
    expect(curlCommand(URL, form({ method: 'POST', path: '/it\'s', query: 'q=1', headers: 'Content-Type: text/plain', body: "it's here" }), 'NONE', REGION)).toBe(
      `curl -i -X POST 'https://${ID}.lambda-url.${REGION}.on.aws/it'\\''s?q=1' -H 'content-type: text/plain' --data-binary 'it'\\''s here'`,
    );
    expect(curlCommand(URL, form(), 'NONE', REGION)).toBe(`curl -i 'https://${ID}.lambda-url.${REGION}.on.aws/'`);
    expect(curlCommand(URL, form({ method: 'HEAD' }), 'NONE', REGION)).toBe(`curl -i --head 'https://${ID}.lambda-url.${REGION}.on.aws/'`);
    // An AWS_IAM URL wants a SigV4-signed request: curl signs it with the caller's keys.
    expect(curlCommand(URL, form(), 'AWS_IAM', REGION)).toBe(`curl -i 'https://${ID}.lambda-url.${REGION}.on.aws/' --aws-sigv4 'aws:amz:${REGION}:lambda' --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"`);
  });

  it('shows the response: the status line, headers sorted with each cookie its own Set-Cookie, the body as text', () => {
    expect(responseView({ status: 403, headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': 'r' }, cookies: ['a=1', 'b=2'], body: new TextEncoder().encode('{"Message":"Forbidden"}') })).toEqual({
      statusLine: 'HTTP 403 Forbidden',
      headers: [['content-type', 'application/json'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2'], ['x-amzn-requestid', 'r']],
      body: '{"Message":"Forbidden"}',
    });
    expect(responseView({ status: 299, headers: {}, body: new Uint8Array() }).statusLine).toBe('HTTP 299');
  });
});

describe('the HTTP panel through the page\'s emulator', () => {
  let setup: Setup;
  beforeEach(() => {
    setup = makeService(quickJSEngine());
  });
  afterEach(() => setup.close());

  it('the function receives the request as the payload format 2.0 event, and its result comes back mapped', async () => {
    const { lambda } = setup;
    const code = `export const handler = async (event) => ({ statusCode: 201, headers: { 'x-seen': event.requestContext.http.method }, cookies: ['k=v'],
      body: JSON.stringify({ rawPath: event.rawPath, rawQueryString: event.rawQueryString, q: event.queryStringParameters, h: event.headers['x-trace'], body: event.body }) });`;
    await lambda.send(new CreateFunctionCommand({ FunctionName: 'web', Runtime: 'nodejs22.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipBytes({ 'index.mjs': code }) } }));
    const { FunctionUrl } = await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: 'web', AuthType: 'NONE' }));
    const id = urlIdOf(FunctionUrl!)!;
    const request = urlRequest(id, form({ method: 'PUT', path: '/items', query: 'x=1', headers: 'X-Trace: t1\nContent-Type: text/plain', body: 'payload' }));
    if ('error' in request) throw new Error(request.error);
    // Without the resource policy a NONE URL needs, Lambda answers 403.
    expect(responseView(await setup.route(request)).statusLine).toBe('HTTP 403 Forbidden');
    await lambda.send(new AddPermissionCommand({ FunctionName: 'web', StatementId: 'url', Action: 'lambda:InvokeFunctionUrl', Principal: '*', FunctionUrlAuthType: 'NONE' }));
    await lambda.send(new AddPermissionCommand({ FunctionName: 'web', StatementId: 'invoke', Action: 'lambda:InvokeFunction', Principal: '*', InvokedViaFunctionUrl: true }));
    const view = responseView(await setup.route(request));
    expect(view.statusLine).toBe('HTTP 201 Created');
    expect(view.headers).toEqual(expect.arrayContaining([['x-seen', 'PUT'], ['set-cookie', 'k=v']]));
    expect(JSON.parse(view.body)).toEqual({ rawPath: '/items', rawQueryString: 'x=1', q: { x: '1' }, h: 't1', body: 'payload' });
  });
});
