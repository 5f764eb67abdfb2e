"""Export profiles: the columns a marketplace's upload file has, each filled from a value source.

A profile is one YAML file (`localize/data/export_profiles/<name>.yaml`, or any file a user names),
so a new marketplace is one file: a header -> source map (`localize.catalog.values`), whether a
row is one localisation or one translated field of it, and how the file is named and delimited.
A file that breaks the schema stops with the file and the path inside it
(`amazon.yaml: columns.bullet_point1: unknown source 'bulets[0]'`)."""

import json
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from localize.catalog.table import Table
from localize.catalog.values import ExportField, ExportItem, Row, Value, compile_source, reads_field
from localize.datafile import load_data_file

PROFILES_DIR = Path(__file__).resolve().parent.parent / "data" / "export_profiles"
DEFAULT_PROFILE = "plain"
FILE_NAME_FIELDS = ("market", "status")
RowsKind = Literal["per-localization", "per-field"]


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the key."""


class FieldSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    default: object = Field(description="the shop's own text: a source on the seller's listing (source.title)")
    translated: object = Field(description="the localised text: a source on the localisation (title)")


class ProfileFile(BaseModel):
    """A profile file as written; its sources are compiled into a `Profile`."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40)
    description: str
    file_name: str = Field(description="the download's name without extension; {market} and {status} are filled in")
    rows: RowsKind = "per-localization"
    delimiter: Literal[",", ";", "\t"] = ","
    passthrough: bool = Field(default=False, description="also the seller's own extra columns, after the profile's")
    fields: dict[str, FieldSpec] = {}
    columns: dict[str, object] = Field(min_length=1)

    @field_validator("file_name")
    @classmethod
    def _known_placeholders(cls, pattern: str) -> str:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
        if unknown := names - set(FILE_NAME_FIELDS):
            raise ValueError(f"unknown placeholder {{{sorted(unknown)[0]}}}; use {{market}} or {{status}}")
        return pattern


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    file_name: str
    rows: RowsKind
    delimiter: str
    passthrough: bool
    columns: dict[str, Value]
    fields: tuple[ExportField, ...]

    @property
    def extension(self) -> str:
        """`txt` for tab-separated text (what Amazon's upload takes), else `csv`."""
        return "txt" if self.delimiter == "\t" else "csv"

    def stem(self, market: str, status: str) -> str:
        return self.file_name.format(market=market, status=status)


def _compiled(spec: object, where: str) -> Value:
    """A source, or a ProfileError at `where` (and the option inside it) saying what is wrong."""
    try:
        return compile_source(spec)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        inside = "".join(f".{part}" for part in first["loc"])
        raise ProfileError(f"{where}{inside}: {first['msg'].removeprefix('Value error, ')}") from exc
    except ValueError as exc:
        raise ProfileError(f"{where}: {exc}") from exc


def compile_profile(data: ProfileFile, name: str) -> Profile:
    """`data` with every source compiled; `name` (the file's) starts each error."""
    fields = tuple(ExportField(field, _compiled(spec.default, f"{name}: fields.{field}.default"),
                               _compiled(spec.translated, f"{name}: fields.{field}.translated"))
                   for field, spec in data.fields.items())
    columns = {header: _compiled(spec, f"{name}: columns.{header}") for header, spec in data.columns.items()}
    per_field = data.rows == "per-field"
    for header, source in columns.items():
        if reads_field(source) and not per_field:
            raise ProfileError(f"{name}: columns.{header}: {data.columns[header]!r} is for `rows: per-field` profiles")
    if per_field and not fields:
        raise ProfileError(f"{name}: fields: a `rows: per-field` profile names the fields it writes a row for")
    return Profile(data.name, data.description, data.file_name, data.rows, data.delimiter, data.passthrough,
                   columns, fields)


def read_profile(path: Path) -> Profile:
    return compile_profile(load_data_file(ProfileFile, path, path.name, ProfileError), path.name)


def shipped_names() -> list[str]:
    return sorted(path.stem for path in PROFILES_DIR.glob("*.yaml"))


@cache
def shipped_profile(name: str) -> Profile:
    return read_profile(PROFILES_DIR / f"{name}.yaml")


def get_profile(name: str, *, files: bool = False) -> Profile:
    """A shipped profile by name (`amazon`); with `files`, also a profile file (`path/to/mymarket.yaml`).
    Files are the command line's: a request to the API never names a file on the server."""
    if name in shipped_names():
        return shipped_profile(name)
    if files and name.endswith((".yaml", ".yml")):
        return read_profile(Path(name))
    raise ProfileError(f"unknown profile {name!r}; one of {', '.join(shipped_names())}"
                       + (", or a profile file (.yaml)" if files else ""))


def _one_row(profile: Profile, item: ExportItem) -> list[Row]:
    return [Row(item)]


def _field_rows(profile: Profile, item: ExportItem) -> list[Row]:
    """One row per field that has a translation: an empty one would erase the shop's text on import."""
    rows = [Row(item, field) for field in profile.fields]
    return [row for row in rows if row.field and row.field.translated(row)]


ROWS: dict[str, Callable[[Profile, ExportItem], list[Row]]] = {"per-localization": _one_row,
                                                                "per-field": _field_rows}


def build_table(profile: Profile, items: Sequence[ExportItem]) -> Table:
    """The export as `profile` lays it out; the seller's extra columns after the profile's with `passthrough`."""
    rows = [row for item in items for row in ROWS[profile.rows](profile, item)]
    table = Table(list(profile.columns), [[source(row) for source in profile.columns.values()] for row in rows])
    if profile.passthrough:
        extra = list(dict.fromkeys(name for row in rows for name in row.item.localization.model_extra or {}))
        table.columns += extra
        for cells, row in zip(table.rows, rows, strict=True):
            values = row.item.localization.model_extra or {}
            cells += [_extra_text(values.get(name)) for name in extra]
    return table


def _extra_text(value: object) -> str:
    """A seller's own column as they sent it: text as it is, anything else as JSON."""
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
