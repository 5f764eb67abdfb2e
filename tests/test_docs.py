"""The documentation keeps up with the code: every setting, every command and every option is in
`docs/`, and every link in the README leads to a file that is there."""

import re
from collections.abc import Iterator

import click
import pytest
from conftest import ROOT

from localize.cli import main
from localize.settings import Settings


def commands(group: click.Group, prefix: str = "localize") -> Iterator[tuple[str, click.Command]]:
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}", command


def test_every_setting_is_in_the_configuration_page() -> None:
    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [name for name in (f"LOCALIZE_{field.upper()}" for field in Settings.model_fields)
               if f"`{name}`" not in page]
    assert not missing


@pytest.mark.parametrize(("usage", "command"), list(commands(main)), ids=lambda value: str(value))
def test_every_command_and_option_is_in_the_cli_page(usage: str, command: click.Command) -> None:
    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    line = next((line for line in page.splitlines() if line.startswith(usage + " ") or line == usage), None)
    assert line is not None, f"{usage} is not in docs/cli.md"
    options = [option for parameter in command.params if isinstance(parameter, click.Option)
               for option in parameter.opts if option.startswith("--")]
    lines = "\n".join(other for other in page.splitlines() if other.startswith(usage))
    assert [option for option in options if option not in lines and option != "--help"] == []


def test_the_readmes_links_lead_somewhere() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#:]+)\)", readme)
    assert links and [link for link in links if not (ROOT / link).exists()] == []


def test_the_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert [line.split()[:2] for line in first_block.strip().splitlines()] == [["make", "demo"], ["make", "test"]]
