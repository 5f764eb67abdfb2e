"""Learning from reviewers: a model adapted on approved segments is promoted only on a measured
gain on approvals it never saw, served from then on (through the CLI and the API), listed in the
history, and rolled back; a scope's model serves that scope's listings only. Tiny models, a few
dozen approvals, sixty training steps."""

import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient

from api.app import create_app
from localize.cli import main
from localize.listing import Listing
from localize.markets import get_market
from localize.mt.adaptation.gate import Scores, decide
from localize.mt.corpus import corpus_brands, protect_training_pairs, read_corpus
from localize.mt.engines import LanguagePair
from localize.mt.engines.models import ModelCatalog, ModelConfigError, Scope, save_catalog
from localize.mt.engines.transformers_engine import TransformersEngine
from localize.mt.memory import Unit
from localize.pipeline import Pipeline
from localize.settings import Settings
from localize.store.accounts import create_api_key, seller_named
from localize.store.db import open_database
from localize.store.memory import StoreMemory
from localize.text.protect import protector_for

ZH_EN = LanguagePair("zh", "en")
KIND = "【多用途】"  # listing bullets of one kind: the tiny model translates them poorly
FAST = ["--max-steps", "60", "--learning-rate", "1e-3"]


@pytest.fixture(autouse=True)
def one_thread() -> None:
    torch.set_num_threads(1)


@pytest.fixture
def store(tiny_models: Path, rates_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """A copy of the tiny zh-en model, a models file naming it, an empty store; the environment set."""
    shutil.copytree(tiny_models / "zh-en", tmp_path / "zh-en")
    (tmp_path / "models.toml").write_text(f'# my models\n"zh-en" = "./zh-en"\n"en-de" = "{tiny_models / "en-de"}"\n')
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'store.db'}", models=tmp_path / "models.toml",
                        rates=rates_file, worker=False)
    for name, value in (("MODELS", settings.models), ("DATABASE_URL", settings.database_url), ("RATES", rates_file)):
        monkeypatch.setenv(f"LOCALIZE_{name}", str(value))
    return settings


def approve(settings: Settings, seller: str, noise: bool = False) -> None:
    """Teach the seller's memory the corpus's own translations of one kind of bullet, as reviewers
    would; or, with `noise`, each paired with an unrelated sentence of the corpus."""
    corpus = read_corpus("zh-en")
    pairs = [(source, target) for source, target in corpus if source.startswith(KIND)][:60]
    if noise:
        rng = random.Random(1)
        pairs = [(source, rng.choice(corpus)[1]) for source, _ in pairs]
    units = [Unit(ZH_EN, source, target)
             for source, target in protect_training_pairs(pairs, protector_for(terms=corpus_brands()))]
    sessions = open_database(settings.database_url)
    with sessions.begin() as session:
        StoreMemory(sessions).learn_in(session, units, "reviewer", seller_id=seller_named(session, seller, True).id)


def localize(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def served(settings: Settings, seller: str | None = None) -> str:
    catalog = ModelCatalog.from_file(settings.models or Path())
    return catalog.scoped(seller, None).lookup(ZH_EN) or ""


@pytest.fixture
def client(store: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(store)) as client:
        yield client


def model_of_new_listing(client: TestClient, sku: str, title: str) -> str:
    """The model that translated a new listing submitted through the API, as its localisation says."""
    with client.app.state.sessions.begin() as session:
        key = create_api_key(session, "shopper")
    headers = {"Authorization": f"Bearer {key}"}
    response = client.post("/v1/listings", headers=headers, json={
        "listing": {"sku": sku, "title": title, "source_lang": "zh"}, "markets": ["en-US"]})
    assert response.status_code == 201, response.text
    localization = client.get(f"/v1/localizations/{response.json()['localizations'][0]['id']}", headers=headers)
    return localization.json()["engine"]["model"]


def test_approvals_promote_an_adapted_model_that_then_serves_until_rolled_back(store: Settings,
                                                                              client: TestClient) -> None:
    base = served(store)
    assert model_of_new_listing(client, "A-1", "不锈钢保温杯 无BPA") == base
    approve(store, "acme")

    adapted = localize("models", "adapt", "--pair", "zh-en", *FAST)

    assert adapted.exit_code == 0, adapted.output
    assert "promoted" in adapted.output
    now = served(store)
    assert now != base and Path(now).name.startswith("zh-en-adapted-") and (Path(now) / "config.json").is_file()
    entry = ModelCatalog.from_file(store.models or Path()).pairs[ZH_EN]
    assert entry.previous == (base,)  # the old entry kept for rollback
    assert '"zh-en" = { model = "./zh-en-adapted-' in (store.models or Path()).read_text()
    assert (store.models or Path()).read_text().startswith("# my models\n")
    assert model_of_new_listing(client, "A-2", "无线鼠标 充电式便携") == now

    rolled = localize("models", "rollback", "--pair", "zh-en")

    assert rolled.exit_code == 0, rolled.output
    assert served(store) == base
    assert model_of_new_listing(client, "A-3", "落地灯") == base
    history = localize("models", "history", "--pair", "zh-en")
    assert [line.split()[2] for line in history.output.splitlines()[1:]] == ["promoted", "rolled"]


def test_noise_approved_is_refused_and_the_model_discarded(store: Settings) -> None:
    approve(store, "acme", noise=True)
    before = (store.models or Path()).read_text()

    refused = localize("models", "adapt", "--pair", "zh-en", *FAST)

    assert refused.exit_code == 0, refused.output
    assert "refused: chrF" in refused.output and "under the margin of 1" in refused.output
    assert (store.models or Path()).read_text() == before
    assert not list((store.models or Path()).parent.glob("zh-en-adapted-*"))
    history = localize("models", "history")
    assert history.output.splitlines()[1].split()[2] == "refused"
    assert "under the margin" in history.output


def test_a_sellers_model_serves_that_seller_only_and_rolls_back_to_the_pairs(store: Settings,
                                                                             tiny_models: Path) -> None:
    approve(store, "acme")
    adapted = localize("models", "adapt", "--pair", "zh-en", "--seller", "acme", *FAST)
    assert "promoted" in adapted.output, adapted.output
    catalog = ModelCatalog.from_file(store.models or Path())
    own = catalog.entry(ZH_EN, Scope("seller", "acme"))
    assert own is not None and own.previous == ("",) and "-adapted-seller-acme-" in own.ref
    engine = TransformersEngine(catalog)
    listing = Listing(sku="S-1", title="不锈钢保温杯 无BPA", source_lang="zh", category="home/kitchen")

    def model_for(seller: str) -> str | None:
        pipeline = Pipeline(engine, [get_market("en-US", store.market_rules)], seller=seller)
        return pipeline.run([listing]).localizations[0].engine.model

    assert model_for("acme") == own.ref
    assert model_for("other") == served(store) == str(Path(store.models or Path()).parent / "zh-en")

    rolled = localize("models", "rollback", "--pair", "zh-en", "--seller", "acme")

    assert rolled.exit_code == 0, rolled.output
    assert "scopes" not in (store.models or Path()).read_text()
    assert served(store, "acme") == served(store)


def test_the_most_specific_scope_serves(tmp_path: Path) -> None:
    (tmp_path / "models.toml").write_text('"zh-en" = "org/base"\n[scopes."category:home"]\n"zh-en" = "org/home"\n'
                                          '[scopes."category:home/lighting"]\n"zh-en" = "org/lamps"\n'
                                          '[scopes."seller:acme"]\n"zh-en" = "org/acme"\n')
    catalog = ModelCatalog.from_file(tmp_path / "models.toml")
    assert catalog.scoped("acme", "home/lighting").lookup(ZH_EN) == "org/acme"
    assert catalog.scoped("other", "home/lighting/desk").lookup(ZH_EN) == "org/lamps"
    assert catalog.scoped("other", "home/kitchen").lookup(ZH_EN) == "org/home"
    assert catalog.scoped("other", "homeware").lookup(ZH_EN) == "org/base"
    save_catalog(catalog)
    assert ModelCatalog.from_file(tmp_path / "models.toml") == catalog
    (tmp_path / "models.toml").write_text('[scopes."shop:acme"]\n"zh-en" = "org/acme"\n')
    with pytest.raises(ModelConfigError, match=r"models.toml: scopes.shop:acme: 'shop:acme' is not a scope"):
        ModelCatalog.from_file(tmp_path / "models.toml")


@pytest.mark.parametrize(("args", "message"), [
    (["adapt", "--pair", "zh-en"], "too few approved segments for zh-en: 0 (0 to train on, 0 held out)"),
    (["adapt", "--pair", "zh-en", "--seller", "nobody"], "no seller 'nobody'"),
    (["adapt", "--pair", "zh-en", "--seller", "a", "--category", "b"], "name one scope: --seller or --category"),
    (["adapt", "--pair", "zhen"], "'zhen' is not a language pair like 'zh-en'"),
    (["adapt", "--pair", "zh-fr"], "no model serves zh-fr"),
    (["rollback", "--pair", "zh-en"], "zh-en: nothing to roll back (no previous model is recorded)"),
])
def test_errors_are_one_line(store: Settings, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["models", *args])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and result.output.startswith("error: ") and message in result.output


def test_adapting_needs_a_models_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LOCALIZE_MODELS", raising=False)
    result = CliRunner().invoke(main, ["models", "adapt", "--pair", "zh-en"])
    assert result.output == ("error: LOCALIZE_MODELS is unset: adaptation promotes models in a models file; point it "
                             "at yours (`localize models list` shows what serves each pair)\n")


def test_an_adaptation_is_due_after_enough_new_approvals_since_the_last(store: Settings) -> None:
    from localize.mt.adaptation.promotion import REFUSED, record
    from localize.mt.adaptation.run import due

    settings = store.model_copy(update={"adapt_after": 50})
    sessions = open_database(settings.database_url)
    with sessions() as session:
        seller_named(session, "acme", create=True)
        session.commit()
        assert due(settings, session, ZH_EN, "acme") == []
    approve(settings, "acme")  # 60 approvals
    with sessions() as session:
        assert due(settings, session, ZH_EN, "acme") == [None]  # acme has no model of its own: the pair's
        assert due(settings.model_copy(update={"adapt_after": 0}), session, ZH_EN, "acme") == []
    record(settings.models or Path(), REFUSED, ZH_EN, None)
    with sessions() as session:
        assert due(settings, session, ZH_EN, "acme") == []


def test_reviews_ask_for_an_adaptation_check_only_with_workers(store: Settings) -> None:
    from localize.store.service import Localizer

    sessions = open_database(store.database_url)
    assert Localizer(store, sessions).memory.on_learned is None  # no broker: nothing automatic
    asked: list[tuple[set[LanguagePair], int]] = []
    memory = StoreMemory(sessions, on_learned=lambda pairs, seller: asked.append((pairs, seller)))
    unit = Unit(ZH_EN, "落地灯", "floor lamp")
    with sessions.begin() as session:
        seller = seller_named(session, "acme", create=True).id
        memory.learn_in(session, iter([unit]), "reviewer", seller_id=seller)
        memory.learn_in(session, [unit], "import:x.tmx", seller_id=seller, origin="import")
        memory.learn_in(session, [unit], "reviewer", seller_id=None)
    assert asked == [({ZH_EN}, seller)]
    with_workers = store.model_copy(update={"broker_url": "redis://127.0.0.1:1/0"})
    assert Localizer(with_workers, sessions).memory.on_learned is not None


def test_an_adapted_model_that_forgets_what_it_knew_is_refused() -> None:
    """A loss on base-corpus pairs neither model trained on is allowed up to `max_forgetting`, or
    half the gain on the held-out approvals when that is more; beyond, the model is refused."""
    base = Scores(20.0, 5, 5, 2, 2)
    small, large = Scores(24.0, 5, 5, 2, 2), Scores(40.0, 5, 5, 2, 2)  # gains of 4 and 20
    assert decide(base, small, margin=1.0, retained=(60.0, 59.0), max_forgetting=2.0).promote
    forgot = decide(base, small, margin=1.0, retained=(60.0, 55.0), max_forgetting=2.0)
    assert not forgot.promote
    assert forgot.reasons == ("forgets: chrF 55.0 against 60.0 on base-corpus pairs, a drop of more than 2",)
    assert decide(base, large, margin=1.0, retained=(60.0, 55.0), max_forgetting=2.0).promote  # 5 < 20 / 2
    assert not decide(base, large, margin=1.0, retained=(60.0, 48.0), max_forgetting=2.0).promote
