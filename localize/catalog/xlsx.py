"""Excel workbooks: a catalog sheet read into the same flat rows as a CSV, and tables written one sheet each.

A marketplace template opens with titles and instructions, so the header is the first row near the
top that names `sku` and `title`. Cells are read as Excel last saved them (a formula's cached value)
and become the text a CSV would hold: `199`, not `199.0`; `2024-05-01`, not a serial number.
"""

import io
import re
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime, time
from decimal import Decimal
from itertools import zip_longest
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from pydantic import BaseModel

from localize.catalog.read import NESTED_FIELDS, CatalogError, RejectedRow
from localize.catalog.table import Table

HEADER_ROWS = 20  # how far down a template's header row may sit
EXCEL_DIGITS = 15  # significant digits Excel keeps: 19.899999999999999 is the 19.9 the seller typed
MAX_SHEET_TITLE = 31
MAX_COLUMN_WIDTH = 60
NOTE_AUTHOR = "localize"
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_BOLD = Font(bold=True)
# openpyxl warns about what it drops while reading (data validation, conditional formats): only values are read.
warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")


Row = tuple[Any, ...]


class SheetReader:
    """The catalog rows of one sheet of an .xlsx workbook, as column name -> text, below the header."""

    def __init__(self, path: Path, sheet: str | None, model: type[BaseModel]) -> None:
        self.path, self.sheet, self.title = path, sheet, ""
        # A header cell is matched without case ("SKU", "Price_Amount") when it names one of these.
        self.known = set(model.model_fields) | {f"{parent}_{child}" for parent, children in NESTED_FIELDS.items()
                                                for child in children}
        self.letters: dict[str, str] = {}  # column name -> column letter

    def cell(self, line: int, field: str | None) -> str:
        """Where a row's field is (`Listings!D12`): the field's column (a list's, for `bullets_0`), else
        the row's first cell."""
        column = field if field in self.letters else (field or "").partition("_")[0]
        return f"{self.title}!{self.letters.get(column, next(iter(self.letters.values())))}{line}"

    def records(self) -> Iterator[tuple[int, dict[str, str] | RejectedRow]]:
        """(row number, cells by column name) for each row below the header that is not empty; a row
        with a formula Excel never calculated is rejected, naming its cell."""
        # The sheet read twice: its cached values, and its formulas, which tell a formula with no cached
        # value from an empty cell.
        with closing(self._open(data_only=True)) as values, closing(self._open(data_only=False)) as formulas:
            rows = self._rows(self._sheet(values), self._sheet(formulas))
            header = self._header(rows)
            for line, cells, cell_formulas in rows:
                uncalculated = [name for name, value, formula in zip_longest(header, cells, cell_formulas)
                                if name and value is None and formula is not None]
                record = {name: _text(value) for name, value in zip_longest(header, cells) if name}
                if uncalculated:
                    yield line, RejectedRow(str(self.path), line, uncalculated[0], "a formula with no saved value: "
                                            "open and save the file in Excel, or paste the values",
                                            self.cell(line, uncalculated[0]))
                elif any(text.strip() for text in record.values()):
                    yield line, record

    def _open(self, *, data_only: bool) -> Workbook:
        try:
            return openpyxl.load_workbook(self.path, read_only=True, data_only=data_only)
        except OSError as exc:
            raise CatalogError(f"{self.path}: {exc.strerror or exc}") from exc
        except Exception as exc:  # a damaged file fails in zipfile, zlib or an XML parser, each its own way
            raise CatalogError(f"{self.path}: not an Excel .xlsx workbook") from exc

    def _sheet(self, workbook: Workbook) -> ReadOnlyWorksheet:
        """The sheet asked for, or the first; sets `title`."""
        sheets = {sheet.title: sheet for sheet in workbook.worksheets if isinstance(sheet, ReadOnlyWorksheet)}
        found = sheets.get(self.sheet) if self.sheet is not None else next(iter(sheets.values()), None)
        if found is None:
            missing = f"no sheet named {self.sheet!r}" if self.sheet is not None else "no sheets"
            raise CatalogError(f"{self.path}: {missing}; its sheets: {', '.join(map(repr, sheets)) or 'none'}")
        self.title = found.title
        return found

    def _rows(self, values: ReadOnlyWorksheet, formulas: ReadOnlyWorksheet) -> Iterator[tuple[int, Row, Row]]:
        """(row number, cached values, formulas) from row 1, whatever size the file declares."""
        values.reset_dimensions()
        formulas.reset_dimensions()
        try:
            # types-openpyxl binds iter_rows to Worksheet; ReadOnlyWorksheet shares it
            for line, (cells, cell_formulas) in enumerate(zip(values.iter_rows(values_only=True),  # type: ignore[misc]
                                                              formulas.iter_rows(values_only=True),  # type: ignore[misc]
                                                              strict=True),
                                                          start=1):
                yield line, cells, cell_formulas
        except Exception as exc:  # the sheet's XML is parsed as its rows are read: damage shows up here
            raise CatalogError(f"{self.path}: not an Excel .xlsx workbook") from exc

    def _header(self, rows: Iterator[tuple[int, Row, Row]]) -> list[str]:
        """The column names of the first of the first HEADER_ROWS rows that names sku and title ("" for
        an unnamed column); sets `letters`."""
        for line, cells, _ in rows:
            if line > HEADER_ROWS:
                break
            names = [self._column_name(_text(value)) for value in cells]
            if {"sku", "title"} <= set(names):
                self.letters = {name: get_column_letter(index) for index, name in enumerate(names, start=1) if name}
                return names
        raise CatalogError(f"{self.path}:{self.title}: no header row naming 'sku' and 'title' "
                           f"in the first {HEADER_ROWS} rows")

    def _column_name(self, cell: str) -> str:
        name = cell.strip()
        return name.lower() if name.lower() in self.known else name


def _text(value: Any) -> str:
    """A cell's value as a CSV would hold it.

    >>> [_text(v) for v in (199.0, 19.9, 0.1 + 0.2, 42, True, None, datetime(2024, 5, 1), 1e20)]
    ['199', '19.9', '0.3', '42', 'true', '', '2024-05-01', '100000000000000000000']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format(Decimal(format(value, f".{EXCEL_DIGITS}g")).normalize(), "f")
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def xlsx_bytes(sheets: dict[str, Table]) -> bytes:
    """A workbook with one sheet per table (named by its key): a bold, frozen header, columns as wide
    as their text, every cell text (never a formula), notes as comments."""
    workbook = openpyxl.Workbook(write_only=True)
    for name, table in sheets.items():
        _write_sheet(workbook.create_sheet(sheet_title(name)), table)
    if not sheets:
        workbook.create_sheet()  # a workbook holds at least one sheet
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_title(name: str) -> str:
    """A name Excel accepts for a sheet.

    >>> sheet_title("de-DE [approved]: 2024/05")
    'de-DE _approved__ 2024_05'
    """
    return _SHEET_TITLE_FORBIDDEN.sub("_", name)[:MAX_SHEET_TITLE] or "Sheet"


def _write_sheet(sheet: WriteOnlyWorksheet, table: Table) -> None:
    sheet.freeze_panes = "A2"
    for index, width in enumerate(_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width  # type: ignore[attr-defined]  # not in the stubs
    sheet.append([_text_cell(sheet, name, bold=True) for name in table.columns])
    for row_index, row in enumerate(table.rows):
        sheet.append([_text_cell(sheet, text, note=table.notes.get((row_index, column)))
                      for column, text in enumerate(row)])


def _text_cell(sheet: WriteOnlyWorksheet, text: str, *, bold: bool = False, note: str | None = None) -> Cell:
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", text) or None)  # less control characters Excel refuses
    if cell.value is not None:
        cell.data_type = "s"  # openpyxl takes "=HYPERLINK(..)" for a formula and "#N/A" for an error: text stays text
    if bold:
        cell.font = _BOLD
    if note:
        cell.comment = Comment(note, NOTE_AUTHOR)
    return cell


def _widths(table: Table) -> list[float]:
    """Each column's width in characters: its longest line, with a little room, at most MAX_COLUMN_WIDTH."""
    widths = [_display_width(name) for name in table.columns]
    for row in table.rows:
        widths = [max(width, max(map(_display_width, text.splitlines() or [""])))
                  for width, text in zip(widths, row, strict=True)]
    return [min(width + 2, MAX_COLUMN_WIDTH) for width in widths]


def _display_width(line: str) -> int:
    """Columns a line takes: two for a wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line[:MAX_COLUMN_WIDTH])
