"""`/v1/export`, `/v1/batches/{batch_id}/export` and `/v1/export-profiles`: localisations as files, in
the contract's JSONL or laid out by an export profile (a marketplace's upload file)."""

from collections.abc import Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import CurrentSeller, KnownMarkets, SessionDep, markets_by_code
from api.errors import ApiError
from api.responses import errors
from api.routes.batches import own_batch
from api.schemas.exports import ExportProfilePublic
from localize.catalog.export import MEDIA_TYPES, download_name, export_file, export_options
from localize.catalog.profiles import Profile, ProfileError, get_profile, shipped_names
from localize.catalog.values import ExportItem
from localize.localization import Status
from localize.markets import MarketCode
from localize.store.queue import Scope, export_items

router = APIRouter(prefix="/v1", tags=["exports"])
Format = Literal["csv", "jsonl", "xlsx"]
FormatQuery = Annotated[Format | None, Query(
    description="`jsonl`: the contract's shape, one localisation a line. `csv`: the profile's columns, UTF-8 "
                "with a BOM (tab-separated `.txt` for `amazon`). `xlsx`: the profile's columns as an Excel sheet. "
                "Default: `jsonl`, or `csv` when a profile is named")]
ProfileQuery = Annotated[str | None, Query(
    description="The export profile that lays out a csv file (`GET /v1/export-profiles`); default `plain`",
    json_schema_extra={"enum": shipped_names()})]
FILES: dict[int | str, dict[str, Any]] = {200: {
    "description": "The localisations as a download: JSONL, one a line; or the profile's columns as CSV (or "
                   "tab-separated text) or an Excel sheet, one row per localisation (per translated field for "
                   "shopify-translations)",
    "content": {"application/x-ndjson": {"schema": {"type": "string"}},
                "text/csv": {"schema": {"type": "string"}},
                "text/tab-separated-values": {"schema": {"type": "string"}},
                MEDIA_TYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}}}}}


def chosen(export_format: str | None, profile: str | None) -> tuple[str, Profile]:
    """The format and profile asked for; a 422 naming `profile` when they cannot be used."""
    try:
        return export_options(export_format, profile)
    except ProfileError as exc:
        raise ApiError(422, str(exc), field="profile") from exc


def export_response(items: Sequence[ExportItem], export_format: str, profile: Profile, market: str | None,
                    status: str | None, prefix: str = "") -> Response:
    file = export_file(items, export_format, profile)
    name = prefix + download_name(profile, file, market, status)
    return Response(file.content, media_type=file.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/batches/{batch_id}/export", response_class=Response,
            summary="A batch's localisations as JSONL, or as a profile's CSV or Excel sheet",
            responses={**FILES, **errors(401, 404, 422)})
def export_batch(batch_id: str, session: SessionDep, current: CurrentSeller, format: FormatQuery = None,
                 profile: ProfileQuery = None, status: Status | None = Status.APPROVED,
                 market: Annotated[MarketCode | None, Query()] = None) -> Response:
    export_format, layout = chosen(format, profile)
    batch = own_batch(session, batch_id, current.id)
    items = export_items(session, Scope(seller_id=current.id), market, status and status.value, batch_id=batch.id)
    return export_response(items, export_format, layout, market, status and status.value, prefix=f"batch-{batch.id}-")


@router.get("/export", response_class=Response,
            summary="Your approved localisations for a market, as JSONL or a profile's CSV or Excel sheet",
            responses={**FILES, **errors(401, 422)})
def export_market(market: Annotated[MarketCode, Query()], session: SessionDep, current: CurrentSeller,
                  known: KnownMarkets, format: FormatQuery = None, profile: ProfileQuery = None,
                  status: Status = Status.APPROVED) -> Response:
    export_format, layout = chosen(format, profile)
    markets_by_code(known, [market], field="market")
    items = export_items(session, Scope(seller_id=current.id), market, status.value)
    return export_response(items, export_format, layout, market, status.value)


@router.get("/export-profiles", response_model=list[ExportProfilePublic], summary="The export profiles")
def list_profiles() -> list[ExportProfilePublic]:
    return [ExportProfilePublic.of(get_profile(name)) for name in shipped_names()]
