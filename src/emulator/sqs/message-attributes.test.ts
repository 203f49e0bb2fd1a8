import { describe, expect, it } from 'vitest';
import { bytesToBase64, utf8 } from '../zip.ts';
import { md5OfMessageAttributes, readMessageAttributes, selectMessageAttributes } from './message-attributes.ts';

describe('MD5OfMessageAttributes', () => {
  // Digests from sqs_test_sqs and lambda_esm_test_lambda_integration_sqs recordings of real SQS.
  it('covers name, type and value of each attribute in name order, String and Number with transport byte 1', () => {
    expect(md5OfMessageAttributes({ Foo: { DataType: 'String', StringValue: 'Bar' } })).toBe('ae7155c6026991b6d54b11589678bf9c');
    expect(md5OfMessageAttributes({ MyAttribute: { DataType: 'String', StringValue: 'foobar' } })).toBe('adb59cd4678ea5a855436b949cd07ab6');
    expect(
      md5OfMessageAttributes({
        WeeksOn: { DataType: 'Number', StringValue: '6' },
        Author: { DataType: 'String', StringValue: 'John Grisham' },
        Title: { DataType: 'String', StringValue: 'The Whistler' },
      }),
    ).toBe('d25a6aea97eb8f585bfa92d314504a92');
  });

  it('uses transport byte 2 and the raw bytes for Binary', () => {
    const value = bytesToBase64(utf8('traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01'));
    expect(md5OfMessageAttributes({ attr1: { DataType: 'Binary', BinaryValue: value } })).toBe('8cbe4db156db8a94db8b801b7addb984');
  });
});

describe('message attributes', () => {
  it('refuses an empty value, a type SQS does not know and more than ten', () => {
    expect(() => readMessageAttributes({ a: { DataType: 'String', StringValue: '' } })).toThrow("Message (user) attribute 'a' must contain a non-empty value of type 'String'.");
    expect(() => readMessageAttributes({ a: { DataType: 'Date', StringValue: 'x' } })).toThrow(
      "The type of message (user) attribute 'a' is invalid. You must use only the following supported type prefixes: Binary, Number, String.",
    );
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'x' }]));
    expect(() => readMessageAttributes(eleven)).toThrow('Number of message attributes [11] exceeds the allowed maximum [10].');
  });

  it('ReceiveMessage selects by All, .*, prefix.* and exact name', () => {
    const all = { Hello: { DataType: 'String', StringValue: 'a' }, 'Help.Me': { DataType: 'String', StringValue: 'b' }, General: { DataType: 'String', StringValue: 'c' } };
    expect(Object.keys(selectMessageAttributes(all, ['All'])!)).toEqual(['Hello', 'Help.Me', 'General']);
    expect(Object.keys(selectMessageAttributes(all, ['Hel.*'])!)).toEqual(['Hello', 'Help.Me']);
    expect(Object.keys(selectMessageAttributes(all, ['General', 'Nope'])!)).toEqual(['General']);
    expect(selectMessageAttributes(all, ['Nope'])).toBeUndefined();
    expect(selectMessageAttributes(all, [])).toBeUndefined();
  });
});
