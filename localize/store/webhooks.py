"""A seller's webhook (one URL and its signing secret) and the events a batch sends to it."""

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from localize.store import models


def set_webhook(session: Session, seller_id: int, url: str) -> models.Webhook:
    """Register or replace the seller's webhook; a new secret each time (shown once, to the caller)."""
    hook = session.scalar(select(models.Webhook).where(models.Webhook.seller_id == seller_id))
    if hook is None:
        hook = models.Webhook(seller_id=seller_id, url=url, secret="")
        session.add(hook)
    hook.url, hook.secret = url, "whsec_" + secrets.token_urlsafe(32)
    session.flush()
    return hook


def webhook_of(session: Session, seller_id: int) -> models.Webhook | None:
    return session.scalar(select(models.Webhook).where(models.Webhook.seller_id == seller_id))


def remove_webhook(session: Session, seller_id: int) -> bool:
    hook = webhook_of(session, seller_id)
    if hook is not None:
        session.delete(hook)
    return hook is not None


def batch_event(batch: models.Batch) -> dict[str, Any]:
    """The JSON a finished (or failed) batch sends: what a seller's system needs to fetch the results."""
    return {"type": f"batch.{'failed' if batch.status == 'failed' else 'finished'}", "batch_id": batch.id,
            "status": batch.status, "filename": batch.filename, "markets": batch.markets, "total": batch.total,
            "processed": batch.processed, "rejected": len(batch.rejected), "failures": len(batch.failures),
            "error": batch.error, "finished_at": batch.finished_at.isoformat() if batch.finished_at else None}
