"""`/openapi.json` as the API behaves: FastAPI's document, less the validation error it documents by
default (`{"detail": [...]}`), which this API never sends. Routes document their own 422 (the
`ErrorBody` every error has) where they can send one; a route that cannot (a string in its path, no
query) documents none."""

from typing import Any

from fastapi import FastAPI

FASTAPI_422 = ("HTTPValidationError", "ValidationError")
SERVICE_ERRORS = {
    "429": "Over a rate limit, per API key or per client address (`too_many_requests`); retry after `Retry-After`",
    "503": "The store is busy or localisation is not available (`unavailable`); retry later",
}
RETRY_AFTER = {"Retry-After": {"description": "seconds to wait", "schema": {"type": "string"}}}


def drop_default_validation_errors(document: dict[str, Any]) -> dict[str, Any]:
    """Remove the 422 responses FastAPI added by itself, and their schemas."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            response = operation.get("responses", {}).get("422", {})
            schema = response.get("content", {}).get("application/json", {}).get("schema", {})
            if schema.get("$ref", "").endswith("/" + FASTAPI_422[0]):
                del operation["responses"]["422"]
    schemas = document.get("components", {}).get("schemas", {})
    for name in FASTAPI_422:
        schemas.pop(name, None)
    return document


def add_service_errors(document: dict[str, Any]) -> dict[str, Any]:
    """Every `/v1` operation may be throttled (429), and every one that looks up an API key may find
    the store busy (503): documented on each, with the error body and `Retry-After`, where the route
    did not document them itself."""
    for path, operations in document.get("paths", {}).items():
        if not path.startswith("/v1"):
            continue
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in SERVICE_ERRORS.items():
                if status == "503" and "security" not in operation:
                    continue
                responses.setdefault(status, {
                    "description": description, "headers": RETRY_AFTER,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}})
    return document


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_service_errors(drop_default_validation_errors(FastAPI.openapi(app)))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
