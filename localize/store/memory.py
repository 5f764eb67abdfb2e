"""The translation memory in the store: what an approval teaches (each approved sentence with its
source, protected as the pipeline protects them), exact lookups for the pipeline and fuzzy
suggestions for reviewers."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rapidfuzz import fuzz
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from localize.listing import LIST_FIELDS, TEXT_FIELDS
from localize.localization import Localization
from localize.markets import Market
from localize.mt.engines import LanguagePair
from localize.mt.glossary import enforcement
from localize.mt.memory import Unit, normalize_segment, segment_key, units_from_approval
from localize.protection import listing_protector, restore_adapter
from localize.review.rules.text import text_fields
from localize.store import models
from localize.store.queue import source_listing
from localize.store.terms import run_glossary
from localize.text.protect import Protector
from localize.text.segment import Sentence, split_field


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
