"""Sellers' profiles: `sellers profile NAME [FILE]` shows, sets or clears the facts that satisfy
`required` rules (the EU responsible person, WEEE and packaging numbers, declarations)."""

from pathlib import Path

import click
import yaml

from localize.cli.common import CliError, console, failing
from localize.seller_profile import ProfileError, load_profile_file
from localize.settings import get_settings
from localize.store.accounts import AccountError, seller_named
from localize.store.db import open_database
from localize.store.sellers import seller_profile, set_seller_profile


@click.group()
def sellers() -> None:
    """Sellers' profiles: facts the market rules ask for, stated once."""


@sellers.command("profile")
@click.argument("name")
@click.argument("file", required=False, type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--clear", is_flag=True, help="Remove the seller's profile.")
def profile_command(name: str, file: Path | None, clear: bool) -> None:
    """Show the seller's profile; with FILE (YAML) set it (the seller is created when new)."""
    if file and clear:
        raise CliError("give FILE or --clear, not both")
    with failing(ProfileError):
        profile = load_profile_file(file) if file else None
    with failing(AccountError), open_database(get_settings().database_url).begin() as session:
        seller = seller_named(session, name, create=bool(file))
        if file or clear:
            set_seller_profile(session, seller.id, profile)
        current = seller_profile(session, seller.id)
    if current is None:
        console.print(f"{name} has no profile; `localize sellers profile {name} FILE.yaml` sets one")
        return
    console.print(yaml.safe_dump(current.model_dump(mode="json", exclude_defaults=True), allow_unicode=True,
                                 sort_keys=False), end="", markup=False)
