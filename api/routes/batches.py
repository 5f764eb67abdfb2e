"""`/v1/batches`: catalog files queued for the worker inside the server, and their progress."""

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from kombu.exceptions import OperationalError
from sqlalchemy.orm import Session

from api.deps import CurrentSeller, KnownMarkets, LocalizerDep, SessionDep, WorkerDep, markets_by_code
from api.errors import ApiError
from api.responses import errors
from api.schemas.batches import BatchAccepted, BatchFailure, BatchProgress, BatchStatus
from localize.catalog.read import CatalogError
from localize.markets import MarketCodesSchema
from localize.store import models
from localize.store.queue import Filters, Scope, list_localizations
from localize.workers import enqueue_batch

router = APIRouter(prefix="/v1/batches", tags=["batches"])
BATCH_SUFFIXES = (".csv", ".jsonl", ".json", ".xlsx")


def own_batch(session: Session, batch_id: str, seller_id: int) -> models.Batch:
    """The seller's batch; 404 for any other (another seller's too)."""
    batch = session.get(models.Batch, batch_id)
    if batch is None or batch.seller_id != seller_id:
        raise ApiError(404, f"no batch {batch_id!r}", field="id")
    return batch


@router.post("", status_code=202, response_model=BatchAccepted,
             summary="Queue a catalog file (.csv, .jsonl, .json, .xlsx) for the given markets",
             responses=errors(400, 401, 413, 415, 422, 503, e503="The batch queue (broker) cannot be reached; "
                              "nothing was kept (`unavailable`)",
                              e400="The multipart body cannot be read (`bad_request`)",
                              e422="No file, no markets, an unknown market, or a file that cannot be read as "
                                   "a catalog (`invalid`); `field` names which"))
def submit_batch(current: CurrentSeller, known: KnownMarkets, localizer: LocalizerDep, worker: WorkerDep,
                 file: Annotated[UploadFile, File()],
                 markets: Annotated[str, Form(description="comma-separated market codes"), MarketCodesSchema]
                 ) -> BatchAccepted:
    codes = [code.strip() for code in markets.split(",") if code.strip()]
    if not codes:
        raise ApiError(422, "name at least one market", field="markets")
    chosen = markets_by_code(known, codes)
    filename = file.filename or "upload"
    if not filename.lower().endswith(BATCH_SUFFIXES):
        raise ApiError(415, f"the file must be .csv, .jsonl, .json or .xlsx, not {filename!r}", field="file")
    try:
        batch = localizer.create_batch(current.id, filename, file.file.read(), chosen)
    except CatalogError as exc:
        raise ApiError(422, str(exc), field="file") from exc
    if localizer.settings.broker_url:
        try:
            enqueue_batch(localizer, batch.id)
        except OperationalError as exc:  # kombu's: the broker cannot be reached; keep nothing half-queued
            localizer.discard_batch(batch.id)
            raise ApiError(503, "the batch queue is not available; try again shortly", code="unavailable",
                           headers={"Retry-After": "10"}) from exc
    elif worker is not None:
        worker.wake()
    return BatchAccepted(batch_id=batch.id, total=batch.total, unchanged=batch.unchanged, rejected=batch.rejected)


@router.get("/{batch_id}", response_model=BatchProgress, summary="A batch's progress", responses=errors(401, 404))
def batch_progress(batch_id: str, session: SessionDep, current: CurrentSeller) -> BatchProgress:
    batch = own_batch(session, batch_id, current.id)
    scope = Scope(seller_id=current.id)
    _, stored = list_localizations(session, scope, Filters(batch_id=batch.id, limit=1))
    _, untranslated = list_localizations(session, scope, Filters(batch_id=batch.id, needs="translation", limit=1))
    _, unpriced = list_localizations(session, scope, Filters(batch_id=batch.id, needs="price", limit=1))
    return BatchProgress(id=batch.id, status=BatchStatus(batch.status), filename=batch.filename,
                         markets=batch.markets, total=batch.total, unchanged=batch.unchanged,
                         processed=batch.processed, localizations=stored,
                         untranslated=untranslated, unpriced=unpriced, rejected=batch.rejected,
                         failures=[BatchFailure(**{k: str(v) for k, v in f.items()}) for f in batch.failures],
                         error=batch.error)
