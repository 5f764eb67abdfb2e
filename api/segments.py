"""The item page as a reviewer works it: each sentence of each field a row, the seller's sentence
above its translation's editor, with the protected values (codes, numbers, brand, tags) as chips and
the flags that concern it; and the edits of those rows put back into whole fields, markup intact.

A field whose source and translation split into the same number of sentences gets a row per
sentence; otherwise (a translation that merged or split sentences) the field is one row."""

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from localize.listing import LIST_FIELDS, TEXT_FIELDS, Listing
from localize.localization import Flag, Localization
from localize.protection import listing_protector
from localize.review.rules.kinds import SOURCE_PREFIX
from localize.review.rules.text import text_fields
from localize.text.protect import PLACEHOLDER_PATTERN, Protector
from localize.text.segment import Part, Sentence, split_field

SEGMENT_INPUT = "seg:"  # seg:<field>:<sentence index>, or seg:<field>: for a whole field


@dataclass(frozen=True)
class Piece:
    text: str
    protected: bool = False  # a value that must come through as it is: shown as a chip


@dataclass
class SegmentRow:
    key: str  # the row's anchor and input name: "title:0", "bullets[1]:0", "description:" (whole field)
    field: str  # the field flags name: title, description, bullets[1]
    source: list[Piece]
    target: str
    markup: str  # the block tags around the sentence in an HTML field ("li"), for context
    flags: list[Flag] = dataclasses.field(default_factory=list)
    confidence: float | None = None  # the field's, on its first row

    @property
    def severity(self) -> str | None:
        """The worst of its flags' severities, for the row's colour."""
        if not self.flags:
            return None
        return max((flag.severity for flag in self.flags), key=lambda severity: severity.rank).value

    @property
    def input_name(self) -> str:
        return SEGMENT_INPUT + self.key

    @property
    def anchor(self) -> str:
        return "row-" + "".join(char if char.isalnum() else "-" for char in self.key)


@dataclass(frozen=True)
class _Span:
    text: str
    start: int  # offset in the field
    markup: str


def field_texts(record: Listing | Localization) -> dict[str, str]:
    """The editable fields as `{"title": ..., "bullets[0]": ...}`, in page order."""
    return text_fields(record.title, record.description or "", bullets=record.bullets, keywords=record.keywords,
                       colors=record.colors)


def segment_rows(listing: Listing, localization: Localization) -> tuple[list[SegmentRow], list[Flag]]:
    """The rows of the item page, and the flags that belong to no row (the listing as a whole, the
    price, a field no longer there): shown in the side panel. Each flag appears once."""
    protector = listing_protector(listing)
    sources, targets = field_texts(listing), field_texts(localization)
    rows: list[SegmentRow] = []
    for name in dict.fromkeys([*sources, *targets]):
        source, target = sources.get(name, ""), targets.get(name, "")
        if not (source or target):
            continue
        source_spans, target_spans = _sentences(source), _sentences(target)
        pairs = list(zip(source_spans, target_spans, strict=True)) if (
            len(source_spans) == len(target_spans) and source_spans) else [(_Span(source, 0, ""), _Span(target, 0, ""))]
        whole = len(pairs) == 1 and pairs[0][1].text == target
        for index, (source_span, target_span) in enumerate(pairs):
            rows.append(SegmentRow(
                key=f"{name}:" if whole else f"{name}:{index}", field=name,
                source=_pieces(source_span.text, protector), target=target_span.text,
                markup=target_span.markup or source_span.markup,
                confidence=localization.field_confidence.get(name) if index == 0 else None))
    unplaced = _place_flags(rows, _distinct(localization.flags), sources, targets)
    return rows, unplaced


def _sentences(text: str) -> list[_Span]:
    """Each sentence of a field with its offset and the block tags that enclose it."""
    spans: list[_Span] = []
    offset, open_tags = 0, list[str]()
    for part in split_field(text):
        if isinstance(part, Sentence):
            spans.append(_Span(part.text, offset, " ".join(open_tags)))
            offset += len(part.text)
            continue
        offset += len(part)
        _track_tags(part, open_tags)
    return spans


def _track_tags(literal: str, open_tags: list[str]) -> None:
    tag = literal.strip().lower()
    if tag.startswith("</"):
        name = tag[2:].strip(" >")
        if name in open_tags:
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name):]
    elif tag.startswith("<") and not tag.endswith("/>"):
        name = tag[1:].split()[0].strip(">") if len(tag) > 2 else ""
        if name and name != "br":
            open_tags.append(name)


def _pieces(sentence: str, protector: Protector) -> list[Piece]:
    """The sentence with its protected values as chips."""
    protected = protector.protect(sentence)
    pieces, position = [], 0
    for match in PLACEHOLDER_PATTERN.finditer(protected.text):
        if match.start() > position:
            pieces.append(Piece(protected.text[position : match.start()]))
        pieces.append(Piece(protected.values[int(match.group(1))], protected=True))
        position = match.end()
    if position < len(protected.text):
        pieces.append(Piece(protected.text[position:]))
    return pieces


def _distinct(flags: list[Flag]) -> list[Flag]:
    """One flag per rule, field and place: checks that see the same problem twice say it once."""
    return list({(flag.rule, flag.field, flag.span, flag.message): flag for flag in flags}.values())


def _place_flags(rows: list[SegmentRow], flags: list[Flag], sources: Mapping[str, str],
                 targets: Mapping[str, str]) -> list[Flag]:
    """Attach each flag to the row of its field whose sentence holds its span (the field's first
    row without a span); the ones no row holds are returned."""
    by_field: dict[str, list[SegmentRow]] = {}
    for row in rows:
        by_field.setdefault(row.field, []).append(row)
    unplaced = []
    for flag in flags:
        name = flag.field.removeprefix(SOURCE_PREFIX)
        field_rows = by_field.get(name)
        if not field_rows:
            unplaced.append(flag)
            continue
        text = (sources if flag.field.startswith(SOURCE_PREFIX) else targets).get(name, "")
        row = field_rows[0]
        if flag.span is not None and len(field_rows) > 1:
            starts = [span.start for span in _sentences(text)]
            within = [index for index, start in enumerate(starts) if start <= flag.span[0]]
            row = field_rows[min(within[-1], len(field_rows) - 1)] if within else row
        if not any(placed.rule == flag.rule for placed in row.flags if placed.severity == flag.severity):
            row.flags.append(flag)  # one flag of a rule per sentence: the same problem, said once
    return unplaced


def segment_edits(form: Mapping[str, Any], localization: Localization) -> dict[str, Any]:
    """The edits the page's rows make, as whole fields (`title`, `bullets` as a list): each edited
    sentence put back in its place, the markup around it as it was. A form may also send whole
    fields by name (`title`; `bullets` one item per line), as a script posting the form would."""
    edits = _whole_fields(form)
    posted: dict[str, dict[int | None, str]] = {}
    for key, value in form.items():
        if not key.startswith(SEGMENT_INPUT):
            continue
        name, _, position = key.removeprefix(SEGMENT_INPUT).rpartition(":")
        text = str(value).replace("\r\n", "\n").strip()
        posted.setdefault(name, {})[int(position) if position.isdigit() else None] = text
    current = field_texts(localization)
    rebuilt = {name: _rebuild(current.get(name, ""), sentences) for name, sentences in posted.items()}
    edits.update({name: rebuilt[name] for name in TEXT_FIELDS if name in rebuilt})
    for list_name in LIST_FIELDS:
        items = list(getattr(localization, list_name))
        changed = False
        for index in range(len(items)):
            key = f"{list_name}[{index}]"
            if key in rebuilt:
                changed = changed or rebuilt[key] != items[index]
                items[index] = rebuilt[key]
        if changed:
            edits[list_name] = [item for item in items if item.strip()]
    return edits


def _whole_fields(form: Mapping[str, Any]) -> dict[str, Any]:
    edits: dict[str, Any] = {}
    for name in (*TEXT_FIELDS, *LIST_FIELDS):
        if name in form:
            value = str(form[name]).replace("\r\n", "\n")
            edits[name] = [line.strip() for line in value.split("\n") if line.strip()] if name in LIST_FIELDS else value
    return edits


def _rebuild(text: str, sentences: Mapping[int | None, str]) -> str:
    """`text` with its sentences replaced by the posted ones (the whole field for key None)."""
    if None in sentences:
        return text if sentences[None] == text.strip() else sentences[None]
    parts: list[Part] = split_field(text)
    out, index = [], 0
    for part in parts:
        if isinstance(part, Sentence):
            posted = sentences.get(index, part.text)
            out.append(part.text if posted == part.text.strip() else posted)  # a form trims; unchanged is unchanged
            index += 1
        else:
            out.append(part)
    return "".join(out)
