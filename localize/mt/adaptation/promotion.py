"""Promotion and rollback in the models file, and the history of both beside it.

Promoting points the pair (or the pair in a scope) at the adapted directory and appends the model
it replaced to the entry's `previous` list; rolling back restores the last of them (or removes the
scope's entry when it had none of its own). Every promotion, refusal and rollback is one JSON line
in `<models file stem>.history.jsonl` beside the models file, with its figures."""

import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from localize.mt.adaptation.data import AdaptationError
from localize.mt.engines import LanguagePair
from localize.mt.engines.models import ModelCatalog, ModelEntry, Scope, save_catalog

PROMOTED, REFUSED, ROLLED_BACK = "promoted", "refused", "rolled back"


def history_path(models_file: Path) -> Path:
    return models_file.with_name(f"{models_file.stem}.history.jsonl")


def record(models_file: Path, event: str, pair: LanguagePair, scope: Scope | None, **figures: Any) -> dict[str, Any]:
    """Append one event to the history; returns it."""
    line = {"at": datetime.now(UTC).isoformat(), "event": event, "pair": str(pair),
            "scope": str(scope or ""), **figures}
    path = history_path(models_file)
    try:
        with path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise AdaptationError(f"{path}: cannot write the history: {exc.strerror or exc}") from exc
    return line


def history(models_file: Path, pair: LanguagePair | None = None) -> list[dict[str, Any]]:
    """The events recorded, oldest first; those of `pair` only when given."""
    path = history_path(models_file)
    if not path.is_file():
        return []
    events = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AdaptationError(f"{path}:{number}: not a JSON line: {exc.msg}") from exc
        if pair is None or event.get("pair") == str(pair):
            events.append(event)
    return events


def last_adapted(models_file: Path, pair: LanguagePair, scope: Scope | None) -> datetime | None:
    """When the pair was last adapted in `scope` (promoted or refused), if ever."""
    times = [event["at"] for event in history(models_file, pair)
             if event["scope"] == str(scope or "") and event["event"] in (PROMOTED, REFUSED)]
    return datetime.fromisoformat(times[-1]) if times else None


@contextmanager
def _locked(models_file: Path) -> Iterator[ModelCatalog]:
    """The models file read under a lock held until the block ends: one edit at a time."""
    lock = models_file.with_name(f".{models_file.name}.lock")
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield ModelCatalog.from_file(models_file)


def _with_entry(catalog: ModelCatalog, pair: LanguagePair, scope: Scope | None,
                entry: ModelEntry | None) -> ModelCatalog:
    """`catalog` with the pair's entry in `scope` set, or removed (None)."""
    pairs = dict(catalog.scopes.get(scope, {}) if scope else catalog.pairs)
    if entry is None:
        pairs.pop(pair, None)
    else:
        pairs[pair] = entry
    if scope is None:
        return replace(catalog, pairs=pairs)
    scopes = {key: value for key, value in catalog.scopes.items() if key != scope}
    return replace(catalog, scopes={**scopes, scope: pairs} if pairs else scopes)


def promote(models_file: Path, pair: LanguagePair, scope: Scope | None, ref: str) -> str:
    """Point the pair in `scope` at `ref`, keeping what it replaced ("" when it had no entry of
    its own) for rollback; returns what it replaced."""
    with _locked(models_file) as catalog:
        current = catalog.entry(pair, scope)
        replaced = current.ref if current else ""
        previous = (*current.previous, replaced) if current else ("",)
        save_catalog(_with_entry(catalog, pair, scope, ModelEntry(ref, previous=previous)))
    return replaced


def rollback(models_file: Path, pair: LanguagePair, scope: Scope | None) -> tuple[str, str]:
    """Restore the model the pair's entry in `scope` replaced; returns (removed, restored), the
    restored one "" when the entry is removed (the scope falls back to the file's own model)."""
    where = f'scopes."{scope}".{pair}' if scope else str(pair)
    with _locked(models_file) as catalog:
        current = catalog.entry(pair, scope)
        if current is None or not current.previous:
            raise AdaptationError(f"{models_file}: {where}: nothing to roll back (no previous model is recorded)")
        restored = current.previous[-1]
        entry = ModelEntry(restored, previous=current.previous[:-1]) if restored else None
        save_catalog(_with_entry(catalog, pair, scope, entry))
    return current.ref, restored
