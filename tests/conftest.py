"""Shared fixtures: a tiny Marian model pair trained in seconds on the shipped corpus, loaded through
the same `from_pretrained` path users run (no fake engine anywhere)."""

import os
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"  # no hub is reachable; fail fast instead of retrying
os.environ["TRANSFORMERS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Directory with zh-en and en-de tiny models and their models.toml."""
    from localize.demo_models import TINY, build_demo_models

    directory = tmp_path_factory.mktemp("models")
    build_demo_models(directory, size=TINY, log=lambda _: None)
    return directory


@pytest.fixture
def models_env(tiny_models: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """LOCALIZE_MODELS pointing at the tiny models, for CLI and pipeline tests."""
    path = tiny_models / "models.toml"
    monkeypatch.setenv("LOCALIZE_MODELS", str(path))
    return path
