import { describe, expect, it } from 'vitest';
import { createDispatcher, serviceOf } from './dispatch.ts';
import type { EmulatorRequest, Router } from './router.ts';
import { fromUtf8, utf8 } from '../zip.ts';

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
});
