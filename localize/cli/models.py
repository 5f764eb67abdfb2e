"""`localize models list`, `convert`, `build-demo`, and learning from reviewers: `adapt`,
`history`, `rollback`."""

from pathlib import Path
from typing import Any

import click

from localize.cli.common import CliError, console, failing, print_rows
from localize.mt.adaptation.data import AdaptationError
from localize.mt.adaptation.promotion import ROLLED_BACK, history, record, rollback
from localize.mt.engines import LanguagePair
from localize.mt.engines.models import ModelConfigError, Scope, configured_catalog, pair_statuses
from localize.settings import get_settings
from localize.store.accounts import AccountError


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


def _pair(ctx: click.Context, param: click.Parameter, value: str | None) -> LanguagePair | None:
    if value is None:
        return None
    with failing(ValueError):
        return LanguagePair.parse(value)


def _scope(seller: str | None, category: str | None) -> Scope | None:
    if seller and category:
        raise CliError("name one scope: --seller or --category, not both")
    return Scope("seller", seller) if seller else Scope("category", category.strip("/")) if category else None


PAIR = click.option("--pair", required=True, callback=_pair, help="The language pair, e.g. zh-en.")
SELLER = click.option("--seller", help="One seller's scope: their approvals, and the model their listings get.")
CATEGORY = click.option("--category", help="One category's scope (and its subcategories'), e.g. home/lighting.")


@models.command("adapt")
@PAIR
@SELLER
@CATEGORY
@click.option("--max-minutes", type=click.FloatRange(min=0, min_open=True),
              help="The longest training may take (default: LOCALIZE_ADAPT_MAX_MINUTES).")
@click.option("--margin", type=float, help="chrF points the adapted model must gain (default: LOCALIZE_ADAPT_MARGIN).")
@click.option("--learning-rate", type=click.FloatRange(min=0, min_open=True),
              help="Default: LOCALIZE_ADAPT_LEARNING_RATE.")
@click.option("--max-steps", type=click.IntRange(min=1), default=2000, show_default=True,
              help="The most training steps (batches).")
def adapt_model(pair: LanguagePair, seller: str | None, category: str | None, max_minutes: float | None,
                margin: float | None, learning_rate: float | None, max_steps: int) -> None:
    """Fine-tune the model serving a pair (in a scope) on reviewers' approved segments; promote it
    in the models file only if it beats the serving model on held-out approvals."""
    from localize.mt.adaptation.run import adapt  # torch only when adapting
    from localize.store.db import open_database

    settings = get_settings()
    scope = _scope(seller, category)
    with failing(AdaptationError, ModelConfigError, AccountError):
        outcome = adapt(settings, open_database(settings.database_url), pair, scope, margin=margin,
                        max_minutes=max_minutes, learning_rate=learning_rate, max_steps=max_steps,
                        log=lambda line: console.print(line, markup=False))
    base, adapted, training = outcome.base_scores, outcome.adapted_scores, outcome.training
    print_rows(["held out", "serving", "adapted"], [
        [f"chrF ({outcome.held_out} segments)", f"{base.chrf:.1f}", f"{adapted.chrf:.1f}"],
        [f"placeholders kept ({base.with_placeholders})", str(base.placeholders_kept), str(adapted.placeholders_kept)],
        [f"glossary terms kept ({base.with_terms})", str(base.terms_kept), str(adapted.terms_kept)],
    ])
    console.print(f"trained on {outcome.approved} approved segments and {outcome.mixed} base pairs: "
                  f"{training.steps} steps ({training.stopped}; best at step {training.best_step}), "
                  f"{training.seconds:.0f} s on {training.device}", markup=False)
    where = f"{pair}" + (f" ({scope})" if scope else "")
    if outcome.promoted:
        console.print(f"promoted: {where} is now served by {outcome.directory} (chrF {outcome.decision.gain:+.1f}); "
                      f"`localize models rollback --pair {pair}` restores {outcome.base}", markup=False)
    else:
        console.print(f"refused: {'; '.join(outcome.decision.reasons)}; {outcome.directory} discarded, "
                      f"{where} still served by {outcome.base}", markup=False)


def _models_file() -> Path:
    settings = get_settings()
    if settings.models is None:
        raise CliError("LOCALIZE_MODELS is unset: promotions and their history live beside a models file")
    return settings.models


@models.command("history")
@click.option("--pair", callback=_pair, help="Only this language pair.")
def model_history(pair: LanguagePair | None) -> None:
    """List adaptations promoted and refused, and rollbacks, with their figures."""
    with failing(AdaptationError):
        events = history(_models_file(), pair)
    if not events:
        console.print("no adaptation recorded" + (f" for {pair}" if pair else ""), markup=False)
        return
    print_rows(["at", "event", "pair", "scope", "chrF", "gain", "model", "why"], [_history_row(e) for e in events])


def _history_row(event: dict[str, Any]) -> list[str]:
    chrf = f"{event['base_chrf']:.1f} -> {event['adapted_chrf']:.1f}" if "base_chrf" in event else ""
    gain = f"{event['gain']:+.1f} (margin {event['margin']:g})" if "gain" in event else ""
    return [event["at"][:19].replace("T", " "), event["event"], event["pair"], event["scope"] or "-", chrf, gain,
            event.get("model", ""), "; ".join(event.get("reasons", []))]


@models.command("rollback")
@PAIR
@SELLER
@CATEGORY
def rollback_model(pair: LanguagePair, seller: str | None, category: str | None) -> None:
    """Serve a pair (in a scope) by the model its last promotion replaced."""
    file, scope = _models_file(), _scope(seller, category)
    with failing(AdaptationError, ModelConfigError):
        removed, restored = rollback(file, pair, scope)
        record(file, ROLLED_BACK, pair, scope, model=restored, removed=removed)
    where = f"{pair}" + (f" ({scope})" if scope else "")
    now = restored or ("the models file's own model" if scope else "the models file's default")
    console.print(f"rolled back: {where} is served by {now} again, not {removed}", markup=False)
