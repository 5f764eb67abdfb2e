"""Batches on Celery workers (localize/workers.py) with a real Redis and a real PostgreSQL: two
`localize worker` processes share a 200-listing, 2-market batch submitted through `POST /v1/batches`;
one is killed with SIGKILL mid-batch, three rounds in a row. Each round ends with exactly 400
localisations, none twice, progress counted from the store, and one signed `batch.finished` event.
Also: `localize submit --async`, `/healthz` reporting the broker, and a broker that is down."""

import csv
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ROOT
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from support import Receiver, receiving, run_localize, unused_port

from api.app import create_app
from localize.settings import Settings
from localize.store import models
from localize.store.accounts import create_api_key

LISTINGS = 200
MARKETS = "en-US,en-GB"


def catalog(round_number: int) -> bytes:
    """200 different Chinese titles from the corpus (the tiny zh→en model translates them)."""
    with (ROOT / "localize" / "data" / "corpus" / "zh-en.tsv").open(encoding="utf-8") as corpus:
        titles = [row[0] for row in csv.reader(corpus, delimiter="\t") if len(row[0]) > 6][:LISTINGS]
    rows = "".join(f"R{round_number}-{i:03},{title.replace(',', ' ')},zh\n" for i, title in enumerate(titles))
    return ("sku,title,source_lang\n" + rows).encode()


@dataclass
class Cluster:
    env: dict[str, str]
    workers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(self, name: str) -> None:
        self.workers[name] = subprocess.Popen(
            [sys.executable, "-m", "localize.cli", "worker", "--pool", "solo", "--hostname", f"{name}@test",
             "--loglevel", "warning", "--lazy-models"],
            env=self.env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def kill(self, name: str) -> None:
        os.killpg(self.workers[name].pid, signal.SIGKILL)
        self.workers[name].wait(timeout=30)

    def stop(self) -> None:
        for process in self.workers.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.workers.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def settings(tiny_models: Path, rates_file: Path, redis_url: str, postgres_server) -> Settings:
    return Settings(database_url=postgres_server.create_database(), models=tiny_models / "models.toml",
                    rates=rates_file, broker_url=redis_url, task_listings=10, task_visibility_timeout=5,
                    webhook_private_hosts=True, webhook_backoff=0.2, rate_limit_per_key=0, rate_limit_per_address=0)


@pytest.fixture
def cluster(settings: Settings) -> Iterator[Cluster]:
    env = {**os.environ, "LOCALIZE_DATABASE_URL": settings.database_url, "LOCALIZE_MODELS": str(settings.models),
           "LOCALIZE_RATES": str(settings.rates), "LOCALIZE_BROKER_URL": str(settings.broker_url),
           "LOCALIZE_TASK_VISIBILITY_TIMEOUT": "5", "LOCALIZE_WEBHOOK_PRIVATE_HOSTS": "true",
           "LOCALIZE_WEBHOOK_BACKOFF": "0.2", "LOCALIZE_THREADS": "1"}
    running = Cluster(env)
    running.start("first")
    running.start("second")
    try:
        yield running
    finally:
        running.stop()


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def test_a_worker_killed_mid_batch_loses_nothing_and_doubles_nothing(settings: Settings, cluster: Cluster) -> None:
    with TestClient(create_app(settings)) as client, receiving() as receiver:
        with client.app.state.sessions.begin() as session:
            auth = {"Authorization": f"Bearer {create_api_key(session, 'bulk-seller')}"}
        hooked = client.put("/v1/webhook", json={"url": receiver.url}, headers=auth)
        assert hooked.status_code == 200, hooked.text
        receiver.secret = hooked.json()["secret"]
        assert client.get("/healthz").json() == {"status": "ok", "store": "ok", "broker": "ok"}

        for round_number in (1, 2, 3):
            kill_a_worker_mid_batch(client, auth, cluster, receiver, round_number)
            cluster.start("first")  # back for the next round

        time.sleep(1)  # any late duplicate event would have arrived by now
        assert sorted(receiver.batches()) == sorted(set(receiver.batches()))  # one event per batch
        assert all(event["type"] == "batch.finished" and event["processed"] == LISTINGS for event in receiver.events)


def kill_a_worker_mid_batch(client: TestClient, auth: dict[str, str], cluster: Cluster, receiver: Receiver,
                            round_number: int) -> None:
    accepted = client.post("/v1/batches", files={"file": ("bulk.csv", catalog(round_number), "text/csv")},
                           data={"markets": MARKETS}, headers=auth)
    assert accepted.status_code == 202 and accepted.json()["total"] == LISTINGS, accepted.text
    batch_id = accepted.json()["batch_id"]

    def progress() -> dict:
        return client.get(f"/v1/batches/{batch_id}", headers=auth).json()

    wait_for(lambda: progress()["processed"] >= 20, 180, "the workers to start on the batch")
    assert progress()["processed"] < LISTINGS, "the batch finished before a worker could be killed"
    cluster.kill("first")  # SIGKILL: its task was taken but never acknowledged
    wait_for(lambda: progress()["status"] == "done", 300, "the batch to finish on the other worker")
    done = progress()
    assert (done["processed"], done["localizations"], done["failures"]) == (LISTINGS, 2 * LISTINGS, [])
    assert_stored_once(client, batch_id)
    wait_for(lambda: batch_id in receiver.batches(), 30, "the batch's webhook event")


def assert_stored_once(client: TestClient, batch_id: str) -> None:
    with client.app.state.sessions() as session:
        stored = session.scalar(select(func.count()).select_from(models.Localization)
                                .where(models.Localization.batch_id == batch_id))
        pairs = session.scalar(select(func.count()).select_from(
            select(models.Localization.listing_id, models.Localization.market)
            .where(models.Localization.batch_id == batch_id).distinct().subquery()))
        created = session.scalar(select(func.count()).select_from(models.ReviewEvent).join(
            models.Localization, models.Localization.id == models.ReviewEvent.localization_id)
            .where(models.Localization.batch_id == batch_id, models.ReviewEvent.action == "created"))
    assert stored == pairs == created == 2 * LISTINGS


def test_submit_async_enqueues_for_the_workers(settings: Settings, cluster: Cluster, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "small.csv"
    path.write_text("sku,title,source_lang\nA-1,Steel mug,en\nA-2,Glass teapot,en\nA-3,Bamboo board,en\n")
    for name, value in cluster.env.items():
        monkeypatch.setenv(name, value)
    queued = run_localize("submit", str(path), "--markets", MARKETS, "--seller", "cli-seller", "--async")
    assert queued.returncode == 0, queued.stderr
    batch_id = queued.stdout.split()[1].rstrip(":")
    assert "3 listing(s) enqueued as 1 task(s)" in queued.stdout
    with TestClient(create_app(settings)) as client:
        def status() -> str:
            with client.app.state.sessions() as session:
                return session.get_one(models.Batch, batch_id).status

        wait_for(lambda: status() == "done", 120, "the workers to finish the batch")
    monkeypatch.delenv("LOCALIZE_BROKER_URL")
    refused = run_localize("submit", str(path), "--markets", MARKETS, "--seller", "cli-seller", "--async")
    assert refused.returncode != 0 and "--async needs LOCALIZE_BROKER_URL" in refused.stderr


def test_a_broker_that_is_down_is_503_and_keeps_nothing(settings: Settings) -> None:
    down = settings.model_copy(update={"broker_url": f"redis://127.0.0.1:{unused_port()}/0"})
    with TestClient(create_app(down)) as client:
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.json() == {"status": "unavailable", "store": "ok", "broker": "unavailable"}
        with client.app.state.sessions.begin() as session:
            auth = {"Authorization": f"Bearer {create_api_key(session, 'unlucky')}"}
        refused = client.post("/v1/batches", files={"file": ("b.csv", catalog(9), "text/csv")},
                              data={"markets": MARKETS}, headers=auth)
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "10"
        with client.app.state.sessions() as session:
            assert session.scalar(select(func.count()).select_from(models.Batch)) == 0
            assert session.scalar(select(func.count()).select_from(models.Listing)) == 0

