"""Errors in Pennylane's shapes (``../shared/pennylane-api.md`` §3)."""

from __future__ import annotations


class ApiError(Exception):
    """An HTTP error answer: status, a JSON body (or plain text) and extra headers."""

    def __init__(self, status: int, body: dict | list | str, headers: dict[str, str] | None = None,
                 schema_error: str | None = None) -> None:
        super().__init__(f"{status}: {body}")
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.schema_error = schema_error  # set for 400s caused by schema validation


def unauthorized() -> ApiError:
    return ApiError(401, {"error": "The access token is invalid", "status": 401})


def forbidden(scope: str) -> ApiError:
    return ApiError(403, {"error": f'Access to this resource requires scope "{scope}".', "status": 403})


def not_found(message: str | None = None) -> ApiError:
    """404 exactly as the OpenAPI document: ``{"error", "status"}``. ``message`` (what was not
    found) is for the stand-in's log only: Pennylane does not say which resource is missing."""
    return ApiError(404, {"error": "Not Found", "status": 404})


def conflict(message: str | None = None) -> ApiError:
    """409 exactly as the OpenAPI document: ``{"error", "status"}`` (``message``: log only)."""
    return ApiError(409, {"error": "Conflict with the current state of the target resource. Resource already exists.",
                          "status": 409})


def unprocessable(message: str) -> ApiError:
    return ApiError(422, {"error": message, "status": 422})


def bad_request(message: str, field: str | None = None, code: str | None = None,
                schema_error: str | None = None) -> ApiError:
    body: dict = {"message": message}
    if field is not None:
        body["field"] = field
    if code is not None:
        body["code"] = code
    return ApiError(400, body, schema_error=schema_error)


def bad_request_plain(message: str) -> ApiError:
    return ApiError(400, {"error": message, "status": 400})
