/**
 * SNS's wire protocol, as data for the shared query codec: SNS speaks only the query protocol
 * (the SDK v3 and every CLI), with wrapped lists (`Topics.member.1`) and maps
 * (`Attributes.entry.1.key`), and XML answers in its 2010-03-31 namespace.
 */
import type { QueryMembers, XmlMembers } from '../protocols/query.ts';

export const SNS_XML_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';

/** Dotted members of every SNS action's form. */
export const SNS_QUERY_MEMBERS: QueryMembers = {
  Attributes: { name: 'Attributes', map: ['key', 'value'], wrapped: 'entry' },
  MessageAttributes: { name: 'MessageAttributes', map: ['Name', 'Value'], wrapped: 'entry' },
  Tags: { name: 'Tags', wrapped: 'member' },
  TagKeys: { name: 'TagKeys', wrapped: 'member' },
  PublishBatchRequestEntries: { name: 'PublishBatchRequestEntries', wrapped: 'member' },
  AWSAccountId: { name: 'AWSAccountId', wrapped: 'member' },
  ActionName: { name: 'ActionName', wrapped: 'member' },
};

/** XML elements of SNS's outputs. */
export const SNS_XML_MEMBERS: XmlMembers = {
  Topics: { element: 'member', wrapped: true },
  Subscriptions: { element: 'member', wrapped: true },
  Tags: { element: 'member', wrapped: true },
  Attributes: { element: 'entry', map: ['key', 'value'], wrapped: true },
  Successful: { element: 'member', wrapped: true },
  Failed: { element: 'member', wrapped: true },
};
