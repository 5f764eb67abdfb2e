"""`localize models list`, `localize models convert` and `localize models build-demo`."""

from pathlib import Path

import click

from localize.cli.common import console, failing
from localize.mt.engines.models import ModelConfigError, configured_catalog, pair_statuses
from localize.settings import get_settings


@click.group()
def models() -> None:
    """Manage MT models."""


@models.command("list")
def list_models() -> None:
    """Show which model serves each pair, whether it is here, and how to get the missing ones."""
    settings = get_settings()
    with failing(ModelConfigError):
        catalog = configured_catalog(settings.models)
    recipe_note = "" if settings.models else " (the shipped recipe: LOCALIZE_MODELS is unset)"
    console.print(f"models file: {catalog.source}{recipe_note}", markup=False)
    statuses = pair_statuses(catalog)
    for status in statuses:
        entry = status.entry
        details = ", ".join(part for part in (f"{entry.size_mb:,} MB" if entry and entry.size_mb else "",
                                              entry.note if entry else "") if part)
        model = (entry.ref + (f" ({details})" if details else "")) if entry else "not configured"
        console.print(f"{status.pair!s:7}{'here' if status.present else 'missing':9}{model}", markup=False)
        if status.to_get:
            console.print(f"{'':16}to get it: {status.to_get}", markup=False)
    missing = sum(not status.present for status in statuses)
    console.print(f"{len(statuses) - missing} pair(s) here, {missing} missing; a pair without a model of its own "
                  "pivots through English (zh-fr = zh-en, then en-fr) when both halves are here", markup=False)


@models.command("build-demo")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=Path(".cache/demo-models"))
@click.option("--tiny", is_flag=True, help="A seconds-long toy build (what the test suite uses).")
def build_demo(directory: Path, tiny: bool) -> None:
    """Train small offline Marian models (zh-en, en-de) on the shipped corpus and print chrF."""
    from tools.demo_models import FULL, TINY, build_demo_models  # a build tool: torch training only when asked

    reports = build_demo_models(directory, size=TINY if tiny else FULL, log=console.print)
    for report in reports:
        console.print(f"{report.pair}: chrF {report.chrf:.1f} on {report.held_out_pairs} held-out segment pairs")
    console.print(f"models written to {directory}; use them with: export LOCALIZE_MODELS={directory / 'models.toml'}")


@models.command("convert")
@click.argument("source")
@click.argument("target", type=click.Path(path_type=Path, file_okay=False))
@click.option("--quantization", type=click.Choice(["int8", "int8_float16", "int8_float32", "float16", "float32"]),
              default="int8", show_default=True, help="int8 for CPUs; float16 or int8_float16 for GPUs.")
def convert(source: str, target: Path, quantization: str) -> None:
    """Convert a Marian, NLLB or M2M100 checkpoint (a hub id in the local cache, or a directory) for
    the ctranslate2 engine, into TARGET; name TARGET in the models file and set LOCALIZE_ENGINE=ctranslate2."""
    from localize.mt.engines.ctranslate2_engine import convert_model
    from localize.mt.engines.seq2seq import ModelLoadError

    with failing(ModelLoadError):
        convert_model(source, target, quantization)
    size = sum(path.stat().st_size for path in target.rglob("*") if path.is_file())
    console.print(f"{source} converted ({quantization}, {size / 1e6:.1f} MB) into {target}", markup=False)
