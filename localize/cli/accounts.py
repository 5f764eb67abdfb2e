"""Who may use the service: `users` (reviewers and admins of the web queue) and `keys` (sellers' API keys)."""

from datetime import UTC, datetime

import click
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from localize.cli.common import CliError, console, day, errors, failing, print_rows
from localize.markets import MarketError, get_market, market_code
from localize.settings import get_settings
from localize.store.accounts import (
    KEY_ROLES,
    ROLES,
    AccountError,
    account_events,
    add_user,
    aware,
    change_password,
    create_api_key,
    list_api_keys,
    list_users,
    remove_user,
    revoke_api_key,
    set_password,
)
from localize.store.db import open_database
from localize.store.models import User


def _sessions() -> sessionmaker[Session]:
    return open_database(get_settings().database_url)


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
    with failing(MarketError):
        for code in codes:
            get_market(code, get_settings().market_rules)
    if role == "reviewer" and not codes:
        raise CliError("a reviewer needs --markets")
    sessions = _sessions()
    try:
        with sessions.begin() as session:
            add_user(session, username, password, role, codes)
    except AccountError as exc:
        if not (exist_ok and "exists" in str(exc)):
            raise CliError(str(exc)) from exc
        with sessions.begin() as session:
            set_password(session, username, password)
            user = session.scalar(select(User).where(User.username == username))
            assert user is not None
            user.role, user.markets = role, sorted(codes)
    console.print(f"user {username} ({role}{', ' + ', '.join(codes) if codes else ''}) is ready")


@users.command("list")
def list_users_command() -> None:
    """Show the users: name, role, markets, when they were added, and until when a lockout holds."""
    now = datetime.now(UTC)
    with _sessions()() as session:
        rows = [[user.username, user.role, ",".join(user.markets), day(user.created_at),
                 day(user.locked_until) if user.locked_until and aware(user.locked_until) > now else ""]
                for user in list_users(session)]
    if not rows:
        errors.print("no users; add one with `localize users add NAME`")
        return
    print_rows(["username", "role", "markets", "created", "locked_until"], rows)


@users.command("audit")
@click.argument("username", required=False)
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True, help="How many entries.")
def audit_command(username: str | None, limit: int) -> None:
    """Show the accounts' audit, newest first: failed sign-ins, lockouts, password changes, removals."""
    with _sessions()() as session:
        rows = [[day(event.created_at), event.username, event.action, event.address or "", event.detail or ""]
                for event in account_events(session, username, limit)]
    if not rows:
        errors.print("no entries")
        return
    print_rows(["when", "username", "action", "address", "detail"], rows)


@users.command("passwd")
@click.argument("username")
@click.password_option(help="The new password (asked for when not given).")
def change_password_command(username: str, password: str) -> None:
    """Set a new password for a user; it ends their sessions and lifts a lockout."""
    with failing(AccountError), _sessions().begin() as session:
        change_password(session, username, password)
    console.print(f"password of {username} changed")


@users.command("remove")
@click.argument("username")
def remove_user_command(username: str) -> None:
    """Remove a user and end their sessions (what they reviewed keeps their name)."""
    with failing(AccountError), _sessions().begin() as session:
        remove_user(session, username)
    console.print(f"user {username} removed")


@click.group()
def keys() -> None:
    """Manage sellers' API keys."""


@keys.command("create")
@click.option("--seller", required=True, help="The seller the key acts for (created when new).")
@click.option("--label", default="", help="A note on what the key is for.")
@click.option("--role", type=click.Choice(KEY_ROLES), default="submit", show_default=True,
              help="submit: submit and read listings, set prices, reject; approve: may also approve through the API.")
def create_key(seller: str, label: str, role: str) -> None:
    """Create an API key; it is printed once and only its hash is stored."""
    with _sessions().begin() as session:
        key = create_api_key(session, seller, label, role)
    console.print(key, markup=False)
    errors.print(f"API key for seller {seller!r} (shown once; send it as 'Authorization: Bearer <key>')",
                 markup=False)


@keys.command("list")
@click.option("--seller", help="Only this seller's keys.")
def list_keys(seller: str | None) -> None:
    """Show the keys by their prefix, with seller, label, and when created and revoked; never the key."""
    with failing(AccountError), _sessions()() as session:
        rows = [[key.prefix, name, key.role, key.label, day(key.created_at), day(key.revoked_at)]
                for key, name in list_api_keys(session, seller)]
    if not rows:
        errors.print("no keys; create one with `localize keys create --seller NAME`")
        return
    print_rows(["prefix", "seller", "role", "label", "created", "revoked"], rows)


@keys.command("revoke")
@click.argument("prefix")
def revoke_key(prefix: str) -> None:
    """Revoke the keys starting with PREFIX (the first 10 characters of a key)."""
    with _sessions().begin() as session:
        count = revoke_api_key(session, prefix)
    if not count:
        raise CliError(f"no active key starts with {prefix!r}")
    console.print(f"revoked {count} key(s)")
