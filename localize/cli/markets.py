"""`localize markets [CODE]`: the markets, or one market's settings, rules and QA checks."""

import click
from rich.table import Table

from localize.cli.common import console, failing
from localize.markets import Market, MarketError, get_market, load_markets
from localize.review.qa import QA_CHECKS
from localize.settings import get_settings


@click.command()
@click.argument("code", required=False)
def markets(code: str | None) -> None:
    """List the markets, or show one market's settings and rules."""
    folder = get_settings().market_rules
    with failing(MarketError):
        if code:
            _show_market(get_market(code, folder))
            return
        table = Table("code", "name", "language", "locale", "currency", "measurement", "sizes", "rules")
        for market in load_markets(folder).values():
            table.add_row(market.code, market.name, market.language, market.locale, market.currency,
                          market.measurement, f"{market.clothing_sizes}/{market.shoe_sizes}", str(len(market.rules)))
        console.print(table)


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
