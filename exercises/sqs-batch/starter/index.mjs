// Invoked by Lambda's poller with a batch of messages from the orders queue: each body is an
// order such as {"orderId":"o-1","quantity":2}.
export const handler = async (event) => {
  for (const record of event.Records) {
    const order = JSON.parse(record.body);
    if (!Number.isInteger(order.quantity) || order.quantity <= 0) {
      throw new Error(`Order ${order.orderId}: the quantity must be a whole number above 0, got ${order.quantity}`);
    }
    console.log(`Packed order ${order.orderId}: ${order.quantity} item(s)`);
  }
};
