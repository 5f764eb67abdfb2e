"""Terminology in and out of the store: `glossary` (CSV or TBX) and `tm`, the translation memory (TMX 1.4)."""

from pathlib import Path

import click
from sqlalchemy.orm import Session, sessionmaker

from localize.cli.common import (
    CliError,
    console,
    failing,
    input_file,
    output_file,
    output_path,
    read_input,
    write_output,
)
from localize.mt.glossary import GlossaryError, read_glossary, write_csv_glossary, write_tbx_glossary
from localize.mt.memory import TmxError, read_tmx, write_tmx
from localize.settings import get_settings
from localize.store.accounts import AccountError, seller_named
from localize.store.db import open_database
from localize.store.memory import StoreMemory
from localize.store.terms import add_terms, run_glossary


@click.group()
def glossary() -> None:
    """Import and export glossary terms (CSV or TBX)."""


@glossary.command("import")
@input_file
@click.option("--seller", help="Scope every term of the file to this seller (default: as the file says).")
def import_glossary(file: Path, seller: str | None) -> None:
    """Add the terms of FILE (.csv or .tbx) to the store's glossary."""
    with failing(GlossaryError):
        terms = read_glossary(file)
    if seller:
        terms = [term.model_copy(update={"seller": seller}) for term in terms]
    with open_database(get_settings().database_url).begin() as session:
        add_terms(session, terms)
    console.print(f"imported {len(terms)} term(s) from {file}")


@glossary.command("export")
@output_file
@click.option("--format", "export_format", type=click.Choice(["csv", "tbx"]), default="csv", show_default=True)
@click.option("--seller", help="Only the global terms and this seller's.")
def export_glossary(out_file: Path | None, out_option: Path | None, export_format: str, seller: str | None) -> None:
    """Export the glossary (the shipped files in glossaries/ and the stored terms) into FILE or onto stdout."""
    target = output_path(out_file, out_option)
    settings = get_settings()
    with failing(GlossaryError), open_database(settings.database_url)() as session:
        terms = run_glossary(session, settings.glossaries)
    if seller:
        terms = [term for term in terms if term.seller in (None, seller)]
    write_output(write_csv_glossary(terms) if export_format == "csv" else write_tbx_glossary(terms), target,
                 f"{len(terms)} term(s)")


@click.group()
def tm() -> None:
    """Import and export the translation memory (TMX 1.4)."""


SELLER_LAYER = click.option("--seller", help="The seller whose own memory this is (default: the shared layer, "
                                           "which only sellers who opt in read).")


def _seller_memory(sessions: sessionmaker[Session], seller: str | None) -> StoreMemory:
    if seller is None:
        return StoreMemory(sessions)
    with failing(AccountError), sessions() as session:
        return StoreMemory(sessions).for_seller(seller_named(session, seller))


@tm.command("import")
@input_file
@SELLER_LAYER
def import_tm(file: Path, seller: str | None) -> None:
    """Add the translation units of a TMX file to the memory (the shared layer, or --seller's)."""
    raw = read_input(file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CliError(f"{file}: not UTF-8: {exc}") from exc
    with failing(TmxError):
        units, skipped = read_tmx(text, str(file))
    sessions = open_database(get_settings().database_url)
    memory = _seller_memory(sessions, seller)
    with sessions.begin() as session:
        stored = memory.learn_in(session, units, author=f"import:{file.name}", seller_id=memory.scope.seller_id,
                                 origin="import")
    console.print(f"imported {stored} unit(s) from {file}" + (f"; {skipped} skipped (see above)" if skipped else ""))


@tm.command("export")
@output_file
@click.option("--source-lang", help="Only this source language.")
@click.option("--target-lang", help="Only this target language.")
@SELLER_LAYER
def export_tm(out_file: Path | None, out_option: Path | None, source_lang: str | None, target_lang: str | None,
              seller: str | None) -> None:
    """Write the memory (the shared layer, or --seller's) as TMX 1.4 into FILE or onto stdout."""
    target = output_path(out_file, out_option)
    units = _seller_memory(open_database(get_settings().database_url), seller).units(source_lang, target_lang)
    write_output(write_tmx(units), target, f"{len(units)} unit(s)")
