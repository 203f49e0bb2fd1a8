/**
 * Python functions through the real LambdaClient and CloudWatchLogsClient: the log lines, error
 * documents and context Lambda's Python runtime gives, warm reuse, timeouts, /tmp, layers, handlers
 * in submodules, and boto3 inside a handler calling a Node.js function and the account. Each
 * transport (in-process request handler, HTTP server) runs the same suite, on a virtual clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateFunctionCommand, InvokeCommand, LambdaClient, PublishLayerVersionCommand, type CreateFunctionCommandInput } from '@aws-sdk/client-lambda';
import { CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { VIRTUAL_EPOCH, createEngineChooser, type EnvironmentFactory, type LambdaService } from '../../../src/emulator/index.ts';
import { ACCOUNT, REGION, ROLE, makeService, quickJSEngine, zipBytes } from './harness.ts';

export interface PythonConnection {
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  /** Stops what the transport started (the clients are destroyed by the suite). */
  close?(): Promise<void>;
}

const dec = new TextDecoder();
const enc = new TextEncoder();
const ARN = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const T0 = new Date(VIRTUAL_EPOCH).toISOString();
const INIT_START = /^INIT_START Runtime Version: python:3\.14\.pyodide-314\.0\.8\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/;

export function pythonFunctionsSuite(transport: string, python: () => EnvironmentFactory, connect: (service: LambdaService) => Promise<PythonConnection>): void {
  describe(`Python functions through ${transport}`, { timeout: 180_000 }, () => {
    let c: PythonConnection;
    let iam: IAMClient;
    let close: () => void;

    beforeAll(async () => {
      const setup = makeService(createEngineChooser({ nodejs: quickJSEngine(), python: python() }));
      close = () => setup.close();
      iam = new IAMClient(setup.clientConfig);
      c = await connect(setup.service);
    });
    afterAll(async () => {
      iam?.destroy();
      c?.lambda.destroy();
      c?.logs.destroy();
      await c?.close?.();
      close?.();
    });

    const create = (name: string, files: Record<string, string>, input: Partial<CreateFunctionCommandInput> = {}) =>
      c.lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'python3.12', Handler: 'lambda_function.lambda_handler', Role: ROLE, Code: { ZipFile: zipBytes(files) }, ...input }));
    const invoke = async (name: string, payload: unknown = {}, tail = false) => {
      const out = await c.lambda.send(new InvokeCommand({ FunctionName: name, Payload: enc.encode(JSON.stringify(payload)), ...(tail ? { LogType: 'Tail' } : {}) }));
      return { ...out, text: dec.decode(out.Payload), requestId: out.$metadata.requestId!, tail: out.LogResult ? Buffer.from(out.LogResult, 'base64').toString('utf8') : '' };
    };
    /** An inline policy on the functions' role (lambda-role), allowing `actions` on every resource. */
    const allow = (name: string, actions: string[]) =>
      iam.send(new PutRolePolicyCommand({ RoleName: 'lambda-role', PolicyName: name, PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }) }));
    /** Every stream's messages, oldest stream first. */
    const logLines = async (name: string) => {
      const streams = (await c.logs.send(new DescribeLogStreamsCommand({ logGroupName: `/aws/lambda/${name}`, orderBy: 'LogStreamName' }))).logStreams ?? [];
      const out: string[][] = [];
      for (const s of streams) out.push(((await c.logs.send(new GetLogEventsCommand({ logGroupName: `/aws/lambda/${name}`, logStreamName: s.logStreamName!, startFromHead: true }))).events ?? []).map((e) => e.message!));
      return out;
    };

    it('writes print and logging lines between the platform lines, keeps module scope and /tmp warm, and gives the context', async () => {
      await create('py-echo', {
        'lambda_function.py': `import json, logging, os, tempfile
logger = logging.getLogger()
logger.setLevel(logging.INFO)
invocations = 0

def lambda_handler(event, context):
    global invocations
    invocations += 1
    print("event", json.dumps(event))
    logger.info("invocation %d", invocations)
    path = os.path.join(tempfile.gettempdir(), "seen.txt")
    with open(path, "a") as f:
        f.write(event["name"] + "\\n")
    return {
        "invocations": invocations, "seen": open(path).read().split(), "function_name": context.function_name,
        "memory_limit_in_mb": context.memory_limit_in_mb, "invoked_function_arn": context.invoked_function_arn,
        "aws_request_id": context.aws_request_id, "stage": os.environ["STAGE"], "remaining": context.get_remaining_time_in_millis(),
        "execution_env": os.environ["AWS_EXECUTION_ENV"],
    }
`,
      }, { MemorySize: 256, Timeout: 7, Environment: { Variables: { STAGE: 'test' } } });
      const first = await invoke('py-echo', { name: 'Ada' });
      const second = await invoke('py-echo', { name: 'Grace' }, true);
      expect(first.FunctionError).toBeUndefined();
      expect(second.text).toBe(
        `{"invocations": 2, "seen": ["Ada", "Grace"], "function_name": "py-echo", "memory_limit_in_mb": "256", "invoked_function_arn": "${ARN('py-echo')}", ` +
        `"aws_request_id": "${second.requestId}", "stage": "test", "remaining": 7000, "execution_env": "AWS_Lambda_python3.12"}`,
      );
      const [stream] = await logLines('py-echo');
      expect(stream![0]).toMatch(INIT_START);
      expect(stream!.slice(1)).toEqual([
        `START RequestId: ${first.requestId} Version: $LATEST`,
        'event {"name": "Ada"}',
        `[INFO]\t${T0}\t${first.requestId}\tinvocation 1`,
        `END RequestId: ${first.requestId}`,
        expect.stringMatching(new RegExp(`^REPORT RequestId: ${first.requestId}\\tDuration: 0\\.00 ms\\tBilled Duration: 1 ms\\tMemory Size: 256 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: 0\\.00 ms\\t$`)),
        `START RequestId: ${second.requestId} Version: $LATEST`,
        'event {"name": "Grace"}',
        `[INFO]\t${T0}\t${second.requestId}\tinvocation 2`,
        `END RequestId: ${second.requestId}`,
        expect.stringMatching(new RegExp(`^REPORT RequestId: ${second.requestId}\\tDuration: 0\\.00 ms\\tBilled Duration: 1 ms\\tMemory Size: 256 MB\\tMax Memory Used: \\d+ MB\\t$`)),
      ]);
      expect(second.tail.split('\n').slice(0, 3)).toEqual([`START RequestId: ${second.requestId} Version: $LATEST`, 'event {"name": "Grace"}', `[INFO]\t${T0}\t${second.requestId}\tinvocation 2`]);
    });

    it('returns errors as the Python runtime does: raised exceptions, import errors and unserialisable results', async () => {
      await create('py-errors', {
        'lambda_function.py': `def lambda_handler(event, context):
    if "msg" in event:
        raise Exception("Failed: " + event["msg"])
    return {1, 2}
`,
      }, { Runtime: 'python3.13' });
      const raised = await invoke('py-errors', { msg: 'some_error_msg' }, true);
      expect([raised.StatusCode, raised.FunctionError, raised.ExecutedVersion]).toEqual([200, 'Unhandled', '$LATEST']);
      expect(raised.text).toBe(
        `{"errorMessage": "Failed: some_error_msg", "errorType": "Exception", "requestId": "${raised.requestId}", ` +
        '"stackTrace": ["  File \\"/var/task/lambda_function.py\\", line 3, in lambda_handler\\n    raise Exception(\\"Failed: \\" + event[\\"msg\\"])\\n"]}',
      );
      expect(raised.tail).toContain('[ERROR] Exception: Failed: some_error_msg\nTraceback (most recent call last):\n\u00a0\u00a0File "/var/task/lambda_function.py", line 3, in lambda_handler\n');
      const marshal = await invoke('py-errors');
      expect(marshal.text).toBe(`{"errorMessage": "Unable to marshal response: Object of type set is not JSON serializable", "errorType": "Runtime.MarshalError", "requestId": "${marshal.requestId}", "stackTrace": []}`);

      await create('py-missing', { 'app.py': 'def lambda_handler(event, context):\n    return 1\n' }, { Runtime: 'python3.14' });
      const missing = await invoke('py-missing');
      expect(missing.FunctionError).toBe('Unhandled');
      expect(missing.text).toBe('{"errorMessage": "Unable to import module \'lambda_function\': No module named \'lambda_function\'", "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []}');
      const [initFailure] = await logLines('py-missing');
      expect(initFailure!.slice(2, 4)).toEqual([
        "[ERROR] Runtime.ImportModuleError: Unable to import module 'lambda_function': No module named 'lambda_function'\nTraceback (most recent call last):",
        'INIT_REPORT Init Duration: 0.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError',
      ]);
    });

    it('times out with Sandbox.Timedout and a timeout line, then starts a new environment', async () => {
      await create('py-slow', { 'lambda_function.py': 'import time\ndef lambda_handler(event, context):\n    time.sleep(event["s"])\n    return "done"\n' }, { Timeout: 1 });
      const slow = await invoke('py-slow', { s: 5 });
      expect(slow.text).toBe(`{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ${slow.requestId} Error: Task timed out after 1.00 seconds"}`);
      const quick = await invoke('py-slow', { s: 0.2 });
      expect(quick.text).toBe('"done"');
      const streams = await logLines('py-slow');
      expect(streams).toHaveLength(2);
      expect(streams.flat()).toContain(`${new Date(VIRTUAL_EPOCH + 1000).toISOString()} ${slow.requestId} Task timed out after 1.00 seconds`);
      expect(streams.flat().find((l) => l.startsWith(`REPORT RequestId: ${slow.requestId}`))).toMatch(/\tDuration: 1000\.00 ms\tBilled Duration: 1000 ms\t.*Status: timeout$/);
    });

    it('imports from layers on /opt/python and the runtime\'s site-packages, packages beside a handler in a submodule', async () => {
      const layer = await c.lambda.send(new PublishLayerVersionCommand({
        LayerName: 'py-shared', CompatibleRuntimes: ['python3.12'],
        Content: { ZipFile: zipBytes({ 'python/greet.py': 'def greet(n):\n    return "Hello, " + n\n', 'python/lib/python3.12/site-packages/shout/__init__.py': 'def shout(s):\n    return s.upper() + "!"\n' }) },
      }));
      await create('py-layered', {
        'src/app.py': 'import greet, shout, helpers\ndef handler(event, context):\n    return shout.shout(greet.greet(event["name"])) + helpers.SUFFIX\n',
        'helpers/__init__.py': 'SUFFIX = " (helped)"\n',
      }, { Handler: 'src/app.handler', Layers: [layer.LayerVersionArn!] });
      expect((await invoke('py-layered', { name: 'Ada' })).text).toBe('"HELLO, ADA! (helped)"');
    });

    it('boto3 calls as the function\'s role session: AccessDenied with botocore\'s exact text until the role allows lambda:InvokeFunction', async () => {
      await c.lambda.send(new CreateFunctionCommand({
        FunctionName: 'node-callee', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE,
        Code: { ZipFile: zipBytes({ 'index.js': "exports.handler = async (event) => { console.log('called by', event.from); return { hello: event.from }; };" }) },
      }));
      await create('py-caller', {
        'lambda_function.py': `import json
import boto3
from botocore.exceptions import ClientError

def lambda_handler(event, context):
    who = boto3.client("sts").get_caller_identity()["Arn"]
    try:
        out = boto3.client("lambda").invoke(FunctionName="node-callee", Payload=json.dumps({"from": "python"}))
        return {"who": who, "ok": json.loads(out["Payload"].read())}
    except ClientError as e:
        return {"who": who, "code": e.response["Error"]["Code"], "status": e.response["ResponseMetadata"]["HTTPStatusCode"], "text": str(e)}
`,
      }, { Runtime: 'python3.13', Timeout: 10 });
      const denied = await invoke('py-caller');
      expect(JSON.parse(denied.text)).toEqual({
        who: `arn:aws:sts::${ACCOUNT}:assumed-role/lambda-role/py-caller`,
        code: 'AccessDeniedException', status: 403,
        text: `An error occurred (AccessDeniedException) when calling the Invoke operation: User: arn:aws:sts::${ACCOUNT}:assumed-role/lambda-role/py-caller is not authorized to perform: lambda:InvokeFunction on resource: ${ARN('node-callee')} because no identity-based policy allows the lambda:InvokeFunction action`,
      });
      await iam.send(new PutRolePolicyCommand({
        RoleName: 'lambda-role', PolicyName: 'invoke-callee',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: ARN('node-callee') }] }),
      }));
      expect(JSON.parse((await invoke('py-caller')).text)).toEqual({ who: `arn:aws:sts::${ACCOUNT}:assumed-role/lambda-role/py-caller`, ok: { hello: 'python' } });
      expect((await logLines('node-callee')).flat().filter((m) => m.includes('called by')).map((m) => m.split('\t').slice(3).join('\t'))).toEqual(['called by python']);
    });

    it('chains with boto3: Python invokes a Node.js function and reads the account, as the notes\' code does', async () => {
      await allow('lambda-and-logs', ['lambda:*', 'logs:Describe*']);
      await c.lambda.send(new CreateFunctionCommand({
        FunctionName: 'node-echo', Runtime: 'nodejs22.x', Handler: 'index.handler', Role: ROLE,
        Code: { ZipFile: zipBytes({ 'index.mjs': 'export const handler = async (event) => ({ echoed: event, by: "node" });' }) },
      }));
      await create('py-chain', {
        'lambda_function.py': `import json
import boto3
from botocore.exceptions import ClientError

lam = boto3.client("lambda")
logs = boto3.client("logs")

def lambda_handler(event, context):
    response = boto3.client("lambda").invoke(FunctionName="node-echo", InvocationType="RequestResponse", Payload=json.dumps({"from": "python"}))
    out = {"status": response["StatusCode"], "payload": json.loads(response["Payload"].read()), "meta": sorted(response["ResponseMetadata"])}
    out["version"] = lam.publish_version(FunctionName="node-echo")["Version"]
    lam.create_alias(FunctionName="node-echo", Name="live", FunctionVersion=out["version"])
    out["alias"] = lam.get_alias(FunctionName="node-echo", Name="live")["AliasArn"]
    out["runtime"] = lam.get_function_configuration(FunctionName="node-echo")["Runtime"]
    out["handler"] = lam.get_function(FunctionName="node-echo")["Configuration"]["Handler"]
    out["names"] = sorted(f["FunctionName"] for f in lam.list_functions()["Functions"] if f["FunctionName"] in ("node-echo", "py-chain"))
    out["via_alias"] = json.loads(lam.invoke(FunctionName="node-echo", Qualifier="live", Payload=b"{}")["Payload"].read())["by"]
    out["streams"] = len(logs.describe_log_streams(logGroupName="/aws/lambda/node-echo")["logStreams"])
    try:
        lam.get_function(FunctionName="missing")
    except lam.exceptions.ResourceNotFoundException as e:
        out["error"] = [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"], str(e), isinstance(e, ClientError)]
    return out
`,
      }, { Runtime: 'python3.14', Timeout: 10 });
      const out = await invoke('py-chain');
      expect(out.FunctionError).toBeUndefined();
      expect(JSON.parse(out.text)).toEqual({
        status: 200, payload: { echoed: { from: 'python' }, by: 'node' }, meta: ['HTTPHeaders', 'HTTPStatusCode', 'RequestId', 'RetryAttempts'],
        version: '1', alias: `${ARN('node-echo')}:live`, runtime: 'nodejs22.x', handler: 'index.handler', names: ['node-echo', 'py-chain'],
        via_alias: 'node', streams: 2,
        error: ['ResourceNotFoundException', 404, `An error occurred (ResourceNotFoundException) when calling the GetFunction operation: Function not found: ${ARN('missing')}`, true],
      });
    });
    it('boto3 reaches S3, SQS, SNS and EventBridge too: a Python handler publishes to a topic and reads the queue it feeds', async () => {
      await allow('services', ['sqs:*', 'sns:*', 's3:*', 'events:*']);
      await create('py-services', {
        'lambda_function.py': `import json
import boto3

def lambda_handler(event, context):
    sqs, sns, s3, events = boto3.client("sqs"), boto3.client("sns"), boto3.client("s3"), boto3.client("events")
    topic = sns.create_topic(Name="py-news")["TopicArn"]
    policy = {"Statement": [{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Condition": {"ArnEquals": {"aws:SourceArn": topic}}}]}
    url = sqs.create_queue(QueueName="py-inbox", Attributes={"Policy": json.dumps(policy)})["QueueUrl"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint="arn:aws:sqs:us-east-1:${ACCOUNT}:py-inbox")
    sns.publish(TopicArn=topic, Message="hello from python", Subject="news")
    body = json.loads(sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"])
    s3.create_bucket(Bucket="py-bucket")
    s3.put_object(Bucket="py-bucket", Key="k.txt", Body=b"bytes")
    got = s3.get_object(Bucket="py-bucket", Key="k.txt")
    rule = events.put_rule(Name="py-tick", ScheduleExpression="rate(1 hour)")["RuleArn"]
    return {"type": body["Type"], "subject": body["Subject"], "message": body["Message"], "object": got["Body"].read().decode(), "rule": rule}
`,
      }, { Runtime: 'python3.13', Timeout: 10 });
      const out = await invoke('py-services');
      expect(out.FunctionError).toBeUndefined();
      expect(JSON.parse(out.text)).toEqual({ type: 'Notification', subject: 'news', message: 'hello from python', object: 'bytes', rule: `arn:aws:events:${REGION}:${ACCOUNT}:rule/py-tick` });
    });
  });
}
