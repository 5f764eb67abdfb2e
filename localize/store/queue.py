"""The review queue over the store: localisations saved, found, listed, counted and exported, each
action in the audit log (the review itself is `review`, what approvals teach is `memory`)."""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
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
    rule: str | None = None  # a flag's rule id, exactly
    confidence_below: float | None = None  # the least sure field's confidence under this (0-100)
    q: str | None = None  # text in the source or the target, any case
    open_at_most: str | None = None  # the worst flag not acknowledged: "none", "info" or "warn" at most
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


# The text fields a search looks in, of the source and of the target.
SEARCHED = (*TEXT_FIELDS, *LIST_FIELDS)
# The levels approving by filter can take: the worst flag left unacknowledged ("none": none left).
OPEN_LEVELS = ("none", Severity.INFO.value, Severity.WARN.value)


def worst_severity(flags: Iterable[Flag | dict[str, Any]]) -> str | None:
    values = [flag["severity"] if isinstance(flag, dict) else flag.severity.value for flag in flags]
    return max(values, key=lambda value: Severity(value).rank) if values else None


def flag_key(flag: Flag | Mapping[str, Any]) -> tuple[str, str, str | None]:
    """What an acknowledgement holds on to: the rule, the field and the text it fired on."""
    if isinstance(flag, Flag):
        return flag.rule, flag.field, flag.match
    return flag["rule"], flag["field"], flag["match"]


def acknowledgement(row: models.Localization, flag: Flag) -> dict[str, Any] | None:
    """The reviewer's acknowledgement of the flag on the item, if there is one."""
    return next((ack for ack in row.acknowledgements or [] if flag_key(ack) == flag_key(flag)), None)


def index_flags(row: models.Localization, flags: Sequence[Flag]) -> None:
    """The columns that follow from the flags: the worst flag, the worst not acknowledged, the rules
    that fired and what waits for a person. An acknowledgement whose flag no longer stands is dropped."""
    standing = {flag_key(flag) for flag in flags}
    row.acknowledgements = [ack for ack in row.acknowledgements or [] if flag_key(ack) in standing]
    acknowledged = {flag_key(ack) for ack in row.acknowledgements}
    rules = {flag.rule for flag in flags}
    row.severity = worst_severity(flags)
    row.open_severity = worst_severity(flag for flag in flags if flag_key(flag) not in acknowledged)
    row.flag_rules = " " + "".join(f"{rule} " for rule in sorted(rules))
    row.needs_translation = NO_MODEL in rules
    row.needs_price = FX_MISSING in rules


def search_text(source: Mapping[str, Any], target: Mapping[str, Any]) -> str:
    """The source's and the target's text (listing and localisation JSON) in one casefolded string."""
    texts: list[str] = []
    for data in (source, target):
        for name in SEARCHED:
            value = data.get(name) or ""
            texts.extend(value if isinstance(value, list) else [value])
    return "\n".join(dict.fromkeys(text for text in texts if text)).casefold()


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
    _index(row, localization, listing_row.data)
    session.add(row)
    session.add(models.ReviewEvent(localization_id=row.id, actor="localize", action="created",
                                   comment=_engine_note(localization)))
    return row


def _index(row: models.Localization, localization: Localization, source: Mapping[str, Any]) -> None:
    """The columns the queue filters and sorts on, from the localisation's flags, confidence and
    text, and the source's text (`source`: the listing's JSON)."""
    index_flags(row, localization.flags)
    row.confidence = localization.confidence
    row.search_text = search_text(source, row.data)


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
    _index(row, localization, listing_row.data)
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
    if filters.rule:
        statement = statement.where(models.Localization.flag_rules.contains(f" {filters.rule} ", autoescape=True))
    if filters.confidence_below is not None:
        statement = statement.where(models.Localization.confidence < filters.confidence_below)
    if filters.q:
        statement = statement.where(models.Localization.search_text.contains(filters.q.casefold(), autoescape=True))
    if filters.open_at_most in OPEN_LEVELS:
        statement = statement.where(_open_at_most(filters.open_at_most))
    return statement


def _open_at_most(level: str) -> ColumnElement[bool]:
    """No flag left unacknowledged worse than `level` ("none": none left at all)."""
    allowed = OPEN_LEVELS[1:OPEN_LEVELS.index(level) + 1]
    return or_(models.Localization.open_severity.is_(None), models.Localization.open_severity.in_(allowed))


def approvable(scope: Scope, filters: Filters) -> Select[models.Localization]:
    """The pending items among those the filters find: what approving by filter takes (those whose
    flags left unacknowledged are at most `filters.open_at_most`)."""
    return query(scope, filters).where(models.Localization.status == Status.PENDING_REVIEW.value)


def open_counts(session: Session, scope: Scope, filters: Filters) -> dict[str, int]:
    """How many items approving by filter would take at each of `OPEN_LEVELS`."""
    pending = approvable(scope, replace(filters, open_at_most=None)).subquery()
    found = Counter({severity or "none": n for severity, n in session.execute(
        select(pending.c.open_severity, func.count()).group_by(pending.c.open_severity))})
    return {level: sum(found[worst] for worst in OPEN_LEVELS[:index + 1]) for index, level in enumerate(OPEN_LEVELS)}


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
