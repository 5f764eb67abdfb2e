"""The one error shape the API sends, with a 4xx (or 503) status: `{"error": {"code", "message", "field"}}`."""

from pydantic import BaseModel, Field
from pydantic.json_schema import SkipJsonSchema


class ErrorDetail(BaseModel):
    code: str = Field(description="what went wrong, for programs: `malformed_json`, `bad_request`, `unauthorized`, "
                                  "`not_found`, `conflict`, `too_large`, `unsupported_media_type`, `invalid`, "
                                  "`localization_failed`, `unavailable`, `method_not_allowed`",
                      examples=["invalid"])
    message: str = Field(description="what went wrong, for people", examples=["listing.title: Field required"])
    field: str | SkipJsonSchema[None] = Field(
        default=None, description="the field at fault (`listing.title`, `markets`, `Authorization`, `id`); "
                                  "absent when the error is not about one field", examples=["listing.title"])


class ErrorBody(BaseModel):
    """Every error the API sends; bad input is never a 500."""

    error: ErrorDetail
