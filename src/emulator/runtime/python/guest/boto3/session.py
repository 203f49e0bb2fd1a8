"""boto3.session.Session: the region comes from the function's environment, as on Lambda."""
import os

from botocore.client import SERVICE_CLASS_NAMES, create_client
from botocore.exceptions import UnknownServiceError


class Session:
    def __init__(self, aws_access_key_id=None, aws_secret_access_key=None, aws_session_token=None,
                 region_name=None, botocore_session=None, profile_name=None):
        self._region_name = region_name or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
        self.profile_name = profile_name or "default"

    @property
    def region_name(self):
        return self._region_name

    def get_available_services(self):
        return sorted(SERVICE_CLASS_NAMES)

    def client(self, service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
               endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None,
               aws_session_token=None, config=None):
        if service_name not in SERVICE_CLASS_NAMES:
            raise UnknownServiceError(service_name=service_name, known_service_names=", ".join(sorted(SERVICE_CLASS_NAMES)))
        return create_client(service_name, region_name or self._region_name)

    def resource(self, *args, **kwargs):
        raise NotImplementedError("The emulator's boto3 provides clients only (boto3.client); resources are not part of its subset.")
