"""`/v1/listings`: one listing localised for its markets within the request, and its versions.

A seller has one listing per SKU: submitting the SKU again with a changed source is the next version
of the same listing (its approved localisations become `stale` until reviewed again); submitting it
unchanged does nothing."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import CurrentSeller, KnownMarkets, LocalizerDep, SessionDep, markets_by_code
from api.errors import ApiError
from api.responses import errors, send
from api.schemas.localizations import (
    ListingCreate,
    ListingCreated,
    ListingFailure,
    ListingVersions,
    LocalizationRef,
)
from localize.store import models
from localize.store.accounts import aware
from localize.store.service import NothingLocalized, ServiceError
from localize.store.versions import source_changes, versions

router = APIRouter(prefix="/v1/listings", tags=["listings"])
UNCHANGED: dict[int | str, dict[str, Any]] = {200: {
    "model": ListingCreated,
    "description": "The same source was already localised for these markets: nothing was done (`unchanged`: true)"}}


def needs(row: models.Localization) -> list[str]:
    """What waits for a person: the text (no model for the pair), the price (no FX rate)."""
    return [need for need, waiting in (("translation", row.needs_translation), ("price", row.needs_price)) if waiting]


@router.post("", status_code=201, response_model=ListingCreated,
             summary="Localise one listing for the given markets, within the request",
             responses={**UNCHANGED, **errors(400, 401, 413, 422, 503, e422="A field of the listing is invalid or a "
                        "market unknown (`invalid`), or no market could be localised (`localization_failed`)")})
def submit_listing(body: ListingCreate, current: CurrentSeller, known: KnownMarkets,
                   localizer: LocalizerDep) -> JSONResponse:
    markets = markets_by_code(known, body.markets)
    try:
        done = localizer.localize_listing(current.id, body.listing, markets)
    except ServiceError as exc:
        raise ApiError(503, f"localisation is not available: {exc}", code="unavailable") from exc
    except NothingLocalized as exc:
        raise ApiError(422, str(exc), field="markets", code="localization_failed") from exc
    created = ListingCreated(
        listing_id=done.listing_id, version=done.version, unchanged=done.unchanged,
        segments_translated=done.segments_to_mt, failures=[ListingFailure(**failure) for failure in done.failures],
        localizations=[LocalizationRef(id=row.id, market=row.market, status=row.status, needs=needs(row))
                       for row in done.localizations])
    return send(created.model_dump(mode="json"), status_code=200 if done.unchanged else 201)


@router.get("/{listing_id}/versions", response_model=ListingVersions, summary="Every version of one of your listings",
            responses=errors(401, 404))
def listing_versions(listing_id: str, session: SessionDep, current: CurrentSeller) -> JSONResponse:
    rows = versions(session, current.id, listing_id)
    if not rows:
        raise ApiError(404, f"no listing {listing_id!r}", field="listing_id")
    items: list[dict[str, Any]] = []
    for before, row in zip([None, *rows], rows, strict=False):
        items.append({"version": row.version, "created_at": aware(row.created_at), "batch_id": row.batch_id,
                      "markets": row.markets, "listing": row.data,
                      "changes": source_changes(before.data, row.data) if before else {}})
    return send({"listing_id": listing_id, "sku": rows[-1].sku, "total": len(items), "items": items})
