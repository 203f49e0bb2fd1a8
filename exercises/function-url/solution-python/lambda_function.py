import json

# A function URL hands the handler a payload format 2.0 event: the query string is in
# queryStringParameters, and the returned statusCode, headers and body become the HTTP response.
def lambda_handler(event, context):
    name = (event.get('queryStringParameters') or {}).get('name')
    if not name:
        return {
            'statusCode': 400,
            'headers': {'content-type': 'application/json'},
            'body': json.dumps({'message': 'Add ?name=... to the URL.'})
        }
    return {
        'statusCode': 200,
        'headers': {'content-type': 'application/json'},
        'body': json.dumps({'message': f'Hello, {name}!'})
    }
