"""`/v1/export` and `/v1/batches/{batch_id}/export`: localisations as CSV or JSONL files."""

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import CurrentSeller, KnownMarkets, SessionDep, markets_by_code
from api.responses import errors
from api.routes.batches import own_batch
from localize.catalog.write import flatten_rows, jsonl_text
from localize.localization import Localization, Status
from localize.markets import MarketCode
from localize.store.queue import Scope, export_rows

router = APIRouter(prefix="/v1", tags=["exports"])
Format = Literal["csv", "jsonl"]
FILES: dict[int | str, dict[str, Any]] = {200: {
    "description": "One localisation a line (JSONL) or a row (CSV, nested fields flattened with `_`), as a download",
    "content": {"application/x-ndjson": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}}}}}


def export_response(rows: Sequence[Localization], export_format: str, filename: str) -> Response:
    if export_format == "jsonl":
        return Response(jsonl_text(rows), media_type="application/x-ndjson",
                        headers={"Content-Disposition": f'attachment; filename="{filename}.jsonl"'})
    return Response(flatten_rows(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'})


@router.get("/batches/{batch_id}/export", response_class=Response, summary="A batch's localisations as CSV or JSONL",
            responses={**FILES, **errors(401, 404, 422)})
def export_batch(batch_id: str, session: SessionDep, current: CurrentSeller, format: Format = "jsonl",
                 status: Status | None = Status.APPROVED,
                 market: Annotated[MarketCode | None, Query()] = None) -> Response:
    batch = own_batch(session, batch_id, current.id)
    rows = export_rows(session, Scope(seller_id=current.id), market, status and status.value, batch_id=batch.id)
    return export_response(rows, format, f"batch-{batch.id}")


@router.get("/export", response_class=Response, summary="Your approved localisations for a market, CSV or JSONL",
            responses={**FILES, **errors(401, 422)})
def export_market(market: Annotated[MarketCode, Query()], session: SessionDep, current: CurrentSeller,
                  known: KnownMarkets, format: Format = "jsonl", status: Status = Status.APPROVED) -> Response:
    markets_by_code(known, [market], field="market")
    rows = export_rows(session, Scope(seller_id=current.id), market, status.value)
    return export_response(rows, format, f"{market}-{status.value}")
