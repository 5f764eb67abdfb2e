"""Batch work on Celery workers (`localize worker`), with Redis as the broker (`LOCALIZE_BROKER_URL`).

A batch is stored first, then enqueued as tasks of `LOCALIZE_TASK_LISTINGS` listings each. A task
is acknowledged only when it is done (`acks_late`); one whose worker dies is given back to the
queue (`reject_on_worker_lost`, or by the broker after `LOCALIZE_TASK_VISIBILITY_TIMEOUT`) and done
again elsewhere. Doing it again is harmless: a task stores only the (listing, market) pairs still
missing, and the store's unique constraint refuses a second copy of one, so each localisation is
written once whatever the workers go through. Progress is counted from the store. The task that
finds its batch complete ends it and enqueues the webhook event, which retries with backoff.

Each worker process builds its `Localizer` (and loads its models) once, on its first task or when
it starts (`--preload-models`).

Adaptation has its own queue (`localize.adapt`), so fine-tuning a model never holds up a batch: a
review that teaches a seller's memory enqueues a check there, and the check adapts each scope
that `LOCALIZE_ADAPT_AFTER` new approvals have made due (`localize worker --queues localize.adapt`)."""

import logging
from typing import Any

from celery import Celery, Task, signals
from sqlalchemy.exc import OperationalError

from localize.mt.engines import EngineError, LanguagePair
from localize.notify import WebhookError, post_event
from localize.settings import Settings, get_settings
from localize.store.db import open_database
from localize.store.models import Seller
from localize.store.service import Localizer, ServiceError

log = logging.getLogger("localize.worker")
QUEUE = "localize"
ADAPT_QUEUE = "localize.adapt"
app = Celery("localize")
_localizer: Localizer | None = None


def configure(settings: Settings) -> Celery:
    """The Celery app set up for these settings (the API process, `localize worker`, the tests)."""
    app.conf.update(
        broker_url=settings.broker_url, task_default_queue=QUEUE, task_serializer="json", accept_content=["json"],
        task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
        task_ignore_result=True, broker_connection_retry_on_startup=True, worker_hijack_root_logger=False,
        broker_transport_options={
            "visibility_timeout": settings.task_visibility_timeout,
            # look for tasks of dead workers about 10 times per visibility timeout
            "unacked_restore_interval": max(1, settings.task_visibility_timeout // 10),
            "unacked_restore_throttle": 1,
        })
    return app


def localizer() -> Localizer:
    """This worker process's Localizer: built on first use, then kept (its engine keeps its models)."""
    global _localizer
    if _localizer is None:
        settings = get_settings()
        _localizer = Localizer(settings, open_database(settings.database_url))
        _localizer.on_finished = enqueue_event
    return _localizer


@signals.worker_process_init.connect
def _load_models_on_start(**_: Any) -> None:
    if app.conf.get("localize_preload_models"):
        localizer().preload_models()


@app.task(name="localize.batch_chunk", bind=True, max_retries=10)
def localize_batch_chunk(self: Task, batch_id: str, listing_ids: list[str]) -> None:
    """Localise some listings of a batch; end the batch when nothing of it is left."""
    worker = localizer()
    try:
        worker.localize_chunk(batch_id, listing_ids)
    except (ServiceError, EngineError) as exc:  # the configuration, not this chunk: the batch cannot go on
        worker.finish(batch_id, "failed", str(exc))
        return
    except OperationalError as exc:  # the store was busy or away: try this chunk again shortly
        raise self.retry(exc=exc, countdown=min(60, 2 ** self.request.retries)) from exc
    if not worker.pending_listings(batch_id, 1):
        worker.finish(batch_id, "done")


@app.task(name="localize.webhook", bind=True, max_retries=None)
def deliver_webhook(self: Task, batch_id: str) -> None:
    """POST a finished batch's event to its seller's webhook; retried with exponential backoff."""
    worker = localizer()
    found = worker.batch_event(batch_id)
    if found is None:
        return
    hook, event = found
    settings = worker.settings
    try:
        post_event(hook.url, hook.secret, event, settings.webhook_private_hosts)
    except WebhookError as exc:
        if self.request.retries + 1 >= settings.webhook_attempts:
            log.warning("webhook for batch %s given up after %d attempts: %s", batch_id, settings.webhook_attempts, exc)
            return
        raise self.retry(exc=exc, countdown=settings.webhook_backoff * 2 ** self.request.retries) from exc


def enqueue_event(batch_id: str) -> None:
    deliver_webhook.delay(batch_id)


def enqueue_batch(localizer: Localizer, batch_id: str) -> int:
    """Send a stored batch's listings to the workers, `task_listings` per task; how many tasks.
    The broker is the one these settings name (the app's configuration may be another's)."""
    settings = localizer.settings
    ids = localizer.pending_listings(batch_id)
    chunks = [ids[start : start + settings.task_listings] for start in range(0, len(ids), settings.task_listings)]
    with app.connection_for_write(settings.broker_url) as connection, connection.Producer() as producer:
        connection.ensure_connection(max_retries=2, timeout=5)
        for chunk in chunks:
            localize_batch_chunk.apply_async(args=(batch_id, chunk), producer=producer, queue=QUEUE)
    return len(chunks)


@app.task(name="localize.adapt", ignore_result=True)
def adapt_if_due(pair: str, seller_id: int) -> None:
    """Adapt the pair's model in each scope enough new approvals have made due; a refusal or an
    adaptation that cannot run is logged, and the model that serves stays."""
    from localize.mt.adaptation.data import AdaptationError
    from localize.mt.adaptation.run import adapt, due
    from localize.mt.engines.models import ModelConfigError
    from localize.store.accounts import AccountError

    worker = localizer()
    language_pair = LanguagePair.parse(pair)
    try:
        with worker.sessions() as session:
            scopes = due(worker.settings, session, language_pair, session.get_one(Seller, seller_id).name)
        for scope in scopes:
            outcome = adapt(worker.settings, worker.sessions, language_pair, scope)
            log.info("adaptation of %s%s %s: chrF %+.1f", pair, f" ({scope})" if scope else "",
                     "promoted" if outcome.promoted else "refused", outcome.decision.gain)
    except (AdaptationError, ModelConfigError, AccountError) as exc:
        log.warning("adaptation of %s not done: %s", pair, exc)


def enqueue_adaptation_check(settings: Settings, pair: LanguagePair, seller_id: int) -> None:
    with app.connection_for_write(settings.broker_url) as connection, connection.Producer() as producer:
        connection.ensure_connection(max_retries=1, timeout=2)
        adapt_if_due.apply_async(args=(str(pair), seller_id), producer=producer, queue=ADAPT_QUEUE)
