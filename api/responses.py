"""What a route documents about its responses, and how it sends JSON the store already holds.

`errors(401, 404)` is a route's `responses=`: each status it really sends, with the error model and
what that status means there. Routes whose JSON is the store's own (a localisation, a market) send
it as it is with `send()`; their `response_model` documents it, and the tests check every response
they provoke against `/openapi.json`."""

from typing import Any

from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from api.schemas.errors import ErrorBody

MEANINGS = {
    400: "Malformed JSON (`malformed_json`)",
    401: "No API key, or one that is not valid or revoked (`unauthorized`)",
    403: "The API key's role does not allow this (`forbidden`)",
    404: "No such item among yours (`not_found`): another seller's items are 404 too",
    409: "The item is already approved or rejected (`conflict`)",
    413: "The body is over `LOCALIZE_MAX_BODY_BYTES` (`too_large`)",
    415: "The file is not .csv, .jsonl or .json (`unsupported_media_type`)",
    422: "A field is invalid, or a market unknown (`invalid`); `field` names it",
    503: "Localisation is not available: the model configuration or the rates file is broken (`unavailable`)",
}
BEARER_CHALLENGE = {"WWW-Authenticate": {"description": "`Bearer`", "schema": {"type": "string"}}}


def errors(*statuses: int, **meanings: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` for the error statuses a route sends; `meanings` (`e409="..."`) says what one
    means for this route where the general meaning does not fit."""
    documented: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        documented[status] = {"model": ErrorBody, "description": meanings.get(f"e{status}", MEANINGS[status])}
        if status == 401:
            documented[status]["headers"] = BEARER_CHALLENGE
    return documented


def send(data: Any, status_code: int = 200) -> JSONResponse:
    """The JSON as it is, byte for byte what the API has always sent for it."""
    return JSONResponse(jsonable_encoder(data), status_code=status_code)
