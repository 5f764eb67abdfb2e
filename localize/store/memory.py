"""The translation memory in the store: what an approval teaches (each approved sentence with its
source, protected as the pipeline protects them), exact lookups for the pipeline and fuzzy
suggestions for reviewers."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rapidfuzz import fuzz
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from localize.listing import LIST_FIELDS, TEXT_FIELDS
from localize.localization import Localization
from localize.markets import Market
from localize.mt.engines import LanguagePair
from localize.mt.glossary import GlossaryTerm, applicable_terms, enforcement
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


def item_terms(session: Session, row: models.Localization, market: Market, glossary_folder: Path | None
               ) -> list[GlossaryTerm]:
    """The glossary terms of the item's language pair and market that its source text uses: what
    the reviewer's side panel shows beside the sentences."""
    listing = source_listing(session, row)
    seller = session.get(models.Seller, row.seller_id)
    glossary = run_glossary(session, glossary_folder) if glossary_folder else []
    text = " ".join(text_fields(listing.title, listing.description, bullets=listing.bullets,
                                keywords=listing.keywords, colors=listing.colors).values())
    found = [term for term in applicable_terms(glossary, row.data.get("source_lang") or "", market,
                                                seller.name if seller else None)
             if (term.source in text if term.case_sensitive else term.source.casefold() in text.casefold())]
    return list({term.source.casefold(): term for term in found}.values())


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
    memory = memory.for_seller(session.get_one(models.Seller, row.seller_id))  # the item's seller's view
    found = []
    for name, text in text_fields(listing.title, listing.description, bullets=listing.bullets,
                                  keywords=listing.keywords, colors=listing.colors).items():
        for part in split_field(text):
            if isinstance(part, Sentence) and (protected := protector.protect(part.text)).translatable:
                found += [(name, part.text, s) for s in memory.suggest(pair, protected.text, threshold, 1)
                          if s.score < 100]
    return found


Learned = Callable[[set[LanguagePair], int], None]  # (the pairs a review taught, the seller's id)


@dataclass(frozen=True)
class Suggestion:
    source: str
    target: str
    score: float
    origin: str


@dataclass(frozen=True)
class MemoryScope:
    """Whose memory is read and taught: one seller's (`seller_id`), with the shared layer under it
    when the seller opted in (`shared`); or the shared layer alone (`seller_id` None), which is
    what the operator's own runs (`localize batch`, `tm import`) use."""

    seller_id: int | None = None
    shared: bool = True

    def readable(self) -> ColumnElement[bool]:
        if self.seller_id is None or not self.shared:
            return _layer(self.seller_id)
        return or_(_layer(self.seller_id), _layer(None))


def _layer(seller_id: int | None) -> ColumnElement[bool]:
    """One layer of the memory: a seller's, or the shared one (None)."""
    return models.MemoryEntry.seller_id.is_(None) if seller_id is None else models.MemoryEntry.seller_id == seller_id


def _own_first(entries: Iterable[models.MemoryEntry]) -> list[models.MemoryEntry]:
    """Entries with the seller's own before the shared layer's: the seller's approval wins."""
    return sorted(entries, key=lambda entry: entry.seller_id is None)


class StoreMemory:
    """The translation memory kept in the store (`memory_entries`), seen through one `MemoryScope`."""

    def __init__(self, sessions: sessionmaker[Session], glossary_folder: Path | None = None,
                 scope: MemoryScope = MemoryScope(), on_learned: Learned | None = None):
        self.sessions = sessions
        self.glossary_folder = glossary_folder  # approvals protect glossary terms as the pipeline did
        self.scope = scope
        self.on_learned = on_learned  # told of each review that taught a seller's layer

    def for_seller(self, seller: models.Seller) -> "StoreMemory":
        return StoreMemory(self.sessions, self.glossary_folder, MemoryScope(seller.id, seller.shares_memory),
                           self.on_learned)

    def lookup(self, pair: LanguagePair, segments: Sequence[str]) -> dict[str, str]:
        keys: dict[str, list[str]] = {}  # segments that differ only in width or spacing share a key
        for segment in segments:
            keys.setdefault(segment_key(segment), []).append(segment)
        found: dict[str, str] = {}
        with self.sessions() as session:
            for chunk in _chunks(list(keys), 500):
                entries = session.scalars(select(models.MemoryEntry).where(
                    self.scope.readable(), models.MemoryEntry.source_lang == pair.source,
                    models.MemoryEntry.target_lang == pair.target, models.MemoryEntry.source_key.in_(chunk)))
                for entry in reversed(_own_first(entries)):
                    found.update(dict.fromkeys(keys[entry.source_key], entry.target_text))
        return found

    def units(self, source_lang: str | None = None, target_lang: str | None = None) -> list[Unit]:
        """The units of the scope's own layer (the seller's, or the shared layer)."""
        statement = select(models.MemoryEntry).where(_layer(self.scope.seller_id)).order_by(models.MemoryEntry.id)
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
            entries = _own_first(session.scalars(select(models.MemoryEntry).where(
                self.scope.readable(), models.MemoryEntry.source_lang == pair.source,
                models.MemoryEntry.target_lang == pair.target,
                func.length(models.MemoryEntry.source_text).between(low, high))))
        unique = {entry.source_key: entry for entry in reversed(entries)}.values()  # the seller's wins
        scored = [Suggestion(entry.source_text, entry.target_text, round(fuzz.ratio(wanted, normalize_segment(
            entry.source_text)), 1), entry.origin) for entry in unique]
        return sorted((s for s in scored if s.score >= threshold), key=lambda s: -s.score)[:limit]

    def learn(self, units: Iterable[Unit], author: str) -> int:
        """Teach the scope's own layer (the seller's, or the shared one)."""
        with self.sessions.begin() as session:
            return self.learn_in(session, units, author, seller_id=self.scope.seller_id)

    def learn_in(self, session: Session, units: Iterable[Unit], author: str, *, seller_id: int | None,
                 origin: str = "review") -> int:
        """Store units in one seller's layer, or in the shared layer (`seller_id` None)."""
        stored, pairs = 0, set()
        for unit in units:
            pairs.add(unit.pair)
            key = segment_key(unit.source)
            entry = session.scalar(select(models.MemoryEntry).where(
                _layer(seller_id), models.MemoryEntry.source_lang == unit.pair.source,
                models.MemoryEntry.target_lang == unit.pair.target, models.MemoryEntry.source_key == key))
            if entry is None:
                session.add(models.MemoryEntry(seller_id=seller_id, source_lang=unit.pair.source,
                                               target_lang=unit.pair.target, source_key=key, source_text=unit.source,
                                               target_text=unit.target, origin=origin, created_by=author))
                session.flush()
            else:
                entry.target_text, entry.origin, entry.created_by = unit.target, origin, author
                entry.updated_at = datetime.now(UTC)
            stored += 1
        if self.on_learned and origin == "review" and seller_id is not None and stored:
            self.on_learned(pairs, seller_id)
        return stored


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
