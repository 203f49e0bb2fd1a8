# Invoked by EventBridge on the rule's schedule: builds the daily report for the day the event is
# about. The event's time, not the clock: a late or retried delivery still reports the right day.
def lambda_handler(event, context):
    day = event['time'][:10]
    rule = (event.get('resources') or ['no rule'])[0]
    print(f"Daily report for {day} ({event.get('detail-type')} {event.get('id')} at {event.get('time')} from {rule})")
    return {'report': 'daily', 'for': day}
