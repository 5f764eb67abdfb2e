"""A golden run: the example catalog for all 16 markets, as of the example rates' day, with no MT
model at all (so nothing depends on a model's numerics), must localise exactly as recorded: every
price, measurement, size, script conversion, glossary term and flag (rule, severity, field, span).
A change that moves any of them is either a fix, and the golden file is regenerated with
`GOLDEN_UPDATE=1 .venv/bin/python -m pytest tests/test_golden.py` and reviewed in the diff, or a
regression."""

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT
from support import run_localize

GOLDEN = ROOT / "tests" / "data" / "golden_demo.jsonl"
ALL_MARKETS = "en-US,en-GB,de-DE,fr-FR,es-ES,it-IT,nl-NL,pl-PL,ja-JP,ko-KR,zh-TW,ar-SA,ar-AE,ru-RU,pt-BR,th-TH"


def digest(record: dict) -> dict:
    """What a localisation says, without what differs from run to run (its id, when it was made)."""
    measures = {name: (record.get(name) or {}).get("display") for name in ("price", "weight", "dimensions")}
    return {
        "market": record["market"], "sku": record["sku"], "engine": record["engine"]["name"],
        "text": [record["title"], record["description"], record["bullets"], record["keywords"], record["colors"]],
        **measures, "size": record.get("size"),
        "flags": sorted((flag["rule"], flag["severity"], flag["field"], flag.get("span")) for flag in record["flags"]),
    }


def test_the_example_catalog_localises_as_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    no_models = tmp_path / "models.toml"
    no_models.write_text('default = ""\n', encoding="utf-8")
    monkeypatch.setenv("LOCALIZE_MODELS", str(no_models))
    monkeypatch.setenv("LOCALIZE_RATES", str(tmp_path / "rates.csv"))
    monkeypatch.setenv("LOCALIZE_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    assert run_localize("rates", "import", str(ROOT / "examples" / "rates.csv")).returncode == 0
    result = run_localize("batch", str(ROOT / "examples" / "catalog.csv"), "--markets", ALL_MARKETS,
                          "--out", str(tmp_path / "out"), "--as-of", "2026-11-20")
    assert result.returncode == 0, result.stderr
    lines = []
    for market in ALL_MARKETS.split(","):
        for line in (tmp_path / "out" / f"{market}.jsonl").read_text(encoding="utf-8").splitlines():
            lines.append(json.dumps(digest(json.loads(line)), ensure_ascii=False, sort_keys=True))
    if os.environ.get("GOLDEN_UPDATE"):
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(expected) == 384
    changed = [(json.loads(new)["market"], json.loads(new)["sku"]) for new, old in zip(lines, expected, strict=True)
               if new != old]
    assert not changed, f"{len(changed)} localisation(s) differ from the golden run, first: {changed[:5]}"
