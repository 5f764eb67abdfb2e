"""An export file: localisations as the contract's JSONL, or laid out by a profile as delimited text
(UTF-8 with a BOM, so Excel reads `Weiß` and `€`) or an Excel workbook. The CLI, the API, the
review queue and `batch --profile` all write through `export_file`."""

import codecs
import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from localize.catalog.profiles import DEFAULT_PROFILE, Profile, ProfileError, build_table, get_profile
from localize.catalog.table import Table
from localize.catalog.values import ExportItem
from localize.catalog.write import jsonl_text, neutralize_formula

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "txt": "text/tab-separated-values; charset=utf-8"}


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    media_type: str
    extension: str


def delimited_bytes(table: Table, delimiter: str = ",") -> bytes:
    """The table as UTF-8 text with a BOM, every cell one a spreadsheet shows and never runs."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow([neutralize_formula(column) for column in table.columns])
    writer.writerows([neutralize_formula(cell) for cell in row] for row in table.rows)
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


def _jsonl(items: Sequence[ExportItem], profile: Profile) -> ExportFile:
    return ExportFile(jsonl_text([item.localization for item in items]).encode("utf-8"), "application/x-ndjson",
                      "jsonl")


def _delimited(items: Sequence[ExportItem], profile: Profile) -> ExportFile:
    content = delimited_bytes(build_table(profile, items), profile.delimiter)
    return ExportFile(content, MEDIA_TYPES[profile.extension], profile.extension)


FORMATS: dict[str, Callable[[Sequence[ExportItem], Profile], ExportFile]] = {"csv": _delimited, "jsonl": _jsonl}


def export_options(export_format: str | None, profile: str | None, *, files: bool = False) -> tuple[str, Profile]:
    """The format and profile an export asks for: naming a profile alone means CSV; JSONL is the
    contract's own shape and takes none. Raises ProfileError for an unknown profile or a mismatch;
    `files` lets `profile` be a profile file (`get_profile`)."""
    if export_format == "jsonl" and profile:
        raise ProfileError("a profile lays out csv and xlsx files; jsonl is always the contract's shape")
    return export_format or ("csv" if profile else "jsonl"), get_profile(profile or DEFAULT_PROFILE, files=files)


def export_file(items: Sequence[ExportItem], export_format: str, profile: Profile) -> ExportFile:
    return FORMATS[export_format](items, profile)


def download_name(profile: Profile, file: ExportFile, market: str | None, status: str | None) -> str:
    """`de-DE-approved.jsonl`, `amazon-de-DE-approved.txt`: the profile's pattern (JSONL's is plain's)."""
    return f"{profile.stem(market or 'all-markets', status or 'any-status')}.{file.extension}"
