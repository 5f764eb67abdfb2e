"""A compact title: what a reviewer is offered when a title is over a marketplace's limit.

Words go in an order a seller would accept, each step only as far as the limit asks: repeated
words, promotional filler (`localize/data/title_words.yaml`), the seller's own low-value tokens,
then clauses after separators from the end (never the first; clauses with a key attribute, a
number, a code such as `USB-C` or a colour, last). The brand's first mention always stays. The
title is never cut inside a clause: what cannot be made to fit is offered as it is, with `fits`
false, and what was dropped is listed so the reviewer sees why. Nothing is applied without the
reviewer."""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from localize.datafile import load_data_file
from localize.review.rules.matching import Span, Term, TermMatcher, edges
from localize.text import UNSPACED_LANGUAGES

# Beside the other shipped data; not through `localize.settings`, which imports the rules package.
TITLE_WORDS_FILE = Path(__file__).resolve().parents[2] / "data" / "title_words.yaml"
Reason = Literal["duplicate", "filler", "low-value", "clause"]


class TitleWords(BaseModel):
    """One language's words: see the file's header."""

    model_config = ConfigDict(extra="forbid")

    filler: list[Term] = Field(default=[], description="promotional words and phrases, dropped first")
    grammar: list[Annotated[str, Field(min_length=1)]] = Field(
        default=[], description="words a title repeats for its grammar: never dropped as duplicates")
    colours: list[Term] = Field(default=[], description="colour names: key attributes")


class TitleWordsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    languages: dict[Annotated[str, Field(pattern=r"^[a-z]{2}$")], TitleWords]


class TitleWordsError(ValueError):
    """The title word lists are invalid; the message names the file and key."""


@cache
def title_words(path: Path = TITLE_WORDS_FILE) -> dict[str, TitleWords]:
    return load_data_file(TitleWordsFile, path, path.name, TitleWordsError).languages


@dataclass(frozen=True)
class Dropped:
    reason: Reason
    text: str


@dataclass(frozen=True)
class CompactTitle:
    text: str
    fits: bool  # within the limit; when false, `text` is the best effort, still too long
    dropped: tuple[Dropped, ...] = ()  # in the order they went

    def summary(self) -> str:
        """What went, for the reviewer: `filler “Hot Sale”, clause “Gym”`."""
        return ", ".join(f"{drop.reason} “{drop.text}”" for drop in self.dropped)


def compact_title(title: str, *, limit: int, lang: str, brand: str | None,
                  low_value_tokens: Iterable[str] = ()) -> CompactTitle:
    """`title` shortened towards `limit` characters (counted as the length rules count them: runs
    of spaces as one); a title within the limit comes back as it is.

    >>> compact_title("Lumora Earbuds Hot Sale, Wireless Earbuds, 40 h Playtime, Black, Gym, Travel",
    ...               limit=60, lang="en", brand="Lumora")
    CompactTitle(text='Lumora Earbuds, Wireless, 40 h Playtime, Black, Gym, Travel', fits=True, \
dropped=(Dropped(reason='duplicate', text='Earbuds'), Dropped(reason='filler', text='Hot Sale')))
    >>> compact_title("Lumora Earbuds, Wireless, 40 h Playtime, Black, Gym, Travel", limit=40, lang="en",
    ...               brand="Lumora").text
    'Lumora Earbuds, 40 h Playtime, Black'
    >>> compact_title("Lumora Earbuds 40 h Playtime", limit=20, lang="en", brand="Lumora").fits
    False
    """
    text = " ".join(title.split())
    if len(text) <= limit:
        return CompactTitle(title, fits=True)
    shortening = _Shortening(lang, brand, tuple(low_value_tokens))
    steps: tuple[tuple[Reason, Callable[[str], Span | None]], ...] = (
        ("duplicate", shortening.duplicate), ("filler", shortening.filler),
        ("low-value", shortening.low_value), ("clause", shortening.clause))
    dropped = []
    for reason, find in steps:
        while len(text) > limit and (span := find(text)) is not None:
            dropped.append(Dropped(reason, span.text))
            text = tidy(text[: span.start] + text[span.end :])
    return CompactTitle(text, len(text) <= limit, tuple(dropped))


# Between clauses: `,` `|` `;` (and their CJK forms, `、`), a dash or a slash with spaces around it
# (`w/ case`, `1/4`, `Black/White` are not clause breaks); in Chinese, Japanese and Thai, where
# sellers space keyword groups, a space as well.
_SEPARATOR = re.compile(r"\s*[,|;，、；]\s*|\s+[-–—/]\s+")
_UNSPACED_SEPARATOR = re.compile(rf"{_SEPARATOR.pattern}|\s+")
_SEPARATOR_CHARS = ",|;，、；"
_SEPARATOR_RUN = re.compile(rf"([{_SEPARATOR_CHARS}]|(?<=\s)[-–—/](?=\s))(?:\s*[{_SEPARATOR_CHARS}]|\s+[-–—/](?=\s))+")
_EMPTY_BRACKETS = re.compile(r"[(\[（【]\s*[)\]）】]")
_SPACE_BEFORE = re.compile(r"\s+(?=[,.;:!?，、；。)\]）】])")
_SPACE_AFTER = re.compile(r"(?<=[(\[（【])\s+")
_ENDS = " -–—/:" + _SEPARATOR_CHARS
# A word in a spaced language (`T-Shirt`, `5.3`, `don't` are one); a run between spaces and
# separators in Chinese, Japanese and Thai, where sellers space keyword groups.
_WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")
_RUN = re.compile(r"[^\s,|;，、；/()\[\]（）【】]+")
# A number or a code in capitals (`X4`, `500 ml`, `USB-C`, `HEPA`): a key attribute.
_CODE_OR_NUMBER = re.compile(r"\d|(?<![^\W\d_])[A-Z](?:[A-Z0-9]|-(?=[A-Z0-9]))+(?![^\W\d_])")


def tidy(text: str) -> str:
    """`text` without what a removal leaves behind: doubled spaces and separators, empty brackets,
    spaces before punctuation, separators at either end. Only ever removes characters.

    >>> tidy(" | Lumora  ( ) Earbuds , , 40 h |")
    'Lumora Earbuds, 40 h'
    """
    text = " ".join(text.split())
    text = _EMPTY_BRACKETS.sub("", text)
    text = _SEPARATOR_RUN.sub(r"\1", text)
    text = _SPACE_AFTER.sub("", _SPACE_BEFORE.sub("", text))
    return " ".join(text.strip(_ENDS).split())


@dataclass(frozen=True)
class _Shortening:
    """Each step finds the next span to drop, the one nearest the end, or None when it has none.
    The brand's first mention is never in one."""

    lang: str
    brand: str | None
    low_value_tokens: tuple[str, ...]

    @property
    def words(self) -> TitleWords:
        return title_words().get(self.lang, TitleWords())

    def duplicate(self, text: str) -> Span | None:
        """A later occurrence of a word, any case; never a number, a grammar word or a short word."""
        unspaced = self.lang in UNSPACED_LANGUAGES
        grammar = {word.casefold() for word in self.words.grammar}
        seen: set[str] = set()
        repeats = []
        for match in (_RUN if unspaced else _WORD).finditer(text):
            key = match.group().casefold()
            if len(key) < (2 if unspaced else 3) or key in grammar or any(char.isdigit() for char in key):
                continue
            if key in seen:
                repeats.append(Span(match.start(), match.end(), match.group()))
            seen.add(key)
        return self._last_outside_brand(repeats, text)

    def filler(self, text: str) -> Span | None:
        return self._last_outside_brand(TermMatcher({self.lang: self.words.filler}).finditer(text, self.lang), text)

    def low_value(self, text: str) -> Span | None:
        return self._last_outside_brand(_literal_spans(text, self.low_value_tokens, self.lang), text)

    def clause(self, text: str) -> Span | None:
        """A clause after a separator, with the separator before it (the span's text is the clause):
        the last one without a key attribute, else the last one; never the first clause."""
        breaks = list((_UNSPACED_SEPARATOR if self.lang in UNSPACED_LANGUAGES else _SEPARATOR).finditer(text))
        ends = [separator.start() for separator in breaks[1:]] + [len(text)] if breaks else []
        clauses = [Span(separator.start(), end, text[separator.end() : end])
                   for separator, end in zip(breaks, ends, strict=True)]
        plain = [clause for clause in clauses if not self._has_key_attribute(clause.text)]
        return self._last_outside_brand(plain, text) or self._last_outside_brand(clauses, text)

    def _has_key_attribute(self, text: str) -> bool:
        colours = TermMatcher({self.lang: self.words.colours})
        return _CODE_OR_NUMBER.search(text) is not None or colours.search(text, self.lang)

    def _last_outside_brand(self, spans: Iterable[Span], text: str) -> Span | None:
        brand = next(_literal_spans(text, (self.brand,) if self.brand else (), self.lang), None)
        outside = [span for span in spans if brand is None or not (brand.start < span.end and span.start < brand.end)]
        return outside[-1] if outside else None


def _literal_spans(text: str, terms: tuple[str, ...], lang: str) -> Iterator[Span]:
    """Where each term stands as written, any case, as a whole word: the seller's tokens and the
    brand are not patterns."""
    ordered = sorted({term.strip() for term in terms} - {""}, key=len, reverse=True)
    if ordered:
        for match in re.finditer("|".join(_literal(term, lang) for term in ordered), text, re.IGNORECASE):
            yield Span(match.start(), match.end(), match.group())


def _literal(term: str, lang: str) -> str:
    before, after = edges(term, lang)
    return before + re.escape(term) + after
