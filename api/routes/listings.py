"""`POST /v1/listings`: one listing localised for its markets within the request."""

from fastapi import APIRouter

from api.deps import CurrentSeller, KnownMarkets, LocalizerDep, markets_by_code
from api.errors import ApiError
from api.responses import errors
from api.schemas.localizations import ListingCreate, ListingCreated, ListingFailure, LocalizationRef
from localize.store import models
from localize.store.service import NothingLocalized, ServiceError

router = APIRouter(prefix="/v1/listings", tags=["listings"])


def needs(row: models.Localization) -> list[str]:
    """What waits for a person: the text (no model for the pair), the price (no FX rate)."""
    return [need for need, waiting in (("translation", row.needs_translation), ("price", row.needs_price)) if waiting]


@router.post("", status_code=201, response_model=ListingCreated,
             summary="Localise one listing for the given markets, within the request",
             responses=errors(400, 401, 413, 422, 503, e422="A field of the listing is invalid or a market unknown "
                              "(`invalid`), or no market could be localised (`localization_failed`)"))
def submit_listing(body: ListingCreate, current: CurrentSeller, known: KnownMarkets,
                   localizer: LocalizerDep) -> ListingCreated:
    markets = markets_by_code(known, body.markets)
    try:
        done = localizer.localize_listing(current.id, body.listing, markets)
    except ServiceError as exc:
        raise ApiError(503, f"localisation is not available: {exc}", code="unavailable") from exc
    except NothingLocalized as exc:
        raise ApiError(422, str(exc), field="markets", code="localization_failed") from exc
    return ListingCreated(
        listing_id=done.listing_id, failures=[ListingFailure(**failure) for failure in done.failures],
        localizations=[LocalizationRef(id=row.id, market=row.market, status=row.status, needs=needs(row))
                       for row in done.localizations])
