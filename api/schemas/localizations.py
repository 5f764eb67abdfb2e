"""Listings in, localisations out: the JSON of `/v1/listings` and `/v1/localizations`."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from localize.listing import MAX_DESCRIPTION, MAX_TITLE, Items, Listing
from localize.localization import Localization, Status
from localize.markets import MarketCodeSchema

Need = Literal["translation", "price"]
NEED_DESCRIPTION = "what waits for a person: the text (no model for the pair), the price (no FX rate)"


class Acknowledgement(BaseModel):
    """A `warn` or `info` flag a reviewer let stand, and why: it lasts while a flag of its rule,
    field and match does (an edit that clears the flag drops it)."""

    rule: str
    field: str
    match: str | None
    by: str = Field(description="who acknowledged it (a reviewer, or `seller:NAME` through the API)")
    reason: str
    at: datetime


class LocalizationPublic(Localization):
    """One localisation as stored: the output contract (`localize.localization.Localization`) with the
    store's `id`, `status`, `listing_id` and `batch_id`. The seller's own columns ride along as
    further properties, unchanged."""

    model_config = ConfigDict(extra="allow")

    id: str = Field(description="the localisation's id in the store")
    status: Status
    created_at: datetime
    listing_id: str = Field(description="the seller's listing it was made from (one per SKU)")
    listing_version: int = Field(description="the version of the listing it follows")
    batch_id: str | None = Field(description="the batch it came in, or null for a listing submitted alone")
    source_changes: dict[str, list[Any]] | None = Field(
        default=None, description="what the seller changed in the listing since this text was approved (a `stale` "
                                  "item) or localised: source field (`title`, `bullets[2]`) -> [before, after]")
    acknowledgements: list[Acknowledgement] = Field(default=[], description="flags let stand, with the reason")


class LocalizationsPublic(BaseModel):
    """A page of localisations, in the order asked for."""

    total: int = Field(description="how many match the filters, on all pages")
    limit: int
    offset: int
    items: list[LocalizationPublic]


class ListingCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    listing: Listing
    markets: list[Annotated[str, MarketCodeSchema]] = Field(min_length=1, max_length=16,
                                                            description="market codes, e.g. de-DE")


class LocalizationRef(BaseModel):
    id: str
    market: str
    status: Status
    needs: list[Need] = Field(default=[], description=NEED_DESCRIPTION)


class ListingFailure(BaseModel):
    market: str = Field(description="the market it could not be localised for")
    reason: str


class ListingCreated(BaseModel):
    listing_id: str = Field(description="the seller's listing of this SKU: the same id for every version")
    version: int = Field(description="1 for a new SKU; a resubmission that changes the source is the next version")
    unchanged: bool = Field(default=False, description="the same source was already localised for these markets: "
                                                       "nothing was translated or stored (HTTP 200)")
    segments_translated: int = Field(default=0, description="distinct sentences sent to the MT engine; the rest "
                                                            "came from the translation memory or were unchanged")
    localizations: list[LocalizationRef] = Field(description="one per market, waiting for review")
    failures: list[ListingFailure] = Field(default=[], description="markets it could not be localised for")


class ListingVersion(BaseModel):
    version: int
    created_at: datetime
    batch_id: str | None
    markets: list[str]
    changes: dict[str, list[Any]] = Field(description="what changed from the version before: field -> [before, after]")
    listing: Listing


class ListingVersions(BaseModel):
    """Every version of one of your listings, oldest first."""

    listing_id: str
    sku: str
    total: int
    items: list[ListingVersion]


class LocalizationEdits(BaseModel):
    """What a reviewer may change before approving: the translated text, within the listing's limits."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=MAX_TITLE)
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION)
    bullets: Items | None = None
    keywords: Items | None = None
    colors: Items | None = None


class LocalizationApprove(BaseModel):
    model_config = ConfigDict(extra="forbid")

    edits: LocalizationEdits | None = Field(default=None, description="only the fields given are changed")
    comment: str | None = Field(default=None, max_length=2000)


class LocalizationReject(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=2000)


class LocalizationAcknowledge(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rule: str = Field(min_length=1, max_length=200, description="the flag's rule id, e.g. `de.claim.gs-mark`")
    field: str = Field(min_length=1, max_length=200, description="the flag's field, e.g. `title`, `bullets[0]`")
    reason: str = Field(min_length=1, max_length=2000, description="why the flag may stand")


class LocalizationPrice(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Decimal = Field(gt=0, max_digits=15, decimal_places=4,
                            description="the price in the market's currency, as shoppers see it (VAT included "
                                        "where the market shows it)")
