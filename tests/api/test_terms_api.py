"""The glossary and memory endpoints: same API keys, a seller's terms private to them."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from localize.mt.engines import LanguagePair
from localize.mt.memory import Unit
from localize.settings import Settings
from localize.store.accounts import create_api_key


@pytest.fixture
def client(tmp_path: Path):
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'api.db'}", worker=False))
    with TestClient(app) as client:
        with app.state.sessions.begin() as session:
            client.acme = {"Authorization": f"Bearer {create_api_key(session, 'acme')}"}
            client.other = {"Authorization": f"Bearer {create_api_key(session, 'other')}"}
        yield client


TERM = {"source_lang": "zh", "target_lang": "de", "source": "台灯", "target": "Schreibtischlampe", "market": "de-DE"}


def test_terms_are_added_listed_and_deleted_by_their_seller_only(client) -> None:
    assert client.get("/v1/glossary").status_code == 401
    created = client.post("/v1/glossary", json=TERM, headers=client.acme)
    assert created.status_code == 201 and created.json()["seller"] == "acme"
    term_id = created.json()["id"]
    mine = client.get("/v1/glossary", params={"target_lang": "de"}, headers=client.acme).json()["items"]
    theirs = client.get("/v1/glossary", params={"target_lang": "de"}, headers=client.other).json()["items"]
    assert any(item["id"] == term_id for item in mine) and not any(item["id"] == term_id for item in theirs)
    assert any(item["origin"] == "file" and item["source"] == "Lumora" for item in theirs)  # shipped brands
    assert client.delete(f"/v1/glossary/{term_id}", headers=client.other).status_code == 404
    assert client.delete(f"/v1/glossary/{term_id}", headers=client.acme).status_code == 204
    assert client.delete(f"/v1/glossary/{term_id}", headers=client.acme).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [({**TERM, "target": ""}, "target"), ({**TERM, "market": "Germany"}, "market"),
     ({**TERM, "source_lang": "zho"}, "source_lang"), ({**TERM, "colour": "x"}, "colour")],
)
def test_bad_terms_are_refused_naming_the_field(client, body: dict, field: str) -> None:
    response = client.post("/v1/glossary", json=body, headers=client.acme)
    assert response.status_code == 422 and response.json()["error"]["field"] == field


def seller_memory(client, name: str):
    """The memory as the named seller sees it (and teaches it)."""
    from localize.store.accounts import seller_named

    with client.app.state.sessions() as session:
        return client.app.state.localizer.memory.for_seller(seller_named(session, name))


def test_memory_search_returns_fuzzy_matches_with_their_score(client) -> None:
    unit = Unit(LanguagePair("zh", "en"), "续航长达[X0X]小时，适合运动",
                "up to [X0X] hours of battery life, for sports")
    seller_memory(client, "acme").learn([unit], author="test")
    query = {"q": "续航长达36小时，适合通勤和办公", "source_lang": "zh", "target_lang": "en"}
    found = client.get("/v1/memory", params={**query, "threshold": 70}, headers=client.acme).json()
    assert found["query"] == "续航长达[X0X]小时，适合通勤和办公"
    [item] = found["items"]
    assert item["target"] == "up to [X0X] hours of battery life, for sports" and 70 <= item["score"] < 100
    strict = client.get("/v1/memory", params=query, headers=client.acme).json()
    assert strict["items"] == []  # 80: below the default threshold of 85
    close = client.get("/v1/memory", params={**query, "q": "续航长达36小时，适合通勤"}, headers=client.acme).json()
    assert [item["score"] for item in close["items"]] == [87.5]
    for threshold in (0, 70):  # another seller's memory is not theirs to read, at any threshold
        assert client.get("/v1/memory", params={**query, "threshold": threshold},
                          headers=client.other).json()["items"] == []
    assert client.get("/v1/memory", params={"q": "x", "source_lang": "zh", "target_lang": "en"}).status_code == 401


def test_reviewer_sees_close_memory_matches_with_their_score(client) -> None:
    import re

    from localize.listing import Listing
    from localize.localization import EngineInfo, Localization
    from localize.store.accounts import add_user, seller_named
    from localize.store.queue import save_listing, save_localization

    app = client.app
    seller_memory(client, "acme").learn([Unit(LanguagePair("zh", "en"), "这款杯子适合家庭和露营使用。",
                                              "This cup suits homes and camping.")], author="anna")
    with app.state.sessions.begin() as session:
        add_user(session, "rita", "correct horse battery", "reviewer", ["en-US"])
        listing = Listing(sku="S-1", title="这款杯子适合家用和露营使用。", source_lang="zh")
        row = save_listing(session, seller_named(session, "acme").id, listing, ["en-US"])
        stored = save_localization(session, row, Localization(
            sku="S-1", market="en-US", source_lang="zh", target_lang="en", title="This lamp suits rooms.",
            engine=EngineInfo(name="transformers")))
        item_id = stored.id
    page = client.get("/review/login")
    token = re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)
    client.post("/review/login", data={"username": "rita", "password": "correct horse battery",
                                       "login_token": token, "next": "/review"})
    item = client.get(f"/review/items/{item_id}")
    assert "From the translation memory" in item.text
    assert re.search(r'<span class="score">\d+\.\d%</span> <b>title</b>', item.text)
    assert "This cup suits homes and camping." in item.text
