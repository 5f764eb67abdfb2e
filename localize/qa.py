"""QA checks on localised text, run after translation: one registered class per check, with an id,
a name, a description and a severity, the way Weblate declares its checks.

A check reads a `ListingText` (the target fields, and the source fields when known) for a market
and yields flags with the field and the character span. Checks that compare with the source skip
a listing whose source is not known (`localize check` without `--source`). Adding a check is one
class with `@qa_check`.
"""

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from localize.detect import SCRIPT_LANGUAGES, script_of
from localize.localization import Flag, Severity
from localize.markets import Market
from localize.protect import Protector, is_quantity
from localize.quantities import quantity_adapter
from localize.rules.text import ListingText, field_group

QA_CHECKS: dict[str, "type[QACheck]"] = {}


class QACheck:
    id: ClassVar[str]
    name: ClassVar[str]
    description: ClassVar[str]
    severity: ClassVar[Severity]
    needs_source: ClassVar[bool] = False

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        raise NotImplementedError

    def flag(self, field: str, message: str, suggestion: str | None = None,
             span: tuple[int, int] | None = None, match: str | None = None) -> Flag:
        return Flag(rule=self.id, severity=self.severity, field=field, message=message, suggestion=suggestion,
                    span=span, match=match)


def qa_check(cls: type[QACheck]) -> type[QACheck]:
    QA_CHECKS[cls.id] = cls
    return cls


def _pairs(text: ListingText) -> Iterator[tuple[str, str, str]]:
    """(field, source, target) for each field that has both."""
    for name, target in text.fields.items():
        if name in text.source:
            yield name, text.source[name], target


@qa_check
class PlaceholderCheck(QACheck):
    id = "qa.placeholder"
    name = "Protected value lost or duplicated"
    description = ("A tag, URL, e-mail, SKU, brand or model number of the source appears a different "
                   "number of times in the target")
    severity = Severity.BLOCK
    needs_source = True

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        for name, _, target in _pairs(text):
            expected = Counter(span for span in text.protected_source[name] if not is_quantity(span))
            for value, count in expected.items():
                found = target.count(value)
                if found != count:
                    what = "lost" if found < count else "duplicated"
                    yield self.flag(name, f"{value!r} {what}: {count} in the source, {found} in the target",
                                    f"keep {value!r} exactly {count} time(s), byte for byte")


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@qa_check
class NumbersCheck(QACheck):
    id = "qa.numbers"
    name = "Number missing in the target"
    description = "A number of the source (after unit conversion for the market) is not in the target"
    severity = Severity.WARN
    needs_source = True

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        adapt = quantity_adapter(market)
        for name, _, target in _pairs(text):
            present = Counter(_NUMBER.findall(target))
            wanted = Counter(number for span in text.protected_source[name] if is_quantity(span)
                             for number in _NUMBER.findall(adapt(span)))
            missing = sorted(wanted - present)
            if missing:
                yield self.flag(name, f"number(s) {', '.join(missing)} of the source are missing in the target",
                                "check the figures against the source")


def _scripts(lang: str) -> frozenset[str]:
    """The scripts a language is written in (Japanese mixes Kana and Han); Latin is always allowed:
    brands, units and codes are written in it everywhere."""
    scripts = {script for script, langs in SCRIPT_LANGUAGES.items() if lang in langs}
    return frozenset(scripts | ({"han"} if lang == "ja" else set()) | {"latin"})


@qa_check
class SourceScriptCheck(QACheck):
    id = "qa.source-script"
    name = "Text left in another script"
    description = "Letters in a script the target language does not use (Han in a German title)"
    severity = Severity.BLOCK

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        allowed = _scripts(text.target_lang)
        kept = [value for value in (text.brand, text.sku) if value]
        for name, masked in text.masked.items():
            for value in kept:
                masked = masked.replace(value, " " * len(value))
            for start, end in _runs(masked, allowed):
                run = text.fields[name][start:end]
                yield self.flag(name, f"{run!r} is not written in a script {text.target_lang} uses",
                                "translate it or remove it",
                                (start, end), run)


def _runs(text: str, allowed: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Spans of letters in other scripts, the spaces and punctuation between them included."""
    start = end = None
    for index, char in enumerate(text):
        script = script_of(char)
        if script is not None and script not in allowed:
            start = index if start is None else start
            end = index + 1
        elif script is not None and start is not None:
            yield start, end
            start = None
    if start is not None:
        yield start, end


@qa_check
class UntranslatedCheck(QACheck):
    id = "qa.untranslated"
    name = "Empty or unchanged translation"
    description = "The target is empty where the source is not, or identical to a source in another language"
    severity = Severity.BLOCK
    needs_source = True

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        if text.source_lang == text.target_lang:
            return
        for name, source, target in _pairs(text):
            if source.strip() and not target.strip():
                yield self.flag(name, "the translation is empty", "translate the field")
            elif field_group(name) != "keywords" and _has_words(source, text) and source.strip() == target.strip():
                yield self.flag(name, "the text is the same as the source", "translate the field")


def _has_words(source: str, text: ListingText) -> bool:
    protected = Protector([text.sku, text.brand or ""]).protect(source)
    return protected.translatable


@lru_cache(maxsize=4096)
def _term_regex(term: str, case_sensitive: bool) -> re.Pattern[str]:
    """A glossary term as a whole word; compiled once per term, not per listing checked."""
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(term)}(?![A-Za-z0-9])", 0 if case_sensitive else re.IGNORECASE)


@qa_check
class GlossaryCheck(QACheck):
    id = "qa.glossary"
    name = "Glossary term missing"
    description = ("A glossary term of the source is not translated as the glossary says (or a "
                   "do-not-translate term is not kept) in the target")
    severity = Severity.WARN
    needs_source = True

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        for term in text.terms:
            found = _term_regex(term.source, term.case_sensitive)
            wanted = _term_regex(term.output, term.case_sensitive)
            for name, source, target in _pairs(text):
                if found.search(source) and not wanted.search(target):
                    kind = "kept as is" if term.do_not_translate else f"translated as {term.output!r}"
                    yield self.flag(name, f"the glossary term {term.source!r} must be {kind}",
                                    f"write {term.output!r}" + (f" ({term.note})" if term.note else ""))


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


def run_qa_checks(text: ListingText, market: Market) -> list[Flag]:
    return [flag for check in QA_CHECKS.values() if text.source or not check.needs_source
            for flag in check().run(text, market)]
