import { describe, expect, it } from 'vitest';
import { createDispatcher, serviceOf } from './dispatch.ts';
import type { EmulatorRequest, Router } from './router.ts';
import { fromUtf8, utf8 } from '../zip.ts';
import { functionUrlAddress } from './function-url-router.ts';

const request = (headers: Record<string, string>, query: Record<string, string> = {}, path = '/'): EmulatorRequest => ({ method: 'POST', path, query, headers, body: new Uint8Array() });
const signed = (service: string) => ({ Authorization: `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20261204/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc` });

describe('one endpoint, the service picked as AWS picks it', () => {
  it('reads the SigV4 credential scope first, whatever the path', () => {
    expect(serviceOf(request(signed('sqs')))).toBe('sqs');
    expect(serviceOf(request({ authorization: signed('s3').Authorization }))).toBe('s3');
    expect(serviceOf(request({ ...signed('lambda'), 'X-Amz-Target': 'AmazonSQS.ListQueues' }))).toBe('lambda');
  });

  it('then a presigned URL, then X-Amz-Target', () => {
    expect(serviceOf(request({}, { 'X-Amz-Credential': 'AKIAEXAMPLE/20261204/us-east-1/s3/aws4_request' }))).toBe('s3');
    expect(serviceOf(request({ 'X-Amz-Target': 'Logs_20140328.GetLogEvents' }))).toBe('logs');
    expect(serviceOf(request({ 'x-amz-target': 'AmazonSQS.SendMessage' }))).toBe('sqs');
    expect(serviceOf(request({ 'X-Amz-Target': 'AWSEvents.PutRule' }))).toBe('events');
    expect(serviceOf(request({}))).toBeUndefined();
  });

  it('hands each request to its router; unsigned ones go to Lambda', async () => {
    const answer = (name: string): Router => async () => ({ status: 200, headers: {}, body: utf8(name) });
    const route = createDispatcher({ lambda: answer('lambda'), logs: answer('logs') });
    expect(fromUtf8((await route(request(signed('logs')))).body)).toBe('logs');
    expect(fromUtf8((await route(request({}, {}, '/_emulator/queues'))).body)).toBe('lambda');
  });

  it('refuses a service it does not provide, in the JSON error shape SDKs read', async () => {
    const route = createDispatcher({ lambda: async () => ({ status: 200, headers: {}, body: new Uint8Array() }) });
    const res = await route(request(signed('kinesis')));
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-ErrorType']).toBe('UnrecognizedClientException');
    expect(JSON.parse(fromUtf8(res.body))).toEqual({ __type: 'UnrecognizedClientException', message: "The Lambda Workbook emulator does not provide the service 'kinesis'." });
  });

  it('sends a function URL request to the URL router first, by its host or by the /lambda-url/ path, whatever it is signed for', async () => {
    const id = 'abcdefghij0123456789abcdefghij01';
    expect(functionUrlAddress(request({ Host: `${id}.lambda-url.us-east-1.localhost:4010` }, {}, '/orders/7?x=1'))).toEqual({ urlId: id, rawPath: '/orders/7' });
    expect(functionUrlAddress(request({ host: `${id.toUpperCase()}.lambda-url.eu-west-1.on.aws` }, {}, '/'))).toEqual({ urlId: id, rawPath: '/' });
    expect(functionUrlAddress(request({ host: '127.0.0.1:4010' }, {}, `/lambda-url/${id}/a/b`))).toEqual({ urlId: id, rawPath: '/a/b' });
    expect(functionUrlAddress(request({ host: '127.0.0.1:4010' }, {}, `/lambda-url/${id}`))).toEqual({ urlId: id, rawPath: '/' });
    expect(functionUrlAddress(request({ host: '127.0.0.1:4010' }, {}, '/lambda-url/short/a'))).toBeUndefined();
    expect(functionUrlAddress(request({ host: 'lambda.us-east-1.amazonaws.com' }, {}, '/2015-03-31/functions'))).toBeUndefined();
    const answer = (name: string): Router => async () => ({ status: 200, headers: {}, body: utf8(name) });
    const route = createDispatcher({ lambda: answer('lambda'), sqs: answer('sqs'), functionUrls: answer('url') });
    expect(fromUtf8((await route(request({ ...signed('sqs'), host: `${id}.lambda-url.us-east-1.localhost` }))).body)).toBe('url');
    expect(fromUtf8((await route(request(signed('sqs')))).body)).toBe('sqs');
  });
});
