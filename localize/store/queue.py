"""The review queue over the store: localisations saved, found, listed, counted and exported, each
action in the audit log (the review itself is `review`, what approvals teach is `memory`)."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from localize.adapt.money import FX_MISSING
from localize.catalog.values import ExportItem
from localize.listing import LIST_FIELDS, TEXT_FIELDS, Listing
from localize.localization import Flag, Localization, Severity, Status
from localize.pipeline import NO_MODEL, UNAVAILABLE
from localize.store import models
from localize.store.versions import add_version, current_versions, merge_changes, source_changes


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
    """Store `listing` as the newest version of the seller's listing of its SKU."""
    current = current_versions(session, seller_id, [listing.sku]).get(listing.sku)
    return add_version(session, seller_id, listing, markets, current, batch_id, position)


def save_localization(session: Session, listing_row: models.Listing, localization: Localization
                      ) -> models.Localization | None:
    """Store one localisation of a stored listing version. The listing's localisation for that
    market, if it has one, follows the new version (`resubmit`). None when there is nothing to
    store: this version already has it (a batch resumed after a restart), or a newer version has."""
    existing = session.scalar(select(models.Localization).where(
        models.Localization.seller_id == listing_row.seller_id, models.Localization.sku == listing_row.sku,
        models.Localization.market == localization.market).order_by(models.Localization.created_at.desc()).limit(1))
    if existing is not None:
        if existing.listing_id == listing_row.id:
            return None
        before = session.get_one(models.Listing, existing.listing_id)
        if before.version > listing_row.version:
            return None
        return resubmit(session, existing, before, listing_row, localization)
    data = localization.model_dump(mode="json")
    row = models.Localization(
        id=localization.id, listing_id=listing_row.id, seller_id=listing_row.seller_id, batch_id=listing_row.batch_id,
        sku=localization.sku, market=localization.market, status=localization.status.value, data=data,
        created_at=localization.created_at, updated_at=localization.created_at)
    _index(row, localization)
    session.add(row)
    session.add(models.ReviewEvent(localization_id=row.id, actor="localize", action="created",
                                   comment=_engine_note(localization)))
    return row


def _index(row: models.Localization, localization: Localization) -> None:
    """The columns the queue filters and sorts on, from the localisation's flags and confidence."""
    rules = {flag.rule for flag in localization.flags}
    row.severity = worst_severity(localization.flags)
    row.confidence = localization.confidence
    row.needs_translation = NO_MODEL in rules
    row.needs_price = FX_MISSING in rules


def resubmit(session: Session, row: models.Localization, before: models.Listing, listing_row: models.Listing,
             localization: Localization) -> models.Localization:
    """The listing's localisation for a market, moved to a newer version of the listing. Its text
    becomes the new localisation's (sentences approved before come from the translation memory);
    an approved one becomes `stale` until approved again, a rejected one waits for review again,
    and what the seller changed since the last approval is kept for the reviewer. The text it
    replaces is in the audit log."""
    changes = source_changes(before.data, listing_row.data)
    row.listing_id, row.batch_id = listing_row.id, listing_row.batch_id
    if not changes:  # the same source: a version that only added markets
        return row
    stale = row.status in (Status.APPROVED.value, Status.STALE.value)
    status = Status.STALE if stale else Status.PENDING_REVIEW
    old = row.data
    data = localization.model_dump(mode="json")
    data.update(id=row.id, status=status.value, reviewed_by=row.reviewed_by if stale else None,
                reviewed_at=old.get("reviewed_at") if stale else None)
    row.data, row.status = data, status.value
    row.source_changes = merge_changes(row.source_changes, changes)
    if not stale:
        row.reviewed_by, row.reviewed_at = None, None
    row.updated_at = datetime.now(UTC)
    _index(row, localization)
    target = {name: [old.get(name), data.get(name)] for name in (*TEXT_FIELDS, *LIST_FIELDS)
              if old.get(name) != data.get(name)}
    session.add(models.ReviewEvent(
        localization_id=row.id, actor="localize", action="resubmitted",
        comment=f"version {listing_row.version}: the seller changed {', '.join(changes)}; {_engine_note(localization)}",
        changes={**{f"source.{name}": value for name, value in changes.items()}, **target}))
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


def export_items(session: Session, scope: Scope, market: str | None, status: str | None,
                 batch_id: str | None = None) -> list[ExportItem]:
    """The localisations to export, each with the seller's listing it was made from."""
    filters = Filters(market=market, status=status, batch_id=batch_id)
    statement = (query(scope, filters).join(models.Listing, models.Listing.id == models.Localization.listing_id)
                 .add_columns(models.Listing.data)
                 .order_by(models.Localization.market, models.Localization.created_at, models.Localization.id))
    return [ExportItem(Localization.model_validate(row.data), Listing.model_validate(listing))
            for row, listing in session.execute(statement)]
