"""Batch work on Celery workers (`localize worker`), with Redis as the broker (`LOCALIZE_BROKER_URL`).

A batch is stored first, then enqueued as tasks of `LOCALIZE_TASK_LISTINGS` listings each. A task
is acknowledged only when it is done (`acks_late`); one whose worker dies is given back to the
queue (`reject_on_worker_lost`, or by the broker after `LOCALIZE_TASK_VISIBILITY_TIMEOUT`) and done
again elsewhere. Doing it again is harmless: a task stores only the (listing, market) pairs still
missing, and the store's unique constraint refuses a second copy of one, so each localisation is
written once whatever the workers go through. Progress is counted from the store. The task that
finds its batch complete ends it and enqueues the webhook event, which retries with backoff.

Each worker process builds its `Localizer` (and loads its models) once, on its first task or when
it starts (`--preload-models`)."""

import logging
from typing import Any

from celery import Celery, Task, signals
from sqlalchemy.exc import OperationalError

from localize.mt.engines import EngineError
from localize.notify import WebhookError, post_event
from localize.settings import Settings, get_settings
from localize.store.db import open_database
from localize.store.service import Localizer, ServiceError

log = logging.getLogger("localize.worker")
QUEUE = "localize"
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
