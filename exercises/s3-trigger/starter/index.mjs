import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

// Made once per execution environment, outside the handler: warm invocations reuse it.
const s3 = new S3Client({});

// Invoked by S3 for each object created under uploads/: writes a summary of it under processed/.
export const handler = async (event) => {
  for (const record of event.Records) {
    const bucket = record.s3.bucket.name;
    const key = record.s3.object.key;
    const target = `processed/${key.slice('uploads/'.length)}.json`;
    const summary = { source: key, size: record.s3.object.size };
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: target, Body: JSON.stringify(summary), ContentType: 'application/json' }));
    console.log(`Wrote s3://${bucket}/${target}`);
  }
};
