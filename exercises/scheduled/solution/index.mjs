// Invoked by EventBridge on the rule's schedule: builds the daily report for the day the event is
// about. The event's time, not the clock: a late or retried delivery still reports the right day.
export const handler = async (event) => {
  const day = event.time.slice(0, 10);
  console.log(`Daily report for ${day} (${event['detail-type']} ${event.id} at ${event.time} from ${event.resources?.[0] ?? 'no rule'})`);
  return { report: 'daily', for: day };
};
