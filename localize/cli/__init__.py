"""The `localize` command line, one module per group of commands:

- `batch`: batch, translate, check
- `markets`: markets
- `models`: models list, models build-demo
- `rates`: rates import, rates list
- `service`: serve, submit, export
- `worker`: worker (Celery)
- `accounts`: users add/list/passwd/remove, keys create/list/revoke
- `sellers`: sellers profile
- `terms`: glossary import/export, tm import/export

An error a command stops with is a `common.CliError`: `error: <message>` on stderr and its exit code."""

import click

from localize.cli import accounts, batch, markets, models, rates, sellers, service, terms, worker


@click.group()
@click.version_option(package_name="localize")
def main() -> None:
    """Localise product listings for the markets you sell in."""


for _command in (*batch.COMMANDS, markets.markets, models.models, rates.rates, *service.COMMANDS,
                 worker.worker, accounts.users, accounts.keys, sellers.sellers, terms.glossary, terms.tm):
    main.add_command(_command)
