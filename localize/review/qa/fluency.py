"""Checks for what MT gets wrong in form rather than in meaning: loops, repeats, glued values, a
length far from the source's, and text the model itself was unsure of.

Decoding already refuses back-to-back loops and restores the space beside a value; these checks
are the last line of defence for what gets through, for reviewers' edits and for translations made
elsewhere (`localize check`).
"""

import re
import string
from collections.abc import Iterator
from itertools import permutations
from typing import ClassVar

from localize.adapt.quantities import quantity_adapter
from localize.localization import Flag, Severity
from localize.markets import Market
from localize.review.qa.registry import QACheck, qa_check, source_and_target
from localize.review.rules.text import ListingText, field_group, mask_tags
from localize.text import UNSPACED_LANGUAGES
from localize.text.protect import is_quantity

# A word or a phrase of up to four words, then the same again (any case), back to back.
_REPEATED = re.compile(r"(?<!\w)(\w+(?:[ \-]\w+){0,3})(?:\s+\1)+(?!\w)", re.IGNORECASE)
# Words a language may rightly write twice in a row ("that that", "die die", "nous nous lavons").
_GRAMMATICAL_REPEATS: dict[str, frozenset[str]] = {
    "en": frozenset({"that", "had"}),
    "de": frozenset({"die", "der", "das", "dass"}),
    "fr": frozenset({"nous", "vous"}),
    "nl": frozenset({"dat", "die"}),
    "es": frozenset({"que"}),
    "it": frozenset({"che"}),
    "pt": frozenset({"que"}),
}


@qa_check
class RepeatedWordsCheck(QACheck):
    id = "qa.repeated-words"
    name = "Word or phrase repeated"
    description = "A word or phrase written twice back to back (\"Silent Silent\", \"Boys Girls Boys Girls\")"
    severity = Severity.WARN

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        allowed = _GRAMMATICAL_REPEATS.get(text.target_lang, frozenset())
        for name, masked in text.masked.items():
            for match in _REPEATED.finditer(masked):
                unit = match.group(1)
                if sum(char.isalpha() for char in unit) < 2 or unit.casefold() in allowed:
                    continue
                yield self.flag(name, f"{unit!r} is written twice in a row", f"write {unit!r} once",
                                (match.start(), match.end()), match.group())


def _item_key(value: str) -> str:
    return " ".join(mask_tags(value).casefold().strip(string.punctuation + " ").split())


@qa_check
class DuplicateItemCheck(QACheck):
    id = "qa.duplicate-item"
    name = "Bullet or keyword repeated"
    description = "The same bullet point or keyword twice in one listing (any case, spacing or end punctuation)"
    severity = Severity.WARN
    groups: ClassVar[tuple[str, ...]] = ("bullets", "keywords")

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        seen: dict[str, str] = {}
        for name, value in text.fields.items():
            group = field_group(name)
            key = _item_key(value)
            if group not in self.groups or not key:
                continue
            first = seen.setdefault(f"{group}:{key}", name)
            if first != name:
                yield self.flag(name, f"the same as {first}", "remove it or say something new")


@qa_check
class GluedValueCheck(QACheck):
    id = "qa.glued-value"
    name = "Value glued to a word"
    description = ("A protected value (number with unit, model number, brand) written without the space that "
                   "separates it from a word or another value, in a language that writes spaces")
    severity = Severity.WARN
    needs_source = True

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        if text.target_lang in UNSPACED_LANGUAGES:
            return
        adapt = quantity_adapter(market)
        for name, _, target in source_and_target(text):
            values = {adapt(span) if is_quantity(span) else span for span in text.protected_source[name]
                      if not span.startswith("<")}
            flagged: set[tuple[int, int]] = set()
            for start, end in [*_glued_to_words(target, values), *_glued_together(target, values)]:
                if (start, end) not in flagged:
                    flagged.add((start, end))
                    yield self.flag(name, f"{target[start:end]!r} runs a value into its neighbour",
                                    "put a space between the value and the word next to it", (start, end),
                                    target[start:end])


def _glued_to_words(target: str, values: set[str]) -> Iterator[tuple[int, int]]:
    """A value with a letter on the outside where a number of its own meets it, or with a letter or
    digit beside a letter of its own ("Geräuschunterdrückung5.3", "20Wsilent")."""
    for value in values:
        for match in re.finditer(re.escape(value), target):
            start, end = match.span()
            before, after = target[start - 1 : start], target[end : end + 1]
            if _meets(before, value[0]) or _meets(after, value[-1]):
                yield max(0, start - _word_length(target, start, -1)), end + _word_length(target, end, 1)


def _meets(outside: str, inside: str) -> bool:
    """Two characters that belong to different words: a letter against anything alphanumeric, or
    a digit against a letter (two digits may be one longer number)."""
    return outside.isalnum() and inside.isalnum() and (outside.isalpha() or inside.isalpha())


def _word_length(text: str, position: int, direction: int) -> int:
    """How many alphanumeric characters run from `position` in `direction` (-1 back, 1 on)."""
    count = 0
    index = position - 1 if direction < 0 else position
    while 0 <= index < len(text) and text[index].isalnum():
        count += 1
        index += direction
    return count


def _glued_together(target: str, values: set[str]) -> Iterator[tuple[int, int]]:
    """Two values of the source written as one ("IPX7" and "20W" as "IPX720W")."""
    for first, second in permutations(values, 2):
        joined = first + second
        for match in re.finditer(re.escape(joined), target):
            yield match.span()


# Letters a language takes for what English says in one letter (characters of text, tags and
# values aside): German runs about 15% longer, Chinese a third as long. Rough, so the bounds are wide.
LETTER_DENSITY = {"en": 1.0, "de": 1.15, "fr": 1.15, "es": 1.15, "it": 1.1, "pt": 1.1, "nl": 1.15,
                  "pl": 1.1, "ru": 1.1, "ar": 0.85, "th": 0.9, "ja": 0.4, "ko": 0.45, "zh": 0.3}
LENGTH_BOUNDS = (0.3, 3.0)  # on the demo corpus's 6,884 reference pairs the ratio ran 0.33 to 1.88
MIN_SOURCE_LETTERS = 6


@qa_check
class LengthRatioCheck(QACheck):
    id = "qa.length-ratio"
    name = "Translation much shorter or longer than the source"
    description = ("The target has under 0.3 or over 3 times the letters the source would take in its language: "
                   "text left out, or a loop")
    severity = Severity.WARN
    needs_source = True

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        source_lang = text.source_lang or ""
        if source_lang == text.target_lang or not {source_lang, text.target_lang} <= LETTER_DENSITY.keys():
            return
        expected = LETTER_DENSITY[text.target_lang] / LETTER_DENSITY[source_lang]
        low, high = LENGTH_BOUNDS
        for name, source, target in source_and_target(text):
            if field_group(name) not in ("title", "description", "bullets"):
                continue
            values = text.protected_source[name]
            source_letters, target_letters = _letters(source, values), _letters(target, values)
            if source_letters < MIN_SOURCE_LETTERS or not target_letters:
                continue  # an empty target is qa.untranslated's
            ratio = target_letters / source_letters / expected
            if not low <= ratio <= high:
                what = "shorter" if ratio < low else "longer"
                yield self.flag(name, f"{ratio:.1f} times the expected length: much {what} than the source",
                                "compare it with the source: something is left out" if ratio < low
                                else "compare it with the source: something is repeated or added")


def _letters(text: str, values: list[str]) -> int:
    masked = mask_tags(text)
    for value in values:
        masked = masked.replace(value, " ")
    return sum(char.isalpha() for char in masked)


@qa_check
class LowConfidenceCheck(QACheck):
    id = "qa.low-confidence"
    name = "Model unsure of its translation"
    description = ("The model's own confidence in a field's least sure sentence (100 x its mean token "
                   "probability) is under LOCALIZE_CONFIDENCE_THRESHOLD")
    severity = Severity.WARN

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        for name, confidence in text.confidence.items():
            if name in text.fields and confidence < text.confidence_threshold:
                yield self.flag(name, f"the model's confidence is {confidence:g} (under {text.confidence_threshold:g})",
                                "read it against the source before approving")
