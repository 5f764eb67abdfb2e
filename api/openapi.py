"""`/openapi.json` as the API behaves: FastAPI's document, less the validation error it documents by
default (`{"detail": [...]}`), which this API never sends. Routes document their own 422 (the
`ErrorBody` every error has) where they can send one; a route that cannot (a string in its path, no
query) documents none."""

from typing import Any

from fastapi import FastAPI

FASTAPI_422 = ("HTTPValidationError", "ValidationError")


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


def install_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = drop_default_validation_errors(FastAPI.openapi(app))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
