"""Where a call leaves the guest: to the emulator's host, as JSON (blobs and timestamps marked)."""
import base64
import datetime
import json

import _lambda_host
from pyodide.ffi import can_run_sync, run_sync


def _encode(value):
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"__bytes__": base64.b64encode(bytes(value)).decode("ascii")}
    if hasattr(value, "read") and callable(value.read):
        data = value.read()
        return _encode(data.encode("utf-8") if isinstance(data, str) else data)
    if isinstance(value, datetime.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    return value


def _decode(obj):
    if len(obj) == 1 and "__bytes__" in obj:
        return base64.b64decode(obj["__bytes__"])
    if len(obj) == 1 and "__datetime__" in obj:
        return datetime.datetime.fromisoformat(obj["__datetime__"].replace("Z", "+00:00"))
    return obj


def send(service_name, operation_name, params):
    """The host's answer: {"output", "status", "requestId", "headers"} or {"error": {...}}."""
    if not can_run_sync():
        # Called where the guest cannot wait (the runtime judged at INIT that it does not use boto3).
        _lambda_host.sdk_imported()
        raise RuntimeError(
            "The emulator called this handler without a way to wait for AWS calls, because no Python file "
            "of the function mentions boto3 or botocore; the next invocation can make the call."
        )
    answer = run_sync(_lambda_host.aws(service_name, operation_name, json.dumps(_encode(params))))
    return json.loads(answer, object_hook=_decode)
