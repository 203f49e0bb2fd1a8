"""botocore's exception classes, with its messages."""


class BotoCoreError(Exception):
    fmt = "An unspecified error occurred"

    def __init__(self, **kwargs):
        super().__init__(self.fmt.format(**kwargs))
        self.kwargs = kwargs


class UnknownServiceError(BotoCoreError):
    fmt = "Unknown service: '{service_name}'. Valid service names are: {known_service_names}"


class ParamValidationError(BotoCoreError):
    fmt = "Parameter validation failed:\n{report}"


class NoCredentialsError(BotoCoreError):
    fmt = "Unable to locate credentials"


class ClientError(Exception):
    MSG_TEMPLATE = "An error occurred ({error_code}) when calling the {operation_name} operation{retry_info}: {error_message}"

    def __init__(self, error_response, operation_name):
        error = error_response.get("Error", {})
        super().__init__(self.MSG_TEMPLATE.format(
            error_code=error.get("Code", "Unknown"), error_message=error.get("Message", "Unknown"),
            operation_name=operation_name, retry_info="",
        ))
        self.response = error_response
        self.operation_name = operation_name
