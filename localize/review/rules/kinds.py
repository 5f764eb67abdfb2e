"""Market rules: one class per kind, registered by its `kind` id, each declared in market YAML.

Every rule says what it matches, where it looks, how severe a match is, what to tell the reviewer,
what to do instead and `why`, with the law, standard or reference behind it. Every rule carries
`examples` that must fire and similar-looking text that must stay silent; the test suite runs them
all, so a rule's data is also its test.

Adding a kind is one class here with `@rule_kind`, before `AnyRule` is built at the bottom.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, cached_property
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, Union, cast

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from localize.localization import Flag, Severity
from localize.review.rules.compact import compact_title
from localize.review.rules.matching import Span, Term, TermMatcher, edges
from localize.review.rules.text import FIELD_GROUPS, Joined, ListingText
from localize.seller_profile import known_fact
from localize.text import UNSPACED_LANGUAGES
from localize.text.protect import is_quantity

FieldGroup = Literal["title", "description", "bullets", "keywords", "colors"]
SOURCE_PREFIX = "source."  # a hit in the seller's text: "source.title"
Side = Literal["target", "source"]
LanguageKey = Annotated[str, Field(pattern=r"^([a-z]{2}|\*)$")]


Terms = dict[LanguageKey, list[Term]]


class Example(BaseModel):
    """A listing in miniature. `lang` is the language it is written in (the market's when absent):
    shared rule sets give examples in each language of the markets that include them."""

    model_config = ConfigDict(extra="forbid")

    lang: str | None = None
    title: str = ""
    description: str = ""
    bullets: list[str] = []
    keywords: list[str] = []
    colors: list[str] = []
    category: str | None = None
    day: date | None = None
    source_lang: str | None = None
    source_title: str = ""
    source_description: str = ""
    source_bullets: list[str] = []
    source_colors: list[str] = []
    facts: list[str] = []  # what the seller's profile states (`eu-responsible-person`, `declaration:CE`)


class Examples(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fires: list[Example | str] = Field(min_length=1)
    silent: list[Example | str] = Field(min_length=1)


@dataclass(frozen=True)
class Hit:
    field: str
    span: Span | None = None
    detail: str | None = None  # appended to the rule's message: "(212 > 200 characters)"


class RuleBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str
    name: ClassVar[str]
    description: ClassVar[str]

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")
    severity: Severity
    message: str = Field(min_length=1, description="what the reviewer is told")
    suggestion: str | None = Field(default=None, description="what to write or do instead")
    why: str = Field(min_length=10, description="the cultural or legal reason, with a citation")
    fields: tuple[FieldGroup, ...] = Field(default=cast(tuple[FieldGroup, ...], FIELD_GROUPS), min_length=1)
    look_in: tuple[Side, ...] = Field(
        default=("target", "source"), min_length=1,
        description="target: the localised text; source: the seller's text, in its own language's terms")
    categories: tuple[str, ...] = Field(default=(), description="category prefixes it applies to; all if empty")
    case_sensitive: bool = False
    exclude: Terms = Field(default={}, description="matches inside these are not hits (白菜 is not 白, 4K is not 4)")
    context: Terms | None = Field(default=None, description="terms that must appear somewhere in the listing")
    applies_from: date | None = None
    applies_until: date | None = None
    examples: Examples

    def applies(self, text: ListingText) -> bool:
        if self.categories and not any(
            (text.category or "") == prefix or (text.category or "").startswith(prefix + "/")
            for prefix in self.categories
        ):
            return False
        if self.applies_from and text.day < self.applies_from:
            return False
        if self.applies_until and text.day > self.applies_until:
            return False
        return self.context is None or mentions(self.matcher("context"), text)

    @cached_property
    def _matchers(self) -> dict[str, TermMatcher]:
        return {}

    def matcher(self, name: str) -> TermMatcher:
        """The compiled terms of the rule's field `name` (terms, context, unless, ...), built once."""
        if name not in self._matchers:
            self._matchers[name] = TermMatcher(getattr(self, name) or {}, self.case_sensitive)
        return self._matchers[name]

    def evaluate(self, text: ListingText) -> list[Flag]:
        """Flags for the hits. The seller's text speaks for a field with no translation yet (no
        model): its hits count in full. Where the translation shows the problem, that flag is the
        one; where it has text that does not, the source's hit is only a note to check it (what is
        published is the translation, and a reviewer who rewrote it must be able to approve)."""
        if not self.applies(text):
            return []
        hits = list(self.find(text))
        in_target = {hit.field for hit in hits if not hit.field.startswith(SOURCE_PREFIX)}
        flags = []
        for hit in hits:
            name = hit.field.removeprefix(SOURCE_PREFIX)
            if hit.field == name or not text.fields.get(name, "").strip():
                flags.append(self.flag(hit, text))
            elif name not in in_target:
                flag = self.flag(hit, text)
                flags.append(flag.model_copy(update={
                    "severity": Severity.INFO,
                    "message": f"{flag.message} (in the seller's text, not in the translation: check it)"}))
        return flags

    def find(self, text: ListingText) -> Iterator[Hit]:
        raise NotImplementedError

    def flag(self, hit: Hit, text: ListingText) -> Flag:
        message = f"{self.message} ({hit.detail})" if hit.detail else self.message
        return Flag(rule=self.id, severity=self.severity, field=hit.field, message=message,
                    suggestion=self.suggestion, why=self.why,
                    span=(hit.span.start, hit.span.end) if hit.span else None,
                    match=hit.span.text if hit.span else None)

    def reads_source(self, text: ListingText) -> bool:
        return "source" in self.look_in and bool(text.source_lang)

    def sides(self, text: ListingText) -> Iterator[tuple[str, str, str, str]]:
        """(side prefix, field name, masked text, language) for each field the rule reads."""
        if "target" in self.look_in:
            for name, value in text.select(self.fields):
                yield "", name, value, text.target_lang
        if self.reads_source(text):
            for name, value in text.select(self.fields, side="source"):
                yield SOURCE_PREFIX, name, value, text.source_lang or ""

    def joined_sides(self, text: ListingText) -> Iterator[tuple[str, Joined, str]]:
        """(side prefix, the fields the rule reads joined, language) for each side it reads."""
        if "target" in self.look_in:
            yield "", text.joined(self.fields), text.target_lang
        if self.reads_source(text):
            yield SOURCE_PREFIX, text.joined(self.fields, side="source"), text.source_lang or ""

    def term_hits(self, matcher: TermMatcher, text: ListingText) -> Iterator[Hit]:
        """A hit for each match of `matcher` in the fields the rule reads (all scanned at once)."""
        for prefix, joined, lang in self.joined_sides(text):
            yield from self.hits_outside_exclusions(prefix, joined, lang, matcher.finditer(joined.text, lang), text)

    def hits_outside_exclusions(self, prefix: str, joined: Joined, lang: str, spans: Iterable[Span],
                                text: ListingText) -> Iterator[Hit]:
        """A hit, placed in its field, for each span that does not lie inside a match of `exclude`."""
        blocked = list(self.matcher("exclude").finditer(joined.text, lang)) if self.exclude else []
        for span in spans:
            if not any(b.start <= span.start and span.end <= b.end for b in blocked):
                name, offset = joined.locate(span.start)
                stored = (text.source if prefix else text.fields)[name]
                start, end = span.start - offset, span.end - offset
                yield Hit(prefix + name, Span(start, end, stored[start:end]))


def mentions(matcher: TermMatcher, text: ListingText) -> bool:
    """Whether any field, target or source, holds one of the terms."""
    if matcher.search(text.joined(FIELD_GROUPS).text, text.target_lang):
        return True
    return text.source_lang is not None and matcher.search(text.joined(FIELD_GROUPS, "source").text, text.source_lang)


RULE_KINDS: dict[str, type[RuleBase]] = {}


def rule_kind(cls: type[RuleBase]) -> type[RuleBase]:
    RULE_KINDS[cls.model_fields["kind"].default] = cls
    return cls


class TermRule(RuleBase):
    """Shared by the kinds that fire on terms: each match in a field it reads is a hit."""

    vocabulary: ClassVar[str]  # the field holding the terms to find

    def find(self, text: ListingText) -> Iterator[Hit]:
        yield from self.term_hits(self.matcher(self.vocabulary), text)


@rule_kind
class ColourRule(TermRule):
    """Colour names, in the text and the colour list, that carry a meaning in the market, often only
    in a context (white for gifts in Japan, green on a hat in Chinese-speaking markets)."""

    kind: Literal["colour"] = "colour"
    name = "Colour"
    description = "a colour with a cultural meaning, optionally only in a context or category"
    colours: Terms = Field(min_length=1, description="the colour's names per language")
    vocabulary = "colours"


@rule_kind
class TabooRule(TermRule):
    """Terms that offend or are unlawful in the market (pork or alcohol in Gulf markets)."""

    kind: Literal["taboo"] = "taboo"
    name = "Taboo term"
    description = "a word or image that offends, or is unlawful, in the market"
    terms: Terms = Field(min_length=1)
    vocabulary = "terms"


@rule_kind
class ClaimRule(TabooRule):
    """Marketing claims that need proof the listing does not show: a claim is a hit unless one of
    `unless` (a recognised certification, a registration) appears somewhere in the listing."""

    kind: Literal["claim"] = "claim"  # type: ignore[assignment]
    name = "Claim"
    description = "a claim the market regulates, unless its certification is named"
    unless: Terms = {}

    def find(self, text: ListingText) -> Iterator[Hit]:
        if self.unless and mentions(self.matcher("unless"), text):
            return
        yield from super().find(text)


@rule_kind
class NumberRule(RuleBase):
    """A number the market avoids, in pack sizes and set counts (`pack of 4`, `4個セット`) and, where
    set, in model names (`X4`)."""

    kind: Literal["number"] = "number"
    name = "Number"
    description = "an unlucky number in a pack size, set count or model name"
    number: int = Field(ge=0)
    counts: Terms = Field(min_length=1, description="count phrases with {n} for the number: 'pack of {n}'")
    spelled: Terms = Field(default={}, description="the number in words: four, 四")
    model_numbers: bool = False

    @field_validator("counts")
    @classmethod
    def _has_placeholder(cls, counts: Terms) -> Terms:
        for lang, phrases in counts.items():
            for phrase in phrases:
                if "{n}" not in phrase:
                    raise ValueError(f"{lang}: {phrase!r} has no {{n}} for the number")
        return counts

    def find(self, text: ListingText) -> Iterator[Hit]:
        for prefix, joined, lang in self.joined_sides(text):
            phrases = tuple(self.counts.get(lang, []) + self.counts.get("*", []))
            regex = count_regex(phrases, self.number, tuple(self.spelled.get(lang, ())), lang) if phrases else None
            spans = {(m.start(), m.end()): Span(m.start(), m.end(), m.group())
                     for m in (regex.finditer(joined.text) if regex else ())}
            if self.model_numbers:
                spans.update({(m.start(), m.end()): Span(m.start(), m.end(), m.group())
                              for m in model_number_regex(self.number).finditer(joined.text)
                              if not is_quantity(m.group())})
            yield from self.hits_outside_exclusions(prefix, joined, lang, sorted(spans.values(),
                                                    key=lambda span: span.start), text)


# Numerals a spelled number may be part of: 四 in 十四 (14) or 四十 (40) is not four.
_NUMERALS = {"ja": "〇一二三四五六七八九十百千万億零", "zh": "〇一二三四五六七八九十百千万億零兩两",
             "ko": "일이삼사오육칠팔구십백천만"}


@cache
def count_regex(phrases: tuple[str, ...], number: int, words: tuple[str, ...], lang: str) -> re.Pattern[str]:
    """`pack of {n}` → `pack of 4` or `pack of four`, whole words; `14 pack` is not `4 pack`; all
    of a language's phrases in one pattern. Korean counts attach to the noun before them
    (`수건4매`) but end a word (`4개월` is months)."""
    numerals = _NUMERALS.get(lang)
    spelled = [rf"(?<![{numerals}]){re.escape(word)}(?![{numerals}])" if numerals else re.escape(word)
               for word in words]
    number_re = "|".join([rf"(?<![\d.,]){number}(?![.,]?\d)", *spelled])
    alternatives = []
    for phrase in sorted(phrases, key=len, reverse=True):
        before, after = (re.escape(part).replace(r"\ ", r"\s*") for part in phrase.split("{n}", 1))
        text = phrase.replace("{n}", "0")
        if lang in UNSPACED_LANGUAGES:
            bounds = ("", "")
        else:
            bounds = ("", edges(text, "en")[1]) if lang == "ko" else edges(text, lang)
        alternatives.append(bounds[0] + before + f"(?:{number_re})" + after + bounds[1])
    return re.compile("|".join(f"(?:{alternative})" for alternative in alternatives), re.IGNORECASE)


@cache
def model_number_regex(number: int) -> re.Pattern[str]:
    """A model name (letters and digits, e.g. `X4`, `K-4S`) with `number` as one of its digit groups;
    the caller drops quantities (`4cm`, `17W`)."""
    return re.compile(rf"(?<![\w-])(?=[\w-]*[A-Za-z])[A-Za-z0-9-]*(?<!\d){number}(?!\d)[A-Za-z0-9-]*(?![\w-])")


@rule_kind
class RequiredInfoRule(RuleBase):
    """Information a category must carry in the market (CE marking for electronics in the EU, PSE in
    Japan): a hit when none of `any_of` appears in the fields it reads."""

    kind: Literal["required"] = "required"
    name = "Required information"
    description = "information the category must show in the market, such as a conformity mark"
    any_of: Terms = Field(min_length=1)
    look_in: tuple[Side, ...] = Field(default=("target",), min_length=1,
                                      description="what the shopper reads must carry it")
    satisfied_by: tuple[Annotated[str, AfterValidator(known_fact)], ...] = Field(
        default=(), description="seller profile facts, any of which satisfies the rule: the marketplace shows them "
                                "beside the listing (`eu-responsible-person`, `weee-registration`, `declaration:CE`)")

    def find(self, text: ListingText) -> Iterator[Hit]:
        if text.seller_facts.intersection(self.satisfied_by):
            return
        matcher = self.matcher("any_of")
        if not any(matcher.search(joined.text, lang) for _, joined, lang in self.joined_sides(text)):
            yield Hit("listing")


@rule_kind
class LengthRule(RuleBase):
    """A marketplace's length limit for a field; each bullet or keyword is measured on its own."""

    kind: Literal["length"] = "length"
    name = "Length limit"
    description = "a field longer than the marketplace accepts"
    max_chars: int = Field(ge=1)
    look_in: tuple[Side, ...] = Field(default=("target",), min_length=1,
                                      description="the limit is the marketplace's, on what is listed")

    def find(self, text: ListingText) -> Iterator[Hit]:
        """Visible characters count (tags and runs of spaces do not); the span marks the overflow
        where the field is plain text."""
        for prefix, name, value, _ in self.sides(text):
            visible = " ".join(value.split())
            if len(visible) > self.max_chars:
                stored = (text.source if prefix else text.fields)[name]
                span = Span(self.max_chars, len(stored), stored[self.max_chars :]) if stored == visible else None
                yield Hit(prefix + name, span, f"{len(visible)} > {self.max_chars} characters")

    def flag(self, hit: Hit, text: ListingText) -> Flag:
        """An over-long title (the translation's) also carries a compact version the reviewer may
        apply: see `compact_title`."""
        flag = super().flag(hit, text)
        if hit.field != "title":
            return flag
        compact = compact_title(text.masked["title"], limit=self.max_chars, lang=text.target_lang, brand=text.brand,
                                low_value_tokens=text.low_value_tokens)
        if not compact.dropped:
            return flag
        over = "" if compact.fits else f", still over {self.max_chars}"
        offer = (f"Suggested title ({len(compact.text)} characters{over}; dropped {compact.summary()}): "
                 f"{compact.text}")
        return flag.model_copy(update={"suggestion": f"{flag.suggestion} {offer}" if flag.suggestion else offer,
                                       "replacement": compact.text})


class Window(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> "Window":
        if self.end < self.start:
            raise ValueError(f"{self.name}: end {self.end} is before start {self.start}")
        return self


@rule_kind
class CalendarRule(RuleBase):
    """A date that matters for listings in the market (Ramadan, Lunar New Year): fires while the
    localisation is made within `lead_days` before a window or during it, and where `terms` is set
    only on listings that mention them (promotions). With `fires: outside` it fires on the terms
    outside the windows instead (words only allowed in legal sales periods)."""

    kind: Literal["calendar"] = "calendar"
    name = "Calendar note"
    description = "a season or holiday that changes what a listing should say or when"
    windows: tuple[Window, ...] = Field(min_length=1)
    lead_days: int = Field(default=30, ge=0)
    terms: Terms = {}
    fires: Literal["during", "outside"] = Field(
        default="during", description="outside: the terms are only allowed during the windows (French 'soldes')")

    def current(self, day: date) -> Window | None:
        return next((w for w in self.windows if w.start - timedelta(days=self.lead_days) <= day <= w.end), None)

    def find(self, text: ListingText) -> Iterator[Hit]:
        if (self.current(text.day) is None) == (self.fires == "during"):
            return
        if not self.terms:
            yield Hit("listing")
            return
        yield from self.term_hits(self.matcher("terms"), text)

    def flag(self, hit: Hit, text: ListingText) -> Flag:
        window = self.current(text.day) or self.next_window(text.day)
        message = self.message.format(name=window.name, start=window.start, end=window.end)
        return super().flag(hit, text).model_copy(update={"message": message})

    def next_window(self, day: date) -> Window:
        """The window after `day` (the last one when all are past): what an `outside` rule points to."""
        return next((w for w in sorted(self.windows, key=lambda w: w.start) if w.start > day), self.windows[-1])


if TYPE_CHECKING:  # a checker sees what every kind shares; pydantic, the union of the kinds by `kind`
    AnyRule = RuleBase
else:
    AnyRule = Annotated[Union[tuple(RULE_KINDS.values())], Field(discriminator="kind")]  # noqa: UP007
