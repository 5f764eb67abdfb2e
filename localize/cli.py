"""The `localize` command line: batch, translate, check, markets, rates, models; and for the service
(`server_cli`): serve, users, keys, submit, export."""

import json
import sys
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from localize.adapt.fx import RatesFileError, RateTable, read_rates
from localize.catalog.read import CatalogError, read_catalog
from localize.catalog.write import write_market_files
from localize.markets import Market, MarketError, get_market, load_markets
from localize.mt.engines import EngineError
from localize.mt.engines.models import ModelConfigError, configured_catalog, pair_statuses
from localize.mt.engines.registry import create_engine
from localize.mt.glossary import GlossaryError, applicable_terms
from localize.pipeline import Pipeline
from localize.review.checks import LocalizedRecord, check_text, listing_text
from localize.review.qa import QA_CHECKS
from localize.server_cli import COMMANDS as SERVER_COMMANDS
from localize.settings import get_settings
from localize.store.db import open_database
from localize.store.queue import StoreMemory
from localize.store.terms import run_glossary

EXIT_FAILED = 1  # some listing could not be localised (no model, undetectable language)
EXIT_REJECTED = 2  # input rows were rejected, or the input could not be read at all

console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


def _markets(codes: str) -> list[Market]:
    folder = get_settings().market_rules
    try:
        return [get_market(code.strip(), folder) for code in codes.split(",") if code.strip()]
    except MarketError as exc:
        raise click.BadParameter(str(exc), param_hint="--markets") from exc


def _pipeline(markets: list[Market], as_of: date | None = None) -> Pipeline:
    """The pipeline over the configured engine, rates, glossaries and translation memory, as of a day."""
    settings = get_settings()
    try:
        sessions = open_database(settings.database_url)
        with sessions() as session:
            glossary = run_glossary(session, settings.glossaries)
        return Pipeline(create_engine(settings), markets, rates=RateTable.load(settings.rates), today=as_of,
                        memory=StoreMemory(sessions, settings.glossaries), glossary=glossary)
    except (ModelConfigError, RatesFileError, GlossaryError) as exc:
        errors.print(f"error: {exc}")
        sys.exit(EXIT_FAILED)


@click.group()
@click.version_option(package_name="localize")
def main() -> None:
    """Localise product listings for the markets you sell in."""


@main.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--markets", "market_codes", required=True, help="Comma-separated market codes, e.g. de-DE,ja-JP.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("out"),
              show_default=True, help="Folder for <market>.jsonl and <market>.csv.")
@click.option("--source-lang", help="Source language for rows without source_lang (skips detection).")
@click.option("--encoding", help="Encoding of FILE (default: UTF-8, then GB18030).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Localise as of this day (YYYY-MM-DD): FX rates on or before it, its calendar rules. "
                   "Default: today. Recorded in each localisation's as_of.")
def batch(file: Path, market_codes: str, out_dir: Path, source_lang: str | None, encoding: str | None,
          as_of: datetime | None) -> None:
    """Localise every listing in FILE (.csv, .jsonl, .json) for each market."""
    started = time.perf_counter()
    markets = _markets(market_codes)
    try:
        catalog = read_catalog(file, encoding)
    except CatalogError as exc:
        errors.print(f"error: {exc}")
        sys.exit(EXIT_REJECTED)
    listings = [row.listing for row in catalog.rows]
    if source_lang:
        listings = [lst if lst.source_lang else lst.model_copy(update={"source_lang": source_lang.lower()})
                    for lst in listings]
    pipeline = _pipeline(markets, as_of.date() if as_of else None)
    with Progress(TextColumn("localising"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, disable=not console.is_terminal, transient=True) as progress:
        task = progress.add_task("batch", total=len(listings))
        result = pipeline.run(listings, on_progress=lambda n: progress.advance(task, n))
    written = []
    for market in markets:
        written += write_market_files(out_dir, market.code, [
            loc for loc in result.localizations if loc.market == market.code])

    severities = Counter(flag.severity.value for loc in result.localizations for flag in loc.flags)
    summary = Table.grid(padding=(0, 2))
    summary.add_row("listings", str(len(listings)))
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
    for rejected in catalog.rejected:
        errors.print(f"rejected {rejected}")
    lines = {row_index: row.line for row_index, row in enumerate(catalog.rows)}
    for reason, count in Counter((f.market, f.reason) for f in result.failures).items():
        market, message = reason
        errors.print(f"failed {count} listing(s){' for ' + market if market else ''}: {message}")
    for failure in result.failures:
        if failure.market is None:
            errors.print(f"failed {file}:{lines[failure.index]}: sku {failure.sku}: {failure.reason}")
    if catalog.rejected:
        sys.exit(EXIT_REJECTED)
    if result.failures:
        sys.exit(EXIT_FAILED)


@main.command()
@click.argument("text")
@click.option("--to", "market_code", required=True, help="Target market, e.g. de-DE.")
@click.option("--from", "source_lang", help="Source language (detected when absent).")
def translate(text: str, market_code: str, source_lang: str | None) -> None:
    """Translate TEXT for a market, protecting tags, numbers and codes."""
    market = _markets(market_code)[0]
    try:
        translated = _pipeline([market]).translate_text(text, market, source_lang)
    except EngineError as exc:
        errors.print(f"error: {exc}")
        sys.exit(EXIT_FAILED)
    console.print(translated.text, markup=False)
    if translated.confidence is not None:
        errors.print(f"confidence: {translated.confidence:g}")
    for flag in translated.flags:
        errors.print(f"{flag.severity.value}: {flag.rule}: {flag.message}", markup=False)


@main.command()
@click.argument("code", required=False)
def markets(code: str | None) -> None:
    """List the markets, or show one market's settings and rules."""
    folder = get_settings().market_rules
    try:
        if code:
            _show_market(get_market(code, folder))
            return
        table = Table("code", "name", "language", "locale", "currency", "measurement", "sizes", "rules")
        for market in load_markets(folder).values():
            table.add_row(market.code, market.name, market.language, market.locale, market.currency,
                          market.measurement, f"{market.clothing_sizes}/{market.shoe_sizes}", str(len(market.rules)))
        console.print(table)
    except MarketError as exc:
        errors.print(f"error: {exc}")
        sys.exit(EXIT_REJECTED)


def _show_market(market: Market) -> None:
    settings = Table.grid(padding=(0, 2))
    for name, value in market.model_dump(exclude={"rules"}).items():
        settings.add_row(name, ", ".join(value) if isinstance(value, tuple | list) else str(value))
    console.print(settings)
    console.print()
    console.print(f"{len(market.rules)} rules", style="bold")
    for rule in market.rules:
        where = f" · categories: {', '.join(rule.categories)}" if rule.categories else ""
        console.print(f"\n[bold]{rule.id}[/bold]  {rule.severity.value} · {rule.kind}{where}", markup=True)
        console.print(f"  {rule.message}", markup=False)
        if rule.suggestion:
            console.print(f"  instead: {rule.suggestion}", markup=False)
        console.print(f"  why: {rule.why}", markup=False)
    console.print()
    console.print(f"{len(QA_CHECKS)} QA checks", style="bold")
    for check in QA_CHECKS.values():
        console.print(f"  {check.id}  {check.severity.value} · {check.description}", markup=False)


@main.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--markets", "market_codes", required=True, help="Markets whose rules apply, e.g. de-DE,ja-JP.")
@click.option("--source", "source_file", type=click.Path(path_type=Path, dir_okay=False),
              help="The source catalog (matched by sku), for the checks that compare with the source.")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), help="Check as of this day (calendar rules).")
@click.option("--out", "out_file", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the flags as JSONL: one line per listing and market.")
@click.option("--encoding", help="Encoding of FILE (default: UTF-8, then GB18030).")
def check(file: Path, market_codes: str, source_file: Path | None, day: datetime | None, out_file: Path | None,
          encoding: str | None) -> None:
    """Run the market rules and QA checks on already localised text in FILE, without MT.

    FILE is a .jsonl, .json or .csv of localised listings (the output of `batch`, or your own
    translations with the same columns). A record with a `market` is checked for that market if it
    is among --markets; one without is checked for each of --markets. Exit status: 0 no block flags,
    1 some block flags, 2 rows rejected or a file unreadable."""
    markets = {market.code: market for market in _markets(market_codes)}
    try:
        records = read_catalog(file, encoding, model=LocalizedRecord)
        sources = read_catalog(source_file, encoding) if source_file else None
    except CatalogError as exc:
        errors.print(f"error: {exc}")
        sys.exit(EXIT_REJECTED)
    by_sku = {row.listing.sku: row.listing for row in sources.rows} if sources else {}
    settings = get_settings()
    try:
        with open_database(settings.database_url)() as session:
            glossary = run_glossary(session, settings.glossaries)
    except GlossaryError as exc:
        errors.print(f"error: {exc}")
        sys.exit(EXIT_REJECTED)
    checked_day = day.date() if day else date.today()
    results = []
    for row in records.rows:
        record = row.listing
        for market in ([markets[record.market]] if record.market in markets else [] if record.market
                       else markets.values()):
            source = by_sku.get(record.sku)
            terms = applicable_terms(glossary, source.source_lang or "", market, None) if source else ()
            text = listing_text(record, market, source, checked_day, terms)
            results.append((row.line, record.sku, market.code, check_text(text, market)))
    table = Table("line", "sku", "market", "rule", "severity", "field", "where", "message")
    for line, sku, code, flags in results:
        for flag in flags:
            where = f"{flag.span[0]}-{flag.span[1]} {flag.match!r}" if flag.span else ""
            table.add_row(str(line), sku, code, flag.rule, flag.severity.value, flag.field, where, flag.message)
    console.print(table)
    severities = Counter(flag.severity.value for *_, flags in results for flag in flags)
    console.print(f"{len(results)} listing(s) checked: "
                  + ", ".join(f"{severities[s]} {s}" for s in ("block", "warn", "info")))
    if out_file:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        with out_file.open("w", encoding="utf-8") as handle:
            for _, sku, code, flags in results:
                handle.write(json.dumps({"sku": sku, "market": code, "flags": [flag.model_dump(mode="json")
                                                                              for flag in flags]},
                                        ensure_ascii=False) + "\n")
    for rejected in records.rejected + (sources.rejected if sources else []):
        errors.print(f"rejected {rejected}")
    if records.rejected or (sources and sources.rejected):
        sys.exit(EXIT_REJECTED)
    if severities["block"]:
        sys.exit(EXIT_FAILED)


@main.group()
def rates() -> None:
    """Manage FX rates."""


@rates.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
def import_rates(file: Path) -> None:
    """Add the rates in FILE (CSV: date,base,quote,rate) to the rates prices are converted with."""
    target = get_settings().rates
    try:
        table = RateTable.load(target)
        imported = read_rates(file)
    except RatesFileError as exc:
        errors.print(f"error: {exc}")
        sys.exit(EXIT_REJECTED)
    table.add(imported)
    table.save(target)
    days = sorted({rate.date for rate in imported})
    span = f" from {days[0]} to {days[-1]}" if days else ""
    console.print(f"imported {len(imported)} rate(s){span} into {target} ({len(table)} in all)")


@main.group()
def models() -> None:
    """Manage MT models."""


@models.command("list")
def list_models() -> None:
    """Show which model serves each pair, whether it is here, and how to get the missing ones."""
    settings = get_settings()
    try:
        catalog = configured_catalog(settings.models)
    except ModelConfigError as exc:
        errors.print(f"error: {exc}")
        sys.exit(EXIT_REJECTED)
    recipe_note = "" if settings.models else " (the shipped recipe: LOCALIZE_MODELS is unset)"
    console.print(f"models file: {catalog.source}{recipe_note}", markup=False)
    statuses = pair_statuses(catalog)
    for status in statuses:
        entry = status.entry
        details = ", ".join(part for part in (f"{entry.size_mb:,} MB" if entry and entry.size_mb else "",
                                              entry.note if entry else "") if part)
        model = (entry.ref + (f" ({details})" if details else "")) if entry else "not configured"
        console.print(f"{status.pair!s:7}{'here' if status.present else 'missing':9}{model}", markup=False)
        if status.to_get:
            console.print(f"{'':16}to get it: {status.to_get}", markup=False)
    missing = sum(not status.present for status in statuses)
    console.print(f"{len(statuses) - missing} pair(s) here, {missing} missing; a pair without a model of its own "
                  "pivots through English (zh-fr = zh-en, then en-fr) when both halves are here", markup=False)


@models.command("build-demo")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=Path(".cache/demo-models"))
@click.option("--tiny", is_flag=True, help="A seconds-long toy build (what the test suite uses).")
def build_demo(directory: Path, tiny: bool) -> None:
    """Train small offline Marian models (zh-en, en-de) on the shipped corpus and print chrF."""
    from localize.demo_models import FULL, TINY, build_demo_models  # torch only when training

    reports = build_demo_models(directory, size=TINY if tiny else FULL, log=console.print)
    for report in reports:
        console.print(f"{report.pair}: chrF {report.chrf:.1f} on {report.held_out_pairs} held-out segment pairs")
    console.print(f"models written to {directory}; use them with: export LOCALIZE_MODELS={directory / 'models.toml'}")
for command in SERVER_COMMANDS:
    main.add_command(command)


if __name__ == "__main__":
    main()
