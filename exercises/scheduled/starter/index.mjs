// Invoked by EventBridge on the rule's schedule: builds the daily report.
export const handler = async (event) => {
  const day = new Date().toISOString().slice(0, 10);
  console.log(`Daily report for ${day} (${event['detail-type']} ${event.id} at ${event.time} from ${event.resources?.[0] ?? 'no rule'})`);
  return { report: 'daily', for: day };
};
