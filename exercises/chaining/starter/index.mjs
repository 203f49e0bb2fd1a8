import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';

// Created once per execution environment, outside the handler, so warm invocations reuse it.
const lambda = new LambdaClient({});
// The function to call: hello-lambda unless the environment variable CALLEE names another.
const callee = process.env.CALLEE ?? 'hello-lambda';

export const handler = async (event) => {
  const result = await lambda.send(
    new InvokeCommand({ FunctionName: callee, Payload: JSON.stringify(event) }),
  );
  // Payload holds the bytes of what the callee returned.
  return JSON.parse(new TextDecoder().decode(result.Payload));
};
