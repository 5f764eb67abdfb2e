"""The service: `serve` it, `submit` a catalog into its review queue, `export` what was reviewed."""

from datetime import datetime
from pathlib import Path

import click

from localize.catalog.export import FORMATS, export_file, export_options
from localize.catalog.profiles import DEFAULT_PROFILE, ProfileError, shipped_names
from localize.catalog.read import CatalogError
from localize.cli.common import (
    CliError,
    console,
    errors,
    failing,
    input_file,
    output_file,
    output_path,
    read_input,
    write_output,
)
from localize.localization import Status
from localize.markets import MarketError, get_market
from localize.settings import get_settings
from localize.store.accounts import AccountError, seller_named
from localize.store.db import open_database
from localize.store.models import Batch
from localize.store.queue import Scope, export_items
from localize.store.service import Localizer, ServiceError


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int)
def serve(host: str, port: int) -> None:
    """Run the HTTP API, the review queue at /review and the batch worker."""
    import uvicorn

    from api.app import create_app

    console.print(f"localize serving on http://{host}:{port}/ (review queue: /review, API docs: /docs)")
    uvicorn.run(create_app(), host=host, port=port, log_level="info")


@click.command()
@input_file
@click.option("--markets", "market_codes", required=True, help="Comma-separated market codes.")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Localise as of this day (YYYY-MM-DD): its FX rates and calendar rules. Default: today.")
@click.option("--seller", required=True, help="The seller the listings belong to (created when new).")
@click.option("--sheet", help="The sheet of an .xlsx FILE to read (default: the first).")
@click.option("--async", "enqueue", is_flag=True,
              help="Store the batch and enqueue it for `localize worker` (needs LOCALIZE_BROKER_URL); "
                   "print its id and return at once.")
def submit(file: Path, market_codes: str, seller: str, as_of: datetime | None, sheet: str | None,
           enqueue: bool) -> None:
    """Localise FILE into the review queue now, or with --async on the workers."""
    settings = get_settings()
    if enqueue and not settings.broker_url:
        raise CliError("--async needs LOCALIZE_BROKER_URL (the broker `localize worker` takes tasks from)")
    sessions = open_database(settings.database_url)
    localizer = Localizer(settings, sessions)
    with failing(MarketError):
        markets = [localizer.market(code.strip()) for code in market_codes.split(",") if code.strip()]
    content = read_input(file)
    with sessions.begin() as session:
        seller_id = seller_named(session, seller, create=True).id
    with failing(CatalogError, ServiceError):
        batch = localizer.create_batch(seller_id, file.name, content, markets, as_of.date() if as_of else None,
                                       sheet)
        if enqueue:
            from localize.workers import enqueue_batch

            tasks = enqueue_batch(localizer, batch.id)
            console.print(f"batch {batch.id}: {batch.total} listing(s) enqueued as {tasks} task(s)")
            return
        localizer.process_batch(batch.id)
    for rejected in batch.rejected:
        errors.print(f"rejected {rejected}", markup=False)
    with sessions() as session:
        done = session.get(Batch, batch.id)
        assert done is not None
        console.print(f"batch {done.id}: {done.processed} of {done.total} listing(s) localised for "
                      f"{', '.join(done.markets)} into the review queue ({done.status})"
                      + (f"; {done.unchanged} unchanged since the last submission" if done.unchanged else ""))
        for failure in done.failures:
            errors.print(f"failed {failure['sku']} for {failure['market']}: {failure['reason']}", markup=False)


@click.command()
@output_file
@click.option("--market", required=True, help="The market to export, e.g. de-DE.")
@click.option("--profile", help="Lay the file out for a marketplace: " + ", ".join(shipped_names())
              + f", or a profile file (.yaml). Default: {DEFAULT_PROFILE}.")
@click.option("--format", "export_format", type=click.Choice(list(FORMATS)), default=None,
              help="jsonl: the contract's shape; csv: the profile's columns (tab-separated for amazon); xlsx: "
                   "them as an Excel sheet. Default: jsonl, or csv with --profile.")
@click.option("--status", type=click.Choice([status.value for status in Status]), default="approved",
              show_default=True)
@click.option("--seller", help="Only this seller's localisations.")
def export(out_file: Path | None, out_option: Path | None, market: str, profile: str | None,
           export_format: str | None, status: str, seller: str | None) -> None:
    """Export the approved (or other) localisations of a market as JSONL, or as a profile's CSV (a
    marketplace's upload file), into FILE or onto stdout."""
    target = output_path(out_file, out_option)
    with failing(ProfileError):
        chosen_format, layout = export_options(export_format, profile, files=True)
    with failing(MarketError):
        code = get_market(market, get_settings().market_rules).code
    with failing(AccountError), open_database(get_settings().database_url)() as session:
        scope = Scope(seller_id=seller_named(session, seller).id) if seller else Scope()
        items = export_items(session, scope, code, status)
    file = export_file(items, chosen_format, layout)
    write_output(file.content, target, f"{len(items)} {status} localisation(s) of {code}")


COMMANDS = [serve, submit, export]
