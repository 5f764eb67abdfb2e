"""What a model is adapted on: the approved units of a pair in one scope, the held-out slice of
them it never trains on, and base-corpus pairs mixed in so it does not forget.

Units are protected as the pipeline protects text (`[X0X]` for a SKU, a number, a glossary term),
as the memory stores them and the model is served them. The held-out slice is chosen by the hash of
each source, so it stays the same as approvals accumulate: a segment held out once is held out for
every later adaptation, and no adapted model is ever scored on what it was trained on."""

import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from localize.localization import Localization
from localize.markets import get_market
from localize.mt.corpus import CORPUS_DIR, corpus_brands, protect_training_pairs, read_corpus
from localize.mt.engines import LanguagePair
from localize.mt.engines.models import Scope
from localize.mt.memory import Unit, segment_key
from localize.store import models
from localize.store.accounts import seller_named
from localize.store.memory import approval_units
from localize.store.queue import source_listing
from localize.text.protect import protector_for

TRAINING_DATA = "training.tsv"  # a model directory's own training pairs (protected), when its builder kept them
HELD_OUT_PERCENT = 20
MIN_HELD_OUT = 5
MIN_TRAINING = 10
BASE_CHECK = 100  # base-corpus pairs kept out of training to measure what the model forgets
APPROVED = "approved"


class AdaptationError(ValueError):
    """A model cannot be adapted (too few approvals, no local model, no models file to promote in)."""


@dataclass(frozen=True)
class AdaptationData:
    training: list[Unit]
    held_out: list[Unit]
    base: list[tuple[str, str]]  # protected base-corpus pairs, none of them a held-out source
    base_check: list[Unit]  # base-corpus pairs never trained on: what the model must not forget


def is_held_out(source: str) -> bool:
    return int(segment_key(source)[:8], 16) % 100 < HELD_OUT_PERCENT


def approved_units(session: Session, pair: LanguagePair, scope: Scope | None, market_rules: Path,
                   glossary_folder: Path | None) -> list[Unit]:
    """The pair's approved units in `scope`, one per source (the latest): the memory's entries, TMX
    imports included (every seller's and the shared layer, or the seller's own), or for a category
    the units of the approved localisations of its listings (and its subcategories')."""
    if scope is not None and scope.kind == "category":
        units = _category_units(session, pair, scope.name, market_rules, glossary_folder)
    else:
        entry = models.MemoryEntry
        statement = (select(entry).where(entry.source_lang == pair.source, entry.target_lang == pair.target)
                     .order_by(entry.updated_at, entry.id))
        if scope is not None:
            statement = statement.where(models.MemoryEntry.seller_id == seller_named(session, scope.name).id)
        units = [Unit(pair, entry.source_text, entry.target_text) for entry in session.scalars(statement)]
    return list({segment_key(unit.source): unit for unit in units}.values())


def in_category(category: str | None, wanted: str) -> bool:
    return category is not None and (category == wanted or category.startswith(wanted.rstrip("/") + "/"))


def _category_units(session: Session, pair: LanguagePair, category: str, market_rules: Path,
                    glossary_folder: Path | None) -> list[Unit]:
    rows = session.scalars(select(models.Localization).where(models.Localization.status == APPROVED)
                           .order_by(models.Localization.updated_at, models.Localization.id))
    units: list[Unit] = []
    for row in rows:
        localization = Localization.model_validate(row.data)
        if (localization.source_lang, localization.target_lang) != (pair.source, pair.target):
            continue
        if in_category(source_listing(session, row).category, category):
            units += approval_units(session, row, get_market(row.market, market_rules), glossary_folder)
    return units


def split(units: Iterable[Unit]) -> tuple[list[Unit], list[Unit]]:
    """(training, held out) by the hash of each source."""
    training: list[Unit] = []
    held_out: list[Unit] = []
    for unit in units:
        (held_out if is_held_out(unit.source) else training).append(unit)
    return training, held_out


def base_pairs(model_dir: Path, pair: LanguagePair, count: int, avoid: set[str]) -> list[tuple[str, str]]:
    """Up to `count` protected pairs of what the model knew: its own training data when its
    directory keeps it (`training.tsv`), else the shipped corpus of the pair; none whose source is
    in `avoid` (the keys of held-out sources). Sampled the same way every time."""
    recorded = model_dir / TRAINING_DATA
    if recorded.is_file():
        pairs = read_corpus(TRAINING_DATA.removesuffix(".tsv"), model_dir)
    elif (CORPUS_DIR / f"{pair}.tsv").is_file():
        pairs = protect_training_pairs(read_corpus(str(pair)), protector_for(terms=corpus_brands()))
    else:
        return []
    pairs = [(source, target) for source, target in pairs if segment_key(source) not in avoid]
    return random.Random(0).sample(pairs, min(count, len(pairs)))


def gather(session: Session, pair: LanguagePair, scope: Scope | None, model_dir: Path, market_rules: Path,
           glossary_folder: Path | None) -> AdaptationData:
    units = approved_units(session, pair, scope, market_rules, glossary_folder)
    training, held_out = split(units)
    where = f"{pair}" + (f" ({scope})" if scope else "")
    if len(training) < MIN_TRAINING or len(held_out) < MIN_HELD_OUT:
        raise AdaptationError(f"too few approved segments for {where}: {len(units)} ({len(training)} to train on, "
                              f"{len(held_out)} held out); at least {MIN_TRAINING} and {MIN_HELD_OUT} are needed")
    sample = base_pairs(model_dir, pair, len(training) + BASE_CHECK, {segment_key(unit.source) for unit in held_out})
    check, base = sample[:BASE_CHECK], sample[BASE_CHECK:]
    return AdaptationData(training, held_out, base, [Unit(pair, source, target) for source, target in check])
