"""Reading catalog files (CSV, JSONL, JSON arrays) into listings, with every bad row accounted for.

A bad row never stops the batch and is never dropped silently: it becomes a `RejectedRow` naming the
file, the line and the field, and the caller reports it.
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from pydantic import BaseModel, ValidationError

from localize.listing import LIST_FIELDS, Listing

NESTED_FIELDS = {
    "price": ("amount", "currency"),
    "weight": ("value", "unit"),
    "dimensions": ("length", "width", "height", "unit"),
    "size": ("system", "value", "kind", "group"),
}
LIST_SEPARATOR = "|"
RecordT = TypeVar("RecordT", bound=BaseModel)
# Tried in this order when no encoding is given: spreadsheets saved on Chinese Windows are GB18030/GBK.
AUTO_ENCODINGS = ("utf-8-sig", "gb18030")


class CatalogError(ValueError):
    """The file as a whole cannot be read (unknown format, undecodable bytes, broken JSON array)."""


@dataclass(frozen=True)
class CatalogRow(Generic[RecordT]):
    line: int
    listing: RecordT


@dataclass(frozen=True)
class RejectedRow:
    path: str
    line: int
    field: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


@dataclass
class Catalog(Generic[RecordT]):
    rows: list[CatalogRow[RecordT]]
    rejected: list[RejectedRow]
    encoding: str | None = None


@overload
def read_catalog(path: Path, encoding: str | None = None) -> Catalog[Listing]: ...


@overload
def read_catalog(path: Path, encoding: str | None, model: type[RecordT]) -> Catalog[RecordT]: ...


@overload
def read_catalog(path: Path, encoding: str | None = None, *, model: type[RecordT]) -> Catalog[RecordT]: ...


def read_catalog(path: Path, encoding: str | None = None, model: type[BaseModel] = Listing) -> Catalog[Any]:
    """Read a `.csv`, `.jsonl` or `.json` catalog of `model` records (listings unless told);
    bad rows are collected, not raised."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl", ".json"):
        raise CatalogError(f"{path}: unsupported file type {suffix or '(none)'!r}; use .csv, .jsonl or .json")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"{path}: {exc.strerror or exc}") from exc
    text, used = decode_bytes(raw, path, encoding)
    records = {".csv": _csv_records, ".jsonl": _jsonl_records, ".json": _json_array_records}[suffix]
    catalog: Catalog[Any] = Catalog(rows=[], rejected=[], encoding=used)
    is_csv = suffix == ".csv"
    for line, record in records(text, path):
        if isinstance(record, RejectedRow):
            catalog.rejected.append(record)
            continue
        try:
            listing = model.model_validate(_nest_csv_row(record, model) if is_csv else record)
        except ValidationError as exc:
            catalog.rejected.append(_rejection(path, line, exc, csv_names=is_csv))
            continue
        catalog.rows.append(CatalogRow(line=line, listing=listing))
    return catalog


def decode_bytes(raw: bytes, path: Path, encoding: str | None) -> tuple[str, str]:
    """Decode with the given encoding, or the first of AUTO_ENCODINGS that decodes the whole file.

    When none does, the error points at the first bad byte for the first encoding tried (UTF-8),
    which is where a mostly-UTF-8 file went wrong."""
    failure: UnicodeDecodeError | None = None
    for candidate in (encoding,) if encoding else AUTO_ENCODINGS:
        try:
            text = raw.decode(candidate)
        except LookupError as exc:
            raise CatalogError(f"unknown encoding {candidate!r}") from exc
        except UnicodeDecodeError as exc:
            failure = failure or exc
            continue
        return text.removeprefix("\ufeff"), candidate
    assert failure is not None
    line = raw[: failure.start].count(b"\n") + 1
    tried = encoding or " or ".join(AUTO_ENCODINGS)
    raise CatalogError(f"{path}:{line}: cannot decode byte 0x{raw[failure.start]:02x} as {tried}; pass --encoding")


def _csv_records(text: str, path: Path) -> Iterator[tuple[int, dict[str, str] | RejectedRow]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return
    header = [name.strip() for name in header]
    if "sku" not in header or "title" not in header:
        raise CatalogError(f"{path}:1: header must name at least the columns 'sku' and 'title'")
    start = reader.line_num + 1
    for cells in reader:
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            yield line, RejectedRow(str(path), line, None, f"expected {len(header)} columns, found {len(cells)}")
            continue
        yield line, dict(zip(header, cells, strict=True))


def _jsonl_records(text: str, path: Path) -> Iterator[tuple[int, Any]]:
    for line, raw_line in enumerate(text.splitlines(), start=1):
        if not raw_line.strip():
            continue
        try:
            yield line, _expect_object(json.loads(raw_line))
        except (json.JSONDecodeError, TypeError) as exc:
            yield line, RejectedRow(str(path), line, None, _json_reason(exc))


def _json_array_records(text: str, path: Path) -> Iterator[tuple[int, Any]]:
    """Walk a JSON array element by element so each listing keeps the line it starts on."""
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    if not text.startswith("[", pos):
        raise CatalogError(f"{path}:1: a .json catalog must be an array of listing objects")
    pos = _skip_space(text, pos + 1)
    if text.startswith("]", pos):
        return
    while True:
        line = text.count("\n", 0, pos) + 1
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise CatalogError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
        try:
            yield line, _expect_object(value)
        except TypeError as exc:
            yield line, RejectedRow(str(path), line, None, str(exc))
        pos = _skip_space(text, pos)
        if text.startswith("]", pos):
            return
        if not text.startswith(",", pos):
            raise CatalogError(f"{path}:{text.count(chr(10), 0, pos) + 1}: expected ',' or ']' in JSON array")
        pos = _skip_space(text, pos + 1)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _expect_object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"expected a JSON object, found {type(value).__name__}")
    return value


def _json_reason(exc: Exception) -> str:
    return f"invalid JSON: {exc.msg}" if isinstance(exc, json.JSONDecodeError) else str(exc)


def _nest_csv_row(row: dict[str, str], model: type[BaseModel]) -> dict[str, Any]:
    """Turn flat CSV columns (`price_amount`, `bullets` as `a|b`) into the contract's nested shape."""
    nested: dict[str, Any] = {}
    for name, cell in row.items():
        value = cell.strip()
        if name in LIST_FIELDS:
            nested[name] = [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
            continue
        parent, _, child = name.partition("_")
        if child in NESTED_FIELDS.get(parent, ()):
            if value:
                nested.setdefault(parent, {})[child] = value
            continue
        if value or name not in model.model_fields:
            nested[name] = cell if name not in model.model_fields else value
    return nested


def _rejection(path: Path, line: int, exc: ValidationError, *, csv_names: bool) -> RejectedRow:
    first = exc.errors(include_url=False)[0]
    loc = [str(part) for part in first["loc"]]
    field = ("_" if csv_names else ".").join(loc) if loc else None
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "missing" and csv_names and len(loc) == 2:
        message = f"required when '{loc[0]}' is given"
    reason = message if len(exc.errors()) == 1 else f"{message} (and {len(exc.errors()) - 1} more)"
    return RejectedRow(str(path), line, field, reason)
