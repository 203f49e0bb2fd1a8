import json


# Invoked by Lambda's poller with a batch of messages from the orders queue: each body is an
# order such as {"orderId":"o-1","quantity":2}. With ReportBatchItemFailures on the mapping, the
# answer names the messages that failed: Lambda deletes the others, and only these come back.
def lambda_handler(event, context):
    batch_item_failures = []
    for record in event['Records']:
        try:
            order = json.loads(record['body'])
            quantity = order.get('quantity')
            if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity <= 0:
                raise ValueError(f"Order {order.get('orderId')}: the quantity must be a whole number above 0, got {quantity}")
            print(f"Packed order {order['orderId']}: {quantity} item(s)")
        except Exception as err:
            print(f"Message {record['messageId']} failed: {err}")
            batch_item_failures.append({'itemIdentifier': record['messageId']})
    return {'batchItemFailures': batch_item_failures}
