"""What rules and QA checks read: one localisation's text by field, beside its source."""

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

TEXT_FIELDS = ("title", "description")
LIST_FIELDS = ("bullets", "keywords", "colors")
FIELD_GROUPS = TEXT_FIELDS + LIST_FIELDS
_TAG = re.compile(r"<[^<>]*>")


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
    return _TAG.sub(lambda match: fill * len(match.group()), text)


INERT = "\x1f"  # fills tags where spacing and punctuation are checked: neither space nor letter


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

    @cached_property
    def masked(self) -> dict[str, str]:
        return {name: mask_tags(text) for name, text in self.fields.items()}

    @cached_property
    def inert(self) -> dict[str, str]:
        return {name: mask_tags(text, INERT) for name, text in self.fields.items()}

    @cached_property
    def masked_source(self) -> dict[str, str]:
        return {name: mask_tags(text) for name, text in self.source.items()}

    def select(self, groups: tuple[str, ...], side: str = "target") -> list[tuple[str, str]]:
        """(field name, tag-masked text) for the fields in `groups` on the target or source side."""
        texts = self.masked if side == "target" else self.masked_source
        return [(name, text) for name, text in texts.items() if field_group(name) in groups]
