"""Checks of the target's typography for its locale: punctuation and spaces."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from localize.localization import Flag, Severity
from localize.markets import Market
from localize.review.qa.registry import QACheck, qa_check
from localize.review.rules.text import ListingText


@dataclass(frozen=True)
class LocalePattern:
    """A pattern that is wrong in some target languages: `langs` (all if None) minus `except_langs`."""

    regex: re.Pattern[str]
    problem: str
    fix: str
    langs: frozenset[str] | None = None
    except_langs: frozenset[str] = frozenset()

    def applies(self, lang: str) -> bool:
        return (self.langs is None or lang in self.langs) and lang not in self.except_langs


class _PatternCheck(QACheck):
    """A check that flags each match of its locale patterns in the target fields."""

    patterns: ClassVar[tuple[LocalePattern, ...]]

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        for pattern in self.patterns:
            if pattern.applies(text.target_lang):
                for name, masked in text.inert.items():
                    for match in pattern.regex.finditer(masked):
                        yield self.flag(name, pattern.problem, pattern.fix, (match.start(), match.end()),
                                        match.group())


@qa_check
class PunctuationCheck(_PatternCheck):
    id = "qa.punctuation"
    name = "Punctuation of the locale"
    description = ("French no-break space before ; : ! ?, French and German quotation marks, "
                   "no CJK full-width punctuation in other languages")
    severity = Severity.INFO
    patterns = (
        # A sign that ends a phrase (URLs and 1:1 ratios are followed by more text, not a space).
        LocalePattern(re.compile(r"(?:(?<=[^\s\u00a0\u202f])| )[;:!?](?=\s|$)"),
                      "French puts a no-break space before ; : ! ?",
                      "write a narrow no-break space (U+202F) before the sign",
                      langs=frozenset({"fr"})),
        LocalePattern(re.compile(r'"[^"<>]+"'), "straight quotation marks in French",
                      "use « guillemets » with no-break spaces", langs=frozenset({"fr"})),
        LocalePattern(re.compile(r'"[^"<>]+"'), "straight quotation marks in German", "use „Anführungszeichen“",
                      langs=frozenset({"de"})),
        LocalePattern(re.compile(r"[，。；：！？、（）【】]"), "full-width CJK punctuation in a text in another script",
                      "use the target language's punctuation", except_langs=frozenset({"zh", "ja", "ko"})),
    )


@qa_check
class SpacesCheck(_PatternCheck):
    id = "qa.spaces"
    name = "Doubled or stray spaces"
    description = "Two or more spaces in a row, or spaces at the start or end of a field"
    severity = Severity.INFO
    patterns = (
        LocalePattern(re.compile(r"(?<=\S) {2,}(?=\S)"), "doubled space", "use one space"),
        LocalePattern(re.compile(r"^[ \t]+|[ \t]+$"), "space at the start or end of the field", "remove it"),
    )
