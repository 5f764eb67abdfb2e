"""Webhook events (localize/notify.py, /v1/webhook): a local receiver on 127.0.0.1 checks every
signature; a receiver that fails first gets the event again after a backoff; private addresses
are refused unless the operator allows them; the API registers, shows and removes a webhook."""

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support import receiving

from api.app import create_app
from localize.notify import WebhookError, check_url, deliver_with_retries
from localize.settings import Settings
from localize.store.accounts import create_api_key


def wait_until(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.fixture
def client(rates_file: Path, tmp_path: Path) -> Iterator[TestClient]:
    """The app without a broker: batches in its own thread, events from a thread of their own."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'store.db'}", rates=rates_file,
                        webhook_private_hosts=True, webhook_backoff=0.2, webhook_attempts=4)
    with TestClient(create_app(settings)) as client:
        yield client


def auth_for(client: TestClient, seller: str) -> dict[str, str]:
    with client.app.state.sessions.begin() as session:
        return {"Authorization": f"Bearer {create_api_key(session, seller)}"}


def test_a_finished_batch_is_posted_signed_and_retried_after_a_failure(client: TestClient) -> None:
    auth = auth_for(client, "hooked")
    with receiving(fail_first=1) as receiver:
        registered = client.put("/v1/webhook", json={"url": receiver.url}, headers=auth)
        assert registered.status_code == 200 and registered.json()["secret"].startswith("whsec_")
        receiver.secret = registered.json()["secret"]
        content = b"sku,title,source_lang\nW-1,Steel mug,en\nW-2,Glass teapot,en\n"
        batch = client.post("/v1/batches", files={"file": ("w.csv", content, "text/csv")},
                            data={"markets": "en-US"}, headers=auth).json()["batch_id"]
        wait_until(lambda: receiver.events)
        assert receiver.requests == 2 and receiver.bad_signatures == 0  # the 500, then the retry
        [event] = receiver.events
        assert event == {**event, "type": "batch.finished", "batch_id": batch, "status": "done", "total": 2,
                         "processed": 2, "markets": ["en-US"], "failures": 0}


def test_a_wrong_secret_fails_the_receivers_check(client: TestClient) -> None:
    auth = auth_for(client, "forged")
    with receiving() as receiver:
        client.put("/v1/webhook", json={"url": receiver.url}, headers=auth)
        receiver.secret = "not-the-secret"
        client.post("/v1/batches", files={"file": ("w.csv", b"sku,title,source_lang\nW-1,Mug,en\n", "text/csv")},
                    data={"markets": "en-US"}, headers=auth)
        wait_until(lambda: receiver.bad_signatures >= 1)
        assert receiver.events == []


def test_delivery_gives_up_after_its_attempts_with_growing_waits() -> None:
    with receiving(fail_first=10) as receiver:
        waits: list[float] = []
        delivered = deliver_with_retries(receiver.url, "s", {"type": "batch.finished"}, attempts=4, backoff=0.5,
                                         allow_private=True, sleep=waits.append)
    assert not delivered and receiver.requests == 4 and waits == [0.5, 1.0, 2.0]


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/hook", "http://localhost/hook", "http://10.1.2.3/x",
                                 "http://169.254.169.254/latest/meta-data", "http://[::1]/hook"])
def test_private_and_local_addresses_are_refused_unless_allowed(url: str) -> None:
    with pytest.raises(WebhookError, match="private or local"):
        check_url(url, allow_private=False)
    assert check_url(url, allow_private=True) == url


def test_the_webhook_api_registers_shows_replaces_and_removes(tiny_models: Path, rates_file: Path,
                                                              tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'store.db'}", rates=rates_file)
    with TestClient(create_app(settings)) as client:
        auth = auth_for(client, "api")
        assert client.get("/v1/webhook", headers=auth).status_code == 404
        refused = client.put("/v1/webhook", json={"url": "http://127.0.0.1:8080/hook"}, headers=auth)
        assert refused.status_code == 422 and "private or local" in refused.json()["error"]["message"]
        assert client.put("/v1/webhook", json={"url": "ftp://example.com/x"}, headers=auth).status_code == 422
        first = client.put("/v1/webhook", json={"url": "https://8.8.8.8/hook"}, headers=auth).json()
        second = client.put("/v1/webhook", json={"url": "https://8.8.4.4/hook"}, headers=auth).json()
        assert first["secret"] != second["secret"]  # a new secret on each registration
        assert client.get("/v1/webhook", headers=auth).json() == {"url": "https://8.8.4.4/hook"}
        assert client.get("/v1/webhook", headers=auth_for(client, "other")).status_code == 404
        assert client.delete("/v1/webhook", headers=auth).status_code == 204
        assert client.delete("/v1/webhook", headers=auth).status_code == 404
