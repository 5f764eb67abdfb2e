"""Checks that the target says what the source says: protected values, numbers, script, glossary."""

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from localize.adapt.quantities import quantity_adapter
from localize.localization import Flag, Severity
from localize.markets import Market
from localize.review.qa.registry import QACheck, qa_check, source_and_target
from localize.review.rules.text import ListingText, field_group
from localize.text.detect import SCRIPT_LANGUAGES, script_of
from localize.text.protect import is_quantity, protector_for


@qa_check
class PlaceholderCheck(QACheck):
    id = "qa.placeholder"
    name = "Protected value lost or duplicated"
    description = ("A tag, URL, e-mail, SKU, brand or model number of the source appears a different "
                   "number of times in the target")
    severity = Severity.BLOCK
    needs_source = True

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        for name, _, target in source_and_target(text):
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
        for name, _, target in source_and_target(text):
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
    start: int | None = None
    end = 0
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


EMPTY_TRANSLATION = "the translation is empty"


def awaiting_translation(flag: Flag) -> bool:
    """A field's empty-translation flag: while no model's text waits for a person, the one flag that
    says so stands for them all."""
    return flag.rule == UntranslatedCheck.id and flag.message == EMPTY_TRANSLATION


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
        for name, source, target in source_and_target(text, empty_targets=True):
            if source.strip() and not target.strip():
                yield self.flag(name, EMPTY_TRANSLATION, "translate the field")
            elif field_group(name) != "keywords" and _has_words(source, text) and source.strip() == target.strip():
                yield self.flag(name, "the text is the same as the source", "translate the field")


def _has_words(source: str, text: ListingText) -> bool:
    protected = protector_for(text.sku, text.brand).protect(source)
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
            for name, source, target in source_and_target(text):
                if found.search(source) and not wanted.search(target):
                    kind = "kept as is" if term.do_not_translate else f"translated as {term.output!r}"
                    yield self.flag(name, f"the glossary term {term.source!r} must be {kind}",
                                    f"write {term.output!r}" + (f" ({term.note})" if term.note else ""))
