"""`/review/batches`: a reviewer sees the batches of their markets with progress counted from the
store, live (`data-live`, `/review/batches.json`) while one runs; other markets' batches are not
shown; signed-out visitors are sent to sign in."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support import PASSWORD, sign_in

from api.app import create_app
from localize.settings import Settings
from localize.store.accounts import add_user, create_api_key

CATALOG = b"sku,title,source_lang\nP-1,Steel mug,en\nP-2,Glass teapot,en\nP-3,Bamboo board,en\n"


@pytest.fixture
def client(rates_file: Path, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'store.db'}", rates=rates_file, worker=False)
    with TestClient(create_app(settings)) as client:
        with client.app.state.sessions.begin() as session:
            add_user(session, "ann", PASSWORD, "reviewer", ["en-US"])
            add_user(session, "kai", PASSWORD, "reviewer", ["ja-JP"])
            client.shop = {"Authorization": f"Bearer {create_api_key(session, 'shop')}"}
        yield client


def test_batches_show_their_progress_live_while_running(client: TestClient) -> None:
    accepted = client.post("/v1/batches", files={"file": ("mugs.csv", CATALOG, "text/csv")},
                           data={"markets": "en-US"}, headers=client.shop).json()
    assert sign_in(client, "ann", PASSWORD).status_code == 200
    queued = client.get("/review/batches")
    assert 'data-live="yes"' in queued.text and "mugs.csv" in queued.text and "0 / 3" in queued.text
    assert client.get("/review/batches.json").json() == {"running": True, "batches": [
        {"id": accepted["batch_id"], "status": "queued", "processed": 0, "total": 3, "failures": 0}]}

    client.app.state.localizer.process_batch(accepted["batch_id"])  # what the worker does
    done = client.get("/review/batches")
    assert 'data-live="no"' in done.text and "3 / 3" in done.text
    assert client.get("/review/batches.json").json()["batches"][0]["status"] == "done"
    assert f"/review?batch={accepted['batch_id']}" in done.text  # the batch's items in the queue


def test_other_markets_batches_are_not_shown_and_sign_in_is_needed(client: TestClient) -> None:
    client.post("/v1/batches", files={"file": ("mugs.csv", CATALOG, "text/csv")}, data={"markets": "en-US"},
                headers=client.shop)
    assert "/review/login" in client.get("/review/batches", follow_redirects=False).headers["location"]
    sign_in(client, "kai", PASSWORD)
    assert "mugs.csv" not in client.get("/review/batches").text
    assert client.get("/review/batches.json").json() == {"running": False, "batches": []}
