"""Localising into the store: one listing within a request, or a batch file in a background worker
that survives restarts (a resumed batch skips what it already stored, so nothing is lost or doubled)."""

import logging
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from localize.adapt.fx import RatesFileError, RateTable
from localize.catalog.read import CatalogError, CatalogRow, RejectedRow, read_catalog
from localize.listing import Listing
from localize.markets import Market, get_market
from localize.mt.engines import EngineError, LanguagePair
from localize.mt.engines.models import ModelConfigError
from localize.mt.engines.registry import create_engine
from localize.mt.glossary import GlossaryError
from localize.notify import deliver_with_retries
from localize.pipeline import BatchResult, Pipeline
from localize.seller_profile import SellerProfile
from localize.settings import Settings
from localize.store import models
from localize.store.memory import StoreMemory
from localize.store.prices import price_overrides
from localize.store.queue import save_listing, save_localization
from localize.store.terms import run_glossary
from localize.store.versions import add_version, current_versions, is_unchanged, localized_markets
from localize.store.webhooks import batch_event, webhook_of

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
    listing_id: str  # the listing's id, the same for all its versions
    version: int
    localizations: list[models.Localization]
    failures: list[dict[str, str]]
    unchanged: bool = False  # the same source was already localised for these markets: nothing was done
    segments_to_mt: int = 0


class Localizer:
    """Runs the pipeline for the store. One MT run at a time: the models share the CPU (or GPU)."""

    def __init__(self, settings: Settings, sessions: sessionmaker[Session]):
        self.settings = settings
        self.sessions = sessions
        # With workers, reviews may start an adaptation (LOCALIZE_ADAPT_AFTER); never without.
        adapting = settings.broker_url is not None and settings.adapt_after > 0
        self.memory = StoreMemory(sessions, settings.glossaries, on_learned=self._learned if adapting else None)
        self._lock = threading.Lock()
        # What happens when a batch ends: its webhook event, from a thread here or as a Celery task.
        self.on_finished: Callable[[str], None] = self.notify_in_thread

    def _learned(self, pairs: set[LanguagePair], seller_id: int) -> None:
        """A review taught the seller's memory: ask the adaptation workers whether a model is due.
        A broker that is away costs the check, never the review."""
        from localize.workers import enqueue_adaptation_check  # the workers import this module

        for pair in pairs:
            try:
                enqueue_adaptation_check(self.settings, pair, seller_id)
            except Exception as exc:  # kombu raises many kinds, and none may fail an approval
                log.warning("adaptation check for %s not enqueued: %s", pair, exc)

    def preload_models(self) -> int:
        """Load every configured model that is here now, so a worker's first task does not wait."""
        try:
            return create_engine(self.settings).preload()
        except ModelConfigError as exc:
            raise ServiceError(str(exc)) from exc

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
                                glossary=glossary, seller=seller.name, price_overrides=overrides,
                                seller_profile=SellerProfile.model_validate(seller.profile) if seller.profile else None)
            return pipeline.run(listings)

    def back_translate(self, texts: Mapping[str, str], language: str, into: Sequence[str]
                       ) -> tuple[str, dict[str, str]]:
        """`texts` (in `language`) machine-translated into the first language of `into` a model
        serves, directly or through English: a reviewer's check of the meaning, never stored.
        EngineError, naming what was tried, when none is served."""
        engine = create_engine(self.settings)
        keys = [key for key, text in texts.items() if text.strip()]
        tried = []
        for target in dict.fromkeys(code for code in into if code != language):
            try:
                with self._lock:
                    outputs = engine.translate(LanguagePair(language, target), [texts[key] for key in keys])
            except EngineError as exc:
                tried.append(f"{language}->{target}: {exc}")
                continue
            return target, {key: output.text for key, output in zip(keys, outputs, strict=True)}
        raise EngineError("; ".join(tried) or f"nothing to translate {language} into")

    def localize_listing(self, seller_id: int, listing: Listing, markets: Sequence[Market]) -> Submitted:
        """Localise and store one listing with its localisations, in one transaction, as a new version
        of the seller's listing of that SKU. An unchanged source already localised for the markets
        is a no-op; when no market could be localised nothing is stored (NothingLocalized)."""
        codes = [market.code for market in markets]
        with self.sessions() as session:
            current = current_versions(session, seller_id, [listing.sku]).get(listing.sku)
            localized = localized_markets(session, [current.id]).get(current.id, set()) if current else set()
            if current is not None and is_unchanged(current, listing, codes, localized):
                rows = session.scalars(select(models.Localization).where(
                    models.Localization.listing_id == current.id, models.Localization.market.in_(codes))).all()
                return Submitted(current.first_id or current.id, current.version, list(rows), [], unchanged=True)
        result = self._run([listing], markets, seller_id)
        failures = [{"market": f.market or "", "reason": f.reason} for f in result.failures]
        if not result.localizations:
            raise NothingLocalized(failures)
        with self.sessions.begin() as session:
            row = save_listing(session, seller_id, listing, codes)
            stored = [save_localization(session, row, localization) for localization in result.localizations]
            return Submitted(row.first_id or row.id, row.version, [r for r in stored if r is not None], failures,
                             segments_to_mt=result.segments_to_mt)

    def create_batch(self, seller_id: int, filename: str, content: bytes, markets: Sequence[Market],
                     as_of: date | None = None, sheet: str | None = None) -> models.Batch:
        """Read the uploaded catalog (rejected rows are reported, not dropped) and queue its listings.

        The listings go in `STORE_CHUNK` per transaction, so a large upload never holds the store's
        write lock for long; the batch stays `receiving` (invisible to the worker) until all are in,
        and an upload that fails half-way leaves nothing behind."""
        suffix = Path(filename).suffix.lower()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"upload{suffix}"
            path.write_bytes(content)
            try:
                catalog = read_catalog(path, sheet=sheet)
            except CatalogError as exc:  # the file as the seller named it, not where it was kept
                raise CatalogError(str(exc).replace(str(path), filename)) from exc
        rows, duplicates = unique_skus(catalog.rows, str(path))
        rejected = [str(row).replace(str(path), filename) for row in sorted(
            catalog.rejected + duplicates, key=lambda rejection: rejection.line)]
        with self.sessions.begin() as session:
            batch = models.Batch(seller_id=seller_id, filename=filename[-300:], markets=[m.code for m in markets],
                                 rejected=rejected, as_of=as_of, status="receiving")
            session.add(batch)
        stored_count = 0
        try:
            for start in range(0, len(rows), STORE_CHUNK):
                with self.sessions.begin() as session:
                    stored_count += self._store_versions(session, batch, rows[start : start + STORE_CHUNK], start)
        except BaseException:
            self.discard_batch(batch.id)
            raise
        with self.sessions.begin() as session:
            stored = session.get_one(models.Batch, batch.id)
            stored.total, stored.unchanged = stored_count, len(rows) - stored_count
            stored.status = "queued" if stored_count else "done"
            stored.finished_at = None if stored_count else datetime.now(UTC)
            return stored

    @staticmethod
    def _store_versions(session: Session, batch: models.Batch, rows: Sequence[CatalogRow[Listing]],
                        start: int) -> int:
        """Store the rows whose listing is new or changed as new versions, in file order; the rest
        (the same source, already localised for the batch's markets) are left out. Returns how
        many were stored."""
        current = current_versions(session, batch.seller_id, (row.listing.sku for row in rows))
        localized = localized_markets(session, [version.id for version in current.values()])
        stored = 0
        for position, row in enumerate(rows, start=start):
            previous = current.get(row.listing.sku)
            done = localized.get(previous.id, set()) if previous else set()
            if is_unchanged(previous, row.listing, batch.markets, done):
                continue
            add_version(session, batch.seller_id, row.listing, batch.markets, previous, batch.id, position)
            stored += 1
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

    def pending_listings(self, batch_id: str, limit: int | None = None) -> list[str]:
        """The batch's listings, in file order, still missing a localisation for one of its markets
        (listings failed for good, like an undetectable language, are recorded and not retried)."""
        with self.sessions() as session:
            batch = session.get_one(models.Batch, batch_id)
            failed = {failure["listing_id"] for failure in batch.failures}
            missing = session.scalars(select(models.Listing.id).where(
                models.Listing.batch_id == batch_id, _missing_localizations(len(batch.markets)))
                .order_by(models.Listing.position)).all()
        return [listing_id for listing_id in missing if listing_id not in failed][:limit]

    def localize_chunk(self, batch_id: str, listing_ids: Sequence[str]) -> None:
        """Localise these listings of the batch for its markets and store the results. Idempotent,
        and safe beside other workers: what is already stored is skipped, and a (listing, market)
        another worker stored meanwhile is left as it is (the store's unique constraint decides)."""
        with self.sessions.begin() as session:
            batch = session.get_one(models.Batch, batch_id)
            if batch.status == "queued":
                batch.status = "running"
            markets = [self.market(code) for code in batch.markets]
            seller_id, as_of = batch.seller_id, batch.as_of
            failed = {failure["listing_id"] for failure in batch.failures}
            todo = sorted((row for row in session.scalars(select(models.Listing).where(
                models.Listing.id.in_(listing_ids), models.Listing.batch_id == batch_id,
                _missing_localizations(len(markets)))) if row.id not in failed), key=lambda row: row.position)
        if not todo:
            return
        result = self._run([Listing.model_validate(row.data) for row in todo], markets, seller_id, as_of)
        for attempt in (1, 2):
            try:
                self._store_chunk(batch_id, todo, result)
                return
            except IntegrityError:
                if attempt == 2:
                    raise
                log.info("batch %s: another worker stored part of this chunk; storing the rest", batch_id)

    def _store_chunk(self, batch_id: str, todo: Sequence[models.Listing], result: BatchResult) -> None:
        with self.sessions.begin() as session:
            for position, localization in zip(result.positions, result.localizations, strict=True):
                save_localization(session, todo[position], localization)
            session.flush()
            batch = session.get_one(models.Batch, batch_id, with_for_update=True)  # failures: one writer at a time
            recorded = {(failure["listing_id"], failure["market"]) for failure in batch.failures}
            new = [{"listing_id": todo[f.index].id, "sku": f.sku, "market": f.market or "", "reason": f.reason}
                   for f in result.failures]
            batch.failures = batch.failures + [f for f in new if (f["listing_id"], f["market"]) not in recorded]
            batch.processed = _processed(session, batch_id, len(batch.markets))

    def process_batch(self, batch_id: str, should_stop: Callable[[], bool] = lambda: False) -> None:
        """Localise the batch's listings that are not yet stored for all its markets, chunk by chunk
        (the server's own worker thread, and `localize submit`)."""
        while not should_stop():
            ids = self.pending_listings(batch_id, WORKER_CHUNK)
            if not ids:
                break
            try:
                self.localize_chunk(batch_id, ids)
            except (ServiceError, EngineError) as exc:
                self.finish(batch_id, "failed", str(exc))
                return
        if not should_stop():
            self.finish(batch_id, "done")

    def finish(self, batch_id: str, status: str, error: str | None = None) -> bool:
        """End the batch; True for the one call that ended it (it sends the webhook event), False
        when it had ended already (another worker got there first)."""
        with self.sessions.begin() as session:
            batch = session.get_one(models.Batch, batch_id, with_for_update=True)
            ended = batch.status in ("done", "failed")
            if not ended:
                batch.status, batch.error, batch.finished_at = status, error, datetime.now(UTC)
            batch.processed = _processed(session, batch_id, len(batch.markets))
        if not ended:
            self.on_finished(batch_id)
        return not ended

    def batch_event(self, batch_id: str) -> tuple[models.Webhook, dict[str, Any]] | None:
        """The seller's webhook and the event for a finished batch; None when the seller has none."""
        with self.sessions() as session:
            batch = session.get_one(models.Batch, batch_id)
            hook = webhook_of(session, batch.seller_id)
            return (hook, batch_event(batch)) if hook is not None else None

    def notify_in_thread(self, batch_id: str) -> None:
        """Without a broker: deliver the batch's event from a thread of its own, retrying with backoff."""
        found = self.batch_event(batch_id)
        if found is None:
            return
        hook, event = found
        threading.Thread(target=deliver_with_retries, name=f"webhook-{batch_id}", daemon=True, args=(
            hook.url, hook.secret, event), kwargs={"attempts": self.settings.webhook_attempts,
                                                    "backoff": self.settings.webhook_backoff,
                                                    "allow_private": self.settings.webhook_private_hosts}).start()


def _missing_localizations(market_count: int) -> ColumnElement[bool]:
    """Listing versions with fewer stored localisations than the batch has markets; a version a
    newer one superseded is not localised any more (the newer one is)."""
    count = (select(func.count(models.Localization.id)).where(models.Localization.listing_id == models.Listing.id)
             .correlate(models.Listing).scalar_subquery())
    return and_(count < market_count, models.Listing.superseded_at.is_(None))


def unique_skus(rows: Sequence[CatalogRow[Listing]], path: str
                ) -> tuple[list[CatalogRow[Listing]], list[RejectedRow]]:
    """The rows with the first occurrence of each SKU, and a rejection for each repeat: one listing
    per SKU, and which of two different rows is the right one is for the seller to say."""
    first: dict[str, int] = {}
    kept: list[CatalogRow[Listing]] = []
    repeats: list[RejectedRow] = []
    for row in rows:
        line = first.setdefault(row.listing.sku, row.line)
        if line == row.line:
            kept.append(row)
        else:
            repeats.append(RejectedRow(path=path, line=row.line, field="sku",
                                       reason=f"{row.listing.sku!r} is also on line {line}; one row per SKU"))
    return kept, repeats


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
