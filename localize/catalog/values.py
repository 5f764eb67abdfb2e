"""What a column of an export profile holds: a value source, registered by id.

A source is written in a profile file as a name (`title`, `bullets[0]`, `price.amount`,
`source.title`, `ready`, `flags`) or as a mapping whose one key says its kind (`{const: TRUE}`,
`{join: keywords, separator: " "}`, `{slug: sku}`, ...). A name is one of `NAMED` or a path into
the localisation (`source.` for the seller's listing), checked against the contract's models when
the profile is loaded, so a typo is an error then, not an empty column later."""

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from functools import singledispatch
from types import NoneType, UnionType
from typing import Annotated, Any, Protocol, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from localize.adapt.units import conversion_factor, require_dimension
from localize.catalog.write import flags_text
from localize.listing import Listing
from localize.localization import Localization, Severity, Status


@dataclass(frozen=True)
class ExportItem:
    """One localisation to export and the seller's listing it was made from."""

    localization: Localization
    listing: Listing


class Value(Protocol):
    """A compiled source: the text of one cell."""

    def __call__(self, row: "Row") -> str: ...


@dataclass(frozen=True)
class ExportField:
    """A field a per-field profile writes one row for (Shopify's `title`, `body_html`)."""

    name: str
    default: Value  # the shop's own text: the seller's listing
    translated: Value


@dataclass(frozen=True)
class Row:
    """What one row of an export reads: the item, and on a per-field row the field it is about."""

    item: ExportItem
    field: ExportField | None = None


@singledispatch
def cell_text(value: object) -> str:
    """A value as a cell shows it: numbers as plain decimals, never `0.2000000000000000111`.

    >>> cell_text(0.2), cell_text(30.0), cell_text(Decimal("11.90")), cell_text(None), cell_text(True)
    ('0.2', '30', '11.90', '', 'true')
    """
    return str(value)


@cell_text.register
def _(value: bool) -> str:
    return "true" if value else "false"


@cell_text.register
def _(value: float) -> str:
    return format(Decimal(repr(value)).normalize(), "f")


@cell_text.register
def _(value: Decimal) -> str:
    return format(value, "f")


@cell_text.register(NoneType)
def _(value: None) -> str:
    return ""


@cell_text.register
def _(value: Enum) -> str:
    return str(value.value)


@cell_text.register
def _(value: date) -> str:
    return value.isoformat()


# --- paths into the localisation or the listing ----------------------------------------------------

_PATH = re.compile(r"[a-z_]+(?:\.[a-z_]+|\[\d+\])*")
_STEP = re.compile(r"([a-z_]+)|\[(\d+)\]")
LISTING_PREFIX = "source."


@dataclass(frozen=True)
class Path:
    """`price.amount`, `bullets[0]`, `source.title`: a value of the localisation or, with `source.`,
    of the seller's listing; empty where the listing has none (a third bullet of two)."""

    text: str
    on_listing: bool
    steps: tuple[str | int, ...]
    annotation: Any  # the type found at the end, what tells a list from a value

    def get(self, row: Row) -> object:
        value: object = row.item.listing if self.on_listing else row.item.localization
        for step in self.steps:
            if value is None:
                return None
            if isinstance(step, int):
                assert isinstance(value, list)
                value = value[step] if step < len(value) else None
            else:
                value = getattr(value, step)
        return value

    def items(self, row: Row) -> list[str]:
        """The list's items that are not empty (a bullet no one has translated yet is nothing to write)."""
        value = self.get(row)
        return [text for text in map(cell_text, value) if text] if isinstance(value, list) else []

    @property
    def is_list(self) -> bool:
        return get_origin(self.annotation) is list

    @property
    def is_model(self) -> bool:
        return isinstance(self.annotation, type) and issubclass(self.annotation, BaseModel)


def _plain(annotation: Any) -> Any:
    """`annotation` without `| None` and `Annotated[...]` around it."""
    while True:
        if get_origin(annotation) is Annotated:
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) in (Union, UnionType):
            annotation = next(arg for arg in get_args(annotation) if arg is not NoneType)
        else:
            return annotation


def parse_path(text: str) -> Path:
    """A path checked against the contract's models; raises ValueError naming it when it finds nothing."""
    on_listing = text.startswith(LISTING_PREFIX)
    rest = text.removeprefix(LISTING_PREFIX)
    if not _PATH.fullmatch(rest):
        raise ValueError(f"unknown source {text!r}")
    steps = tuple(int(index) if index else name for name, index in _STEP.findall(rest))
    annotation: Any = Listing if on_listing else Localization
    for step in steps:
        if isinstance(step, int) and get_origin(annotation) is list:
            annotation = _plain(get_args(annotation)[0])
        elif isinstance(step, str) and isinstance(annotation, type) and issubclass(annotation, BaseModel) \
                and step in annotation.model_fields:
            annotation = _plain(annotation.model_fields[step].annotation)
        else:
            raise ValueError(f"unknown source {text!r}")
    return Path(text, on_listing, steps, annotation)


def value_path(text: object) -> Path:
    """A path to one value (not a list, not an object with parts)."""
    path = parse_path(str(text))
    if path.is_list:
        raise ValueError(f"{path.text!r} is a list: name one item ({path.text}[0]) or join them "
                         f"({{join: {path.text}, separator: \" \"}})")
    if path.is_model:
        parts = ", ".join(f"{path.text}.{name}" for name in path.annotation.model_fields)
        raise ValueError(f"{path.text!r} has parts: name one of {parts}")
    return path


def list_path(text: object) -> Path:
    path = parse_path(str(text))
    if not path.is_list:
        raise ValueError(f"{path.text!r} is not a list")
    return path


def measure_path(text: object) -> Path:
    """A path to an object with a `value` and a `unit` (`weight`)."""
    path = parse_path(str(text))
    if not (path.is_model and {"value", "unit"} <= set(path.annotation.model_fields)):
        raise ValueError(f"{path.text!r} is not a measure with a value and a unit (weight is)")
    return path


ValuePath = Annotated[Path, BeforeValidator(value_path)]
ListPath = Annotated[Path, BeforeValidator(list_path)]
MeasurePath = Annotated[Path, BeforeValidator(measure_path)]


@dataclass(frozen=True)
class PathValue:
    path: Path

    def __call__(self, row: Row) -> str:
        return cell_text(self.path.get(row))


# --- named sources: no options ---------------------------------------------------------------------


@dataclass(frozen=True)
class Named:
    read: Callable[[Row], str]
    per_field: bool = False  # reads the row's field: only in a `rows: per-field` profile

    def __call__(self, row: Row) -> str:
        return self.read(row)


NAMED: dict[str, Named] = {}


def named(name: str, per_field: bool = False) -> Callable[[Callable[[Row], str]], Callable[[Row], str]]:
    def register(read: Callable[[Row], str]) -> Callable[[Row], str]:
        NAMED[name] = Named(read, per_field)
        return read
    return register


def is_ready(localization: Localization) -> bool:
    """Approved, and no rule blocks it: what may go to the marketplace as it is."""
    return localization.status == Status.APPROVED and all(flag.severity != Severity.BLOCK
                                                          for flag in localization.flags)


@named("ready")
def _ready(row: Row) -> str:
    return "yes" if is_ready(row.item.localization) else "no"


@named("flags")
def _flags(row: Row) -> str:
    """`block de.x title: message; warn ...`: the flags as a person reads them."""
    return flags_text(row.item.localization.flags, "; ")


def _field(row: Row) -> ExportField:
    assert row.field is not None
    return row.field


@named("field", per_field=True)
def _field_name(row: Row) -> str:
    return _field(row).name


@named("field.default", per_field=True)
def _field_default(row: Row) -> str:
    return _field(row).default(row)


@named("field.translated", per_field=True)
def _field_translated(row: Row) -> str:
    return _field(row).translated(row)


# --- sources with options: a mapping whose one key names the kind ----------------------------------


class Kind(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    def __call__(self, row: Row) -> str:
        raise NotImplementedError


KINDS: dict[str, type[Kind]] = {}


def kind(name: str) -> Callable[[type[Kind]], type[Kind]]:
    def register(cls: type[Kind]) -> type[Kind]:
        KINDS[name] = cls
        return cls
    return register


@kind("const")
class Const(Kind):
    """The same text in every row: `{const: TRUE}` (quote it: YAML reads a bare TRUE as a boolean)."""

    const: str

    def __call__(self, row: Row) -> str:
        return self.const


@kind("join")
class Join(Kind):
    """A list as one cell: `{join: keywords, separator: " "}`."""

    join: ListPath
    separator: str

    def __call__(self, row: Row) -> str:
        return self.separator.join(self.join.items(row))


@kind("slug")
class Slug(Kind):
    """Lowercase ASCII letters, digits and dashes (`LM-TS-2401` -> `lm-ts-2401`): a Shopify handle."""

    slug: ValuePath

    def __call__(self, row: Row) -> str:
        folded = unicodedata.normalize("NFKD", cell_text(self.slug.get(row))).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


@kind("map")
class Map(Kind):
    """A value put into the marketplace's words: `{map: weight.unit, values: {kg: KG, g: GR}}`;
    a value not in `values` is written as it is."""

    map: ValuePath
    values: dict[str, str]

    def __call__(self, row: Row) -> str:
        text = cell_text(self.map.get(row))
        return self.values.get(text, text)


@kind("convert")
class Convert(Kind):
    """A measure in a fixed unit: `{convert: weight, to: g, decimals: 0}` (Shopify's Variant Grams)."""

    convert: MeasurePath
    to: str
    decimals: int = Field(default=0, ge=0, le=6)

    @field_validator("to")
    @classmethod
    def _known_unit(cls, unit: str) -> str:
        return require_dimension(unit, "[mass]", "a unit of weight")

    def __call__(self, row: Row) -> str:
        measure: Any = self.convert.get(row)
        if measure is None:
            return ""
        value = Decimal(repr(measure.value * conversion_factor(measure.unit, self.to)))
        return cell_text(value.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP))


@kind("html")
class Html(Kind):
    """A description kept as HTML, its bullets after it as a list: `{html: description, bullets: bullets}`."""

    html: ValuePath
    bullets: ListPath | None = None

    def __call__(self, row: Row) -> str:
        items = self.bullets.items(row) if self.bullets else []
        listed = "".join(f"<li>{html.escape(item, quote=False)}</li>" for item in items)
        return cell_text(self.html.get(row)) + (f"<ul>{listed}</ul>" if listed else "")


def compile_source(spec: object) -> Value:
    """The source a profile names; raises ValueError (or pydantic's ValidationError for a kind's
    options) saying what is wrong with it."""
    if isinstance(spec, str):
        return NAMED[spec] if spec in NAMED else PathValue(value_path(spec))
    if isinstance(spec, dict):
        kinds = [key for key in spec if key in KINDS]
        if len(kinds) != 1:
            raise ValueError(f"a mapping names one kind of source: one of {', '.join(KINDS)}")
        return KINDS[kinds[0]].model_validate(spec)
    raise ValueError("a source is a name (title, bullets[0], source.title, " + ", ".join(NAMED)
                     + ") or a mapping of one kind: " + ", ".join(KINDS))


def reads_field(source: Value) -> bool:
    """Whether the source reads a per-field row's field."""
    return isinstance(source, Named) and source.per_field
