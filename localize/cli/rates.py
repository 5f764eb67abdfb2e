"""`localize rates import FILE` and `localize rates list`: the FX rates prices are converted with."""

from pathlib import Path

import click

from localize.adapt.fx import Rate, RatesFileError, RateTable, read_rates
from localize.cli.common import console, errors, failing, input_file, print_rows
from localize.settings import get_settings


@click.group()
def rates() -> None:
    """Manage FX rates."""


@rates.command("import")
@input_file
def import_rates(file: Path) -> None:
    """Add the rates in FILE (CSV: date,base,quote,rate) to the rates prices are converted with."""
    target = get_settings().rates
    with failing(RatesFileError):
        table = RateTable.load(target)
        imported = read_rates(file)
    table.add(imported)
    table.save(target)
    days = sorted({rate.date for rate in imported})
    span = f" from {days[0]} to {days[-1]}" if days else ""
    console.print(f"imported {len(imported)} rate(s){span} into {target} ({len(table)} in all)")


@rates.command("list")
@click.option("--base", help="Only rates from this currency, e.g. CNY.")
@click.option("--quote", help="Only rates into this currency, e.g. EUR.")
@click.option("--all", "every", is_flag=True, help="Every imported rate, not only the newest of each pair.")
def list_rates(base: str | None, quote: str | None, every: bool) -> None:
    """Show the newest rate of each currency pair with its date (or all of them with --all)."""
    source = get_settings().rates
    with failing(RatesFileError):
        found = [rate for rate in RateTable.load(source).rates()
                 if (not base or rate.base == base.upper()) and (not quote or rate.quote == quote.upper())]
    if not every:
        found = list(_newest(found).values())
    if not found:
        errors.print(f"no rates{_pair(base, quote)} in {source}; import some with `localize rates import FILE`",
                     markup=False)
        return
    print_rows(["date", "base", "quote", "rate"],
               [[rate.date.isoformat(), rate.base, rate.quote, str(rate.rate)] for rate in found])


def _newest(found: list[Rate]) -> dict[tuple[str, str], Rate]:
    newest: dict[tuple[str, str], Rate] = {}
    for rate in found:  # oldest first: a later one replaces an earlier one of its pair
        newest[rate.base, rate.quote] = rate
    return dict(sorted(newest.items()))


def _pair(base: str | None, quote: str | None) -> str:
    if not base and not quote:
        return ""
    return f" {(base or '*').upper()}->{(quote or '*').upper()}"
