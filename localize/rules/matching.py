"""Finding terms in text the way a linguist would accept: whole words, case-insensitive, with the
inflections each language needs, never inside another word.

A term is written in its dictionary form. What it also matches:

- `en` plural and possessive (`gift` → `gifts`, `gift's`); `de` case and plural endings
  (`umweltfreundlich` → `umweltfreundliche`, `-en`, `-er`, `-es`, `-em`); `fr` feminine and plural
  (`vert` → `verte`, `verts`, `vertes`); `nl` `-e`, `-en`, `-s`; `es`/`pt`/`it` gender and number
  (`blanco` → `blanca`, `blancos`; `bianco` → `bianchi`, `bianche`); `ru` and `pl` case endings on
  the stem (`белый` → `белая`, `белого`, `белым`); `ar` the attached article and conjunctions
  (`خمر` → `الخمر`, `والخمر`) and the feminine and plural endings.
- `ja`, `zh` and `th` are written without spaces: a term matches as written, anywhere. `ko` attaches
  particles: a term matches at the start of a word (`흰색` in `흰색의`).
- `*` at either end of a term opens it to compounds on that side, for languages that write them as
  one word: `*wein` matches `Weißwein` and `Rotwein`; without it, `wein` never matches inside
  `Weißwein`, and `green` never inside `greenhouse`.
- Spaces in a term match any run of whitespace; hyphens also match a space (`eco-friendly`,
  `eco friendly`).
"""

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

_WORD = r"[^\W_]"  # a letter or digit in any script
WORD_BEFORE = rf"(?<!{_WORD})"
WORD_AFTER = rf"(?!{_WORD})"
UNSPACED_LANGUAGES = frozenset({"ja", "zh", "th"})

_SUFFIXES: dict[str, str] = {
    "en": r"(?:s|es|'s|’s)?",
    "de": r"(?:e|en|er|es|em|n|s|ns)?",
    "fr": r"(?:e|s|es|x)?",
    "nl": r"(?:e|en|s|n)?",
}
_ROMANCE_ENDINGS: dict[str, str] = {"es": "(?:o|a|os|as)", "pt": "(?:o|a|os|as)", "it": "(?:o|a|i|e|hi|he)"}
_SLAVIC_VOWELS = {"ru": "ыйаяоеьиу", "pl": "yiaeouąę"}
_SLAVIC_LETTERS = {"ru": "[а-яё]", "pl": "[a-ząćęłńóśźż]"}
_ARABIC_PREFIX = r"(?:[وفبلك]?ال|[وفبلك])?"
_ARABIC_SUFFIX = r"(?:ة|ات|ه|ها|ين|ون)?"


def _body(term: str) -> str:
    return r"(?:\s+|-)".join(r"\s+".join(map(re.escape, part.split())) for part in term.split("-"))


def _inflected(core: str, term: str, lang: str) -> str:
    """`core` (the escaped term) with the endings `lang` inflects it with."""
    if not term[-1:].isalpha():
        return core
    if lang in _SUFFIXES:
        return core + _SUFFIXES[lang]
    if lang in _ROMANCE_ENDINGS:
        if term[-1] in "oa":
            return re.escape(term[:-1]) + _ROMANCE_ENDINGS[lang]
        return core + r"(?:s|es)?"
    if lang in _SLAVIC_VOWELS:
        stem = term.rstrip(_SLAVIC_VOWELS[lang]) if len(term) > 4 else term
        return re.escape(stem) + _SLAVIC_LETTERS[lang] + "{0,3}"
    if lang == "ar":
        return _ARABIC_PREFIX + core + _ARABIC_SUFFIX
    return core


def term_pattern(term: str, lang: str) -> str:
    """The regular expression for one term in `lang`.

    >>> bool(re.fullmatch(term_pattern("umweltfreundlich", "de"), "umweltfreundlichen", re.I))
    True
    >>> bool(re.search(term_pattern("green", "en"), "greenhouse"))
    False
    """
    open_start, open_end = term.startswith("*"), term.endswith("*")
    text = term.strip("*").strip()
    core = _body(text)
    if lang in UNSPACED_LANGUAGES:
        return core
    pattern = core if open_end or multi_word(text) else _inflected(core, text, lang)
    start = rf"{_WORD}*" if open_start else WORD_BEFORE
    end = rf"{_WORD}*" if open_end else WORD_AFTER
    if lang == "ko":
        end = ""
    return start + pattern + end


def multi_word(term: str) -> bool:
    return " " in term


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


class TermMatcher:
    """Terms per language, compiled once into one alternation per language."""

    def __init__(self, terms: Mapping[str, Sequence[str]], case_sensitive: bool = False):
        self.terms = {lang: tuple(values) for lang, values in terms.items()}
        self.case_sensitive = case_sensitive

    def languages(self) -> frozenset[str]:
        return frozenset(self.terms)

    def finditer(self, text: str, lang: str) -> Iterator[Span]:
        regex = _compiled(self.terms.get(lang, ()) + self.terms.get("*", ()), lang, self.case_sensitive)
        if regex is None:
            return
        for match in regex.finditer(text):
            yield Span(match.start(), match.end(), match.group())

    def search(self, text: str, lang: str) -> bool:
        return next(self.finditer(text, lang), None) is not None


@cache
def _compiled(terms: tuple[str, ...], lang: str, case_sensitive: bool) -> re.Pattern[str] | None:
    if not terms:
        return None
    # Longest first, so `eco-friendly packaging` wins over `eco-friendly` at the same place.
    ordered = sorted(terms, key=len, reverse=True)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile("|".join(f"(?:{term_pattern(term, lang)})" for term in ordered), flags)
