/**
 * SQS's two wire protocols, as data for the shared codecs: the JSON protocol (SDK v3, boto3 1.43)
 * and the query protocol (AWS CLI 2.9, boto3 1.26), whose dotted members and XML elements are
 * those of the botocore SQS model (flattened lists and maps, `<ActionResult>` wrappers).
 */
import type { JsonProtocol } from '../protocols/json.ts';
import type { QueryMembers, XmlMembers } from '../protocols/query.ts';

export const SQS_TARGET_PREFIX = 'AmazonSQS.';
export const SQS_JSON: JsonProtocol = { version: '1.0', errorNamespace: 'com.amazonaws.sqs#' };
export const SQS_XML_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

const entries = { name: 'Entries' } as const;

/** Query members of every SQS action; CreateQueue's tags are `tags` in its JSON input, TagQueue's are `Tags`. */
export function sqsQueryMembers(action: string): QueryMembers {
  return {
    Attribute: { name: 'Attributes', map: ['Name', 'Value'] },
    AttributeName: { name: 'AttributeNames' },
    MessageAttribute: { name: 'MessageAttributes', map: ['Name', 'Value'] },
    MessageAttributeName: { name: 'MessageAttributeNames' },
    MessageSystemAttribute: { name: 'MessageSystemAttributes', map: ['Name', 'Value'] },
    MessageSystemAttributeName: { name: 'MessageSystemAttributeNames' },
    Tag: { name: action === 'CreateQueue' ? 'tags' : 'Tags', map: ['Key', 'Value'] },
    TagKey: { name: 'TagKeys' },
    SendMessageBatchRequestEntry: entries,
    DeleteMessageBatchRequestEntry: entries,
    ChangeMessageVisibilityBatchRequestEntry: entries,
  };
}

/** XML elements of SQS's outputs; a batch's successes are `<ActionResultEntry>`. */
export function sqsXmlMembers(action: string): XmlMembers {
  return {
    QueueUrls: { element: 'QueueUrl' },
    Messages: { element: 'Message' },
    Attributes: { element: 'Attribute', map: ['Name', 'Value'] },
    MessageAttributes: { element: 'MessageAttribute', map: ['Name', 'Value'] },
    Tags: { element: 'Tag', map: ['Key', 'Value'] },
    Successful: { element: `${action}ResultEntry` },
    Failed: { element: 'BatchResultErrorEntry' },
  };
}
