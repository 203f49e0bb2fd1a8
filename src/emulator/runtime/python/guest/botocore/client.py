"""botocore clients: one method per operation, snake_case, with boto3's response and error shapes."""
import io
import re

from botocore import endpoint
from botocore.exceptions import ClientError
from botocore.response import StreamingBody

# The services the emulator's host answers (SDK_SERVICES in src/emulator/sdk-bridge.ts), with botocore's class names.
SERVICE_CLASS_NAMES = {"lambda": "Lambda", "logs": "CloudWatchLogs", "s3": "S3", "sqs": "SQS", "sns": "SNS", "events": "EventBridge", "iam": "IAM", "sts": "STS"}


class _NoSuchOperation(Exception):
    pass


def _operation_name(method_name):
    return "".join(part[:1].upper() + part[1:] for part in method_name.split("_"))


class _Meta:
    def __init__(self, service_name, region_name):
        self.region_name = region_name
        self.service_model = type("ServiceModel", (), {"service_name": service_name})()


class _ClientExceptions:
    """client.exceptions.<Code>: a ClientError subclass per error code, raised for that code."""

    def __init__(self):
        self._classes = {"ClientError": ClientError}

    def from_code(self, code):
        if code not in self._classes:
            self._classes[code] = type(code, (ClientError,), {})
        return self._classes[code]

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self.from_code(name)


class BaseClient:
    def __init__(self, service_name, region_name):
        self.meta = _Meta(service_name, region_name)
        self.exceptions = _ClientExceptions()
        self._service_name = service_name

    def __getattr__(self, name):
        if name.startswith("_") or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        operation_name = _operation_name(name)

        def api_call(*args, **kwargs):
            if args:
                raise TypeError(f"{name}() only accepts keyword arguments.")
            try:
                return self._make_api_call(operation_name, kwargs)
            except _NoSuchOperation:
                raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'") from None

        api_call.__name__ = name
        return api_call

    def _make_api_call(self, operation_name, api_params):
        answer = endpoint.send(self._service_name, operation_name, api_params)
        if "error" in answer:
            error = answer["error"]
            if error["code"] == "UnknownOperation":
                raise _NoSuchOperation()
            response = {
                "Error": {"Code": error["code"], "Message": error["message"]},
                "ResponseMetadata": _metadata(error),
                **error["fields"],
            }
            raise self.exceptions.from_code(error["code"])(response, operation_name)
        response = {"ResponseMetadata": _metadata(answer), **answer["output"]}
        # Lambda's Payload and S3's Body are streams in boto3.
        for name in ("Payload", "Body"):
            payload = response.get(name)
            if isinstance(payload, bytes):
                response[name] = StreamingBody(io.BytesIO(payload), len(payload))
        return response

    def close(self):
        pass


def _metadata(answer):
    return {"RequestId": answer["requestId"], "HTTPStatusCode": answer["status"], "HTTPHeaders": answer["headers"], "RetryAttempts": 0}


def create_client(service_name, region_name):
    cls = type(SERVICE_CLASS_NAMES[service_name], (BaseClient,), {})
    cls.__module__ = "botocore.client"
    return cls(service_name, region_name)
