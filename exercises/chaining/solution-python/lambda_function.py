import json
import os

import boto3

# Created once per execution environment, outside the handler, so warm invocations reuse it.
client = boto3.client('lambda')
# The function to call: hello-lambda unless the environment variable CALLEE names another.
callee = os.environ.get('CALLEE', 'hello-lambda')

def lambda_handler(event, context):
    result = client.invoke(FunctionName=callee, Payload=json.dumps(event))
    # Payload is a stream of what the callee returned.
    return json.loads(result['Payload'].read())
