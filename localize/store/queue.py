"""The review queue over the store: localisations saved, found, listed, counted and exported, each
action in the audit log (the review itself is `review`, what approvals teach is `memory`)."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from localize.adapt.money import FX_MISSING
from localize.listing import Listing
from localize.localization import Flag, Localization, Severity, Status
from localize.pipeline import NO_MODEL, UNAVAILABLE
from localize.store import models


class NotFound(LookupError):
    """No such item, or not one the caller may see."""


@dataclass(frozen=True)
class Scope:
    """What a caller may see: one seller's items (API keys), or some markets (reviewers)."""

    seller_id: int | None = None
    markets: tuple[str, ...] | None = None  # None: every market

    def allows(self, row: models.Localization) -> bool:
        if self.seller_id is not None and row.seller_id != self.seller_id:
            return False
        return self.markets is None or row.market in self.markets


@dataclass
class Filters:
    market: str | None = None
    status: str | None = None
    severity: str | None = None  # worst flag: info, warn, block, or "none"
    batch_id: str | None = None
    sku: str | None = None  # prefix search
    needs: str | None = None  # "translation" or "price": what waits for a person
    sort: str = "created"  # one of SORTS
    limit: int = 50
    offset: int = 0


# What a localisation may wait for a person to do, by the column that says so.
NEEDS = {"translation": models.Localization.needs_translation, "price": models.Localization.needs_price}


# Orders a list can take: least confident first is where a reviewer's time does the most good.
SORTS = {
    "created": (models.Localization.created_at, models.Localization.id),
    "confidence": (models.Localization.confidence.asc().nulls_last(), models.Localization.created_at,
                   models.Localization.id),
    "-confidence": (models.Localization.confidence.desc().nulls_last(), models.Localization.created_at,
                    models.Localization.id),
}


def worst_severity(flags: Iterable[Flag | dict[str, Any]]) -> str | None:
    values = [flag["severity"] if isinstance(flag, dict) else flag.severity.value for flag in flags]
    return max(values, key=lambda value: Severity(value).rank) if values else None


def save_listing(session: Session, seller_id: int, listing: Listing, markets: Sequence[str],
                 batch_id: str | None = None, position: int = 0) -> models.Listing:
    row = models.Listing(seller_id=seller_id, batch_id=batch_id, position=position, sku=listing.sku,
                         markets=list(markets), data=listing.model_dump(mode="json", exclude_none=True))
    session.add(row)
    session.flush()
    return row


def save_localization(session: Session, listing_row: models.Listing, localization: Localization
                      ) -> models.Localization | None:
    """Store one localisation of a stored listing; None when that listing and market already has one
    (a batch resumed after a restart)."""
    exists = session.scalar(select(models.Localization.id).where(
        models.Localization.listing_id == listing_row.id, models.Localization.market == localization.market))
    if exists:
        return None
    data = localization.model_dump(mode="json")
    rules = {flag.rule for flag in localization.flags}
    row = models.Localization(
        id=localization.id, listing_id=listing_row.id, seller_id=listing_row.seller_id, batch_id=listing_row.batch_id,
        sku=localization.sku, market=localization.market, status=localization.status.value,
        severity=worst_severity(localization.flags), confidence=localization.confidence,
        needs_translation=NO_MODEL in rules, needs_price=FX_MISSING in rules, data=data,
        created_at=localization.created_at, updated_at=localization.created_at)
    session.add(row)
    session.add(models.ReviewEvent(localization_id=row.id, actor="localize", action="created",
                                   comment=_engine_note(localization)))
    return row


def _engine_note(localization: Localization) -> str:
    engine = localization.engine
    if engine.name == "none":
        return "source language is the market's: no translation needed"
    if engine.name == UNAVAILABLE:
        return "no model for the language pair: the text is left for a translator"
    note = f"translated by {engine.name}" + (f" ({engine.model_label})" if engine.model else "")
    if engine.from_memory:
        note += f"; {engine.from_memory} of {engine.segments} sentences from translation memory"
    return note


def get_localization(session: Session, localization_id: str, scope: Scope) -> models.Localization:
    row = session.get(models.Localization, localization_id)
    if row is None or not scope.allows(row):
        raise NotFound(f"no localisation {localization_id!r}")
    return row


def query(scope: Scope, filters: Filters) -> Select[models.Localization]:
    statement = select(models.Localization)
    if scope.seller_id is not None:
        statement = statement.where(models.Localization.seller_id == scope.seller_id)
    if scope.markets is not None:
        statement = statement.where(models.Localization.market.in_(scope.markets))
    if filters.market:
        statement = statement.where(models.Localization.market == filters.market)
    if filters.status:
        statement = statement.where(models.Localization.status == filters.status)
    if filters.severity == "none":
        statement = statement.where(models.Localization.severity.is_(None))
    elif filters.severity:
        statement = statement.where(models.Localization.severity == filters.severity)
    if filters.batch_id:
        statement = statement.where(models.Localization.batch_id == filters.batch_id)
    if filters.sku:
        statement = statement.where(models.Localization.sku.startswith(filters.sku, autoescape=True))
    if filters.needs in NEEDS:
        statement = statement.where(NEEDS[filters.needs].is_(True))
    return statement


def list_localizations(session: Session, scope: Scope, filters: Filters) -> tuple[list[models.Localization], int]:
    statement = query(scope, filters)
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    rows = session.scalars(statement.order_by(*SORTS[filters.sort]).limit(filters.limit).offset(filters.offset)).all()
    return list(rows), total


def queue_counts(session: Session, scope: Scope) -> dict[str, Counter[str]]:
    """Counts by status, severity and market over what the scope sees, for the queue's sidebar."""
    base = query(scope, Filters()).subquery()
    counts: dict[str, Counter[str]] = {}
    for name in ("status", "severity", "market"):
        column = getattr(base.c, name)
        counts[name] = Counter({key or "none": n for key, n in session.execute(
            select(column, func.count()).group_by(column)).all()})
    pending = base.c.status == Status.PENDING_REVIEW.value
    counts["needs"] = Counter({need: session.scalar(select(func.count()).where(
        pending, getattr(base.c, column.key).is_(True))) or 0 for need, column in NEEDS.items()})
    return counts


def history(session: Session, localization_id: str) -> list[models.ReviewEvent]:
    return list(session.scalars(select(models.ReviewEvent).where(models.ReviewEvent.localization_id == localization_id)
                                .order_by(models.ReviewEvent.created_at, models.ReviewEvent.id)).all())


def source_listing(session: Session, row: models.Localization) -> Listing:
    return Listing.model_validate(session.get_one(models.Listing, row.listing_id).data)


def export_rows(session: Session, scope: Scope, market: str | None, status: str | None,
                batch_id: str | None = None) -> list[Localization]:
    filters = Filters(market=market, status=status, batch_id=batch_id)
    rows = session.scalars(query(scope, filters).order_by(models.Localization.market, models.Localization.created_at,
                                                          models.Localization.id)).all()
    return [Localization.model_validate(row.data) for row in rows]
