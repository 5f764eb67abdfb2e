"""Reading catalog files (CSV, JSONL, JSON arrays, Excel workbooks) into listings, with every bad row
accounted for.

A bad row never stops the batch and is never dropped silently: it becomes a `RejectedRow` naming the
file, the line (or a workbook's cell) and the field, and the caller reports it.
"""

import codecs
import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

import charset_normalizer
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
# Spreadsheets saved on Chinese Windows are GB18030/GBK: accepted when a file is not UTF-8 but
# reads as Chinese in that encoding; anything else must be named (a Windows-1252 file decoded as
# GB18030 would otherwise become "Chinese" mojibake and be translated).
FALLBACK_ENCODING = "gb18030"
GB_SHARE = 0.95  # of non-ASCII characters that must be GB2312's (common hanzi and CJK punctuation)
SANDWICHED_SHARE = 0.1  # of non-ASCII runs that may sit inside a Latin word ("Gr鲞e" is Größe mojibake)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


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
    cell: str | None = None  # a workbook's `Sheet!D12`, named instead of the line (the row number)

    def __str__(self) -> str:
        where = f"{self.path}:{self.cell or self.line}"
        return f"{where}: {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


@dataclass
class Catalog(Generic[RecordT]):
    rows: list[CatalogRow[RecordT]]
    rejected: list[RejectedRow]
    encoding: str | None = None


@overload
def read_catalog(path: Path, encoding: str | None = None, *, sheet: str | None = None) -> Catalog[Listing]: ...


@overload
def read_catalog(path: Path, encoding: str | None, model: type[RecordT], *,
                 sheet: str | None = None) -> Catalog[RecordT]: ...


@overload
def read_catalog(path: Path, encoding: str | None = None, *, model: type[RecordT],
                 sheet: str | None = None) -> Catalog[RecordT]: ...


def read_catalog(path: Path, encoding: str | None = None, model: type[BaseModel] = Listing, *,
                 sheet: str | None = None) -> Catalog[Any]:
    """Read a `.csv`, `.jsonl`, `.json` or `.xlsx` catalog of `model` records (listings unless told);
    bad rows are collected, not raised. `sheet` names a workbook's sheet (default: the first)."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise CatalogError(f"{path}: an old Excel .xls workbook cannot be read; save it as .xlsx or CSV")
    if suffix not in (".csv", ".jsonl", ".json", ".xlsx"):
        raise CatalogError(f"{path}: unsupported file type {suffix or '(none)'!r}; use .csv, .jsonl, .json or .xlsx")
    if sheet is not None and suffix != ".xlsx":
        raise CatalogError(f"{path}: only an .xlsx workbook has sheets to choose from")
    if suffix == ".xlsx":
        from localize.catalog.xlsx import SheetReader  # imported here: it builds on this module's rows and errors

        reader = SheetReader(path, sheet, model)
        return _validated(path, reader.records(), model, flat=True, cell_of=reader.cell)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"{path}: {exc.strerror or exc}") from exc
    text, used = decode_bytes(raw, path, encoding)
    records = {".csv": _csv_records, ".jsonl": _jsonl_records, ".json": _json_array_records}[suffix]
    return _validated(path, records(text, path), model, flat=suffix == ".csv", encoding=used)


CellOf = Callable[[int, str | None], str]  # (line, field) -> the workbook cell the field's value is in


def _validated(path: Path, records: Iterable[tuple[int, Any]], model: type[BaseModel], *, flat: bool,
               cell_of: CellOf | None = None, encoding: str | None = None) -> Catalog[Any]:
    """The records validated as `model`; flat ones (CSV, sheets) are nested first."""
    catalog: Catalog[Any] = Catalog(rows=[], rejected=[], encoding=encoding)
    for line, record in records:
        if isinstance(record, RejectedRow):
            catalog.rejected.append(record)
            continue
        try:
            listing = model.model_validate(_nest_csv_row(record, model) if flat else record)
        except ValidationError as exc:
            catalog.rejected.append(_rejection(path, line, exc, csv_names=flat, cell_of=cell_of))
            continue
        catalog.rows.append(CatalogRow(line=line, listing=listing))
    return catalog


def decode_bytes(raw: bytes, path: Path, encoding: str | None) -> tuple[str, str]:
    """Decode with the given encoding; else as UTF-8, or as GB18030 when the bytes read as Chinese
    in it; else stop and ask for the encoding (with charset-normalizer's guess as a hint)."""
    if encoding:
        try:
            return raw.decode(encoding).removeprefix("\ufeff"), encoding
        except LookupError as exc:
            raise CatalogError(f"unknown encoding {encoding!r}") from exc
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise CatalogError(f"{path}:{line}: cannot decode byte 0x{raw[exc.start]:02x} as {encoding}") from exc
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError as exc:
        failure = exc
    try:
        text = raw.decode(FALLBACK_ENCODING)
    except UnicodeDecodeError:
        text = ""
    if text and _reads_as_chinese(text):
        return text, FALLBACK_ENCODING
    line = raw[: failure.start].count(b"\n") + 1
    guess = charset_normalizer.from_bytes(raw).best()  # a hint for the person, never used to decode
    hint = f" (it may be {guess.encoding}: {guess.language})" if guess and guess.language != "Unknown" else ""
    raise CatalogError(f"{path}:{line}: cannot tell the encoding: byte 0x{raw[failure.start]:02x} is not UTF-8 and "
                       f"the file does not read as GB18030 Chinese{hint}; pass --encoding")


def _reads_as_chinese(text: str) -> bool:
    """Whether GB18030-decoded text looks like what a Chinese seller writes: its non-ASCII characters
    nearly all common hanzi and CJK punctuation (GB2312), and rarely inside a Latin word."""
    runs = [match for match in _NON_ASCII_RUN.finditer(text)]
    characters = "".join(match.group() for match in runs)
    if not characters:
        return False
    in_gb2312 = sum(1 for character in characters if _in_gb2312(character))
    sandwiched = sum(1 for match in runs if text[match.start() - 1 : match.start()].isalpha()
                     and text[match.end() : match.end() + 1].isalpha())
    return in_gb2312 >= GB_SHARE * len(characters) and sandwiched <= SANDWICHED_SHARE * len(runs)


def _in_gb2312(character: str) -> bool:
    try:
        character.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _csv_records(text: str, path: Path) -> Iterator[tuple[int, dict[str, str] | RejectedRow]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return
    except csv.Error as exc:
        raise CatalogError(f"{path}:1: cannot read the CSV header: {exc}") from exc
    if "sku" not in header or "title" not in header:
        raise CatalogError(f"{path}:1: header must name at least the columns 'sku' and 'title'")
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a field over csv's limit (128 KiB): the rest of the file cannot be trusted
            raise CatalogError(f"{path}:{start}: cannot read the CSV: {exc}") from exc
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
        except (json.JSONDecodeError, TypeError, RecursionError) as exc:
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
        except RecursionError as exc:
            raise CatalogError(f"{path}:{line}: {_json_reason(exc)}") from exc
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
    if isinstance(exc, RecursionError):
        return "invalid JSON: nested too deeply"
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


def _rejection(path: Path, line: int, exc: ValidationError, *, csv_names: bool,
               cell_of: CellOf | None) -> RejectedRow:
    first = exc.errors(include_url=False)[0]
    loc = [str(part) for part in first["loc"]]
    field = ("_" if csv_names else ".").join(loc) if loc else None
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "missing" and csv_names and len(loc) == 2:
        message = f"required when '{loc[0]}' is given"
    reason = message if len(exc.errors()) == 1 else f"{message} (and {len(exc.errors()) - 1} more)"
    return RejectedRow(str(path), line, field, reason, cell_of(line, field) if cell_of else None)
