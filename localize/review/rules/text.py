"""What rules and QA checks read: one localisation's text by field, beside its source."""

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from localize.listing import LIST_FIELDS, TEXT_FIELDS
from localize.text import TAG
from localize.text.protect import protector_for

FIELD_GROUPS = TEXT_FIELDS + LIST_FIELDS


def field_group(name: str) -> str:
    """`bullets[2]` belongs to `bullets`."""
    return name.split("[", 1)[0]


def text_fields(title: str, description: str = "", **lists: list[str]) -> dict[str, str]:
    """A listing's or localisation's text as `{"title": ..., "bullets[0]": ...}`."""
    fields = {"title": title, "description": description}
    for name in LIST_FIELDS:
        fields.update({f"{name}[{i}]": value for i, value in enumerate(lists.get(name) or [])})
    return fields


def mask_tags(text: str, fill: str = " ") -> str:
    """Tags blanked to `fill` (spaces: words on either side stay apart) of the same length: terms
    are matched in the words only, and a match's span is still its place in the field as stored."""
    return TAG.sub(lambda match: fill * len(match.group()), text)


DEFAULT_CONFIDENCE_THRESHOLD = 40.0  # LOCALIZE_CONFIDENCE_THRESHOLD; see README: Confidence

INERT = "\x1f"  # fills tags where spacing and punctuation are checked: neither space nor letter


SEPARATOR = "\x00"  # between joined fields: neither a letter nor a space, so no match spans two fields


@dataclass(frozen=True)
class Joined:
    """Several fields' masked text joined into one string, so a rule scans a listing once."""

    text: str
    names: tuple[str, ...]
    starts: tuple[int, ...]  # where each field begins in `text`

    def locate(self, position: int) -> tuple[str, int]:
        """The field holding `position`, and the offset of that field in `text`."""
        index = bisect_right(self.starts, position) - 1
        return self.names[index], self.starts[index]


@dataclass(frozen=True)
class ListingText:
    sku: str
    market: str
    target_lang: str
    fields: dict[str, str]
    source_lang: str | None = None
    source: dict[str, str] = field(default_factory=dict)
    category: str | None = None
    brand: str | None = None
    day: date = field(default_factory=date.today)
    terms: tuple[Any, ...] = ()  # the glossary terms (GlossaryTerm) this localisation must follow
    confidence: dict[str, float] = field(default_factory=dict)  # the model's, per machine-translated field
    confidence_threshold: float = DEFAULT_CONFIDENCE_THRESHOLD  # qa.low-confidence fires below it
    # What the seller's profile states for this listing (`eu-responsible-person`, `weee-registration`,
    # `ce-declaration`, ...): a `required` rule they satisfy does not fire.
    seller_facts: frozenset[str] = frozenset()
    low_value_tokens: tuple[str, ...] = ()  # the seller's words a compact title may drop first

    @cached_property
    def masked(self) -> dict[str, str]:
        return {name: mask_tags(text) for name, text in self.fields.items()}

    @cached_property
    def protected_source(self) -> dict[str, list[str]]:
        """The protected spans (tags, URLs, SKU, brand, numbers, ...) of each source field."""
        # Do-not-translate terms come out as they went in, so they count like the brand.
        kept = [term for term in self.terms if term.do_not_translate]
        protector = protector_for(self.sku, self.brand, [t.source for t in kept],
                                  any_case=[t.source for t in kept if not t.case_sensitive])
        return {name: protector.protect(text).spans() for name, text in self.source.items()}

    @cached_property
    def inert(self) -> dict[str, str]:
        return {name: mask_tags(text, INERT) for name, text in self.fields.items()}

    @cached_property
    def masked_source(self) -> dict[str, str]:
        return {name: mask_tags(text) for name, text in self.source.items()}

    @cached_property
    def _joined(self) -> dict[tuple[tuple[str, ...], str], Joined]:
        return {}

    def joined(self, groups: tuple[str, ...], side: str = "target") -> Joined:
        """The fields in `groups` on one side, masked and joined; built once per selection."""
        key = (groups, side)
        if key not in self._joined:
            selected = self.select(groups, side)
            starts, position = [], 0
            for _, value in selected:
                starts.append(position)
                position += len(value) + len(SEPARATOR)
            self._joined[key] = Joined(SEPARATOR.join(value for _, value in selected),
                                       tuple(name for name, _ in selected), tuple(starts))
        return self._joined[key]

    def select(self, groups: tuple[str, ...], side: str = "target") -> list[tuple[str, str]]:
        """(field name, tag-masked text) for the fields in `groups` on the target or source side."""
        texts = self.masked if side == "target" else self.masked_source
        return [(name, text) for name, text in texts.items() if field_group(name) in groups]
