from datetime import datetime, timezone


# Invoked by EventBridge on the rule's schedule: builds the daily report.
def lambda_handler(event, context):
    day = datetime.now(timezone.utc).strftime('%Y-%m-%d')
    rule = (event.get('resources') or ['no rule'])[0]
    print(f"Daily report for {day} ({event.get('detail-type')} {event.get('id')} at {event.get('time')} from {rule})")
    return {'report': 'daily', 'for': day}
