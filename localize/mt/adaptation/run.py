"""One adaptation, from the approvals in the store to a promoted (or discarded) model, and when
the workers should start one."""

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from localize.mt.adaptation.data import TRAINING_DATA, AdaptationError, gather
from localize.mt.adaptation.gate import Decision, Scores, decide, pair_terms, score
from localize.mt.adaptation.promotion import PROMOTED, REFUSED, last_adapted, promote, record
from localize.mt.adaptation.training import TrainingOptions, TrainingReport, fine_tune
from localize.mt.engines import LanguagePair
from localize.mt.engines.models import ModelCatalog, ModelConfigError, Scope, is_present
from localize.mt.engines.registry import decoding_options
from localize.settings import Settings
from localize.store import models
from localize.store.accounts import seller_named
from localize.store.terms import run_glossary

ADAPTED = "-adapted"  # what names an adapted model's directory, after the name of the model it began from


@dataclass(frozen=True)
class Outcome:
    pair: LanguagePair
    scope: Scope | None
    base: str  # the model that served, and was adapted
    directory: Path  # the adapted model (removed when refused)
    decision: Decision
    base_scores: Scores
    adapted_scores: Scores
    training: TrainingReport
    approved: int  # segments trained on
    held_out: int
    mixed: int  # base-corpus pairs mixed in
    retained: tuple[float, float] | None = None  # chrF (serving, adapted) on base-corpus pairs neither trained on

    @property
    def promoted(self) -> bool:
        return self.decision.promote


def models_file(settings: Settings) -> Path:
    if settings.models is None:
        raise AdaptationError("LOCALIZE_MODELS is unset: adaptation promotes models in a models file; point it at "
                              "yours (`localize models list` shows what serves each pair)")
    return settings.models


def serving_model(catalog: ModelCatalog, pair: LanguagePair, scope: Scope | None) -> Path:
    """The local directory that serves `pair` in `scope`; AdaptationError when it is none."""
    seller, category = _scope_names(scope)
    ref = catalog.scoped(seller, category).lookup(pair)
    if ref is None:
        raise AdaptationError(f"{catalog.source}: no model serves {pair}; add one before adapting it")
    if not ref.startswith("/") or not is_present(ref):
        raise AdaptationError(f"{catalog.source}: {pair} is served by {ref}, not a model directory here: adaptation "
                              "fine-tunes a local copy (download it and name its directory in the models file)")
    return Path(ref)


def _scope_names(scope: Scope | None) -> tuple[str | None, str | None]:
    return (scope.name if scope and scope.kind == "seller" else None,
            scope.name if scope and scope.kind == "category" else None)


def adapted_directory(base: Path, scope: Scope | None, now: datetime) -> Path:
    """Beside the base: `<base name>-adapted[-<scope>]-<UTC time>` (an adapted base's own suffix dropped)."""
    root = base.name.split(ADAPTED + "-")[0]
    slug = "-" + re.sub(r"[^A-Za-z0-9]+", "-", str(scope)).strip("-").lower() if scope else ""
    return base.parent / f"{root}{ADAPTED}{slug}-{now:%Y%m%d-%H%M%S}"


def adapt(settings: Settings, sessions: sessionmaker[Session], pair: LanguagePair, scope: Scope | None = None, *,
          margin: float | None = None, max_minutes: float | None = None, learning_rate: float | None = None,
          max_steps: int = TrainingOptions.max_steps, log: Callable[[str], None] = lambda _: None) -> Outcome:
    """Fine-tune the model serving `pair` in `scope` on the scope's approvals, score it and the
    serving one on the held-out approvals, promote it past the gate or discard it; recorded in the
    history either way."""
    if settings.engine != "transformers":
        raise AdaptationError(f"adaptation writes transformers checkpoints; LOCALIZE_ENGINE={settings.engine} "
                              "serves converted ones: adapt with LOCALIZE_ENGINE=transformers, then convert")
    file = models_file(settings)
    try:
        base = serving_model(ModelCatalog.from_file(file), pair, scope)
    except ModelConfigError as exc:
        raise AdaptationError(str(exc)) from exc
    margin = settings.adapt_margin if margin is None else margin
    with sessions() as session:
        data = gather(session, pair, scope, base, settings.market_rules, settings.glossaries)
        terms = pair_terms(run_glossary(session, settings.glossaries), pair, _scope_names(scope)[0])
    log(f"{pair}{f' ({scope})' if scope else ''}: adapting {base} on {len(data.training)} approved segments "
        f"({len(data.held_out)} held out, {len(data.base)} base-corpus pairs mixed in)")
    directory = adapted_directory(base, scope, datetime.now(UTC))
    options = TrainingOptions(learning_rate=learning_rate or settings.adapt_learning_rate, max_steps=max_steps,
                              max_seconds=60 * (max_minutes or settings.adapt_max_minutes))
    report = fine_tune(base, directory, pair, [(unit.source, unit.target) for unit in data.training], data.base,
                       [(unit.source, unit.target) for unit in data.held_out], options, log)
    if (base / TRAINING_DATA).is_file():  # what the model knew, for the next adaptation to mix in
        shutil.copyfile(base / TRAINING_DATA, directory / TRAINING_DATA)
    from localize.mt.engines.transformers_engine import TransformersEngine  # torch only when adapting

    def engine(ref: Path) -> TransformersEngine:
        return TransformersEngine(ModelCatalog.of({pair: str(ref)}), decoding=decoding_options(settings))

    serving, adapted_engine = engine(base), engine(directory)
    base_scores = score(serving, pair, data.held_out, terms)
    adapted_scores = score(adapted_engine, pair, data.held_out, terms)
    retained = (score(serving, pair, data.base_check, ()).chrf,
                score(adapted_engine, pair, data.base_check, ()).chrf) if data.base_check else None
    decision = decide(base_scores, adapted_scores, margin, settings.adapt_max_forgetting, retained)
    outcome = Outcome(pair, scope, str(base), directory, decision, base_scores, adapted_scores, report,
                      len(data.training), len(data.held_out), len(data.base), retained)
    figures = {"model": str(directory), "base": str(base), "margin": margin, "gain": decision.gain,
               **base_scores.as_dict("base"), **adapted_scores.as_dict("adapted"), "approved": outcome.approved,
               "held_out": outcome.held_out, "mixed": outcome.mixed, "steps": report.steps,
               "base_retained_chrf": retained[0] if retained else None,
               "adapted_retained_chrf": retained[1] if retained else None,
               "best_step": report.best_step, "seconds": round(report.seconds, 1), "device": report.device}
    if decision.promote:
        replaced = promote(file, pair, scope, str(directory))
        record(file, PROMOTED, pair, scope, replaced=replaced, **figures)
    else:
        shutil.rmtree(directory, ignore_errors=True)
        record(file, REFUSED, pair, scope, reasons=list(decision.reasons), **figures)
    return outcome


def approvals_since(session: Session, pair: LanguagePair, scope: Scope | None, since: datetime | None) -> int:
    """Reviewers' approved segments of the pair taught to the memory since `since` (ever, if None),
    every seller's or one seller's."""
    entry = models.MemoryEntry
    statement = select(func.count()).select_from(entry).where(
        entry.source_lang == pair.source, entry.target_lang == pair.target, entry.origin == "review")
    if since is not None:
        statement = statement.where(entry.updated_at > since)
    if scope is not None:
        statement = statement.where(entry.seller_id == seller_named(session, scope.name).id)
    return session.scalar(statement) or 0


def due(settings: Settings, session: Session, pair: LanguagePair, seller: str) -> list[Scope | None]:
    """The scopes of `pair` an approval by `seller` may have made due for adaptation: the pair (every
    seller's approvals), and the seller's scope when the models file maps it a model of its own;
    due once `adapt_after` new approvals have come since the scope was last adapted."""
    if not settings.adapt_after or settings.models is None:
        return []
    catalog = ModelCatalog.from_file(settings.models)
    own = Scope("seller", seller)
    scopes = [None, own] if catalog.entry(pair, own) else [None]
    return [scope for scope in scopes
            if approvals_since(session, pair, scope, last_adapted(settings.models, pair, scope))
            >= settings.adapt_after]
