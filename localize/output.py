"""Writing localisations: JSONL (the contract's nested shape) and CSV (flattened like the input)."""

import csv
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from localize.catalog import LIST_SEPARATOR
from localize.localization import Localization


def write_jsonl(path: Path, localizations: Sequence[Localization]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for loc in localizations:
            out.write(json.dumps(loc.model_dump(mode="json"), ensure_ascii=False) + "\n")


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


def write_csv(path: Path, localizations: Sequence[Localization]) -> None:
    rows = [flatten(loc) for loc in localizations]
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(columns), restval="")
        writer.writeheader()
        writer.writerows(rows)


def write_market_files(out_dir: Path, market: str, localizations: Sequence[Localization]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    jsonl, table = out_dir / f"{market}.jsonl", out_dir / f"{market}.csv"
    write_jsonl(jsonl, localizations)
    write_csv(table, localizations)
    return [jsonl, table]
