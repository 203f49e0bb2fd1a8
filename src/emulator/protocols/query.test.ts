import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../zip.ts';
import { decodeQueryInput, queryErrorResponse, queryParameters, queryResponse } from './query.ts';

describe('the query protocol codec', () => {
  it('reads a form into JSON-shaped input: flattened lists and maps by the service’s member table', () => {
    const form = 'Action=SendMessageBatch&Version=2012-11-05&QueueUrl=http%3A%2F%2Fh%2F1%2Fq' +
      '&SendMessageBatchRequestEntry.1.Id=a&SendMessageBatchRequestEntry.1.MessageBody=one+two' +
      '&SendMessageBatchRequestEntry.1.MessageAttribute.1.Name=City&SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType=String' +
      '&SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue=Oslo&SendMessageBatchRequestEntry.2.Id=b' +
      '&SendMessageBatchRequestEntry.2.MessageBody=three&AttributeName.2=SenderId&AttributeName.1=All';
    const params = queryParameters({ query: {}, body: utf8(form) });
    const members = {
      SendMessageBatchRequestEntry: { name: 'Entries' },
      MessageAttribute: { name: 'MessageAttributes', map: ['Name', 'Value'] as const },
      AttributeName: { name: 'AttributeNames' },
    };
    expect(decodeQueryInput(params, members)).toEqual({
      QueueUrl: 'http://h/1/q',
      Entries: [
        { Id: 'a', MessageBody: 'one two', MessageAttributes: { City: { DataType: 'String', StringValue: 'Oslo' } } },
        { Id: 'b', MessageBody: 'three' },
      ],
      AttributeNames: ['All', 'SenderId'],
    });
  });

  it('writes JSON-shaped output as <ActionResponse><ActionResult> with flattened lists and maps', () => {
    const res = queryResponse(
      'GetQueueAttributes',
      'http://queue.amazonaws.com/doc/2012-11-05/',
      { Attributes: { VisibilityTimeout: '30', Policy: '{"a":"<b>"}' } },
      { Attributes: { element: 'Attribute', map: ['Name', 'Value'] } },
      'req-1',
    );
    expect(res.headers['Content-Type']).toBe('text/xml');
    expect(fromUtf8(res.body)).toBe(
      '<?xml version="1.0"?><GetQueueAttributesResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><GetQueueAttributesResult>' +
        '<Attribute><Name>VisibilityTimeout</Name><Value>30</Value></Attribute><Attribute><Name>Policy</Name><Value>{&quot;a&quot;:&quot;&lt;b&gt;&quot;}</Value></Attribute>' +
        '</GetQueueAttributesResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetQueueAttributesResponse>',
    );
    expect(fromUtf8(queryResponse('DeleteQueue', 'ns', {}, {}, 'r').body)).toContain('<DeleteQueueResult/>');
  });

  it('writes errors as an ErrorResponse', () => {
    const res = queryErrorResponse('ns', { status: 400, code: 'AWS.SimpleQueueService.NonExistentQueue', message: 'gone', type: 'Sender' }, 'r');
    expect(res.status).toBe(400);
    expect(fromUtf8(res.body)).toBe(
      '<?xml version="1.0"?><ErrorResponse xmlns="ns"><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>gone</Message><Detail/></Error><RequestId>r</RequestId></ErrorResponse>',
    );
  });
});
