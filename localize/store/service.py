"""Localising into the store: one listing within a request, or a batch file in a background worker
that survives restarts (a resumed batch skips what it already stored, so nothing is lost or doubled)."""

import logging
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from localize.adapt.fx import RatesFileError, RateTable
from localize.catalog.read import read_catalog
from localize.listing import Listing
from localize.markets import Market, get_market
from localize.mt.engines import EngineError
from localize.mt.engines.models import ModelConfigError
from localize.mt.engines.registry import create_engine
from localize.mt.glossary import GlossaryError
from localize.pipeline import BatchResult, Pipeline
from localize.settings import Settings
from localize.store import models
from localize.store.memory import StoreMemory
from localize.store.prices import price_overrides
from localize.store.queue import save_listing, save_localization
from localize.store.terms import run_glossary

log = logging.getLogger("localize.worker")
WORKER_CHUNK = 16  # listings per pipeline run in the worker: progress shows often, MT still batches
STORE_CHUNK = 2_000  # listings per transaction when a batch is stored: short write locks, few commits


class ServiceError(RuntimeError):
    """The service cannot localise (no model configuration, a broken rates file)."""


class NothingLocalized(ValueError):
    """No market of a submitted listing could be localised; nothing was stored."""

    def __init__(self, failures: list[dict[str, str]]):
        super().__init__("; ".join(f"{failure['market']}: {failure['reason']}" for failure in failures))
        self.failures = failures


@dataclass(frozen=True)
class Submitted:
    listing_id: str
    localizations: list[models.Localization]
    failures: list[dict[str, str]]


class Localizer:
    """Runs the pipeline for the store. One MT run at a time: the models share the CPU (or GPU)."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session]):
        self.settings = settings
        self.sessions = sessions
        self.memory = StoreMemory(sessions, settings.glossaries)
        self._lock = threading.Lock()

    def market(self, code: str) -> Market:
        return get_market(code, self.settings.market_rules)

    def _run(self, listings: Sequence[Listing], markets: Sequence[Market], seller_id: int,
             as_of: date | None = None) -> BatchResult:
        try:
            engine = create_engine(self.settings)
            rates = RateTable.load(self.settings.rates)
            with self.sessions() as session:
                glossary = run_glossary(session, self.settings.glossaries)
                seller = session.get_one(models.Seller, seller_id)
                overrides = price_overrides(session, seller_id, (listing.sku for listing in listings))
        except (ModelConfigError, RatesFileError, GlossaryError) as exc:
            raise ServiceError(str(exc)) from exc
        with self._lock:
            pipeline = Pipeline(engine, markets, rates=rates, today=as_of, memory=self.memory.for_seller(seller),
                                glossary=glossary, seller=seller.name, price_overrides=overrides)
            return pipeline.run(listings)

    def localize_listing(self, seller_id: int, listing: Listing, markets: Sequence[Market]) -> Submitted:
        """Localise and store one listing with its localisations, in one transaction; when no market
        could be localised nothing is stored (NothingLocalized)."""
        result = self._run([listing], markets, seller_id)
        failures = [{"market": f.market or "", "reason": f.reason} for f in result.failures]
        if not result.localizations:
            raise NothingLocalized(failures)
        with self.sessions.begin() as session:
            row = save_listing(session, seller_id, listing, [m.code for m in markets])
            stored = [save_localization(session, row, localization) for localization in result.localizations]
            return Submitted(row.id, [r for r in stored if r is not None], failures)

    def create_batch(self, seller_id: int, filename: str, content: bytes, markets: Sequence[Market],
                     as_of: date | None = None) -> models.Batch:
        """Read the uploaded catalog (rejected rows are reported, not dropped) and queue its listings.

        The listings go in `STORE_CHUNK` per transaction, so a large upload never holds the store's
        write lock for long; the batch stays `receiving` (invisible to the worker) until all are in,
        and an upload that fails half-way leaves nothing behind."""
        suffix = Path(filename).suffix.lower()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"upload{suffix}"
            path.write_bytes(content)
            catalog = read_catalog(path)  # CatalogError for an unreadable file
        rejected = [str(row).replace(str(path), filename) for row in catalog.rejected]
        with self.sessions.begin() as session:
            batch = models.Batch(seller_id=seller_id, filename=filename[-300:], markets=[m.code for m in markets],
                                 total=len(catalog.rows), rejected=rejected, as_of=as_of, status="receiving")
            session.add(batch)
        try:
            for start in range(0, len(catalog.rows), STORE_CHUNK):
                with self.sessions.begin() as session:
                    for position, row in enumerate(catalog.rows[start : start + STORE_CHUNK], start=start):
                        save_listing(session, seller_id, row.listing, batch.markets, batch.id, position)
        except BaseException:
            self.discard_batch(batch.id)
            raise
        with self.sessions.begin() as session:
            stored = session.get_one(models.Batch, batch.id)
            stored.status = "queued" if catalog.rows else "done"
            stored.finished_at = None if catalog.rows else datetime.now(UTC)
            return stored

    def discard_batch(self, batch_id: str) -> None:
        """Remove a batch that never finished arriving, with the listings it stored."""
        with self.sessions.begin() as session:
            session.execute(delete(models.Listing).where(models.Listing.batch_id == batch_id))
            session.execute(delete(models.Batch).where(models.Batch.id == batch_id))

    def discard_interrupted_uploads(self) -> int:
        """Batches left `receiving` by a server that stopped mid-upload: their sellers were never
        given the id, so they are removed, not resumed."""
        with self.sessions() as session:
            interrupted = session.scalars(select(models.Batch.id).where(models.Batch.status == "receiving")).all()
        for batch_id in interrupted:
            self.discard_batch(batch_id)
        return len(interrupted)

    def process_batch(self, batch_id: str, should_stop: Callable[[], bool] = lambda: False) -> None:
        """Localise the batch's listings that are not yet stored for all its markets, chunk by chunk."""
        with self.sessions.begin() as session:
            batch = session.get_one(models.Batch, batch_id)
            batch.status = "running"
            markets = [self.market(code) for code in batch.markets]
            seller_id, as_of = batch.seller_id, batch.as_of
        while not should_stop():
            with self.sessions() as session:
                # Listings failed for good (no model for the pair) are recorded and not retried.
                failed = {failure["listing_id"] for failure in session.get_one(models.Batch, batch_id).failures}
                missing = session.scalars(select(models.Listing.id).where(
                    models.Listing.batch_id == batch_id, _missing_localizations(len(markets)))
                    .order_by(models.Listing.position)).all()
                ids = [listing_id for listing_id in missing if listing_id not in failed][:WORKER_CHUNK]
                todo = sorted(session.scalars(select(models.Listing).where(models.Listing.id.in_(ids))).all(),
                              key=lambda row: row.position)
            if not todo:
                break
            listings = [Listing.model_validate(row.data) for row in todo]
            try:
                result = self._run(listings, markets, seller_id, as_of)
            except (ServiceError, EngineError) as exc:
                self.finish(batch_id, "failed", str(exc))
                return
            with self.sessions.begin() as session:
                for position, localization in zip(result.positions, result.localizations, strict=True):
                    save_localization(session, todo[position], localization)
                batch = session.get_one(models.Batch, batch_id)
                batch.failures = batch.failures + [
                    {"listing_id": todo[f.index].id, "sku": f.sku, "market": f.market or "", "reason": f.reason}
                    for f in result.failures]
                batch.processed = _processed(session, batch_id, len(markets))
        if not should_stop():
            self.finish(batch_id, "done")

    def finish(self, batch_id: str, status: str, error: str | None = None) -> None:
        with self.sessions.begin() as session:
            batch = session.get_one(models.Batch, batch_id)
            batch.status, batch.error, batch.finished_at = status, error, datetime.now(UTC)
            batch.processed = _processed(session, batch_id, len(batch.markets))


def _missing_localizations(market_count: int) -> ColumnElement[bool]:
    """Listings with fewer stored localisations than the batch has markets."""
    count = (select(func.count(models.Localization.id)).where(models.Localization.listing_id == models.Listing.id)
             .correlate(models.Listing).scalar_subquery())
    return count < market_count


def _processed(session: Session, batch_id: str, market_count: int) -> int:
    batch = session.get_one(models.Batch, batch_id)
    failed = {failure["listing_id"] for failure in batch.failures}
    rows = session.scalars(select(models.Listing.id).where(models.Listing.batch_id == batch_id,
                                                           ~_missing_localizations(market_count))).all()
    return len(set(rows) | failed)


class BatchWorker(threading.Thread):
    """Works through queued batches inside the server; on start it resumes any batch that was
    running when the server stopped."""

    def __init__(self, localizer: Localizer, poll_seconds: float = 1.0):
        super().__init__(name="localize-batch-worker", daemon=True)
        self.localizer = localizer
        self.poll_seconds = poll_seconds
        self._stopping = threading.Event()
        self._wake = threading.Event()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wake.set()

    def run(self) -> None:
        while not self._stopping.is_set():
            batch_id = self._next_batch()
            if batch_id is None:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()
                continue
            try:
                self.localizer.process_batch(batch_id, should_stop=self._stopping.is_set)
            except Exception:  # one broken batch must not stop the worker for every seller
                log.exception("batch %s failed", batch_id)
                self.localizer.finish(batch_id, "failed", "internal error; see the server log")

    def _next_batch(self) -> str | None:
        with self.localizer.sessions() as session:
            return session.scalar(select(models.Batch.id).where(models.Batch.status.in_(("running", "queued")))
                                  .order_by(models.Batch.status.desc(), models.Batch.created_at))
