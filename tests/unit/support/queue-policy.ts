/** A queue policy that lets an AWS service send to the queue for one source, as AWS's documentation writes it (SNS topics, EventBridge rules). */
export function allowSendPolicy(queueArn: string, service: 'sns.amazonaws.com' | 'events.amazonaws.com', sourceArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: 'allow-send', Effect: 'Allow', Principal: { Service: service }, Action: 'sqs:SendMessage', Resource: queueArn, Condition: { ArnEquals: { 'aws:SourceArn': sourceArn } } }],
  });
}
