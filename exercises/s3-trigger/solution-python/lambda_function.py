import json
import urllib.parse

import boto3

# Made once per execution environment, outside the handler: warm invocations reuse it.
s3 = boto3.client('s3')


# Invoked by S3 for each object created under uploads/: writes a summary of it under processed/.
def lambda_handler(event, context):
    for record in event['Records']:
        bucket = record['s3']['bucket']['name']
        # S3 sends the key URL-encoded, a space as '+': decode it before using it.
        key = urllib.parse.unquote_plus(record['s3']['object']['key'])
        target = 'processed/' + key[len('uploads/'):] + '.json'
        summary = {'source': key, 'size': record['s3']['object']['size']}
        s3.put_object(Bucket=bucket, Key=target, Body=json.dumps(summary), ContentType='application/json')
        print(f'Wrote s3://{bucket}/{target}')
