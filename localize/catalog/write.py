"""Writing localisations: JSONL (the contract's nested shape), CSV (flattened like the input) and an
Excel workbook (the CSV's columns, one sheet per market, flags readable)."""

import codecs
import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from localize.catalog.read import LIST_SEPARATOR
from localize.catalog.table import Table
from localize.catalog.xlsx import xlsx_bytes
from localize.localization import EngineInfo, Flag, Localization

# Spreadsheets run a cell starting with one of these as a formula (`=HYPERLINK(...)`, `@SUM`, a tab
# or carriage return before `=`); OWASP's CSV-injection advice is to make it text with a leading `'`.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")  # -1.5 is a number, not a formula: left as it is
# An export with no rows still has the contract's columns.
_EMPTY = Localization(sku="", market="", source_lang="", target_lang="", title="", engine=EngineInfo(name=""))


def jsonl_text(localizations: Sequence[Localization]) -> str:
    return "".join(json.dumps(loc.model_dump(mode="json"), ensure_ascii=False) + "\n" for loc in localizations)


def write_jsonl(path: Path, localizations: Sequence[Localization]) -> None:
    path.write_text(jsonl_text(localizations), encoding="utf-8")


@cache
def _subfields(name: str) -> tuple[str, ...]:
    """The keys of a nested object field (`price` -> amount, currency, ...); () for plain fields."""
    annotation = Localization.model_fields[name].annotation
    if get_origin(annotation) is list:
        return ()
    for candidate in get_args(annotation) or (annotation,):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return tuple(candidate.model_fields)
    return ()


def flatten(loc: Localization) -> dict[str, str]:
    """One CSV row: nested objects as `parent_child` (all columns, even when absent), string lists
    joined by `|`, flags as JSON, seller columns unchanged."""
    row: dict[str, str] = {}
    for name, value in loc.model_dump(mode="json").items():
        subfields = _subfields(name) if name in Localization.model_fields else ()
        if subfields:
            row.update({f"{name}_{key}": _cell((value or {}).get(key)) for key in subfields})
        elif name in Localization.model_fields and isinstance(value, list) and name != "flags":
            row[name] = LIST_SEPARATOR.join(value)
        else:
            row[name] = _cell(value)
    return row


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def flat_table(localizations: Sequence[Localization]) -> Table:
    """The flattened localisations: a header with every column any row has, then one row each."""
    rows = [flatten(loc) for loc in localizations]
    columns: dict[str, None] = dict.fromkeys(flatten(_EMPTY)) if not rows else {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return Table(list(columns), [[row.get(column, "") for column in columns] for row in rows])


def delimited_bytes(table: Table, delimiter: str = ",") -> bytes:
    """The table as CSV (or another delimiter's text) in UTF-8 with a BOM, so Excel reads `Weiß` and
    `€` as they are; every cell one a spreadsheet shows and never runs."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow([neutralize_formula(column) for column in table.columns])
    writer.writerows([neutralize_formula(cell) for cell in row] for row in table.rows)
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


def review_table(localizations: Sequence[Localization]) -> Table:
    """A market's sheet: `flat_table` with the flags as lines of text, also a note on the row's first cell."""
    table = flat_table(localizations)
    flags = table.columns.index("flags")
    for index, loc in enumerate(localizations):
        table.rows[index][flags] = flags_text(loc.flags)
        if loc.flags:
            table.notes[(index, 0)] = table.rows[index][flags]
    return table


def flags_text(flags: Sequence[Flag], separator: str = "\n") -> str:
    """One line per flag (or `separator` between them): `severity rule field: message`."""
    return separator.join(f"{flag.severity.value} {flag.rule} {flag.field}: {flag.message}" for flag in flags)


def neutralize_formula(cell: str) -> str:
    """The cell as text a spreadsheet shows and never runs.

    >>> print(neutralize_formula('=HYPERLINK("http://x","y")'), neutralize_formula("-1.5"), neutralize_formula("Tee"))
    '=HYPERLINK("http://x","y") -1.5 Tee
    """
    if cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(cell):
        return "'" + cell
    return cell


def write_csv(path: Path, localizations: Sequence[Localization]) -> None:
    path.write_bytes(delimited_bytes(flat_table(localizations)))


def write_market_files(out_dir: Path, market: str, localizations: Sequence[Localization]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    jsonl, table = out_dir / f"{market}.jsonl", out_dir / f"{market}.csv"
    write_jsonl(jsonl, localizations)
    write_csv(table, localizations)
    return [jsonl, table]


def write_workbook(path: Path, localizations_by_market: Mapping[str, Sequence[Localization]]) -> None:
    """One sheet per market (`review_table`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(xlsx_bytes({market: review_table(locs) for market, locs in localizations_by_market.items()}))
