"""Shared fixtures: a tiny Marian model pair trained in seconds on the shipped corpus, loaded through
the same `from_pretrained` path users run (no fake engine anywhere); an empty store on SQLite and on
PostgreSQL (tests/postgres.py)."""

import os
from datetime import date
from pathlib import Path

import pytest
from postgres import database_url, postgres_server  # noqa: F401  (fixtures: an empty store on each backend)
from redis_server import redis_url  # noqa: F401  (a Redis for the Celery tests)

os.environ["HF_HUB_OFFLINE"] = "1"  # no hub is reachable; fail fast instead of retrying
os.environ["TRANSFORMERS_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Directory with zh-en and en-de tiny models and their models.toml (LOCALIZE_TEST_TINY_MODELS:
    a folder where they were built before, to skip the half-minute build while iterating)."""
    from tools.demo_models import TINY, build_demo_models

    prebuilt = os.environ.get("LOCALIZE_TEST_TINY_MODELS")
    if prebuilt and (Path(prebuilt) / "models.toml").is_file():
        return Path(prebuilt)
    directory = tmp_path_factory.mktemp("models")
    build_demo_models(directory, size=TINY, log=lambda _: None)
    return directory


TEST_RATES = {("CNY", "USD"): "0.1405", ("CNY", "EUR"): "0.1212", ("CNY", "GBP"): "0.1068",
              ("USD", "EUR"): "0.8627", ("USD", "GBP"): "0.7601"}


def write_test_rates(path: Path) -> Path:
    """TEST_RATES as a rates file dated today."""
    today = date.today().isoformat()
    path.write_text("date,base,quote,rate\n" + "".join(
        f"{today},{base},{quote},{rate}\n" for (base, quote), rate in TEST_RATES.items()), encoding="utf-8")
    return path


@pytest.fixture
def models_env(tiny_models: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """LOCALIZE_MODELS pointing at the tiny models and LOCALIZE_RATES at rates dated today."""
    path = tiny_models / "models.toml"
    monkeypatch.setenv("LOCALIZE_MODELS", str(path))
    monkeypatch.setenv("LOCALIZE_RATES", str(write_test_rates(tmp_path / "rates.csv")))
    return path


@pytest.fixture(scope="session")
def rates_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """TEST_RATES dated today, for settings built directly (`Settings(rates=...)`)."""
    return write_test_rates(tmp_path_factory.mktemp("rates") / "rates.csv")


ENGINES = ("transformers", "ctranslate2")


@pytest.fixture(scope="session")
def converted_models(tiny_models: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny models converted for CTranslate2 (int8), with their own models.toml."""
    from localize.mt.engines.ctranslate2_engine import convert_model

    directory = tmp_path_factory.mktemp("ct2-models")
    for pair in ("zh-en", "en-de"):
        convert_model(str(tiny_models / pair), directory / pair, "int8")
    (directory / "models.toml").write_text('default = ""\n"zh-en" = "./zh-en"\n"en-de" = "./en-de"\n')
    return directory


@pytest.fixture(params=ENGINES)
def make_engine(request: pytest.FixtureRequest, tiny_models: Path):
    """A factory of the engine under test, each engine in turn, over the same tiny models: what the
    pipeline promises about text must hold on both."""
    from localize.mt.engines.models import ModelCatalog
    from localize.mt.engines.seq2seq import DecodingOptions

    def make(decoding: DecodingOptions | None = None, **options: int):
        if request.param == "transformers":
            from localize.mt.engines.transformers_engine import TransformersEngine

            return TransformersEngine(ModelCatalog.from_file(tiny_models / "models.toml"),
                                      decoding=decoding or DecodingOptions(), **options)
        from localize.mt.engines.ctranslate2_engine import CTranslate2Engine

        converted = request.getfixturevalue("converted_models")
        return CTranslate2Engine(ModelCatalog.from_file(converted / "models.toml"),
                                 decoding=decoding or DecodingOptions(), **options)

    return make


@pytest.fixture
def make_pipeline(make_engine):
    """A factory: the real pipeline over the tiny models for the given market codes, on each engine."""
    from localize.markets import get_market
    from localize.mt.engines.seq2seq import DecodingOptions
    from localize.pipeline import Pipeline
    from localize.settings import get_settings

    def make(*codes: str, decoding: DecodingOptions | None = None, **options) -> Pipeline:
        return Pipeline(make_engine(decoding), [get_market(code, get_settings().market_rules) for code in codes],
                        **options)

    return make
