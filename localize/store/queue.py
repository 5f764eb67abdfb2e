"""The review queue over the store: localisations saved, listed, edited, approved, rejected and
exported, every action in the audit log; approvals feed the translation memory."""

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, sessionmaker

from localize.adapt.money import FX_MISSING
from localize.listing import LIST_FIELDS, TEXT_FIELDS, Listing
from localize.localization import Flag, Localization, Severity, Status
from localize.markets import Market
from localize.mt.engines import LanguagePair
from localize.mt.glossary import enforcement
from localize.mt.memory import Unit, normalize_segment, segment_key, units_from_approval
from localize.pipeline import NO_MODEL, UNAVAILABLE
from localize.protection import listing_protector, restore_adapter
from localize.review.checks import check_text, listing_text
from localize.review.qa import QA_CHECKS
from localize.review.qa.fidelity import awaiting_translation
from localize.review.rules.text import text_fields
from localize.settings import get_settings
from localize.store import models
from localize.store.terms import run_glossary
from localize.text.protect import Protector
from localize.text.segment import Sentence, split_field

EDITABLE = TEXT_FIELDS + LIST_FIELDS  # title, description, bullets, keywords, colors


class NotFound(LookupError):
    """No such item, or not one the caller may see."""


class ReviewError(ValueError):
    """The action is not allowed in the item's state (approving with a block flag, editing a field
    that does not exist, ...). `field` names what to fix."""

    def __init__(self, message: str, field: str | None = None, flags: Sequence[Flag] = ()):
        super().__init__(message)
        self.field = field
        self.flags = list(flags)


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


def _rechecked_flags(row: models.Localization, listing: Listing, market: Market, edited: set[str],
                     day: date) -> list[Flag]:
    """Flags for the text as it now stands: rules and QA run again; flags no check re-derives from
    text (size, price) are kept, and a kept-source `qa.placeholder` stays until its field is edited."""
    current = Localization.model_validate(row.data)
    fresh = check_text(listing_text(current, market, listing, current.as_of or day,
                                    confidence_threshold=get_settings().confidence_threshold), market)
    rechecked = {rule.id for rule in market.rules} | set(QA_CHECKS)
    # A missing model's flag stays until the text is all there, and stands for each empty field.
    waiting = any(flag.rule == NO_MODEL for flag in current.flags) and _text_waiting(current, listing)
    kept = [flag for flag in current.flags
            if (flag.rule not in rechecked and (flag.rule != NO_MODEL or waiting))
            or (flag.rule == "qa.placeholder" and flag.field not in edited
                and flag.span is None and "source text was kept" in flag.message)]
    fresh = [flag for flag in fresh if not (waiting and awaiting_translation(flag))]
    unique = {(flag.rule, flag.field, flag.span): flag for flag in kept + fresh}
    return list(unique.values())


def _text_waiting(current: Localization, listing: Listing) -> bool:
    """Whether a field the seller wrote is still empty in the localisation (text left for a person)."""
    target = text_fields(current.title, current.description, bullets=current.bullets, keywords=current.keywords,
                         colors=current.colors)
    source = text_fields(listing.title, listing.description, bullets=listing.bullets, keywords=listing.keywords,
                         colors=listing.colors)
    return any(value.strip() and not target.get(name, "").strip() for name, value in source.items())


def apply_edits(row: models.Localization, edits: dict[str, Any]) -> dict[str, list[Any]]:
    """Change the text fields in `edits`; returns field -> [before, after] for those that changed."""
    changes: dict[str, list[Any]] = {}
    data = dict(row.data)
    for name, value in edits.items():
        if name not in EDITABLE:
            raise ReviewError(f"{name!r} cannot be edited; editable: {', '.join(EDITABLE)}", field=f"edits.{name}")
        if name in LIST_FIELDS:
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ReviewError(f"{name} must be a list of strings", field=f"edits.{name}")
        elif not isinstance(value, str):
            raise ReviewError(f"{name} must be a string", field=f"edits.{name}")
        if name == "title" and not value.strip():
            raise ReviewError("the title cannot be empty", field="edits.title")
        if data.get(name) != value:
            changes[name] = [data.get(name), value]
            data[name] = value
    if changes:
        # The reviewer's words replace the machine's: its confidence no longer speaks for them.
        edited = _edited_fields(changes)
        confidence = {field: value for field, value in data.get("field_confidence", {}).items() if field not in edited}
        data["field_confidence"] = confidence
        data["confidence"] = row.confidence = min(confidence.values()) if confidence else None
    row.data = data
    return changes


def _edited_fields(changes: dict[str, list[Any]]) -> set[str]:
    """Flag field names touched by the changes: `bullets` touches `bullets[0]`, `bullets[1]`, ..."""
    touched = set()
    for name, (before, after) in changes.items():
        if name in LIST_FIELDS:
            touched |= {f"{name}[{i}]" for i in range(max(len(before or []), len(after or [])))}
        else:
            touched.add(name)
    return touched


ACTOR_LENGTH = 100  # the width of reviewed_by


def edit(session: Session, row: models.Localization, actor: str, edits: dict[str, Any], market: Market,
         comment: str | None = None, day: date | None = None) -> dict[str, list[Any]]:
    """Save a reviewer's edits: rules and checks run again on the new text."""
    actor = actor[:ACTOR_LENGTH]
    if row.status != Status.PENDING_REVIEW.value:
        raise ReviewError(f"the localisation is {row.status}; only pending items can be edited", field="status")
    changes = apply_edits(row, edits)
    if changes:
        flags = _rechecked_flags(row, source_listing(session, row), market, _edited_fields(changes),
                                 day or date.today())
        row.data = {**row.data, "flags": [flag.model_dump(mode="json") for flag in flags]}
        row.severity = worst_severity(flags)
        row.needs_translation = any(flag.rule == NO_MODEL for flag in flags)
        row.updated_at = datetime.now(UTC)
        session.add(models.ReviewEvent(localization_id=row.id, actor=actor, action="edited", comment=comment,
                                       changes=changes))
    return changes


def approve(session: Session, row: models.Localization, actor: str, market: Market, memory: "StoreMemory",
            edits: dict[str, Any] | None = None, comment: str | None = None, day: date | None = None) -> None:
    """Approve, after any edits; refused while a `block` flag stands. The approved sentences enter
    the translation memory."""
    if row.status != Status.PENDING_REVIEW.value:
        raise ReviewError(f"the localisation is already {row.status}", field="status")
    actor = actor[:ACTOR_LENGTH]
    edit(session, row, actor, edits or {}, market, day=day)
    blocking = [Flag.model_validate(flag) for flag in row.data.get("flags", []) if flag["severity"] == "block"]
    if blocking:
        what = "; ".join(f"{flag.rule} in {flag.field}" for flag in blocking)
        raise ReviewError(f"cannot approve while block flags stand ({what}); edit the text so they clear",
                          field="flags", flags=blocking)
    moment = datetime.now(UTC)
    row.status = Status.APPROVED.value
    row.reviewed_by, row.reviewed_at, row.updated_at = actor, moment, moment
    row.data = {**row.data, "status": row.status, "reviewed_by": actor, "reviewed_at": moment.isoformat()}
    session.add(models.ReviewEvent(localization_id=row.id, actor=actor, action="approved", comment=comment))
    memory.learn_in(session, approval_units(session, row, market, memory.glossary_folder), actor)


def reject(session: Session, row: models.Localization, actor: str, reason: str) -> None:
    actor = actor[:ACTOR_LENGTH]
    if row.status != Status.PENDING_REVIEW.value:
        raise ReviewError(f"the localisation is already {row.status}", field="status")
    if not reason.strip():
        raise ReviewError("give a reason for the rejection", field="reason")
    moment = datetime.now(UTC)
    row.status = Status.REJECTED.value
    row.reviewed_by, row.reviewed_at, row.updated_at = actor, moment, moment
    row.data = {**row.data, "status": row.status, "reviewed_by": actor, "reviewed_at": moment.isoformat()}
    session.add(models.ReviewEvent(localization_id=row.id, actor=actor, action="rejected", comment=reason))


def _protection(session: Session, row: models.Localization, market: Market, glossary_folder: Path | None
                ) -> tuple[LanguagePair, Protector, Callable[[str], str]]:
    """The language pair, protector and restore adapter the pipeline used for this localisation."""
    listing = source_listing(session, row)
    localization = Localization.model_validate(row.data)
    pair = LanguagePair(localization.source_lang, localization.target_lang)
    seller = session.get(models.Seller, row.seller_id)
    glossary = run_glossary(session, glossary_folder) if glossary_folder else []
    terms = enforcement(glossary, pair.source, pair.target, [market.code], seller.name if seller else None)
    return pair, listing_protector(listing, terms), restore_adapter(market, terms)


def approval_units(session: Session, row: models.Localization, market: Market, glossary_folder: Path | None = None
                   ) -> list[Unit]:
    """What an approval teaches: each approved sentence paired with its source sentence, protected
    as the pipeline protects them (glossary terms included), so the next lookup finds them."""
    listing = source_listing(session, row)
    localization = Localization.model_validate(row.data)
    if localization.source_lang == localization.target_lang:
        return []
    pair, protector, adapt = _protection(session, row, market, glossary_folder)
    units = []
    for name in TEXT_FIELDS:
        units += units_from_approval(pair, getattr(listing, name), getattr(localization, name), protector, adapt)
    for name in LIST_FIELDS:
        for source, target in zip(getattr(listing, name), getattr(localization, name), strict=False):
            units += units_from_approval(pair, source, target, protector, adapt)
    return units


def memory_suggestions(session: Session, row: models.Localization, market: Market, memory: "StoreMemory",
                       threshold: float) -> list[tuple[str, str, "Suggestion"]]:
    """(field, source sentence, suggestion) for the sentences the memory has a close, not exact,
    translation of: offered to the reviewer with its score, never applied by itself."""
    listing = source_listing(session, row)
    localization = Localization.model_validate(row.data)
    if localization.source_lang == localization.target_lang:
        return []
    pair, protector, _ = _protection(session, row, market, memory.glossary_folder)
    found = []
    for name, text in text_fields(listing.title, listing.description, bullets=listing.bullets,
                                  keywords=listing.keywords, colors=listing.colors).items():
        for part in split_field(text):
            if isinstance(part, Sentence) and (protected := protector.protect(part.text)).translatable:
                found += [(name, part.text, s) for s in memory.suggest(pair, protected.text, threshold, 1)
                          if s.score < 100]
    return found


@dataclass(frozen=True)
class Suggestion:
    source: str
    target: str
    score: float
    origin: str


class StoreMemory:
    """The translation memory kept in the store (`translation_memory` table)."""

    def __init__(self, sessions: sessionmaker[Session], glossary_folder: Path | None = None):
        self.sessions = sessions
        self.glossary_folder = glossary_folder  # approvals protect glossary terms as the pipeline did

    def lookup(self, pair: LanguagePair, segments: Sequence[str]) -> dict[str, str]:
        keys: dict[str, list[str]] = {}  # segments that differ only in width or spacing share a key
        for segment in segments:
            keys.setdefault(segment_key(segment), []).append(segment)
        found: dict[str, str] = {}
        with self.sessions() as session:
            for chunk in _chunks(list(keys), 500):
                for entry in session.scalars(select(models.MemoryEntry).where(
                        models.MemoryEntry.source_lang == pair.source, models.MemoryEntry.target_lang == pair.target,
                        models.MemoryEntry.source_key.in_(chunk))):
                    found.update(dict.fromkeys(keys[entry.source_key], entry.target_text))
        return found

    def units(self, source_lang: str | None = None, target_lang: str | None = None) -> list[Unit]:
        statement = select(models.MemoryEntry).order_by(models.MemoryEntry.id)
        if source_lang:
            statement = statement.where(models.MemoryEntry.source_lang == source_lang)
        if target_lang:
            statement = statement.where(models.MemoryEntry.target_lang == target_lang)
        with self.sessions() as session:
            return [Unit(LanguagePair(e.source_lang, e.target_lang), e.source_text, e.target_text)
                    for e in session.scalars(statement)]

    def suggest(self, pair: LanguagePair, segment: str, threshold: float = 85, limit: int = 3
                ) -> list[Suggestion]:
        """Fuzzy matches (rapidfuzz ratio on the normalised text, 0-100) at or above `threshold`,
        best first: shown to reviewers, never used without them. Only entries of a similar length
        are scored, so a large memory stays fast."""
        wanted = normalize_segment(segment)
        low, high = int(len(segment) * 0.6), int(len(segment) / 0.6) + 1
        with self.sessions() as session:
            entries = session.scalars(select(models.MemoryEntry).where(
                models.MemoryEntry.source_lang == pair.source, models.MemoryEntry.target_lang == pair.target,
                func.length(models.MemoryEntry.source_text).between(low, high))).all()
        scored = [Suggestion(entry.source_text, entry.target_text, round(fuzz.ratio(wanted, normalize_segment(
            entry.source_text)), 1), entry.origin) for entry in entries]
        return sorted((s for s in scored if s.score >= threshold), key=lambda s: -s.score)[:limit]

    def learn(self, units: Iterable[Unit], author: str) -> int:
        with self.sessions.begin() as session:
            return self.learn_in(session, units, author)

    def learn_in(self, session: Session, units: Iterable[Unit], author: str, origin: str = "review") -> int:
        stored = 0
        for unit in units:
            key = segment_key(unit.source)
            entry = session.scalar(select(models.MemoryEntry).where(
                models.MemoryEntry.source_lang == unit.pair.source, models.MemoryEntry.target_lang == unit.pair.target,
                models.MemoryEntry.source_key == key))
            if entry is None:
                session.add(models.MemoryEntry(source_lang=unit.pair.source, target_lang=unit.pair.target,
                                               source_key=key, source_text=unit.source, target_text=unit.target,
                                               origin=origin, created_by=author))
                session.flush()
            else:
                entry.target_text, entry.origin, entry.created_by = unit.target, origin, author
                entry.updated_at = datetime.now(UTC)
            stored += 1
        return stored


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def export_rows(session: Session, scope: Scope, market: str | None, status: str | None,
                batch_id: str | None = None) -> list[Localization]:
    filters = Filters(market=market, status=status, batch_id=batch_id)
    rows = session.scalars(query(scope, filters).order_by(models.Localization.market, models.Localization.created_at,
                                                          models.Localization.id)).all()
    return [Localization.model_validate(row.data) for row in rows]
