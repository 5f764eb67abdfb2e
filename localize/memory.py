"""Translation memory: approved translations of protected segments, reused without MT.

A unit pairs a protected source segment (`[X0X] 台灯`) with its approved protected translation
(`[X0X] desk lamp`), per language pair. Kept in protected form, one unit serves every market of
the language: the values are put back and adapted (units, formats) for each market as after MT.
Lookups match after normalising whitespace and character width (full-width `，` is `,`).
"""

import hashlib
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from localize.engines import LanguagePair
from localize.protect import PLACEHOLDER, Protected, Protector
from localize.segment import Sentence, split_field


def normalize_segment(text: str) -> str:
    """How memory compares segments: NFKC (full-width punctuation and digits to their usual
    forms) and runs of whitespace as one space.

    >>> normalize_segment("材质：  纯棉，柔软 ") == normalize_segment("材质: 纯棉,柔软")
    True
    """
    return " ".join(unicodedata.normalize("NFKC", text).split())


def segment_key(text: str) -> str:
    return hashlib.sha256(normalize_segment(text).encode()).hexdigest()


@dataclass(frozen=True)
class Unit:
    pair: LanguagePair
    source: str  # protected source segment
    target: str  # protected approved translation


class TranslationMemory(Protocol):
    def lookup(self, pair: LanguagePair, segments: Sequence[str]) -> dict[str, str]:
        """The stored translation of each segment found, by segment."""
        ...

    def learn(self, units: Iterable[Unit], author: str) -> int:
        """Store units (a newer approval replaces an older one); returns how many were stored."""
        ...


def units_from_approval(pair: LanguagePair, source: str, target: str, protector: Protector,
                        adapt: Callable[[str], str]) -> list[Unit]:
    """Translation units from one approved field: its sentences paired in order when source and
    target have as many, each target sentence protected back with the source's placeholders.

    A sentence whose protected values do not each appear exactly once in the approved text (the
    reviewer rewrote a number, say) teaches nothing: a unit must restore exactly."""
    sources = [protector.protect(part.text) for part in split_field(source) if isinstance(part, Sentence)]
    targets = [part.text for part in split_field(target) if isinstance(part, Sentence)]
    if len(sources) != len(targets):
        return []
    units = []
    for protected, translated in zip(sources, targets, strict=True):
        if protected.translatable and (unit_target := reprotect(translated, protected, adapt)) is not None:
            units.append(Unit(pair, protected.text, unit_target))
    return units


def reprotect(translated: str, protected: Protected, adapt: Callable[[str], str]) -> str | None:
    """`translated` with each of `protected`'s values (as adapted for the market) back as its
    placeholder, or None unless each appears exactly once."""
    text = translated
    # Longest first: "11.8 in (30cm)" before "30cm".
    order = sorted(range(len(protected.values)), key=lambda i: -len(protected.restored_value(i, adapt)))
    for index in order:
        value = protected.restored_value(index, adapt)
        if text.count(value) != 1:
            return None
        text = text.replace(value, PLACEHOLDER.format(index))
    return text
