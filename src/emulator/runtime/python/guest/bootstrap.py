"""
Lambda's Python runtime inside the emulator: INIT imports the handler's module once, then each
invoke builds the context, calls the handler and answers with the result or the error document,
logging as the runtime interface client does. The host (the emulator's Pyodide environment) calls
configure, init and invoke; this module calls back into it through _lambda_host.
"""
import decimal
import errno
import importlib
import json
import logging
import os
import posix
import random
import sys
import time
import traceback

import _lambda_host
from pyodide.ffi import can_run_sync, run_sync

# Captured before any function code runs, so a handler that replaces them cannot forge an answer.
_JSONEncoder = json.JSONEncoder
_json_loads = json.loads
_native_sleep = time.sleep

_request_id = None
_handler = None
_encoder = None

UNHANDLED_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. "
    "However, in rare cases, a Lambda runtime update can cause unexpected function behavior. "
    "For functions using managed runtimes, runtime updates can be triggered by a function change, or can be applied automatically. "
    "To determine if the runtime has been updated, check the runtime version in the INIT_START log entry. "
    "If this error correlates with a change in the runtime version, you may be able to mitigate this error by temporarily rolling back to the previous runtime version. "
    "For more information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html"
)


class _Timedout(BaseException):
    """Raised in a sleep that passes the deadline when the guest cannot be suspended: the run is over."""


class _Fault(Exception):
    """An error the runtime itself reports, with Lambda's Runtime.* type."""

    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace


# ---- time: the environment's clock (virtual in tests), so logs, sleeps and deadlines agree ----

def _now_ns():
    return int(_lambda_host.now() * 1_000_000)


def _now():
    return _lambda_host.now() / 1000


def _sleep(seconds):
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    if can_run_sync():
        run_sync(_lambda_host.sleep(seconds * 1000))
        return
    # Called synchronously: a virtual clock has jumped; a real one is waited out here.
    left = _lambda_host.sleep_now(seconds * 1000)
    _native_sleep((-left - 1 if left < 0 else left) / 1000)
    if left < 0:
        raise _Timedout()


# ---- what the emulator does not give a handler: processes and the network ----------------------

_NO_PROCESSES = "emscripten does not support processes."
_NO_NETWORK = "Network access is not available to functions in the Lambda Workbook emulator (on Lambda it is); call AWS services through boto3."


def _no_processes(*args, **kwargs):
    raise OSError(errno.ENOSYS, _NO_PROCESSES)


def _close_process_doors():
    """Pyodide would hand os.system to the host's shell; refuse it as subprocess already is refused."""
    for name in ("system", "popen", "fork", "forkpty", "posix_spawn", "posix_spawnp",
                 "execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp", "execvpe",
                 "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe"):
        for module in (os, posix):
            if hasattr(module, name):
                setattr(module, name, _no_processes)


def _close_network_doors():
    import socket

    class _Socket(socket.socket):
        def connect(self, address):
            raise OSError(errno.ENETUNREACH, _NO_NETWORK)

        def connect_ex(self, address):
            raise OSError(errno.ENETUNREACH, _NO_NETWORK)

        def bind(self, address):
            raise OSError(errno.EACCES, _NO_NETWORK)

        def sendto(self, *args):
            raise OSError(errno.ENETUNREACH, _NO_NETWORK)

    socket.socket = _Socket
    socket.SocketType = _Socket


_close_process_doors()
_close_network_doors()


# ---- logs ---------------------------------------------------------------------------------------

class _FlushingStream:
    """stdout and stderr reach the log at every write, as Lambda's runtime makes them unbuffered."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        n = self._stream.write(text)
        self._stream.flush()
        return n

    def writelines(self, lines):
        self._stream.writelines(lines)
        self._stream.flush()

    def __getattr__(self, name):
        return getattr(self._stream, name)


class _RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _request_id or ""
        return True


class _LogSinkHandler(logging.Handler):
    """Each record is one log event, as the runtime sends it through its telemetry pipe."""

    def emit(self, record):
        try:
            _lambda_host.log(self.format(record))
        except Exception:
            self.handleError(record)


# LogRecord attributes that are not a record's own extras (the runtime leaves them out of a JSON record).
_RECORD_FIELDS = frozenset((
    "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info", "exc_text",
    "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated", "thread", "threadName",
    "processName", "process", "aws_request_id", "tenant_id", "_frame_type",
))


class _JsonFormatter(logging.Formatter):
    """
    Lambda's JSON record for the root logger (LogFormat JSON): timestamp with milliseconds, the level
    rounded to a standard one, message, logger, the exception's details when there is one, the
    request id, then the record's extras; fields that are None are left out.
    """

    def format(self, record):
        level = min(50, max(0, record.levelno)) // 10 * 10
        record.levelno = level
        record.levelname = logging.getLevelName(level)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + ".%03dZ" % int(record.msecs)
        exc = record.exc_info
        out = {
            "timestamp": stamp,
            "level": record.levelname,
            "message": record.getMessage(),
            "logger": record.name,
            "stackTrace": traceback.format_tb(exc[2]) if exc else None,
            "errorType": exc[0].__name__ if exc else None,
            "errorMessage": str(exc[1]) if exc else None,
            "requestId": getattr(record, "aws_request_id", None),
            "location": f"{record.pathname}:{record.funcName}:{record.lineno}" if exc else None,
        }
        for key, value in record.__dict__.items():
            if key not in _RECORD_FIELDS and key not in out:
                out[key] = value
        return json.JSONEncoder(ensure_ascii=False).encode({k: v for k, v in out.items() if v is not None}) + "\n"


# Read once at start, as the runtime reads AWS_LAMBDA_LOG_FORMAT before any function code runs.
_log_json = False


def _setup_logging():
    global _log_json
    _log_json = os.environ.get("AWS_LAMBDA_LOG_FORMAT", "").upper() == "JSON"
    logging.Formatter.converter = time.gmtime
    handler = _LogSinkHandler()
    if _log_json:
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S",
        ))
    # AWS_LAMBDA_LOG_LEVEL (set with JSON) is the root logger's level; Python has no TRACE, so it means DEBUG.
    level = {"TRACE": "DEBUG"}.get(os.environ.get("AWS_LAMBDA_LOG_LEVEL", ""), os.environ.get("AWS_LAMBDA_LOG_LEVEL", "")).upper()
    if level in logging._nameToLevel:
        logging.getLogger().setLevel(level)
    handler.addFilter(_RequestIdFilter())
    logging.getLogger().addHandler(handler)


def _indent_with_nbsp(line):
    stripped = line.lstrip(" ")
    return "\u00a0" * (len(line) - len(stripped)) + stripped


def _log_error(doc):
    """`[ERROR] Type: message` and the traceback, one event, indentation as no-break spaces; with JSON, one record."""
    if _log_json:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time()))
        _lambda_host.log(_to_json({"timestamp": stamp, "log_level": "ERROR", **doc}))
        return
    head = "[ERROR]"
    if doc["errorType"]:
        head += " " + doc["errorType"]
    if doc["errorMessage"]:
        head += (":" if doc["errorType"] else "") + " " + doc["errorMessage"]
    lines = [head, "Traceback (most recent call last):"]
    for entry in doc["stackTrace"]:
        if entry == "":
            lines.append("")
        for part in entry.splitlines():
            lines.append(_indent_with_nbsp(part))
    _lambda_host.log("\n".join(lines))


# ---- answers ------------------------------------------------------------------------------------

# Printable, so escaping leaves it alone; random, so no string a handler returns contains it.
_DECIMAL_MARK = "__decimal_%s__" % os.urandom(8).hex()


class _Encoder(_JSONEncoder):
    """The runtime's encoder: Decimals as their exact digits, ASCII-only except on python3.12."""

    def default(self, o):
        if isinstance(o, decimal.Decimal):
            return float("nan") if o.is_nan() else _DECIMAL_MARK + str(o) + _DECIMAL_MARK
        return super().default(o)


def _to_json(value):
    text = _encoder.encode(value)
    if _DECIMAL_MARK in text:
        text = text.replace('"' + _DECIMAL_MARK, "").replace(_DECIMAL_MARK + '"', "")
    return text


def _error_document(message, error_type, stack_trace, request_id):
    return {
        "errorMessage": message or "",
        "errorType": error_type or "",
        "requestId": request_id if request_id is not None else "",
        "stackTrace": stack_trace or [],
    }


def _user_frames(tb):
    """The traceback from the first frame outside this runtime, as (file, line, function, text) rows."""
    rows = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(tb)]
    for i, row in enumerate(rows):
        if "/bootstrap.py" not in row[0]:
            return rows[i:]
    return rows


def _exception_document(exc, request_id):
    return _error_document(str(exc), type(exc).__name__, traceback.format_list(_user_frames(exc.__traceback__)), request_id)


def _exit_code(exc):
    """What the process would exit with: sys.exit's code, 1 after a message or any other escape."""
    if isinstance(exc, SystemExit):
        if exc.code is None:
            return 0
        if isinstance(exc.code, int):
            return exc.code & 0xFF
        print(exc.code, file=sys.stderr)
        return 1
    traceback.print_exception(exc, file=sys.stderr)
    return 1


# ---- the context --------------------------------------------------------------------------------

class CognitoIdentity:
    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")

    def __repr__(self):
        return f"CognitoIdentity([cognito_identity_id={self.cognito_identity_id},cognito_identity_pool_id={self.cognito_identity_pool_id}])"


class Client:
    __slots__ = ("installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name")

    def __repr__(self):
        fields = ",".join(f"{name}={getattr(self, name)}" for name in self.__slots__)
        return f"Client([{fields}])"


class ClientContext:
    __slots__ = ("custom", "env", "client")

    def __repr__(self):
        return f"ClientContext([custom={self.custom},env={self.env},client={self.client}])"


def _from_dict(cls, values):
    if values is None:
        return None
    obj = cls()
    for name in cls.__slots__:
        setattr(obj, name, values.get(name))
    return obj


_static_context = {}


class LambdaContext:
    def __init__(self, request_id, deadline_ms, invoked_function_arn, client_context, identity):
        self.aws_request_id = request_id
        # log_group_name, log_stream_name, function_name, memory_limit_in_mb (a string, as recorded: "1024"), function_version.
        self.__dict__.update(_static_context)
        self.invoked_function_arn = invoked_function_arn
        self.client_context = _from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _from_dict(Client, self.client_context.client)
        self.identity = _from_dict(CognitoIdentity, {})
        if identity is not None:
            self.identity.cognito_identity_id = identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = identity.get("cognitoIdentityPoolId")
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(_lambda_host.now()))

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return (
            f"LambdaContext([aws_request_id={self.aws_request_id},log_group_name={self.log_group_name},"
            f"log_stream_name={self.log_stream_name},function_name={self.function_name},"
            f"memory_limit_in_mb={self.memory_limit_in_mb},function_version={self.function_version},"
            f"invoked_function_arn={self.invoked_function_arn},client_context={self.client_context},identity={self.identity}])"
        )


# ---- the host's entry points --------------------------------------------------------------------

def configure(environ_json, search_path_json, seed, ensure_ascii):
    """Once per environment, before INIT: Lambda's variables, search path, clock, logging and streams."""
    global _encoder
    _encoder = _Encoder(ensure_ascii=ensure_ascii)
    os.environ.clear()
    os.environ.update(_json_loads(environ_json))
    # The runtime reads these from the environment; they cannot change while it runs.
    for field, variable in (("log_group_name", "AWS_LAMBDA_LOG_GROUP_NAME"), ("log_stream_name", "AWS_LAMBDA_LOG_STREAM_NAME"),
                            ("function_name", "AWS_LAMBDA_FUNCTION_NAME"), ("memory_limit_in_mb", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE"),
                            ("function_version", "AWS_LAMBDA_FUNCTION_VERSION")):
        _static_context[field] = os.environ.get(variable)
    sys.path[:] = _json_loads(search_path_json) + [p for p in sys.path if p.startswith("/lib/")]
    os.chdir(os.environ["LAMBDA_TASK_ROOT"])
    time.time = _now
    time.time_ns = _now_ns
    time.sleep = _sleep
    random.seed(seed)
    sys.stdout = _FlushingStream(sys.stdout)
    sys.stderr = _FlushingStream(sys.stderr)
    _setup_logging()


def _load_handler(handler):
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError as e:
        raise _Fault("Runtime.MalformedHandlerName", f"Bad handler '{handler}': {e}")
    if module_name.split(".")[0] in sys.builtin_module_names:
        raise _Fault("Runtime.BuiltInModuleConflict", f"Cannot use built-in module {module_name} as a handler module")
    try:
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise _Fault("Runtime.ImportModuleError", f"Unable to import module '{module_name}': {e}")
    except SyntaxError as e:
        trace = [f'  File "{e.filename}" Line {e.lineno}\n    {e.text}']
        raise _Fault("Runtime.UserCodeSyntaxError", f"Syntax error in module '{module_name}': {e}", trace)
    try:
        return getattr(module, function_name)
    except AttributeError:
        raise _Fault("Runtime.HandlerNotFound", f"Handler '{function_name}' missing on module '{module_name}'")


def _answer(step, request_id):
    """
    Runs one step and answers as the host reads it: the step's own answer, 'E' + the error document
    (logged, after Lambda's warning when INIT failed), 'X' + the exit code, or 'T' (timed out).
    """
    try:
        return step()
    except _Fault as fault:
        doc = _error_document(fault.message, fault.error_type, fault.trace, request_id)
    except Exception as e:
        try:
            doc = _exception_document(e, request_id)
        except _Timedout:
            return "T"
        except BaseException as reporting:
            # The runtime builds the error document where it caught the exception: when that raises
            # too (a __str__ that fails), nothing catches it and the runtime process exits.
            return "X" + str(_exit_code(reporting))
    except _Timedout:
        return "T"
    except BaseException as e:
        return "X" + str(_exit_code(e))
    if request_id is None:
        logging.warning(UNHANDLED_WARNING)
    _log_error(doc)
    return "E" + _to_json(doc)


def init(handler):
    """INIT: imports the handler's module; answers '' when it is ready."""
    def load():
        global _handler
        _handler = _load_handler(handler)
        return ""
    return _answer(load, None)


def _unmarshal(event_json, nested_past):
    """The event as awslambdaric decodes it: any failure is Runtime.UnmarshalError."""
    try:
        if nested_past:
            # The host saw the event nest deeper than the emulator decodes (json-depth.ts): what
            # simplejson's scanner raises when it runs out of recursion.
            raise RecursionError(f"maximum recursion depth exceeded while decoding a JSON {nested_past} from a unicode string")
        return _json_loads(event_json)
    except Exception as e:
        raise _Fault("Runtime.UnmarshalError", f"Unable to unmarshal input: {e}")


def _respond(event_json, request_id, deadline_ms, invoked_function_arn, client_context_json, identity_json, nested_past):
    context = LambdaContext(
        request_id, deadline_ms, invoked_function_arn,
        _json_loads(client_context_json) if client_context_json else None,
        _json_loads(identity_json) if identity_json else None,
    )
    response = _handler(_unmarshal(event_json, nested_past), context)
    if isinstance(response, bytes):
        return "R" + response.decode("utf-8", "replace")
    try:
        return "R" + _to_json(response)
    except Exception as e:
        raise _Fault("Runtime.MarshalError", f"Unable to marshal response: {e}")


def invoke(event_json, meta):
    """
    One invocation; answers 'R' + the response, or as _answer does. `meta` is the request id, the
    deadline (epoch ms), the ARN as invoked, the trace id, the client context and the identity (JSON
    or empty), and 'array' or 'object' when the event nests too deep to decode, one per line.
    """
    global _request_id
    request_id, deadline_ms, invoked_function_arn, trace_id, client_context_json, identity_json, nested_past = meta.split("\n")
    _request_id = request_id
    os.environ["_X_AMZN_TRACE_ID"] = trace_id
    return _answer(lambda: _respond(event_json, request_id, int(deadline_ms), invoked_function_arn, client_context_json, identity_json, nested_past), request_id)
