/**
 * SnsService: the account's topics and subscriptions in one Region. It owns SNS's part of the
 * saved state and finds topics and subscriptions by ARN; the wire operations live in
 * topic-operations.ts, subscription-operations.ts and publish.ts. Deliveries leave through
 * `SnsDeliveries`, which the account wires to Lambda (asynchronous invocations that its resource
 * policies allow) and to its SQS queues.
 */
import { AccountService, type AccountServiceOptions } from '../account-service.ts';
import type { MessageAttributes } from '../sqs/message-attributes.ts';
import { checkArnElements, topicNotFound } from './errors.ts';
import type { SnsState, SubscriptionRecord, TopicRecord } from './state.ts';

/** Where SNS hands its deliveries. */
export interface SnsDeliveries {
  /** An asynchronous invocation as `sns.amazonaws.com` for `topicArn`; dropped (false) when the function's resource policy does not allow it. */
  invokeFunction(functionArn: string, payload: string, topicArn: string, traceHeader?: string): boolean;
  /** A message on one of the account's queues; false when there is no such queue or its policy does not let SNS send for `topicArn`. */
  sendToQueue(queueArn: string, body: string, attributes: MessageAttributes | undefined, topicArn: string, traceHeader?: string): boolean;
}

export type SnsServiceOptions = AccountServiceOptions<SnsState, SnsDeliveries>;

export class SnsService extends AccountService<SnsState, SnsDeliveries> {

  topicArn(name: string): string {
    return `arn:aws:sns:${this.region}:${this.accountId}:${name}`;
  }

  /** The topic an ARN names: InvalidParameter for a malformed ARN, NotFound for one this account does not hold. */
  topicByArn(arn: string, parameter = 'TopicArn'): TopicRecord {
    checkArnElements(parameter, arn);
    const topic = this.findTopic(arn);
    if (!topic) throw topicNotFound();
    return topic;
  }

  findTopic(arn: string): TopicRecord | undefined {
    const [, , service, region, account, name] = arn.split(':');
    if (service !== 'sns' || region !== this.region || account !== this.accountId || name === undefined) return undefined;
    return Object.hasOwn(this.state.topics, name) ? this.state.topics[name] : undefined;
  }

  topics(): TopicRecord[] {
    return Object.values(this.state.topics).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  subscriptions(topicArn?: string): SubscriptionRecord[] {
    const all = Object.values(this.state.subscriptions);
    return topicArn === undefined ? all : all.filter((s) => s.TopicArn === topicArn);
  }

  subscription(arn: string): SubscriptionRecord | undefined {
    return Object.hasOwn(this.state.subscriptions, arn) ? this.state.subscriptions[arn] : undefined;
  }

  /** What the inspection API shows: each topic with its subscriptions. */
  inspect(): { TopicArn: string; subscriptions: { SubscriptionArn: string; Protocol: string; Endpoint: string }[] }[] {
    return this.topics().map((t) => {
      const arn = this.topicArn(t.name);
      return { TopicArn: arn, subscriptions: this.subscriptions(arn).map(({ SubscriptionArn, Protocol, Endpoint }) => ({ SubscriptionArn, Protocol, Endpoint })) };
    });
  }
}
