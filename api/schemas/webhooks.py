"""A seller's webhook: the JSON of `/v1/webhook`."""

from pydantic import BaseModel, ConfigDict, Field


class WebhookSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(min_length=8, max_length=2000, pattern=r"^https?://[^\s/]+", examples=["https://example.com/hook"],
                     description="where batch events are POSTed (http or https; a public address)")


class WebhookPublic(BaseModel):
    url: str


class WebhookCreated(WebhookPublic):
    secret: str = Field(description="signs every event (`X-Localize-Signature: sha256=HMAC(secret, "
                                    "timestamp + '.' + body)`); shown only now, a new one on each PUT")
