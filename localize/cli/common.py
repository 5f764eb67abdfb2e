"""What the commands share: the consoles, the exit codes, the one error path and the ways files are named.

Every command that stops on an error raises `CliError`: click prints `error: <message>` on stderr and
exits with the code the error carries. Nothing else prints an error and exits by itself."""

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

import click
from rich.cells import cell_len
from rich.console import Console

from localize.markets import Market, MarketError, get_market
from localize.seller_profile import ProfileError, SellerProfile, load_profile_file
from localize.settings import get_settings

EXIT_FAILED = 1  # some listing could not be localised (no model, undetectable language), or a block flag
EXIT_REJECTED = 2  # the input was rejected: bad rows, an unreadable file, an unknown name

console = Console(highlight=False, soft_wrap=True)
errors = Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


class CliError(click.ClickException):
    """An error a command stops with; shown as `error: <message>` on stderr, exiting with `exit_code`."""

    def __init__(self, message: str, exit_code: int = EXIT_REJECTED) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click declares a ClassVar, but reads it per instance

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"error: {self.format_message()}", file=file, err=file is None)


@contextmanager
def failing(*kinds: type[Exception], exit_code: int = EXIT_REJECTED) -> Iterator[None]:
    """Inside, an exception of one of `kinds` becomes a CliError with its message and `exit_code`."""
    try:
        yield
    except kinds as exc:
        raise CliError(str(exc), exit_code) from exc


def markets_named(codes: str) -> list[Market]:
    """The markets of a comma-separated list of codes (`de-DE,ja-JP`)."""
    folder = get_settings().market_rules
    with failing(MarketError):
        return [get_market(code.strip(), folder) for code in codes.split(",") if code.strip()]


def input_file(function: F) -> F:
    """A FILE argument the command reads; an unreadable one is an error of the command, not of usage."""
    return click.argument("file", type=click.Path(path_type=Path, dir_okay=False))(function)


def read_input(path: Path) -> bytes:
    """The bytes of an input file; one that cannot be read is a CliError naming it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CliError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def output_file(function: F) -> F:
    """An optional FILE argument the command writes (stdout when absent); `--out FILE` says the same."""
    function = click.option("--out", "out_option", type=click.Path(path_type=Path, dir_okay=False),
                            help="The same as FILE.")(function)
    return click.argument("out_file", metavar="[FILE]", required=False,
                          type=click.Path(path_type=Path, dir_okay=False))(function)


def output_path(out_file: Path | None, out_option: Path | None) -> Path | None:
    if out_file and out_option and out_file != out_option:
        raise CliError(f"name the output once: {out_file} or --out {out_option}")
    return out_file or out_option


def write_output(content: str | bytes, out_file: Path | None, what: str) -> None:
    """`content` (text as UTF-8) into `out_file` (saying what was written, on stderr), or onto stdout."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if out_file is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    with failing(OSError):
        out_file.parent.mkdir(parents=True, exist_ok=True)
        out_file.write_bytes(data)
    errors.print(f"{what} written to {out_file}", markup=False)


def print_rows(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Rows under a header, in columns two spaces apart; nothing cut to fit the terminal."""
    widths = [max(cell_len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    for row in (header, *rows):
        cells = [str(cell) + " " * (width - cell_len(str(cell))) for cell, width in zip(row, widths, strict=True)]
        console.print("  ".join(cells).rstrip(), markup=False)


def day(moment: Any) -> str:
    """A stored timestamp as the day and minute it happened (UTC), or "" for none."""
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


def _load_profile(ctx: click.Context, param: click.Parameter, value: Path | None) -> SellerProfile | None:
    if value is None:
        return None
    with failing(ProfileError):
        return load_profile_file(value)


def seller_profile_option(function: F) -> F:
    """`--seller-profile FILE`: a seller profile (YAML) whose facts satisfy `required` rules."""
    return click.option("--seller-profile", "profile", callback=_load_profile,
                        type=click.Path(path_type=Path, dir_okay=False, exists=True),
                        help="A seller profile (YAML: EU responsible person, WEEE numbers, declarations) whose "
                             "facts satisfy the `required` rules that name them.")(function)
