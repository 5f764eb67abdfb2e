r"""Finding terms in text the way a linguist would accept: whole words, case-insensitive, with the
inflections each language needs, never inside another word.

A term is written in its dictionary form. What it also matches:

- `en` plural and possessive (`gift` → `gifts`, `gift's`, `knife` → `knives`, `battery` →
  `batteries`); `de` case and plural endings (`umweltfreundlich` → `umweltfreundliche`, `-en`,
  `-er`, `-es`, `-em`; `deutsche` → `deutscher`); `fr` feminine and plural (`vert` → `verte`,
  `verts`; `blanc` → `blanche`; `heureux` → `heureuse`); `nl` `-e`, `-en`, `-s`, halving a
  doubled vowel (`klimaatneutraal` → `klimaatneutrale`); `es`/`pt`/`it` gender and number
  (`blanco` → `blanca`, `blancos`; `bianco` → `bianchi`; `verde` → `verdi`; `sustentável` →
  `sustentáveis`; `promoção` → `promoções`); `ru` and `pl` the listed case endings on the stem
  (`белый` → `белая`, `белого`, `белыми`, not `белка`; `ё` and `е` alike); `ar` the attached article,
  conjunctions and prepositions (`خمر` → `الخمر`, `والخمر`, `للخمر`), the feminine and plural endings,
  `ة` written as `ه`, any hamza form of alef, and vowel marks or tatweel inside the word.
- `ja`, `zh` and `th` are written without spaces: a term matches as written, anywhere. `ko` attaches
  particles: a term matches at the start of a word (`흰색` in `흰색의`).
- A term that begins or ends with Latin letters or digits never matches inside a longer Latin word
  or number, in any script around it (`KC` is not in `KCAL`, `PSE` is found in `PSE認証`). An edge
  that is a symbol (`%`) needs no boundary: `%` matches in `100%`.
- `*` at either end of a term opens it to compounds on that side, for languages that write them as
  one word: `*wein` matches `Weißwein` and `Rotwein`; without it, `wein` never matches inside
  `Weißwein`, and `green` never inside `greenhouse`.
- A term that starts with `re:` is a regular expression, used as written (boundaries included):
  `re:FCC ID:?\s*[A-Z0-9]{3,5}-?[A-Z0-9]+`.
- Spaces and hyphens in a term match a run of spaces or a hyphen (`eco-friendly`, `eco friendly`);
  each word of a term of several words is inflected.
"""

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated

from pydantic import AfterValidator, Field

from localize.text import UNSPACED_LANGUAGES

_WORD = r"[^\W_]"  # a letter or digit in any script
WORD_BEFORE = rf"(?<!{_WORD})"
WORD_AFTER = rf"(?!{_WORD})"
LATIN_BEFORE = r"(?<![A-Za-z0-9])"
LATIN_AFTER = r"(?![A-Za-z0-9])"
REGEX_PREFIX = "re:"  # a term written as a regular expression, where no word fits (an FCC ID's shape)
_BETWEEN_WORDS = r"(?:\s+|\s*-\s*)"

_SUFFIXES: dict[str, str] = {
    "en": r"(?:s|es|'s|’s)?",
    "de": r"(?:e|en|er|es|em|n|s|ns)?",
    "fr": r"(?:e|s|es|x)?",
    "nl": r"(?:e|en|s|n)?",
}
# (ending of the dictionary form, the forms it takes), tried in order; the first that fits wins.
_ENDING_FORMS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("fe", "(?:fe|fes|ves)"), ("f", "(?:f|fs|ves)"), ("y", "(?:y|ys|ies|y's|y’s)")),
    "de": (("e", "(?:e|en|er|es|em)"),),
    "fr": (("eux", "(?:eux|euse|euses)"), ("c", "(?:c|cs|che|ches)"), ("f", "(?:f|fs|ve|ves)"),
           ("el", "(?:el|els|elle|elles)"), ("en", "(?:en|ens|enne|ennes)")),
    "es": (("o", "(?:o|a|os|as)"), ("a", "(?:o|a|os|as)")),
    "it": (("o", "(?:o|a|i|e|hi|he)"), ("a", "(?:o|a|i|e|hi|he)"), ("e", "(?:e|i)")),
    "pt": (("ão", "(?:ão|ões|ães|ãos)"), ("ável", "(?:ável|áveis)"), ("ível", "(?:ível|íveis)"), ("al", "(?:al|ais)"),
           ("or", "(?:or|ora|oras|ores)"), ("o", "(?:o|a|os|as)"), ("a", "(?:o|a|os|as)")),
}
_ROMANCE_PLURAL = r"(?:s|es)?"
# Case and number endings of adjectives and nouns, put back on the stem; an explicit list, so
# `белый` (white) matches `белого` and `белым` but not `белка` (squirrel) or `бельё` (linen).
_SLAVIC_ENDINGS = {
    "ru": ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им", "ых",
           "их", "ыми", "ими", "ую", "юю", "ей", "а", "я", "ы", "и", "у", "ю", "е", "о", "ом", "ем", "ам", "ям",
           "ами", "ями", "ах", "ях", "ов", "ев", "ь"),
    "pl": ("y", "a", "e", "ego", "ej", "emu", "ym", "ą", "ych", "ymi", "i", "ie", "u", "o", "em", "om", "ami",
           "ach", "ów", "ę", "owi"),
}
# و/ف (and), ب/ك/ل (with, like, for), the article; ل + ال is written لل.
_ARABIC_PREFIX = r"(?:[وف]?[بكل]?ال|[وف]?لل|[وفبكل])?"
_ARABIC_SUFFIX = r"(?:ة|ه|ات|ها|ين|ون|ان)?"
_ARABIC_MARKS = "[\u0640\u064b-\u0652]*"  # tatweel and vowel marks, which sellers add or drop
_ARABIC_LETTERS = {"ة": "[ةه]", "ا": "[اأإآ]", "أ": "[اأإآ]", "إ": "[اأإآ]", "آ": "[اأإآ]", "ى": "[ىي]"}
_DUTCH_DOUBLED = re.compile(r"^(.*[^aeiou])(aa|ee|oo|uu)([^aeiouy])$")

_APOSTROPHE = "['’]"


def _valid_term(term: str) -> str:
    if term.startswith(REGEX_PREFIX):
        try:
            re.compile(term.removeprefix(REGEX_PREFIX))
        except re.error as exc:
            raise ValueError(f"invalid regular expression {term!r}: {exc}") from exc
    return term


Term = Annotated[str, Field(min_length=1), AfterValidator(_valid_term)]  # as data files write one


def _escape(word: str, lang: str = "") -> str:
    """A literal word; a straight or typographic apostrophe matches either, and in Russian `е` and `ё`."""
    pattern = re.sub("['’]", lambda _: _APOSTROPHE, re.escape(word))
    if lang == "ru":
        pattern = re.sub("[её]", "[её]", pattern)
    if lang == "ar":
        pattern = "".join(_ARABIC_LETTERS.get(char, re.escape(char)) + _ARABIC_MARKS for char in word)
    return pattern


def _body(term: str, lang: str, inflect: bool) -> str:
    """The words of a term with spaces or hyphens between them; each word inflected (`neutro en
    carbono` → `neutra en carbono`) unless the term is used as written."""
    def word(text: str) -> str:
        return _inflected(text, lang) if inflect and len(text) > 2 else _escape(text, lang)

    return _BETWEEN_WORDS.join(word(part) for part in re.split(r"[\s-]+", term) if part)


def _inflected(term: str, lang: str) -> str:
    """`term` with the endings `lang` inflects it with."""
    core = _escape(term, lang)
    if not term[-1:].isalpha():
        return core
    for ending, forms in _ENDING_FORMS.get(lang, ()):
        if term.endswith(ending) and len(term) > len(ending) + 1:
            return _escape(term[: -len(ending)], lang) + forms
    if lang == "nl" and (doubled := _DUTCH_DOUBLED.match(term)):
        head, vowels, consonant = doubled.groups()
        # neutraal → neutrale, neutralen: the doubled vowel is halved before an ending.
        return _escape(head, lang) + f"(?:{vowels}{consonant}(?:s)?|{vowels[0]}{consonant}(?:e|en))"
    if lang in _SUFFIXES:
        return core + _SUFFIXES[lang]
    if lang in ("es", "it", "pt"):
        return core + _ROMANCE_PLURAL
    if lang in _SLAVIC_ENDINGS:
        endings = sorted(_SLAVIC_ENDINGS[lang], key=len, reverse=True)
        ending = next((e for e in endings if term.lower().endswith(e) and len(term) - len(e) >= 3), "")
        # A stem whose ending was taken off needs one back (`leczy` is not `lecz`, "but"), except
        # after -a/-o/-я nouns, whose genitive plural is the bare stem (`chryzantem`, `книг`).
        optional = ending in ("", "a", "o", "а", "о", "я")
        alternatives = "(?:" + "|".join(endings) + ")" + ("?" if optional else "")
        return _escape(term[: len(term) - len(ending)], lang) + alternatives
    if lang == "ar":
        return _ARABIC_PREFIX + core + _ARABIC_SUFFIX
    return core


def edges(text: str, lang: str) -> tuple[str, str]:
    """The boundaries before and after a term in `lang`."""
    def latin(char: str) -> bool:
        return char.isascii() and char.isalnum()

    first, last = text[:1], text[-1:]
    before = LATIN_BEFORE if latin(first) else "" if not first.isalnum() else WORD_BEFORE
    after = LATIN_AFTER if latin(last) else "" if not last.isalnum() else WORD_AFTER
    if lang in UNSPACED_LANGUAGES:
        before, after = (LATIN_BEFORE if latin(first) else "", LATIN_AFTER if latin(last) else "")
    elif lang == "ko" and not latin(last):
        after = ""  # particles attach to the word: 흰색의
    return before, after


def term_pattern(term: str, lang: str, start_boundary: bool = True) -> str:
    """The regular expression for one term in `lang`. Without `start_boundary` the boundary before
    the term is left to `starts_word`, checked on each match: a pattern that begins with its
    letters lets the regex engine skip ahead to them, which a leading lookbehind prevents.

    >>> bool(re.fullmatch(term_pattern("umweltfreundlich", "de"), "umweltfreundlichen", re.I))
    True
    >>> bool(re.search(term_pattern("green", "en"), "greenhouse"))
    False
    """
    if term.startswith(REGEX_PREFIX):
        return term.removeprefix(REGEX_PREFIX)
    open_start, open_end = term.startswith("*"), term.endswith("*")
    text = term.strip("*").strip()
    pattern = _body(text, lang, inflect=lang not in UNSPACED_LANGUAGES and not open_end)
    before, after = edges(text, lang)
    if open_start:
        before = rf"{_WORD}*"
    if open_end:
        after = rf"{_WORD}*"
    return (before if start_boundary or open_start else "") + pattern + after


def starts_word(text: str, start: int, lang: str) -> bool:
    """Whether a match at `start` begins where `term_pattern`'s boundary would allow it."""
    if start == 0:
        return True
    first, previous = text[start], text[start - 1]
    if first.isascii() and first.isalnum():
        return not (previous.isascii() and previous.isalnum())
    if not first.isalnum() or lang in UNSPACED_LANGUAGES:
        return True
    return not previous.isalnum()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


class TermMatcher:
    """Terms per language (`*` for all), compiled once per language into one alternation."""

    def __init__(self, terms: Mapping[str, Sequence[str]], case_sensitive: bool = False):
        self.terms = {lang: tuple(values) for lang, values in terms.items()}
        self.case_sensitive = case_sensitive
        self._regex: dict[str, re.Pattern[str] | None] = {}

    def regex(self, lang: str) -> re.Pattern[str] | None:
        if lang not in self._regex:
            self._regex[lang] = _compiled(self.terms.get(lang, ()) + self.terms.get("*", ()), lang,
                                          self.case_sensitive)
        return self._regex[lang]

    def finditer(self, text: str, lang: str) -> Iterator[Span]:
        regex = self.regex(lang)
        position = 0
        while regex is not None and (match := regex.search(text, position)):
            if starts_word(text, match.start(), lang) and match.end() > match.start():
                yield Span(match.start(), match.end(), match.group())
                position = match.end()
            else:
                position = match.start() + 1

    def search(self, text: str, lang: str) -> bool:
        return next(self.finditer(text, lang), None) is not None


@cache
def _compiled(terms: tuple[str, ...], lang: str, case_sensitive: bool) -> re.Pattern[str] | None:
    if not terms:
        return None
    # Longest first, so `eco-friendly packaging` wins over `eco-friendly` at the same place.
    ordered = sorted(terms, key=len, reverse=True)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile("|".join(f"(?:{term_pattern(term, lang, start_boundary=False)})" for term in ordered), flags)
