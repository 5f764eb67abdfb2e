"""`/v1/localizations`: read, list, acknowledge flags of, approve, reject and price your localisations.

A localisation is sent as the store holds it (`LocalizationPublic`): the output contract with the
store's `id`, `status`, `listing_id` and `batch_id`, and the seller's own columns."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from api.deps import ApprovingSeller, CurrentSeller, LocalizerDep, SellerScope, SessionDep
from api.errors import ApiError
from api.responses import errors, send
from api.schemas.localizations import (
    NEED_DESCRIPTION,
    LocalizationAcknowledge,
    LocalizationApprove,
    LocalizationPrice,
    LocalizationPublic,
    LocalizationReject,
    LocalizationsPublic,
    Need,
)
from localize.localization import Status
from localize.markets import MarketCode
from localize.store import models
from localize.store.prices import set_price
from localize.store.queue import Filters, NotFound, Scope, get_localization, list_localizations
from localize.store.review import ReviewError, acknowledge, approve, reject

router = APIRouter(prefix="/v1/localizations", tags=["localizations"])
Sort = Literal["created", "confidence", "-confidence"]
MAX_OFFSET = 10**9  # beyond any store; a larger one would overflow the database's integer
SORT_DESCRIPTION = "`confidence`: the least sure first (no MT last); `-confidence`: the surest"
CONFLICT = "The item is already approved or rejected (`conflict`)"


def public(row: models.Localization) -> dict[str, Any]:
    """The JSON of a stored localisation (`LocalizationPublic`)."""
    return {**row.data, "id": row.id, "status": row.status, "listing_id": row.listing_first_id or row.listing_id,
            "listing_version": row.listing_version, "batch_id": row.batch_id, "source_changes": row.source_changes,
            "acknowledgements": row.acknowledgements}


def own_localization(session: Session, localization_id: str, scope: Scope) -> models.Localization:
    """The localisation if the caller may see it; 404 otherwise (another seller's too). Looked up in
    the route's body, after the request was validated."""
    try:
        return get_localization(session, localization_id, scope)
    except NotFound as exc:
        raise ApiError(404, str(exc), field="id") from exc


def refused(session: Session, exc: ReviewError, conflicts: tuple[str, ...]) -> ApiError:
    """A review action the item's state refuses (409) or whose input is wrong (422); nothing kept."""
    session.rollback()
    return ApiError(409 if exc.field in conflicts else 422, str(exc), field=exc.field)


@router.get("/{localization_id}", response_model=LocalizationPublic, summary="One localisation",
            responses=errors(401, 404))
def read_localization(localization_id: str, session: SessionDep, scope: SellerScope) -> JSONResponse:
    return send(public(own_localization(session, localization_id, scope)))


@router.get("", response_model=LocalizationsPublic, summary="Your localisations, filtered and paged",
            responses=errors(401, 422))
def search_localizations(
    session: SessionDep,
    scope: SellerScope,
    market: Annotated[MarketCode | None, Query()] = None,
    status: Status | None = None,
    sku: Annotated[str | None, Query(max_length=200, pattern=r"^[^\x00]*$", description="a prefix")] = None,
    batch_id: Annotated[str | None, Query(max_length=64)] = None,
    needs: Annotated[Need | None, Query(description=NEED_DESCRIPTION)] = None,
    rule: Annotated[str | None, Query(max_length=200, pattern=r"^[^\x00]*$",
                                      description="with a flag of this rule id (`de.claim.gs-mark`)")] = None,
    confidence_below: Annotated[float | None, Query(ge=0, le=100, description="the least sure field's confidence "
                                                    "under this (0-100); text no model translated has none")] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200, pattern=r"^[^\x00]*$",
                                   description="text in the source or the translation, in any case")] = None,
    sort: Annotated[Sort, Query(description=SORT_DESCRIPTION)] = "created",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> JSONResponse:
    filters = Filters(market=market, status=status and status.value, sku=sku, batch_id=batch_id, needs=needs,
                      rule=rule, confidence_below=confidence_below, q=q, sort=sort, limit=limit, offset=offset)
    rows, total = list_localizations(session, scope, filters)
    return send({"total": total, "limit": limit, "offset": offset, "items": [public(row) for row in rows]})


@router.post("/{localization_id}/approve", response_model=LocalizationPublic,
             summary="Approve, optionally with edits; refused (409) while a block flag stands",
             description="Needs a key with the `approve` role (`localize keys create --role approve`). The "
                         "approved text teaches this seller's translation memory only.",
             responses=errors(400, 401, 403, 404, 409, 413, 422, e403="The key's role is not `approve` "
                              "(`forbidden`)", e409="A block flag stands (`field: flags`), or the item "
                              "is already approved or rejected (`field: status`) (`conflict`)"))
def approve_localization(localization_id: str, session: SessionDep, current: ApprovingSeller,
                         localizer: LocalizerDep, body: LocalizationApprove | None = None) -> JSONResponse:
    row = own_localization(session, localization_id, Scope(seller_id=current.id))
    body = body or LocalizationApprove()
    try:
        approve(session, row, f"seller:{current.name}", localizer.market(row.market), localizer.memory,
                body.edits.model_dump(exclude_none=True) if body.edits else None, body.comment, by_reviewer=False)
    except ReviewError as exc:
        raise refused(session, exc, ("flags", "status")) from exc
    session.commit()
    return send(public(row))


@router.post("/{localization_id}/acknowledge", response_model=LocalizationPublic,
             summary="Let a warn or info flag stand, with a reason (never a block flag)",
             description="Needs a key with the `approve` role, as approving does. Acknowledges the item's flags of "
                         "`rule` in `field` (again: a new reason); an edit that clears the flag drops it.",
             responses=errors(400, 401, 403, 404, 409, 413, 422, e403="The key's role is not `approve` (`forbidden`)",
                              e409="The flag is a block flag (`field: flags`), or the item is already approved or "
                                   "rejected (`field: status`) (`conflict`)",
                              e422="No such flag on the item (`field: rule`), or the body is invalid"))
def acknowledge_flag(localization_id: str, body: LocalizationAcknowledge, session: SessionDep,
                     current: ApprovingSeller) -> JSONResponse:
    row = own_localization(session, localization_id, Scope(seller_id=current.id))
    try:
        acknowledge(session, row, f"seller:{current.name}", body.rule, body.field, body.reason)
    except ReviewError as exc:
        raise refused(session, exc, ("flags", "status")) from exc
    session.commit()
    return send(public(row))


@router.post("/{localization_id}/reject", response_model=LocalizationPublic, summary="Reject with a reason",
             responses=errors(400, 401, 404, 409, 413, 422, e409=CONFLICT))
def reject_localization(localization_id: str, body: LocalizationReject, session: SessionDep,
                        current: CurrentSeller) -> JSONResponse:
    row = own_localization(session, localization_id, Scope(seller_id=current.id))
    try:
        reject(session, row, f"seller:{current.name}", body.reason)
    except ReviewError as exc:
        raise refused(session, exc, ("status",)) from exc
    session.commit()
    return send(public(row))


@router.post("/{localization_id}/price", response_model=LocalizationPublic,
             summary="Set the SKU's price for the market by hand (used instead of FX from then on)",
             responses=errors(400, 401, 404, 409, 413, 422, e409=CONFLICT))
def price_localization(localization_id: str, body: LocalizationPrice, session: SessionDep,
                       current: CurrentSeller, localizer: LocalizerDep) -> JSONResponse:
    row = own_localization(session, localization_id, Scope(seller_id=current.id))
    try:
        set_price(session, row, body.amount, f"seller:{current.name}", localizer.market(row.market))
    except ReviewError as exc:
        raise refused(session, exc, ("status",)) from exc
    session.commit()
    return send(public(row))
