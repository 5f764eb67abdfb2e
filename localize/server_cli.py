"""Commands for the service and its store: `serve`, `users`, `keys`, `submit` and `export`."""

import sys
from datetime import datetime
from pathlib import Path

import click
from rich.console import Console
from sqlalchemy import select

from localize.catalog.read import CatalogError
from localize.catalog.write import flatten_rows, jsonl_text
from localize.markets import MarketError, get_market, market_code
from localize.mt.glossary import GlossaryError, read_glossary, write_csv_glossary, write_tbx_glossary
from localize.mt.memory import TmxError, read_tmx, write_tmx
from localize.settings import get_settings
from localize.store.accounts import (
    ROLES,
    AccountError,
    add_user,
    create_api_key,
    revoke_api_key,
    seller_named,
    set_password,
)
from localize.store.db import open_database
from localize.store.models import Batch, User
from localize.store.queue import Scope, StoreMemory, export_rows
from localize.store.service import Localizer, ServiceError
from localize.store.terms import add_terms, run_glossary

console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(message: str, status: int = 2) -> None:
    errors.print(f"error: {message}", markup=False)
    sys.exit(status)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Run the HTTP API, the review queue at /review and the batch worker."""
    import uvicorn

    from api.app import create_app

    console.print(f"localize serving on http://{host}:{port}/ (review queue: /review, API docs: /docs)")
    uvicorn.run(create_app(), host=host, port=port, log_level="info")


@click.group()
def users() -> None:
    """Manage reviewers and admins of the web queue."""


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="reviewer", show_default=True)
@click.option("--markets", "market_codes", default="", help="Markets the reviewer works on, e.g. de-DE,fr-FR.")
@click.password_option(help="The password (asked for when not given).")
@click.option("--exist-ok", is_flag=True, help="Update an existing user's password and markets instead of failing.")
def add_user_command(username: str, role: str, market_codes: str, password: str, exist_ok: bool) -> None:
    """Add a user who signs in to the review queue."""
    codes = [market_code(code) for code in market_codes.split(",") if code.strip()]
    try:
        for code in codes:
            get_market(code, get_settings().market_rules)
    except MarketError as exc:
        _fail(str(exc))
    if role == "reviewer" and not codes:
        _fail("a reviewer needs --markets")
    sessions = open_database(get_settings().database_url)
    try:
        with sessions.begin() as session:
            add_user(session, username, password, role, codes)
    except AccountError as exc:
        if not (exist_ok and "exists" in str(exc)):
            _fail(str(exc))
        _update_user(sessions, username, password, role, codes)
    console.print(f"user {username} ({role}{', ' + ', '.join(codes) if codes else ''}) is ready")


def _update_user(sessions, username: str, password: str, role: str, codes: list[str]) -> None:
    with sessions.begin() as session:
        set_password(session, username, password)
        user = session.scalar(select(User).where(User.username == username))
        user.role, user.markets = role, sorted(codes)


@click.group()
def keys() -> None:
    """Manage sellers' API keys."""


@keys.command("create")
@click.option("--seller", required=True, help="The seller the key acts for (created when new).")
@click.option("--label", default="", help="A note on what the key is for.")
def create_key(seller: str, label: str) -> None:
    """Create an API key; it is printed once and only its hash is stored."""
    with open_database(get_settings().database_url).begin() as session:
        key = create_api_key(session, seller, label)
    console.print(key, markup=False)
    errors.print(f"API key for seller {seller!r} (shown once; send it as 'Authorization: Bearer <key>')")


@keys.command("revoke")
@click.argument("prefix")
def revoke_key(prefix: str) -> None:
    """Revoke the keys starting with PREFIX (the first 10 characters of a key)."""
    with open_database(get_settings().database_url).begin() as session:
        count = revoke_api_key(session, prefix)
    if not count:
        _fail(f"no active key starts with {prefix!r}")
    console.print(f"revoked {count} key(s)")


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--markets", "market_codes", required=True, help="Comma-separated market codes.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Localise as of this day (YYYY-MM-DD): its FX rates and calendar rules. Default: today.")
@click.option("--seller", required=True, help="The seller the listings belong to (created when new).")
def submit(file: Path, market_codes: str, seller: str, as_of: datetime | None) -> None:
    """Localise FILE into the review queue now (what a batch through the API does in the server)."""
    settings = get_settings()
    sessions = open_database(settings.database_url)
    localizer = Localizer(settings, sessions)
    try:
        markets = [localizer.market(code.strip()) for code in market_codes.split(",") if code.strip()]
    except MarketError as exc:
        _fail(str(exc))
    with sessions.begin() as session:
        seller_id = seller_named(session, seller, create=True).id
    try:
        batch = localizer.create_batch(seller_id, file.name, file.read_bytes(), markets,
                                       as_of.date() if as_of else None)
        localizer.process_batch(batch.id)
    except (CatalogError, ServiceError) as exc:
        _fail(str(exc))
    for rejected in batch.rejected:
        errors.print(f"rejected {rejected}", markup=False)
    with sessions() as session:
        done = session.get(Batch, batch.id)
        console.print(f"batch {done.id}: {done.processed} of {done.total} listing(s) localised for "
                      f"{', '.join(done.markets)} into the review queue ({done.status})")
        for failure in done.failures:
            errors.print(f"failed {failure['sku']} for {failure['market']}: {failure['reason']}", markup=False)


@click.command()
@click.option("--market", required=True, help="The market to export, e.g. de-DE.")
@click.option("--format", "export_format", type=click.Choice(["csv", "jsonl"]), default="jsonl", show_default=True)
@click.option("--status", type=click.Choice(["approved", "pending_review", "rejected"]), default="approved",
              show_default=True)
@click.option("--seller", help="Only this seller's localisations.")
@click.option("--out", "out_file", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write (default: stdout).")
def export(market: str, export_format: str, status: str, seller: str | None, out_file: Path | None) -> None:
    """Export the approved (or other) localisations of a market as CSV or JSONL."""
    try:
        market = get_market(market, get_settings().market_rules).code
    except MarketError as exc:
        _fail(str(exc))
    with open_database(get_settings().database_url)() as session:
        try:
            scope = Scope(seller_id=seller_named(session, seller).id) if seller else Scope()
        except AccountError as exc:
            _fail(str(exc))
        rows = export_rows(session, scope, market, status)
    text = jsonl_text(rows) if export_format == "jsonl" else flatten_rows(rows)
    _write(text, out_file, f"{len(rows)} {status} localisation(s) of {market}")


@click.group()
def glossary() -> None:
    """Import and export glossary terms (CSV or TBX)."""


@glossary.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--seller", help="Scope every term of the file to this seller (default: as the file says).")
def import_glossary(file: Path, seller: str | None) -> None:
    """Add the terms of FILE (.csv or .tbx) to the store's glossary."""
    try:
        terms = read_glossary(file)
    except GlossaryError as exc:
        _fail(str(exc))
    if seller:
        terms = [term.model_copy(update={"seller": seller}) for term in terms]
    with open_database(get_settings().database_url).begin() as session:
        add_terms(session, terms)
    console.print(f"imported {len(terms)} term(s) from {file}")


@glossary.command("export")
@click.option("--format", "export_format", type=click.Choice(["csv", "tbx"]), default="csv", show_default=True)
@click.option("--seller", help="Only the global terms and this seller's.")
@click.option("--out", "out_file", type=click.Path(path_type=Path, dir_okay=False), help="File (default: stdout).")
def export_glossary(export_format: str, seller: str | None, out_file: Path | None) -> None:
    """Export the glossary: the shipped files in glossaries/ and the stored terms."""
    settings = get_settings()
    with open_database(settings.database_url)() as session:
        terms = run_glossary(session, settings.glossaries)
    if seller:
        terms = [term for term in terms if term.seller in (None, seller)]
    _write(write_csv_glossary(terms) if export_format == "csv" else write_tbx_glossary(terms), out_file,
           f"{len(terms)} term(s)")


@click.group()
def tm() -> None:
    """Import and export the translation memory (TMX 1.4)."""


@tm.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
def import_tm(file: Path) -> None:
    """Add the translation units of a TMX file to the memory."""
    try:
        units, skipped = read_tmx(file.read_text(encoding="utf-8"), str(file))
    except (TmxError, UnicodeDecodeError) as exc:
        _fail(str(exc))
    sessions = open_database(get_settings().database_url)
    with sessions.begin() as session:
        stored = StoreMemory(sessions).learn_in(session, units, author=f"import:{file.name}", origin="import")
    console.print(f"imported {stored} unit(s) from {file}" + (f"; {skipped} skipped (see above)" if skipped else ""))


@tm.command("export")
@click.option("--source-lang", help="Only this source language.")
@click.option("--target-lang", help="Only this target language.")
@click.option("--out", "out_file", type=click.Path(path_type=Path, dir_okay=False), help="File (default: stdout).")
def export_tm(source_lang: str | None, target_lang: str | None, out_file: Path | None) -> None:
    """Write the memory as TMX 1.4."""
    sessions = open_database(get_settings().database_url)
    units = StoreMemory(sessions).units(source_lang, target_lang)
    _write(write_tmx(units), out_file, f"{len(units)} unit(s)")


def _write(text: str, out_file: Path | None, what: str) -> None:
    if out_file:
        out_file.parent.mkdir(parents=True, exist_ok=True)
        out_file.write_text(text, encoding="utf-8")
        errors.print(f"{what} written to {out_file}")
    else:
        sys.stdout.write(text)


COMMANDS = [serve, users, keys, submit, export, glossary, tm]
