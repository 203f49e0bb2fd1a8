/**
 * How the poller reads a function's answer with ReportBatchItemFailures: the success and failure
 * conditions of AWS's "Reporting batch item failures" (services-sqs-errorhandling), one by one.
 */
import { describe, expect, it } from 'vitest';
import { batchItemFailures } from './sqs-poller.ts';

const batch = new Set(['id-1', 'id-2', 'id-3']);

describe('batchItemFailures: what Lambda deletes after a batch', () => {
  it.each([
    ['an empty batchItemFailures list', '{"batchItemFailures":[]}'],
    ['a null batchItemFailures list', '{"batchItemFailures":null}'],
    ['an empty response', '{}'],
    ['a null response (a Node.js handler that returns nothing)', 'null'],
    ['no response at all', ''],
    ['keys Lambda does not read', '{"processed":3}'],
  ])('%s is a complete success: every message is deleted', (_, payload) => {
    expect(batchItemFailures(payload, batch)).toEqual(new Set());
  });

  it.each([
    ['an invalid JSON response', '{"batchItemFailures":['],
    ['an empty string itemIdentifier', '{"batchItemFailures":[{"itemIdentifier":""}]}'],
    ['a null itemIdentifier', '{"batchItemFailures":[{"itemIdentifier":null}]}'],
    ['an itemIdentifier with a bad key name', '{"batchItemFailures":[{"foo":"id-2"}]}'],
    ['an itemIdentifier that names no message of the batch', '{"batchItemFailures":[{"itemIdentifier":"id-1"},{"itemIdentifier":"AQEBreceipt"}]}'],
    ['a bare id instead of an object', '{"batchItemFailures":["id-2"]}'],
    ['batchItemFailures that is not a list', '{"batchItemFailures":{"itemIdentifier":"id-2"}}'],
    ['an answer that is not an object', '"id-2"'],
  ])('%s is a complete failure: no message is deleted', (_, payload) => {
    expect(batchItemFailures(payload, batch)).toBe('all');
  });

  it('the messages named are kept, the others deleted (a message named twice is kept once)', () => {
    expect(batchItemFailures('{"batchItemFailures":[{"itemIdentifier":"id-2"},{"itemIdentifier":"id-2"}]}', batch)).toEqual(new Set(['id-2']));
  });
});
