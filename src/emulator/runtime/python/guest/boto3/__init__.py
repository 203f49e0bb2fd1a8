"""
boto3 inside the emulator: a faithful subset, not the real library. boto3.client(...) and
Session().client(...) for the services the emulator answers (lambda, logs, s3, sqs, sns, events): each call goes to the
emulator's host, which runs it with the real AWS SDK for JavaScript against the same account and
answers in boto3's shapes (ResponseMetadata, a StreamingBody Payload, ClientError).
"""
import _lambda_host

from boto3.session import Session

__version__ = "1.40.0+workbook"

# Calls made from here on must be able to wait for the host: the runtime calls this function's handler accordingly.
_lambda_host.sdk_imported()

DEFAULT_SESSION = None


def setup_default_session(**kwargs):
    global DEFAULT_SESSION
    DEFAULT_SESSION = Session(**kwargs)


def _get_default_session():
    if DEFAULT_SESSION is None:
        setup_default_session()
    return DEFAULT_SESSION


def client(*args, **kwargs):
    return _get_default_session().client(*args, **kwargs)


def resource(*args, **kwargs):
    raise NotImplementedError("The emulator's boto3 provides clients only (boto3.client); resources are not part of its subset.")
