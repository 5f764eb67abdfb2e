"""The localisation of one listing for one market: the output contract of DESIGN.md."""

import uuid
from datetime import UTC, date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Severity(StrEnum):
    """How much a flag matters, least first (`rank`)."""

    INFO = "info"
    WARN = "warn"
    BLOCK = "block"  # cannot be approved until an edit makes the rule stop firing

    @property
    def rank(self) -> int:
        """0 for info, 2 for block: what `max(flags, key=...)` and sorting by importance use."""
        return list(Severity).index(self)


class Status(StrEnum):
    PENDING_REVIEW = "pending_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    STALE = "stale"  # approved, but the seller changed the source since: waits for review again

    @property
    def reviewable(self) -> bool:
        """Whether a reviewer may still edit, approve or reject it."""
        return self in (Status.PENDING_REVIEW, Status.STALE)


class Flag(BaseModel):
    rule: str
    severity: Severity
    field: str = Field(description="title, description, bullets[0], ...; source.title for the source text; "
                                   "listing for what the listing lacks as a whole")
    message: str
    suggestion: str | None = None
    span: tuple[int, int] | None = Field(default=None, description="[start, end) of the match in the field's text")
    match: str | None = Field(default=None, description="the text the rule fired on")
    why: str | None = Field(default=None, description="the cultural or legal reason, with its source")
    replacement: str | None = Field(
        default=None, description="text the reviewer can apply to the field with one click (a compact title "
                                  "for one over the limit); never applied without them")


class PriceOut(BaseModel):
    amount: str
    currency: str
    display: str
    fx_rate: str | None = None
    fx_date: date | None = None
    vat_included: bool | None = None
    set_by: str | None = Field(default=None, description="who set this market's price by hand, instead of FX")


class WeightOut(BaseModel):
    value: float
    unit: str
    display: str


class DimensionsOut(BaseModel):
    length: float
    width: float
    height: float
    unit: str
    display: str


class SizeOut(BaseModel):
    system: str
    value: str


class EngineInfo(BaseModel):
    name: str = Field(description="the MT engine; `memory` when every sentence came from the translation memory; "
                                  "`none` when the source is in the market's language; `unavailable` when no model "
                                  "serves the pair and the text is left for a person")
    model: str | None = None
    segments: int = Field(default=0, description="sentences that needed translating")
    from_memory: int = Field(default=0, description="of those, taken from approved translations")

    @property
    def model_label(self) -> str | None:
        """The model as a person reads it: hub ids as they are, local folders by their name
        (`/srv/models/zh-en -> /srv/models/en-de` is `zh-en -> en-de`)."""
        if not self.model:
            return None
        return " -> ".join(part.rstrip("/").rsplit("/", 1)[-1] if part.startswith(("/", ".")) else part
                           for part in self.model.split(" -> "))


class Localization(BaseModel):
    """Seller columns the contract does not name ride along as extra fields, unchanged."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    sku: str
    market: str
    status: Status = Status.PENDING_REVIEW
    source_lang: str
    target_lang: str
    title: str
    description: str = ""
    bullets: list[str] = []
    keywords: list[str] = []
    price: PriceOut | None = None
    weight: WeightOut | None = None
    dimensions: DimensionsOut | None = None
    size: SizeOut | None = None
    colors: list[str] = []
    category: str | None = None
    brand: str | None = None
    flags: list[Flag] = []
    engine: EngineInfo
    confidence: float | None = Field(default=None, description="the lowest of `field_confidence`: what to review first")
    field_confidence: dict[str, float] = Field(
        default_factory=dict,
        description="per machine-translated field (title, description, bullets[0], ...), 0-100: the model's mean "
                    "token probability of the least sure sentence; 100 for translation memory")
    as_of: date | None = Field(default=None, description="the day localised for: its FX rates and calendar rules")
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
