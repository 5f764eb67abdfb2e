"""An export file: localisations as the contract's JSONL, or laid out by a profile as delimited text
(UTF-8 with a BOM, so Excel reads `Weiß` and `€`) or an Excel workbook. The CLI, the API, the
review queue and `batch --profile` all write through `export_file`."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from localize.catalog.profiles import DEFAULT_PROFILE, Profile, ProfileError, build_table, get_profile
from localize.catalog.values import ExportItem
from localize.catalog.write import delimited_bytes, jsonl_text
from localize.catalog.xlsx import xlsx_bytes

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "txt": "text/tab-separated-values; charset=utf-8",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    media_type: str
    extension: str


def _jsonl(items: Sequence[ExportItem], profile: Profile) -> ExportFile:
    return ExportFile(jsonl_text([item.localization for item in items]).encode("utf-8"), "application/x-ndjson",
                      "jsonl")


def _delimited(items: Sequence[ExportItem], profile: Profile) -> ExportFile:
    content = delimited_bytes(build_table(profile, items), profile.delimiter)
    return ExportFile(content, MEDIA_TYPES[profile.extension], profile.extension)


def _xlsx(items: Sequence[ExportItem], profile: Profile) -> ExportFile:
    """The profile's columns as an Excel sheet named for it: every cell text, never a formula."""
    return ExportFile(xlsx_bytes({profile.name: build_table(profile, items)}), MEDIA_TYPES["xlsx"], "xlsx")


FORMATS: dict[str, Callable[[Sequence[ExportItem], Profile], ExportFile]] = {
    "csv": _delimited, "jsonl": _jsonl, "xlsx": _xlsx}


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


def write_profile_files(out_dir: Path, profile: Profile, items: Sequence[ExportItem]) -> list[Path]:
    """`<market>.<profile>.csv` (`.txt` when tab-separated) for each market of `items`, in `out_dir`:
    what `batch --profile` writes beside its outputs."""
    paths = []
    for market in dict.fromkeys(item.localization.market for item in items):
        file = export_file([item for item in items if item.localization.market == market], "csv", profile)
        paths.append(out_dir / f"{market}.{profile.name}.{file.extension}")
        paths[-1].write_bytes(file.content)
    return paths
