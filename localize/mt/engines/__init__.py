"""MT engines: a narrow protocol and a registry by name.

An engine turns a batch of protected segments into target segments for one language pair. Caching,
translation memory and protection are pipeline stages, not engine concerns.
"""

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, order=True)
class LanguagePair:
    source: str
    target: str

    def __str__(self) -> str:
        return f"{self.source}-{self.target}"

    @classmethod
    def parse(cls, text: str) -> "LanguagePair":
        source, sep, target = text.strip().partition("-")
        if not (sep and source and target):
            raise ValueError(f"{text!r} is not a language pair like 'zh-en'")
        return cls(source.lower(), target.lower())


@dataclass(frozen=True)
class Translation:
    """One translated segment and how sure the model was of it: 100 x exp(mean token
    log-probability), so 100 is certain; memory matches are 100."""

    text: str
    confidence: float


class EngineError(Exception):
    """An engine could not translate."""


class ModelUnavailable(EngineError):
    """No model for a pair could be loaded; the message names what was tried and how to configure one."""


class UnsupportedPair(EngineError):
    """The engine does not translate this pair at all."""


class Engine(Protocol):
    name: str

    def translate(self, pair: LanguagePair, segments: list[str]) -> list[Translation]:
        """Translate `segments` (same length and order out as in)."""
        ...

    def model_for(self, pair: LanguagePair) -> str:
        """What serves `pair`, as recorded in each localisation's `engine.model`."""
        ...

    def preload(self) -> int:
        """Load every model the engine is configured with that is here now (scoped ones too), so a
        worker's first task does not wait; how many."""
        ...

    def for_scope(self, seller: str | None, category: str | None) -> "Engine":
        """The engine as it serves a listing of this seller and category: a model the models file
        maps to their scope where there is one, the engine's own elsewhere."""
        ...
