"""Seller profiles from the command line: `localize sellers profile` stores one, and
`--seller-profile` makes the `required` rules it satisfies stop firing on the example catalog."""

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from localize.cli import main

PROFILE = ROOT / "examples" / "seller-profile.yaml"
SATISFIED = ("eu.required.responsible-person", "eu.required.weee")


@pytest.fixture
def no_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store and a models file with no model: rules run on every listing without MT."""
    models = tmp_path / "models.toml"
    models.write_text('default = ""\n', encoding="utf-8")
    monkeypatch.setenv("LOCALIZE_MODELS", str(models))
    monkeypatch.setenv("LOCALIZE_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    monkeypatch.setenv("LOCALIZE_RATES", str(ROOT / "examples" / "rates.csv"))
    return tmp_path


def de_flags(folder: Path, *options: str) -> Counter[str]:
    """Rule ids of the flags on the example catalog localised for de-DE."""
    out = folder / "out"
    result = CliRunner().invoke(main, ["batch", str(ROOT / "examples" / "catalog.csv"), "--markets", "de-DE",
                                       "--out", str(out), "--as-of", "2026-11-20", *options])
    assert result.exit_code == 0, result.output  # no model: every listing waits for a translator, with a flag
    records = [json.loads(line) for line in (out / "de-DE.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 24
    return Counter(flag["rule"] for record in records for flag in record["flags"])


def test_the_example_profile_satisfies_the_responsible_person_and_weee_rules(no_models: Path) -> None:
    without = de_flags(no_models)
    assert without["eu.required.responsible-person"] == 24 and without["eu.required.weee"] >= 5
    with_profile = de_flags(no_models, "--seller-profile", str(PROFILE))
    assert all(with_profile[rule] == 0 for rule in SATISFIED)
    assert with_profile["eu.required.ce-marking"] == 0  # CE declared for these categories
    # What the profile does not state still fires.
    assert with_profile["eu.required.textile-fibres"] == without["eu.required.textile-fibres"] > 0


def test_a_profile_is_stored_per_seller_and_a_bad_one_names_the_key(no_models: Path) -> None:
    runner = CliRunner()
    empty = runner.invoke(main, ["sellers", "profile", "acme", str(PROFILE)])
    assert empty.exit_code == 0, empty.output
    shown = runner.invoke(main, ["sellers", "profile", "acme"])
    assert "Lumora Europe GmbH" in shown.output and "DE: WEEE-Reg.-Nr. DE 12345678" in shown.output
    bad = no_models / "bad.yaml"
    bad.write_text("weee_registration:\n  Germany: DE 1\n", encoding="utf-8")
    refused = runner.invoke(main, ["sellers", "profile", "acme", str(bad)])
    assert refused.exit_code == 2
    assert "bad.yaml: weee_registration.Germany.[key]: String should match pattern" in refused.output
    assert "Lumora" in runner.invoke(main, ["sellers", "profile", "acme"]).output  # the old one stands
    cleared = runner.invoke(main, ["sellers", "profile", "acme", "--clear"])
    assert cleared.exit_code == 0 and "has no profile" in cleared.output
    unknown = runner.invoke(main, ["sellers", "profile", "nobody"])
    assert unknown.exit_code == 2 and "no seller 'nobody'" in unknown.output
