"""The JSON API of DESIGN.md, under `/v1`, for sellers with API keys."""

from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from api.deps import db, seller, seller_scope
from api.errors import ApiError
from localize.catalog.read import CatalogError
from localize.catalog.write import flatten_rows, jsonl_text
from localize.listing import Listing
from localize.markets import Market, MarketCode, load_markets, market_code, unknown_market
from localize.store import models
from localize.store.models import Seller
from localize.store.prices import set_price
from localize.store.queue import (
    Filters,
    NotFound,
    ReviewError,
    Scope,
    approve,
    export_rows,
    get_localization,
    list_localizations,
    reject,
)
from localize.store.service import ServiceError

router = APIRouter(prefix="/v1")
BATCH_SUFFIXES = (".csv", ".jsonl", ".json")


class SubmitListing(BaseModel):
    model_config = ConfigDict(extra="forbid")

    listing: Listing
    markets: list[str] = Field(min_length=1, max_length=16, description="market codes, e.g. de-DE")


class LocalizationRef(BaseModel):
    id: str
    market: str
    status: str
    needs: list[Literal["translation", "price"]] = Field(
        default=[], description="what waits for a person: the text (no model for the pair), the price (no FX rate)")


def _needs(row: models.Localization) -> list[str]:
    return [need for need, waiting in (("translation", row.needs_translation), ("price", row.needs_price)) if waiting]


class Submitted(BaseModel):
    listing_id: str
    localizations: list[LocalizationRef]
    failures: list[dict[str, str]] = []


class ApproveBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    edits: dict[str, Any] | None = Field(default=None, description="title, description, bullets, keywords, colors")
    comment: str | None = Field(default=None, max_length=2000)


class RejectBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=2000)


class PriceBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Decimal = Field(gt=0, max_digits=15, decimal_places=4,
                            description="the price in the market's currency, as shoppers see it (VAT included "
                                        "where the market shows it)")


class BatchAccepted(BaseModel):
    batch_id: str
    total: int
    rejected: list[str]


class BatchProgress(BaseModel):
    id: str
    status: Literal["queued", "running", "done", "failed"]
    filename: str
    markets: list[str]
    total: int
    processed: int
    localizations: int
    untranslated: int = Field(description="localisations whose text waits for a person: no model for the pair")
    unpriced: int = Field(description="localisations whose price waits for a rate or a person")
    rejected: list[str]
    failures: list[dict[str, str]]
    error: str | None


def markets_by_code(request: Request, codes: list[str], field: str = "markets") -> list[Market]:
    """The markets named, as people type them (`de-de`, `de_DE`); a 422 naming the first unknown one."""
    known = load_markets(request.app.state.settings.market_rules)
    for code in codes:
        if market_code(code) not in known:
            raise ApiError(422, unknown_market(code, known), field=field)
    return [known[code] for code in dict.fromkeys(market_code(code) for code in codes)]


def _row_json(row: models.Localization) -> dict[str, Any]:
    return {**row.data, "id": row.id, "status": row.status, "listing_id": row.listing_id, "batch_id": row.batch_id}


def _localization(session: Session, localization_id: str, scope: Scope) -> models.Localization:
    try:
        return get_localization(session, localization_id, scope)
    except NotFound as exc:
        raise ApiError(404, str(exc), field="id") from exc


@router.post("/listings", status_code=201, response_model=Submitted, tags=["listings"],
             summary="Localise one listing for the given markets, within the request")
def submit_listing(body: SubmitListing, request: Request, current: Seller = Depends(seller)) -> Submitted:
    markets = markets_by_code(request, body.markets)
    try:
        done = request.app.state.localizer.localize_listing(current.id, body.listing, markets)
    except ServiceError as exc:
        raise ApiError(503, f"localisation is not available: {exc}", code="unavailable") from exc
    if not done.localizations and done.failures:
        raise ApiError(422, "; ".join(f"{f['market']}: {f['reason']}" for f in done.failures), field="markets",
                       code="localization_failed")
    return Submitted(listing_id=done.listing_id, failures=done.failures, localizations=[
        LocalizationRef(id=row.id, market=row.market, status=row.status, needs=_needs(row))
        for row in done.localizations])


@router.get("/localizations/{localization_id}", tags=["localizations"], summary="One localisation")
def read_localization(localization_id: str, session: Session = Depends(db),
                      scope: Scope = Depends(seller_scope)) -> dict[str, Any]:
    return _row_json(_localization(session, localization_id, scope))


@router.get("/localizations", tags=["localizations"], summary="Your localisations, filtered and paged")
def search_localizations(
    market: MarketCode | None = Query(default=None),
    status: Literal["pending_review", "approved", "rejected"] | None = None,
    sku: str | None = Query(default=None, max_length=200, pattern=r"^[^\x00]*$"),
    batch_id: str | None = Query(default=None, max_length=64),
    needs: Literal["translation", "price"] | None = Query(default=None, description="what waits for a person"),
    sort: Literal["created", "confidence", "-confidence"] = Query(
        default="created", description="`confidence`: the least sure first (no MT last); `-confidence`: the surest"),
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
    session: Session = Depends(db),
    scope: Scope = Depends(seller_scope),
) -> dict[str, Any]:
    rows, total = list_localizations(session, scope, Filters(market=market, status=status, sku=sku,
                                                             batch_id=batch_id, needs=needs, sort=sort,
                                                             limit=limit, offset=offset))
    return {"total": total, "limit": limit, "offset": offset, "items": [_row_json(row) for row in rows]}


@router.post("/localizations/{localization_id}/approve", tags=["localizations"],
             summary="Approve, optionally with edits; refused (409) while a block flag stands")
def approve_localization(localization_id: str, request: Request, body: ApproveBody | None = None,
                         session: Session = Depends(db), current: Seller = Depends(seller)) -> dict[str, Any]:
    row = _localization(session, localization_id, Scope(seller_id=current.id))
    body = body or ApproveBody()
    try:
        approve(session, row, f"seller:{current.name}", request.app.state.localizer.market(row.market),
                request.app.state.localizer.memory, body.edits, body.comment)
    except ReviewError as exc:
        session.rollback()
        raise ApiError(409 if exc.field in ("flags", "status") else 422, str(exc), field=exc.field) from exc
    session.commit()
    return _row_json(row)


@router.post("/localizations/{localization_id}/reject", tags=["localizations"], summary="Reject with a reason")
def reject_localization(localization_id: str, body: RejectBody, session: Session = Depends(db),
                        current: Seller = Depends(seller)) -> dict[str, Any]:
    row = _localization(session, localization_id, Scope(seller_id=current.id))
    try:
        reject(session, row, f"seller:{current.name}", body.reason)
    except ReviewError as exc:
        session.rollback()
        raise ApiError(409 if exc.field == "status" else 422, str(exc), field=exc.field) from exc
    session.commit()
    return _row_json(row)


@router.post("/localizations/{localization_id}/price", tags=["localizations"],
             summary="Set the SKU's price for the market by hand (used instead of FX from then on)")
def price_localization(localization_id: str, body: PriceBody, request: Request, session: Session = Depends(db),
                       current: Seller = Depends(seller)) -> dict[str, Any]:
    row = _localization(session, localization_id, Scope(seller_id=current.id))
    try:
        set_price(session, row, body.amount, f"seller:{current.name}", request.app.state.localizer.market(row.market))
    except ReviewError as exc:
        session.rollback()
        raise ApiError(409 if exc.field == "status" else 422, str(exc), field=exc.field) from exc
    session.commit()
    return _row_json(row)


@router.post("/batches", status_code=202, response_model=BatchAccepted, tags=["batches"],
             summary="Queue a catalog file (.csv, .jsonl, .json) for the given markets")
def submit_batch(request: Request, file: UploadFile = File(...),
                 markets: str = Form(..., description="comma-separated market codes"),
                 current: Seller = Depends(seller)) -> BatchAccepted:
    codes = [code.strip() for code in markets.split(",") if code.strip()]
    if not codes:
        raise ApiError(422, "name at least one market", field="markets")
    chosen = markets_by_code(request, codes)
    filename = file.filename or "upload"
    if not filename.lower().endswith(BATCH_SUFFIXES):
        raise ApiError(415, f"the file must be .csv, .jsonl or .json, not {filename!r}", field="file")
    try:
        batch = request.app.state.localizer.create_batch(current.id, filename, file.file.read(), chosen)
    except CatalogError as exc:
        raise ApiError(422, str(exc), field="file") from exc
    if request.app.state.worker is not None:
        request.app.state.worker.wake()
    return BatchAccepted(batch_id=batch.id, total=batch.total, rejected=batch.rejected)


def _batch(session: Session, batch_id: str, current: Seller) -> models.Batch:
    batch = session.get(models.Batch, batch_id)
    if batch is None or batch.seller_id != current.id:
        raise ApiError(404, f"no batch {batch_id!r}", field="id")
    return batch


@router.get("/batches/{batch_id}", response_model=BatchProgress, tags=["batches"], summary="A batch's progress")
def batch_progress(batch_id: str, session: Session = Depends(db), current: Seller = Depends(seller)) -> BatchProgress:
    batch = _batch(session, batch_id, current)
    scope = Scope(seller_id=current.id)
    _, stored = list_localizations(session, scope, Filters(batch_id=batch.id, limit=1))
    _, untranslated = list_localizations(session, scope, Filters(batch_id=batch.id, needs="translation", limit=1))
    _, unpriced = list_localizations(session, scope, Filters(batch_id=batch.id, needs="price", limit=1))
    return BatchProgress(id=batch.id, status=batch.status, filename=batch.filename, markets=batch.markets,
                         total=batch.total, processed=batch.processed, localizations=stored,
                         untranslated=untranslated, unpriced=unpriced,
                         rejected=batch.rejected, failures=[{k: str(v) for k, v in f.items()} for f in batch.failures],
                         error=batch.error)


def export_response(rows, export_format: str, filename: str) -> Response:
    if export_format == "jsonl":
        return Response(jsonl_text(rows), media_type="application/x-ndjson",
                        headers={"Content-Disposition": f'attachment; filename="{filename}.jsonl"'})
    return Response(flatten_rows(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'})


@router.get("/batches/{batch_id}/export", tags=["batches"], summary="A batch's localisations as CSV or JSONL")
def export_batch(batch_id: str, format: Literal["csv", "jsonl"] = "jsonl",
                 status: Literal["pending_review", "approved", "rejected"] | None = "approved",
                 market: MarketCode | None = Query(default=None),
                 session: Session = Depends(db), current: Seller = Depends(seller)) -> Response:
    batch = _batch(session, batch_id, current)
    rows = export_rows(session, Scope(seller_id=current.id), market, status, batch_id=batch.id)
    return export_response(rows, format, f"batch-{batch.id}")


@router.get("/export", tags=["localizations"], summary="Your approved localisations for a market, CSV or JSONL")
def export_market(market: Annotated[MarketCode, Query()], format: Literal["csv", "jsonl"] = "jsonl",
                  status: Literal["pending_review", "approved", "rejected"] = "approved",
                  request: Request = None, session: Session = Depends(db),
                  current: Seller = Depends(seller)) -> Response:
    markets_by_code(request, [market], field="market")
    rows = export_rows(session, Scope(seller_id=current.id), market, status)
    return export_response(rows, format, f"{market}-{status}")


def market_json(market: Market) -> dict[str, Any]:
    data = market.model_dump(mode="json", exclude={"rules"})
    data["rules"] = [{"id": r.id, "kind": r.kind, "severity": r.severity.value, "message": r.message,
                      "suggestion": r.suggestion, "why": r.why, "categories": list(r.categories)} for r in market.rules]
    return data


@router.get("/markets", tags=["markets"], summary="The markets and their settings")
def list_markets(request: Request) -> list[dict[str, Any]]:
    markets = load_markets(request.app.state.settings.market_rules).values()
    return [{**m.model_dump(mode="json", exclude={"rules", "include"}), "rules": len(m.rules)} for m in markets]


@router.get("/markets/{code}", tags=["markets"], summary="One market's settings and rules")
def read_market(code: str, request: Request) -> dict[str, Any]:
    markets = load_markets(request.app.state.settings.market_rules)
    if market_code(code) not in markets:
        raise ApiError(404, unknown_market(code, markets), field="code")
    return market_json(markets[market_code(code)])
