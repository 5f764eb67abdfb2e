"""Localising and checking files: `batch`, `translate` and `check`.

Exit status of `batch` and `check`: 0 done; 2 some rows rejected or a file unreadable; 1 some
listings could not be localised (`batch`) or some block flags (`check`)."""

import json
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from localize.adapt.fx import RatesFileError, RateTable
from localize.catalog.export import write_profile_files
from localize.catalog.profiles import ProfileError, get_profile
from localize.catalog.read import Catalog, CatalogError, read_catalog
from localize.catalog.values import ExportItem
from localize.catalog.write import write_market_files, write_workbook
from localize.cli.common import (
    EXIT_FAILED,
    EXIT_REJECTED,
    CliError,
    console,
    errors,
    failing,
    input_file,
    markets_named,
    seller_profile_option,
)
from localize.listing import Listing
from localize.localization import Flag
from localize.markets import Market
from localize.mt.engines import EngineError
from localize.mt.engines.models import ModelConfigError
from localize.mt.engines.registry import create_engine
from localize.mt.glossary import GlossaryError, GlossaryTerm, applicable_terms
from localize.pipeline import BatchResult, Pipeline
from localize.review.checks import LocalizedRecord, check_text, listing_text
from localize.seller_profile import SellerProfile
from localize.settings import get_settings
from localize.store.db import open_database
from localize.store.memory import StoreMemory
from localize.store.terms import run_glossary

DAY = click.DateTime(formats=["%Y-%m-%d"])


def _pipeline(markets: list[Market], as_of: date | None = None, profile: SellerProfile | None = None) -> Pipeline:
    """The pipeline over the configured engine, rates, glossaries and translation memory, as of a
    day, for a seller with `profile`."""
    settings = get_settings()
    with failing(ModelConfigError, RatesFileError, GlossaryError, exit_code=EXIT_FAILED):
        sessions = open_database(settings.database_url)
        with sessions() as session:
            glossary = run_glossary(session, settings.glossaries)
        return Pipeline(create_engine(settings), markets, rates=RateTable.load(settings.rates), today=as_of,
                        memory=StoreMemory(sessions, settings.glossaries), glossary=glossary,
                        seller_profile=profile)


def _glossary() -> list[GlossaryTerm]:
    settings = get_settings()
    with failing(GlossaryError), open_database(settings.database_url)() as session:
        return run_glossary(session, settings.glossaries)


@click.command()
@input_file
@click.option("--markets", "market_codes", required=True, help="Comma-separated market codes, e.g. de-DE,ja-JP.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("out"),
              show_default=True, help="Folder for <market>.jsonl and <market>.csv.")
@click.option("--source-lang", help="Source language for rows without source_lang (skips detection).")
@click.option("--encoding", help="Encoding of FILE (default: UTF-8, or GB18030 when the file reads as Chinese in "
                                 "it; any other file stops and asks for this option).")
@click.option("--as-of", "as_of", type=DAY, default=None,
              help="Localise as of this day (YYYY-MM-DD): FX rates on or before it, its calendar rules. "
                   "Default: today. Recorded in each localisation's as_of.")
@click.option("--sheet", help="The sheet of an .xlsx FILE to read (default: the first).")
@click.option("--xlsx", "workbook", is_flag=True, help="Also write DIR/localized.xlsx: one sheet per market.")
@click.option("--profile", "export_profile",
              help="Also write DIR/<market>.<profile>.csv laid out by an export profile (amazon, shopify, "
                   "shopify-translations, plain, or a profile file): every localisation, whatever its status.")
@seller_profile_option
def batch(file: Path, market_codes: str, out_dir: Path, source_lang: str | None, encoding: str | None,
          as_of: datetime | None, sheet: str | None, workbook: bool, export_profile: str | None,
          profile: SellerProfile | None) -> None:
    """Localise every listing in FILE (.csv, .jsonl, .json, .xlsx) for each market."""
    started = time.perf_counter()
    markets = markets_named(market_codes)
    with failing(ProfileError):
        layout = get_profile(export_profile, files=True) if export_profile else None
    with failing(CatalogError):
        catalog = read_catalog(file, encoding, sheet=sheet)
    listings = [row.listing for row in catalog.rows]
    if source_lang:
        listings = [lst if lst.source_lang else lst.model_copy(update={"source_lang": source_lang.lower()})
                    for lst in listings]
    pipeline = _pipeline(markets, as_of.date() if as_of else None, profile)
    with Progress(TextColumn("localising"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, disable=not console.is_terminal, transient=True) as progress:
        task = progress.add_task("batch", total=len(listings))
        result = pipeline.run(listings, on_progress=lambda n: progress.advance(task, n))
    by_market = {market.code: [loc for loc in result.localizations if loc.market == market.code]
                 for market in markets}
    written: list[Path] = []
    for code, localizations in by_market.items():
        written += write_market_files(out_dir, code, localizations)
    if workbook:
        write_workbook(out_dir / "localized.xlsx", by_market)
        written.append(out_dir / "localized.xlsx")
    if layout:
        written += write_profile_files(out_dir, layout, [ExportItem(loc, listings[position]) for loc, position
                                                         in zip(result.localizations, result.positions, strict=True)])
    _print_summary(pipeline, result, catalog, markets, written, started)
    _report_problems(file, catalog, result)


def _print_summary(pipeline: Pipeline, result: BatchResult, catalog: Catalog[Listing], markets: list[Market],
                   written: list[Path], started: float) -> None:
    severities = Counter(flag.severity.value for loc in result.localizations for flag in loc.flags)
    summary = Table.grid(padding=(0, 2))
    summary.add_row("listings", str(len(catalog.rows)))
    summary.add_row("encoding", catalog.encoding or "")
    summary.add_row("markets", ", ".join(m.code for m in markets))
    summary.add_row("localisations written", str(len(result.localizations)))
    summary.add_row("rows rejected", str(len(catalog.rejected)))
    summary.add_row("listings failed", str(len({(f.index, f.market) for f in result.failures})))
    summary.add_row("flags", ", ".join(f"{severities[s]} {s}" for s in ("block", "warn", "info")))
    summary.add_row("segments sent to MT", str(pipeline.segments_to_mt))
    summary.add_row("sentences kept in source", str(pipeline.sentences_kept))
    summary.add_row("left to translate by hand", f"{pipeline.untranslated} (no model for the pair)")
    summary.add_row("left to price by hand", f"{pipeline.unpriced} (no FX rate)")
    summary.add_row("as of", pipeline.today.isoformat())
    summary.add_row("elapsed", f"{time.perf_counter() - started:.1f} s")
    summary.add_row("output", ", ".join(str(path) for path in written))
    console.print(summary)


def _report_problems(file: Path, catalog: Catalog[Listing], result: BatchResult) -> None:
    """Each rejected row and failed listing on stderr; then the error that sets the exit status."""
    for rejected in catalog.rejected:
        errors.print(f"rejected {rejected}", markup=False)
    lines = {row_index: row.line for row_index, row in enumerate(catalog.rows)}
    for (market, message), count in Counter((f.market, f.reason) for f in result.failures).items():
        errors.print(f"failed {count} listing(s){' for ' + market if market else ''}: {message}", markup=False)
    for failure in result.failures:
        if failure.market is None:
            errors.print(f"failed {file}:{lines[failure.index]}: sku {failure.sku}: {failure.reason}", markup=False)
    if catalog.rejected:
        raise CliError(f"{len(catalog.rejected)} row(s) of {file} rejected", EXIT_REJECTED)
    if result.failures:
        failed = len({(f.index, f.market) for f in result.failures})
        raise CliError(f"{failed} listing(s) could not be localised", EXIT_FAILED)


@click.command()
@click.argument("text")
@click.option("--to", "market_code", required=True, help="Target market, e.g. de-DE.")
@click.option("--from", "source_lang", help="Source language (detected when absent).")
def translate(text: str, market_code: str, source_lang: str | None) -> None:
    """Translate TEXT for a market, protecting tags, numbers and codes."""
    market = markets_named(market_code)[0]
    with failing(EngineError, exit_code=EXIT_FAILED):
        translated = _pipeline([market]).translate_text(text, market, source_lang)
    console.print(translated.text, markup=False)
    if translated.confidence is not None:
        errors.print(f"confidence: {translated.confidence:g}")
    for flag in translated.flags:
        errors.print(f"{flag.severity.value}: {flag.rule}: {flag.message}", markup=False)


CheckResult = tuple[int, str, str, list[Flag]]  # line, sku, market, flags


@click.command()
@input_file
@click.option("--markets", "market_codes", required=True, help="Markets whose rules apply, e.g. de-DE,ja-JP.")
@click.option("--source", "source_file", type=click.Path(path_type=Path, dir_okay=False),
              help="The source catalog (matched by sku), for the checks that compare with the source.")
@click.option("--date", "day", type=DAY, help="Check as of this day (calendar rules).")
@click.option("--out", "out_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the flags as JSONL: one line per listing and market.")
@click.option("--encoding", help="Encoding of FILE (default: UTF-8, or GB18030 when the file reads as Chinese in "
                                 "it; any other file stops and asks for this option).")
@click.option("--sheet", help="The sheet of an .xlsx FILE to read (default: the first; --source: its first).")
@seller_profile_option
def check(file: Path, market_codes: str, source_file: Path | None, day: datetime | None, out_file: Path | None,
          encoding: str | None, sheet: str | None, profile: SellerProfile | None) -> None:
    """Run the market rules and QA checks on already localised text in FILE, without MT.

    FILE is a .jsonl, .json, .csv or .xlsx of localised listings (the output of `batch`, or your own
    translations with the same columns). A record with a `market` is checked for that market if it
    is among --markets; one without is checked for each of --markets. Exit status: 0 no block flags,
    1 some block flags, 2 rows rejected or a file unreadable."""
    markets = {market.code: market for market in markets_named(market_codes)}
    with failing(CatalogError):
        records = read_catalog(file, encoding, model=LocalizedRecord, sheet=sheet)
        sources = read_catalog(source_file, encoding) if source_file else None
    results = _check_records(records, sources, markets, day.date() if day else date.today(), profile)
    _print_flags(results)
    if out_file:
        _write_flags(results, out_file)
    rejected = records.rejected + (sources.rejected if sources else [])
    for row in rejected:
        errors.print(f"rejected {row}", markup=False)
    if rejected:
        raise CliError(f"{len(rejected)} row(s) rejected", EXIT_REJECTED)
    blocks = sum(flag.severity.value == "block" for *_, flags in results for flag in flags)
    if blocks:
        raise CliError(f"{blocks} block flag(s)", EXIT_FAILED)


def _check_records(records: Catalog[LocalizedRecord], sources: Catalog[Listing] | None, markets: dict[str, Market],
                   checked_day: date, profile: SellerProfile | None) -> list[CheckResult]:
    by_sku = {row.listing.sku: row.listing for row in sources.rows} if sources else {}
    glossary = _glossary()
    results = []
    for row in records.rows:
        record = row.listing
        for market in ([markets[record.market]] if record.market in markets else [] if record.market
                       else markets.values()):
            source = by_sku.get(record.sku)
            terms = applicable_terms(glossary, source.source_lang or "", market, None) if source else ()
            text = listing_text(record, market, source, checked_day, terms, profile=profile)
            results.append((row.line, record.sku, market.code, check_text(text, market)))
    return results


def _print_flags(results: list[CheckResult]) -> None:
    table = Table("line", "sku", "market", "rule", "severity", "field", "where", "message")
    for line, sku, code, flags in results:
        for flag in flags:
            where = f"{flag.span[0]}-{flag.span[1]} {flag.match!r}" if flag.span else ""
            table.add_row(str(line), sku, code, flag.rule, flag.severity.value, flag.field, where, flag.message)
    console.print(table)
    severities = Counter(flag.severity.value for *_, flags in results for flag in flags)
    console.print(f"{len(results)} listing(s) checked: "
                  + ", ".join(f"{severities[s]} {s}" for s in ("block", "warn", "info")))


def _write_flags(results: list[CheckResult], out_file: Path) -> None:
    with failing(OSError):
        out_file.parent.mkdir(parents=True, exist_ok=True)
        with out_file.open("w", encoding="utf-8") as handle:
            for _, sku, code, flags in results:
                handle.write(json.dumps({"sku": sku, "market": code,
                                         "flags": [flag.model_dump(mode="json") for flag in flags]},
                                        ensure_ascii=False) + "\n")


COMMANDS = [batch, translate, check]
