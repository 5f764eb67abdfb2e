"""The HTTP API of DESIGN.md through FastAPI's TestClient: every `/v1` endpoint, who may see what,
bad input answered with a 4xx JSON error that names the field (never a 500), batches in the
background worker (and resumed after a restart without losing or doubling a localisation),
approvals feeding the translation memory, and exports.

One app serves the module (a temp SQLite store, the tiny Marian models of conftest, the batch
worker on); every test signs up its own seller, so each sees only its own data."""

import asyncio
import csv
import io
import json
import re
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.app import create_app
from api.main import ROUTERS
from localize.settings import Settings
from localize.store import models, service
from localize.store.accounts import create_api_key, revoke_api_key

BODY_LIMIT = 64 * 1024
V1_PATHS = {
    "/v1/listings",
    "/v1/localizations",
    "/v1/localizations/{localization_id}",
    "/v1/localizations/{localization_id}/approve",
    "/v1/localizations/{localization_id}/reject",
    "/v1/localizations/{localization_id}/price",
    "/v1/batches",
    "/v1/batches/{batch_id}",
    "/v1/batches/{batch_id}/export",
    "/v1/export",
    "/v1/export-profiles",
    "/v1/listings/{listing_id}/versions",
    "/v1/localizations/{localization_id}/acknowledge",
    "/v1/seller/profile",
    "/v1/markets",
    "/v1/markets/{code}",
}


def make_settings(folder: Path, tiny_models: Path, rates_file: Path, **overrides) -> Settings:
    return Settings(database_url=f"sqlite:///{folder / 'store.db'}", models=tiny_models / "models.toml",
                    rates=rates_file, **overrides)


@pytest.fixture(scope="module")
def client(tiny_models: Path, rates_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = make_settings(tmp_path_factory.mktemp("api"), tiny_models, rates_file, max_body_bytes=BODY_LIMIT)
    with TestClient(create_app(settings)) as client:
        yield client


def new_key(client: TestClient, seller: str | None = None, role: str = "approve") -> str:
    """A key of a new seller (or the one named) that may approve, unless `role` says otherwise."""
    with client.app.state.sessions.begin() as session:
        return create_api_key(session, seller or f"seller-{uuid.uuid4().hex[:10]}", role=role)


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def auth(client: TestClient) -> dict[str, str]:
    """Headers of a new seller's API key."""
    return bearer(new_key(client))


def english(sku: str, title: str = "Stainless steel water bottle", **extra) -> dict:
    """An English listing: English markets need no MT, so its text reaches the store unchanged."""
    return {"sku": sku, "title": title, "source_lang": "en", **extra}


def submit(client: TestClient, auth: dict, listing: dict, markets: tuple[str, ...] = ("en-US",)) -> dict:
    response = client.post("/v1/listings", json={"listing": listing, "markets": list(markets)}, headers=auth)
    assert response.status_code == 201, response.text
    return response.json()


def submit_one(client: TestClient, auth: dict, listing: dict, market: str = "en-US") -> str:
    """Submit for one market; the localisation's id."""
    (localization,) = submit(client, auth, listing, (market,))["localizations"]
    return localization["id"]


def get(client: TestClient, auth: dict, localization_id: str) -> dict:
    response = client.get(f"/v1/localizations/{localization_id}", headers=auth)
    assert response.status_code == 200, response.text
    return response.json()


def assert_error(response, status: int, field: str | None = None, code: str | None = None) -> dict:
    """A JSON error of the contract's shape with this status (and field and code when given)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert isinstance(error["code"], str) and error["message"]
    if field is not None:
        assert error.get("field") == field, error
    if code is not None:
        assert error["code"] == code, error
    return error


def upload(client: TestClient, auth: dict, name: str, content: bytes, markets: str = "en-US"):
    return client.post("/v1/batches", files={"file": (name, content, "application/octet-stream")},
                       data={"markets": markets}, headers=auth)


def catalog_csv(rows: list[tuple[str, ...]], header: str = "sku,title,source_lang") -> bytes:
    return (header + "\n" + "".join(",".join(row) + "\n" for row in rows)).encode()


def wait_for_batch(client: TestClient, auth: dict, batch_id: str, timeout: float = 60) -> list[dict]:
    """Poll the batch until done or failed; every progress report seen, in order."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = client.get(f"/v1/batches/{batch_id}", headers=auth)
        assert response.status_code == 200, response.text
        seen.append(response.json())
        if seen[-1]["status"] in ("done", "failed"):
            return seen
        time.sleep(0.1)
    raise AssertionError(f"batch {batch_id} did not finish in {timeout} s: {seen[-1]}")


# --- health, markets, OpenAPI --------------------------------------------------------------------------


def test_healthz_reaches_the_store(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "store": "ok", "broker": "none"}  # no broker: batches run in here


def test_markets_list_and_one_market(client: TestClient) -> None:
    markets = {market["code"]: market for market in client.get("/v1/markets").json()}
    assert {"de-DE", "en-US", "ja-JP", "ar-SA"} <= set(markets)
    assert markets["de-DE"]["currency"] == "EUR" and markets["de-DE"]["rules"] > 0

    one = client.get("/v1/markets/en-US")
    assert one.status_code == 200
    body = one.json()
    assert body["code"] == "en-US" and body["currency"] == "USD"
    rules = {rule["id"]: rule for rule in body["rules"]}
    assert rules["us.claim.made-in-usa"]["severity"] == "block"
    assert len(rules) == markets["en-US"]["rules"]

    assert_error(client.get("/v1/markets/xx-XX"), 404, field="code", code="not_found")


def test_openapi_lists_every_v1_path(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    paths = document["paths"]
    assert V1_PATHS <= set(paths)
    # the document is exactly what the API's routers serve (the queue and the docs pages are not in it)
    routed = {route.path for router in ROUTERS for route in router.routes}
    assert routed == set(paths) == V1_PATHS | {"/v1/glossary", "/v1/glossary/{term_id}", "/v1/memory",
                                               "/v1/memory/sharing", "/v1/webhook", "/healthz"}
    assert set(paths["/v1/localizations/{localization_id}/approve"]) == {"post"}
    assert "201" in paths["/v1/listings"]["post"]["responses"]
    assert "202" in paths["/v1/batches"]["post"]["responses"]


# --- submitting, reading, listing ----------------------------------------------------------------------


def test_submit_read_and_list(client: TestClient, auth: dict) -> None:
    listing = english("WB-500", price={"amount": "20.00", "currency": "USD"}, colors=["black"], seller_note="x")
    submitted = submit(client, auth, listing, ("en-US", "en-GB"))
    assert submitted["failures"] == []
    by_market = {item["market"]: item for item in submitted["localizations"]}
    assert set(by_market) == {"en-US", "en-GB"}
    assert {item["status"] for item in by_market.values()} == {"pending_review"}

    gb = get(client, auth, by_market["en-GB"]["id"])
    assert gb["id"] == by_market["en-GB"]["id"] and gb["listing_id"] == submitted["listing_id"]
    assert (gb["sku"], gb["market"], gb["status"]) == ("WB-500", "en-GB", "pending_review")
    assert gb["title"] == "Stainless steel water bottle" and gb["engine"]["name"] == "none"
    assert gb["price"]["currency"] == "GBP" and gb["price"]["display"].startswith("£")
    assert gb["seller_note"] == "x"  # unknown fields pass through

    listed = client.get("/v1/localizations", params={"market": "en-GB"}, headers=auth).json()
    assert listed["total"] == 1 and [item["id"] for item in listed["items"]] == [gb["id"]]
    assert client.get("/v1/localizations", params={"status": "approved"}, headers=auth).json()["total"] == 0
    assert client.get("/v1/localizations", params={"sku": "WB-"}, headers=auth).json()["total"] == 2
    assert client.get("/v1/localizations", params={"sku": "XX"}, headers=auth).json()["total"] == 0

    first = client.get("/v1/localizations", params={"limit": 1}, headers=auth).json()
    second = client.get("/v1/localizations", params={"limit": 1, "offset": 1}, headers=auth).json()
    assert first["total"] == second["total"] == 2
    assert {first["items"][0]["id"], second["items"][0]["id"]} == set(item["id"] for item in by_market.values())


def test_chinese_listing_is_translated_by_the_model(client: TestClient, auth: dict) -> None:
    localization = get(client, auth, submit_one(client, auth, {"sku": "ZH-1", "title": "女士纯棉T恤",
                                                                "source_lang": "zh"}, "en-US"))
    assert (localization["source_lang"], localization["target_lang"]) == ("zh", "en")
    assert localization["engine"]["name"] == "transformers" and localization["engine"]["segments"] == 1
    assert "zh-en" in localization["engine"]["model"]
    assert 0 < localization["field_confidence"]["title"] == localization["confidence"] <= 100


def test_localizations_sort_by_confidence_least_sure_first(client: TestClient, auth: dict) -> None:
    titles = ["女士纯棉T恤", "颜色：黑色", "这款台灯适合卧室和书房使用，光线柔和不刺眼，护眼无频闪", "蓝牙耳机"]
    for number, title in enumerate(titles):
        submit(client, auth, {"sku": f"CONF-{number}", "title": title, "source_lang": "zh"})
    submit(client, auth, english("CONF-EN"))  # nothing translated: no confidence, listed last
    listed = client.get("/v1/localizations", params={"sort": "confidence"}, headers=auth).json()["items"]
    values = [item["confidence"] for item in listed]
    assert values[:-1] == sorted(values[:-1]) and values[-1] is None and len(values) == 5
    surest = client.get("/v1/localizations", params={"sort": "-confidence"}, headers=auth).json()["items"]
    assert [item["confidence"] for item in surest] == sorted(values[:-1], reverse=True) + [None]


def test_an_edited_field_loses_the_machine_confidence(client: TestClient, auth: dict) -> None:
    # Sentences no other test approves: an approval teaches the memory every seller shares.
    localization_id = submit_one(client, auth, {"sku": "CONF-E", "title": "儿童防滑雨靴", "bullets": ["颜色：墨绿色"],
                                                "source_lang": "zh"}, "en-US")
    before = get(client, auth, localization_id)
    assert set(before["field_confidence"]) == {"title", "bullets[0]"}
    response = client.post(f"/v1/localizations/{localization_id}/approve",
                           json={"edits": {"title": "Kids' Non-Slip Rain Boots"}}, headers=auth)
    assert response.status_code == 200, response.text
    after = get(client, auth, localization_id)
    assert after["field_confidence"] == {"bullets[0]": before["field_confidence"]["bullets[0]"]}
    assert after["confidence"] == before["field_confidence"]["bullets[0]"]


class CountingLock:
    """The localizer's MT lock, counting who waits for it."""

    def __init__(self) -> None:
        self.inner, self.waiting, self._count = threading.Lock(), 0, threading.Lock()

    def __enter__(self) -> None:
        with self._count:
            self.waiting += 1
        self.inner.acquire()

    def __exit__(self, *_: object) -> None:
        self.inner.release()


def test_submissions_waiting_for_mt_hold_no_database_connection(
        tiny_models: Path, rates_file: Path, tmp_path: Path) -> None:
    """More submissions than the connection pool has connections queue for the engine at once, and
    every one succeeds: a request waiting its turn holds no pooled connection."""
    waiting_requests = 24  # more than SQLAlchemy's default pool (5 + 10 overflow)
    with TestClient(create_app(make_settings(tmp_path, tiny_models, rates_file, worker=False))) as client:
        auth = bearer(new_key(client))
        lock = client.app.state.localizer._lock = CountingLock()
        pool = client.app.state.sessions.kw["bind"].pool
        with ThreadPoolExecutor(max_workers=waiting_requests) as threads:
            with lock.inner:  # MT is busy: every submission queues
                futures = [threads.submit(client.post, "/v1/listings", headers=auth,
                                          json={"listing": english(f"Q-{i}"), "markets": ["en-US", "en-GB"]})
                           for i in range(waiting_requests)]
                deadline = time.monotonic() + 30
                while lock.waiting < waiting_requests and time.monotonic() < deadline:
                    time.sleep(0.02)
                assert lock.waiting == waiting_requests
                assert pool.checkedout() == 0
            statuses = [future.result(timeout=60).status_code for future in futures]
        assert statuses == [201] * waiting_requests
        listed = client.get("/v1/localizations", params={"limit": 500}, headers=auth).json()
        assert listed["total"] == waiting_requests * 2


# --- who may do what -----------------------------------------------------------------------------------

SELLER_ENDPOINTS = [
    ("POST", "/v1/listings", {"json": {"listing": {"sku": "A", "title": "t", "source_lang": "en"},
                                        "markets": ["en-US"]}}),
    ("GET", "/v1/localizations/abc", {}),
    ("GET", "/v1/localizations", {}),
    ("POST", "/v1/localizations/abc/approve", {"json": {}}),
    ("POST", "/v1/localizations/abc/reject", {"json": {"reason": "no"}}),
    ("POST", "/v1/batches", {"files": {"file": ("c.csv", b"sku,title\nA,t\n")}, "data": {"markets": "en-US"}}),
    ("GET", "/v1/batches/abc", {}),
    ("GET", "/v1/batches/abc/export", {}),
    ("GET", "/v1/export?market=en-US", {}),
]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer lk_not-a-key"}, {"Authorization": "Basic YTpi"},
                                     {"Authorization": "Bearer "}], ids=["none", "bad", "basic", "empty"])
@pytest.mark.parametrize(("method", "path", "kwargs"), SELLER_ENDPOINTS,
                         ids=[f"{method} {path}" for method, path, _ in SELLER_ENDPOINTS])
def test_no_key_or_a_bad_key_is_401(client: TestClient, method: str, path: str, kwargs: dict, headers: dict) -> None:
    response = client.request(method, path, headers=headers, **kwargs)
    assert_error(response, 401, field="Authorization", code="unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"


def test_another_sellers_items_are_404(client: TestClient, auth: dict) -> None:
    mine = submit_one(client, auth, english("OWN-1"))
    batch = upload(client, auth, "c.csv", catalog_csv([("OWN-2", "Glass teapot", "en")])).json()["batch_id"]
    other = bearer(new_key(client))

    assert_error(client.get(f"/v1/localizations/{mine}", headers=other), 404, field="id")
    assert_error(client.post(f"/v1/localizations/{mine}/approve", json={}, headers=other), 404, field="id")
    assert_error(client.post(f"/v1/localizations/{mine}/reject", json={"reason": "x"}, headers=other), 404, field="id")
    assert_error(client.get(f"/v1/batches/{batch}", headers=other), 404, field="id")
    assert_error(client.get(f"/v1/batches/{batch}/export", headers=other), 404, field="id")
    assert client.get("/v1/localizations", headers=other).json() == {"total": 0, "limit": 50, "offset": 0,
                                                                      "items": []}
    for status in ("pending_review", "approved"):
        exported = client.get("/v1/export", params={"market": "en-US", "status": status, "format": "jsonl"},
                              headers=other)
        assert exported.status_code == 200 and exported.text == ""

    # The owner still sees it all, untouched by the other seller's attempts.
    assert get(client, auth, mine)["status"] == "pending_review"
    assert client.get(f"/v1/batches/{batch}", headers=auth).status_code == 200
    assert client.get("/v1/localizations", params={"sku": "OWN-1"}, headers=auth).json()["total"] == 1


def test_a_revoked_key_is_401_and_the_sellers_other_key_still_works(client: TestClient) -> None:
    seller = f"seller-{uuid.uuid4().hex[:10]}"
    first, second = new_key(client, seller), new_key(client, seller)
    localization = submit_one(client, bearer(first), english("REV-1"))
    with client.app.state.sessions.begin() as session:
        assert revoke_api_key(session, first[:10]) == 1
    assert_error(client.get(f"/v1/localizations/{localization}", headers=bearer(first)), 401, field="Authorization")
    assert_error(client.get("/v1/localizations", headers=bearer(first)), 401)
    assert get(client, bearer(second), localization)["sku"] == "REV-1"


# --- bad input: 4xx JSON naming the field, never a 500 -------------------------------------------------

GOOD = {"sku": "BAD-1", "title": "Water bottle", "source_lang": "en"}
BAD_SUBMISSIONS = [
    ("markets-not-a-list", {"listing": GOOD, "markets": "en-US"}, 422, "markets"),
    ("market-not-a-string", {"listing": GOOD, "markets": [1]}, 422, "markets.0"),
    ("title-wrong-type", {"listing": {**GOOD, "title": 42}, "markets": ["en-US"]}, 422, "listing.title"),
    ("bullets-wrong-type", {"listing": {**GOOD, "bullets": "a"}, "markets": ["en-US"]}, 422, "listing.bullets"),
    ("missing-title", {"listing": {"sku": "BAD-1"}, "markets": ["en-US"]}, 422, "listing.title"),
    ("empty-title", {"listing": {**GOOD, "title": "  "}, "markets": ["en-US"]}, 422, "listing.title"),
    ("missing-listing", {"markets": ["en-US"]}, 422, "listing"),
    ("unknown-market", {"listing": GOOD, "markets": ["en-US", "xx-XX"]}, 422, "markets"),
    ("empty-markets", {"listing": GOOD, "markets": []}, 422, "markets"),
    ("negative-price", {"listing": {**GOOD, "price": {"amount": "-1", "currency": "USD"}}, "markets": ["en-US"]},
     422, "listing.price.amount"),
    ("price-not-a-number", {"listing": {**GOOD, "price": {"amount": "cheap", "currency": "USD"}},
                            "markets": ["en-US"]}, 422, "listing.price.amount"),
    ("unknown-currency", {"listing": {**GOOD, "price": {"amount": "1", "currency": "XYZ"}}, "markets": ["en-US"]},
     422, "listing.price.currency"),
    ("weight-in-cm", {"listing": {**GOOD, "weight": {"value": 1, "unit": "cm"}}, "markets": ["en-US"]},
     422, "listing.weight.unit"),
    ("bad-source-lang", {"listing": {**GOOD, "source_lang": "english"}, "markets": ["en-US"]},
     422, "listing.source_lang"),
    ("unknown-top-level-field", {"listing": GOOD, "markets": ["en-US"], "priority": 1}, 422, "priority"),
]


@pytest.mark.parametrize(("body", "status", "field"), [case[1:] for case in BAD_SUBMISSIONS],
                         ids=[case[0] for case in BAD_SUBMISSIONS])
def test_bad_submissions_are_4xx_naming_the_field(client: TestClient, auth: dict, body: dict, status: int,
                                                  field: str) -> None:
    error = assert_error(client.post("/v1/listings", json=body, headers=auth), status, field=field)
    assert field.split(".")[-1] in error["message"] or field == "markets"
    assert client.get("/v1/localizations", headers=auth).json()["total"] == 0  # nothing stored


@pytest.mark.parametrize("content", [b'{"listing": {"sku": "A", ', b"not json", b'{"listing": }', b"\xff\xfe"])
def test_malformed_json_is_400(client: TestClient, auth: dict, content: bytes) -> None:
    response = client.post("/v1/listings", content=content,
                           headers={**auth, "Content-Type": "application/json"})
    assert_error(response, 400, code="malformed_json")


def test_a_body_that_is_not_an_object_is_422(client: TestClient, auth: dict) -> None:
    assert_error(client.post("/v1/listings", json=[GOOD], headers=auth), 422, code="invalid")
    assert_error(client.post("/v1/listings", content=json.dumps({"listing": GOOD, "markets": ["en-US"]}),
                             headers={**auth, "Content-Type": "text/plain"}), 422, code="invalid")


@pytest.mark.parametrize(("params", "field"), [
    ({"limit": "abc"}, "limit"), ({"limit": 0}, "limit"), ({"limit": 501}, "limit"), ({"offset": -1}, "offset"),
    ({"market": "germany"}, "market"), ({"status": "done"}, "status"), ({"sort": "price"}, "sort"),
])
def test_bad_list_queries_are_422(client: TestClient, auth: dict, params: dict, field: str) -> None:
    assert_error(client.get("/v1/localizations", params=params, headers=auth), 422, field=field, code="invalid")


def test_unknown_routes_and_methods_are_json_errors(client: TestClient, auth: dict) -> None:
    assert_error(client.get("/v1/nowhere", headers=auth), 404)
    assert_error(client.delete("/v1/listings", headers=auth), 405, code="method_not_allowed")
    assert_error(client.get(f"/v1/localizations/{'x' * 300}", headers=auth), 404, field="id")


def test_oversize_body_with_content_length_is_413(client: TestClient, auth: dict) -> None:
    body = json.dumps({"listing": {**GOOD, "description": "x" * BODY_LIMIT}, "markets": ["en-US"]}).encode()
    response = client.post("/v1/listings", content=body, headers={**auth, "Content-Type": "application/json"})
    assert response.request.headers["content-length"] == str(len(body))
    assert_error(response, 413, code="too_large")
    assert client.get("/v1/localizations", headers=auth).json()["total"] == 0


def test_oversize_body_without_content_length_is_413(client: TestClient, auth: dict) -> None:
    body = json.dumps({"listing": {**GOOD, "description": "x" * BODY_LIMIT}, "markets": ["en-US"]}).encode()

    def chunks() -> Iterator[bytes]:
        for start in range(0, len(body), 4096):
            yield body[start : start + 4096]

    response = client.post("/v1/listings", content=chunks(), headers={**auth, "Content-Type": "application/json"})
    assert "content-length" not in response.request.headers
    assert response.request.headers["transfer-encoding"] == "chunked"
    assert_error(response, 413, code="too_large")
    assert client.get("/v1/localizations", headers=auth).json()["total"] == 0


def asgi_post(app, path: str, headers: dict[str, str], chunks: list[bytes]) -> tuple[int, bytes]:
    """POST a body in several `http.request` messages, as a server does for a streamed upload."""
    messages = [{"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
                for i, chunk in enumerate(chunks)]
    sent: list[dict] = []

    async def receive() -> dict:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
             "client": ("127.0.0.1", 1234), "server": ("testserver", 80)}
    asyncio.run(app(scope, receive, send))
    start = next(message for message in sent if message["type"] == "http.response.start")
    return start["status"], b"".join(message.get("body", b"") for message in sent
                                     if message["type"] == "http.response.body")


def test_streamed_body_is_counted_across_messages(client: TestClient, auth: dict) -> None:
    """The limit holds for a body that arrives in many pieces with no Content-Length; one under the
    limit in many pieces goes through."""
    headers = {**auth, "Content-Type": "application/json"}
    piece = b" " * (BODY_LIMIT // 4)
    status, body = asgi_post(client.app, "/v1/listings", headers, [b'{"listing": {"sku": "S", "title": "t"},'] +
                             [piece] * 5 + [b'"markets": ["en-US"]}'])
    assert status == 413 and json.loads(body)["error"]["code"] == "too_large"

    small = json.dumps({"listing": english("STREAM-1"), "markets": ["en-US"]}).encode()
    status, body = asgi_post(client.app, "/v1/listings", headers, [small[:10], small[10:30], small[30:]])
    assert status == 201, body
    assert json.loads(body)["localizations"][0]["market"] == "en-US"


# --- batches --------------------------------------------------------------------------------------------


def test_batch_runs_in_the_worker_to_done(client: TestClient, auth: dict) -> None:
    rows = [(f"B-{i:02}", f"Glass teapot number {i}", "en") for i in range(20)]
    accepted = upload(client, auth, "catalog.csv", catalog_csv(rows), markets="en-US,de-DE")
    assert accepted.status_code == 202, accepted.text
    assert accepted.json()["total"] == 20 and accepted.json()["rejected"] == []
    batch_id = accepted.json()["batch_id"]

    reports = wait_for_batch(client, auth, batch_id)
    final = reports[-1]
    assert final["status"] == "done", final
    assert (final["total"], final["processed"], final["localizations"]) == (20, 20, 40)
    assert final["markets"] == ["en-US", "de-DE"] and final["filename"] == "catalog.csv"
    assert final["failures"] == [] and final["error"] is None
    processed = [report["processed"] for report in reports]
    assert processed == sorted(processed)  # progress only goes forward

    listed = client.get("/v1/localizations", params={"batch_id": batch_id, "limit": 500}, headers=auth).json()
    assert listed["total"] == 40
    assert {(item["sku"], item["market"]) for item in listed["items"]} == {
        (sku, market) for sku, _, _ in rows for market in ("en-US", "de-DE")}
    german = next(item for item in listed["items"] if item["market"] == "de-DE")
    assert german["engine"]["name"] == "transformers" and german["target_lang"] == "de"

    # Batch export: approved only by default; every status on request, as JSONL or CSV.
    export = f"/v1/batches/{batch_id}/export"
    assert client.get(export, headers=auth).text == ""
    pending = client.get(export, params={"status": "pending_review"}, headers=auth)
    assert pending.headers["content-type"].startswith("application/x-ndjson")
    assert len(pending.text.splitlines()) == 40
    approved_id = listed["items"][0]["id"]
    assert client.post(f"/v1/localizations/{approved_id}/approve", json={}, headers=auth).status_code == 200
    lines = [json.loads(line) for line in client.get(export, headers=auth).text.splitlines()]
    assert [line["id"] for line in lines] == [approved_id]
    table = list(csv.DictReader(io.StringIO(client.get(export, params={"format": "csv", "market": "de-DE",
                                                                       "status": "pending_review"},
                                                       headers=auth).text)))
    assert len(table) == 20 - (listed["items"][0]["market"] == "de-DE")
    assert {row["market"] for row in table} == {"de-DE"}


def test_batch_rejected_rows_are_reported_with_file_and_line(client: TestClient, auth: dict) -> None:
    content = catalog_csv([("R-1", "Glass teapot", "en"), ("R-2", "", "en"), ("R-3", "Tea cup", "en", "extra"),
                           ("R-4", "Tea tray", "en")])
    accepted = upload(client, auth, "catalog.csv", content)
    assert accepted.status_code == 202, accepted.text
    body = accepted.json()
    assert body["total"] == 2
    assert len(body["rejected"]) == 2
    assert body["rejected"][0].startswith("catalog.csv:3: title:")
    assert body["rejected"][1].startswith("catalog.csv:4: ")
    assert "columns" in body["rejected"][1]
    final = wait_for_batch(client, auth, body["batch_id"])[-1]
    assert final["status"] == "done" and final["rejected"] == body["rejected"]
    assert final["localizations"] == 2


def test_batch_of_xlsx_is_accepted_and_names_the_uploaded_file_and_cell(client: TestClient, auth: dict) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Listings"
    for row in (["Template: one product per row"], ["SKU", "Title", "source_lang"], ["X-1", "Tea cup", "en"],
                ["X-2", None, "en"]):
        book.active.append(row)
    content = io.BytesIO()
    book.save(content)
    body = upload(client, auth, "catalog.xlsx", content.getvalue()).json()
    assert body["total"] == 1
    assert body["rejected"] == ["catalog.xlsx:Listings!B4: title: Field required"]


def test_batch_of_jsonl_with_a_bad_line(client: TestClient, auth: dict) -> None:
    content = (json.dumps(english("J-1")) + "\n{oops\n" + json.dumps({"sku": "J-3"}) + "\n").encode()
    body = upload(client, auth, "items.jsonl", content).json()
    assert body["total"] == 1
    assert [line.split(":")[:2] for line in body["rejected"]] == [["items.jsonl", "2"], ["items.jsonl", "3"]]


@pytest.mark.parametrize(("name", "content", "markets", "status", "field"), [
    ("catalog.txt", b"sku,title\nA,t\n", "en-US", 415, "file"),
    ("catalog", b"sku,title\nA,t\n", "en-US", 415, "file"),
    ("catalog.csv", b"sku,title\nA,t\n", "", 422, "markets"),
    ("catalog.csv", b"sku,title\nA,t\n", " , ,", 422, "markets"),
    ("catalog.csv", b"sku,title\nA,t\n", "en-US,xx-XX", 422, "markets"),
    ("catalog.csv", b"name,price\nA,1\n", "en-US", 422, "file"),
    ("catalog.json", b'{"sku": "A"}', "en-US", 422, "file"),
    ("catalog.csv", b"sku,title\nA,\xff\xfe\x00t\n", "en-US", 422, "file"),
])
def test_bad_batches_are_4xx_naming_the_field(client: TestClient, auth: dict, name: str, content: bytes,
                                              markets: str, status: int, field: str) -> None:
    assert_error(upload(client, auth, name, content, markets), status, field=field)
    assert client.get("/v1/localizations", headers=auth).json()["total"] == 0


def test_batch_without_a_file_or_markets_is_422(client: TestClient, auth: dict) -> None:
    assert_error(client.post("/v1/batches", data={"markets": "en-US"}, headers=auth), 422, field="file")
    assert_error(client.post("/v1/batches", files={"file": ("c.csv", b"sku,title\nA,t\n")}, headers=auth),
                 422, field="markets")


def test_oversize_batch_upload_is_413(client: TestClient, auth: dict) -> None:
    rows = [(f"BIG-{i}", "x" * 100, "en") for i in range(BODY_LIMIT // 100)]
    assert_error(upload(client, auth, "big.csv", catalog_csv(rows)), 413, code="too_large")
    assert client.get("/v1/localizations", headers=auth).json()["total"] == 0


def test_interrupted_batch_resumes_in_a_new_app_without_loss_or_duplicates(
        tiny_models: Path, rates_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "WORKER_CHUNK", 4)
    rows = [(f"RS-{i:02}", f"Bamboo cutting board {i}", "en") for i in range(14)]
    markets = ("en-US", "de-DE")

    with TestClient(create_app(make_settings(tmp_path, tiny_models, rates_file, worker=False))) as first:
        key = new_key(first, "resumer")
        batch_id = upload(first, bearer(key), "c.csv", catalog_csv(rows), ",".join(markets)).json()["batch_id"]
        calls = iter([False, False])  # two chunks, then "the server is stopping"
        first.app.state.localizer.process_batch(batch_id, should_stop=lambda: next(calls, True))
        halfway = first.get(f"/v1/batches/{batch_id}", headers=bearer(key)).json()
        assert (halfway["status"], halfway["processed"], halfway["localizations"]) == ("running", 8, 16)
        with first.app.state.sessions() as session:
            before = dict(session.execute(select(models.Localization.id, models.Localization.sku)
                                          .where(models.Localization.batch_id == batch_id)).all())

    with TestClient(create_app(make_settings(tmp_path, tiny_models, rates_file, worker=True))) as second:
        final = wait_for_batch(second, bearer(key), batch_id)[-1]
        assert (final["status"], final["processed"], final["localizations"]) == ("done", 14, 28)
        with second.app.state.sessions() as session:
            stored = session.execute(select(models.Localization.id, models.Localization.listing_id,
                                            models.Localization.sku, models.Localization.market)
                                     .where(models.Localization.batch_id == batch_id)).all()
            created_events = session.scalar(select(func.count()).select_from(models.ReviewEvent).where(
                models.ReviewEvent.action == "created",
                models.ReviewEvent.localization_id.in_([row.id for row in stored])))
    assert len(stored) == len(rows) * len(markets)
    assert len({(row.listing_id, row.market) for row in stored}) == len(stored)  # none twice
    assert {(row.sku, row.market) for row in stored} == {(sku, m) for sku, _, _ in rows for m in markets}  # none lost
    assert before.items() <= {row.id: row.sku for row in stored}.items()  # the first half was kept, not redone
    assert created_events == len(stored)


# --- review: approve, reject ----------------------------------------------------------------------------


def test_approve_with_edits_and_comment(client: TestClient, auth: dict) -> None:
    localization_id = submit_one(client, auth, english("AP-1", bullets=["Keeps drinks cold"]))
    response = client.post(f"/v1/localizations/{localization_id}/approve", headers=auth,
                           json={"edits": {"title": "Insulated steel bottle", "bullets": ["Cold for 24 h"]},
                                 "comment": "shorter"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "approved" and body["title"] == "Insulated steel bottle"
    assert body["bullets"] == ["Cold for 24 h"]
    assert body["reviewed_by"].startswith("seller:seller-") and body["reviewed_at"]
    assert get(client, auth, localization_id) == body


def test_approve_without_a_body(client: TestClient, auth: dict) -> None:
    localization_id = submit_one(client, auth, english("AP-2"))
    response = client.post(f"/v1/localizations/{localization_id}/approve", headers=auth)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "approved"


def test_approving_twice_is_409_and_rejecting_an_approved_item_too(client: TestClient, auth: dict) -> None:
    localization_id = submit_one(client, auth, english("AP-3"))
    path = f"/v1/localizations/{localization_id}"
    assert client.post(f"{path}/approve", json={}, headers=auth).status_code == 200
    assert_error(client.post(f"{path}/approve", json={}, headers=auth), 409, field="status", code="conflict")
    assert_error(client.post(f"{path}/reject", json={"reason": "late"}, headers=auth), 409, field="status")
    assert get(client, auth, localization_id)["status"] == "approved"


def test_a_block_flag_refuses_approval_until_an_edit_clears_it(client: TestClient, auth: dict) -> None:
    localization_id = submit_one(client, auth, english("BL-1", "Stainless steel tumbler, Made in USA"))
    path = f"/v1/localizations/{localization_id}"
    flags = get(client, auth, localization_id)["flags"]
    assert [(f["rule"], f["severity"], f["field"]) for f in flags] == [("us.claim.made-in-usa", "block", "title")]

    error = assert_error(client.post(f"{path}/approve", json={}, headers=auth), 409, field="flags", code="conflict")
    assert "us.claim.made-in-usa" in error["message"]
    # An edit that keeps the claim is refused as well, and is not saved.
    still = client.post(f"{path}/approve", json={"edits": {"title": "Steel tumbler, Made in the USA"}}, headers=auth)
    assert_error(still, 409, field="flags")
    current = get(client, auth, localization_id)
    assert current["status"] == "pending_review" and current["title"] == "Stainless steel tumbler, Made in USA"

    cleared = client.post(f"{path}/approve", json={"edits": {"title": "Stainless steel tumbler"}}, headers=auth)
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["status"] == "approved"
    # The seller's own text still says it: a note for the reviewer, not a block.
    assert [(f["rule"], f["severity"], f["field"]) for f in cleared.json()["flags"]] == [
        ("us.claim.made-in-usa", "info", "source.title")]
    assert cleared.json()["title"] == "Stainless steel tumbler"


@pytest.mark.parametrize(("body", "status", "field"), [
    ({"edits": {"price": "1.00"}}, 422, "edits.price"),
    ({"edits": {"title": 5}}, 422, "edits.title"),
    ({"edits": {"title": "  "}}, 422, "edits.title"),
    ({"edits": {"bullets": "one"}}, 422, "edits.bullets"),
    ({"edits": ["title"]}, 422, "edits"),
    ({"comment": 3}, 422, "comment"),
    ({"approve": True}, 422, "approve"),
])
def test_bad_approvals_are_4xx_naming_the_field(client: TestClient, auth: dict, body: dict, status: int,
                                                field: str) -> None:
    localization_id = submit_one(client, auth, english("AP-BAD"))
    assert_error(client.post(f"/v1/localizations/{localization_id}/approve", json=body, headers=auth), status,
                 field=field)
    after = get(client, auth, localization_id)
    assert after["status"] == "pending_review" and after["title"] == "Stainless steel water bottle"


def test_reject_with_a_reason(client: TestClient, auth: dict) -> None:
    localization_id = submit_one(client, auth, english("RJ-1"))
    path = f"/v1/localizations/{localization_id}"
    assert_error(client.post(f"{path}/reject", json={}, headers=auth), 422, field="reason")
    assert_error(client.post(f"{path}/reject", json={"reason": ""}, headers=auth), 422, field="reason")
    assert_error(client.post(f"{path}/reject", json={"reason": "   "}, headers=auth), 422, field="reason")
    assert_error(client.post(f"{path}/reject", json={"reason": 7}, headers=auth), 422, field="reason")
    assert get(client, auth, localization_id)["status"] == "pending_review"

    response = client.post(f"{path}/reject", json={"reason": "wrong product photo"}, headers=auth)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "rejected" and response.json()["reviewed_by"].startswith("seller:")
    assert_error(client.post(f"{path}/approve", json={}, headers=auth), 409, field="status")
    assert_error(client.post(f"{path}/reject", json={"reason": "again"}, headers=auth), 409, field="status")


# --- approvals teach the translation memory -------------------------------------------------------------


def test_an_approval_is_reused_from_memory_for_the_same_listing(client: TestClient, auth: dict) -> None:
    listing = {"sku": "TM-1", "title": "女士纯棉T恤", "source_lang": "zh"}
    first = get(client, auth, submit_one(client, auth, listing, "de-DE"))
    assert first["engine"]["name"] == "transformers" and first["engine"]["from_memory"] == 0

    approved = client.post(f"/v1/localizations/{first['id']}/approve", headers=auth,
                           json={"edits": {"title": "Damen-T-Shirt aus Baumwolle"}})
    assert approved.status_code == 200, approved.text

    again = get(client, auth, submit_one(client, auth, {**listing, "sku": "TM-2"}, "de-DE"))
    assert again["id"] != first["id"] and again["status"] == "pending_review"
    assert again["engine"]["name"] == "memory"
    assert again["engine"]["from_memory"] == again["engine"]["segments"] == 1
    assert again["title"] == "Damen-T-Shirt aus Baumwolle"
    # Memory is per language pair: English still comes from the model.
    english_one = get(client, auth, submit_one(client, auth, {**listing, "sku": "TM-3"}, "en-US"))
    assert english_one["engine"]["name"] == "transformers"


# --- versions: one listing per SKU -----------------------------------------------------------------------


def test_a_resubmitted_sku_is_a_new_version_of_the_same_listing(client: TestClient, auth: dict) -> None:
    listing = english("VER-1", bullets=["Keeps drinks cold for 24 hours", "Leak-proof lid"])
    first = submit(client, auth, listing)
    assert first["version"] == 1 and not first["unchanged"]
    (created,) = first["localizations"]

    same = client.post("/v1/listings", json={"listing": listing, "markets": ["en-US"]}, headers=auth)
    assert same.status_code == 200, same.text
    assert same.json()["unchanged"] and same.json()["segments_translated"] == 0
    assert same.json()["listing_id"] == first["listing_id"] and same.json()["localizations"] == [created]

    changed = submit(client, auth, {**listing, "bullets": ["Keeps drinks cold for 24 hours", "Leak-proof flip lid"]})
    assert (changed["listing_id"], changed["version"]) == (first["listing_id"], 2)
    assert [item["id"] for item in changed["localizations"]] == [created["id"]]  # the same item, not a second one
    item = get(client, auth, created["id"])
    assert item["bullets"][1] == "Leak-proof flip lid" and item["status"] == "pending_review"
    assert item["source_changes"] == {"bullets[1]": ["Leak-proof lid", "Leak-proof flip lid"]}
    assert (item["listing_id"], item["listing_version"]) == (first["listing_id"], 2)
    assert client.get("/v1/localizations", params={"sku": "VER-1"}, headers=auth).json()["total"] == 1

    history = client.get(f"/v1/listings/{first['listing_id']}/versions", headers=auth)
    assert history.status_code == 200, history.text
    assert [(v["version"], v["changes"]) for v in history.json()["items"]] == [
        (1, {}), (2, {"bullets[1]": ["Leak-proof lid", "Leak-proof flip lid"]})]
    assert history.json()["items"][0]["listing"]["bullets"][1] == "Leak-proof lid"
    # Another seller cannot see it.
    assert_error(client.get(f"/v1/listings/{first['listing_id']}/versions", headers=bearer(new_key(client))),
                 404, field="listing_id")


def test_a_changed_bullet_of_an_approved_listing_goes_to_mt_alone_and_makes_it_stale(
        client: TestClient, auth: dict) -> None:
    """The approved sentences come back from the translation memory; only the edited bullet is
    translated; the item is `stale` with the seller's change beside it until approved again."""
    listing = {"sku": "VER-ZH", "title": "不锈钢保温杯", "source_lang": "zh",
               "bullets": ["双层真空保温", "食品级硅胶密封圈", "杯身防滑设计"]}
    first = submit(client, auth, listing)
    assert first["segments_translated"] == 4
    (ref,) = first["localizations"]
    approved = client.post(f"/v1/localizations/{ref['id']}/approve", headers=auth, json={"edits": {
        "title": "Stainless steel insulated bottle",
        "bullets": ["Double-wall vacuum insulation", "Food-grade silicone seal", "Non-slip body"]}})
    assert approved.status_code == 200, approved.text

    changed = {**listing, "bullets": ["双层真空保温", "食品级硅胶密封圈", "杯身加厚防滑设计"]}
    again = submit(client, auth, changed)
    assert again["version"] == 2 and again["segments_translated"] == 1
    stale = get(client, auth, ref["id"])
    assert stale["status"] == "stale" and stale["reviewed_by"]
    assert stale["source_changes"] == {"bullets[2]": ["杯身防滑设计", "杯身加厚防滑设计"]}
    assert stale["title"] == "Stainless steel insulated bottle"
    assert stale["bullets"][:2] == ["Double-wall vacuum insulation", "Food-grade silicone seal"]
    assert stale["bullets"][2] != "Non-slip body"  # the model's translation of the new bullet
    assert stale["engine"]["from_memory"] == 3
    exported = client.get("/v1/export", params={"market": "en-US"}, headers=auth).text
    assert "VER-ZH" not in exported  # stale is not approved: not exported

    reapproved = client.post(f"/v1/localizations/{ref['id']}/approve", headers=auth,
                             json={"edits": {"bullets": [*stale["bullets"][:2], "Thicker non-slip body"]}})
    assert reapproved.status_code == 200, reapproved.text
    current = get(client, auth, ref["id"])
    assert current["status"] == "approved" and current["source_changes"] is None
    assert current["bullets"][2] == "Thicker non-slip body"


def test_a_batch_skips_unchanged_rows_and_refuses_a_repeated_sku(client: TestClient, auth: dict) -> None:
    rows = [("BV-1", "Steel bottle", "en"), ("BV-2", "Glass jar", "en")]
    first = upload(client, auth, "first.csv", catalog_csv(rows))
    assert first.status_code == 202, first.text
    wait_for_batch(client, auth, first.json()["batch_id"])
    second = upload(client, auth, "second.csv", catalog_csv([rows[0], ("BV-2", "Glass jar with lid", "en"),
                                                             ("BV-2", "Large glass jar", "en")]))
    assert second.status_code == 202, second.text
    body = second.json()
    assert (body["total"], body["unchanged"]) == (1, 1)
    assert body["rejected"] == ["second.csv:4: sku: 'BV-2' is also on line 3; one row per SKU"]
    assert wait_for_batch(client, auth, body["batch_id"])[-1]["status"] == "done"
    (item,) = client.get("/v1/localizations", params={"sku": "BV-2"}, headers=auth).json()["items"]
    assert item["title"] == "Glass jar with lid" and item["listing_version"] == 2


# --- seller profile ----------------------------------------------------------------------------------------


def test_a_seller_profile_satisfies_the_rules_that_name_its_facts(client: TestClient, auth: dict) -> None:
    listing = english("GPSR-1", "Bluetooth headphones with noise cancelling", category="electronics/audio")
    assert_error(client.get("/v1/seller/profile", headers=auth), 404, field="profile")

    def rules_fired(sku: str) -> set[str]:
        (ref,) = submit(client, auth, {**listing, "sku": sku}, ("en-GB",))["localizations"]
        return {flag["rule"] for flag in get(client, auth, ref["id"])["flags"]}

    assert {"gb.required.weee", "gb.required.ukca-ce"} <= rules_fired("GPSR-1")
    profile = {"uk_responsible_person": "Acme UK Ltd, 1 High St, London, uk@acme.example",
               "weee_registration": {"GB": "WEE/AB1234CD"},
               "declarations": [{"mark": "ukca", "categories": ["electronics"]}]}
    stored = client.put("/v1/seller/profile", json=profile, headers=auth)
    assert stored.status_code == 200, stored.text
    assert stored.json()["declarations"][0]["mark"] == "UKCA"
    assert client.get("/v1/seller/profile", headers=auth).json()["weee_registration"] == {"GB": "WEE/AB1234CD"}
    fired = rules_fired("GPSR-2")
    assert "gb.required.weee" not in fired and "gb.required.ukca-ce" not in fired

    assert_error(client.put("/v1/seller/profile", json={"weee_registration": {"Germany": "x"}}, headers=auth), 422,
                 field="weee_registration.Germany.[key]")
    assert client.delete("/v1/seller/profile", headers=auth).status_code == 204
    assert_error(client.delete("/v1/seller/profile", headers=auth), 404, field="profile")
    assert "gb.required.weee" in rules_fired("GPSR-3")


# --- export ----------------------------------------------------------------------------------------------


def test_export_is_approved_rows_by_default_as_jsonl_and_csv(client: TestClient, auth: dict) -> None:
    ids = [submit_one(client, auth, english(f"EX-{i}", price={"amount": "10", "currency": "USD"})) for i in range(3)]
    assert client.post(f"/v1/localizations/{ids[0]}/approve", json={"edits": {"title": "Approved bottle"}},
                       headers=auth).status_code == 200
    assert client.post(f"/v1/localizations/{ids[1]}/reject", json={"reason": "no"}, headers=auth).status_code == 200

    jsonl = client.get("/v1/export", params={"market": "en-US"}, headers=auth)
    assert jsonl.status_code == 200
    assert jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert 'filename="en-US-approved.jsonl"' in jsonl.headers["content-disposition"]
    rows = [json.loads(line) for line in jsonl.text.splitlines()]
    assert [(row["id"], row["status"], row["title"]) for row in rows] == [(ids[0], "approved", "Approved bottle")]
    assert rows[0]["price"]["currency"] == "USD" and rows[0]["reviewed_by"].startswith("seller:")

    table = client.get("/v1/export", params={"market": "en-US", "format": "csv"}, headers=auth)
    assert table.headers["content-type"].startswith("text/csv")
    assert 'filename="en-US-approved.csv"' in table.headers["content-disposition"]
    records = read_csv(table)  # the plain profile
    assert [(r["id"], r["sku"], r["market"], r["status"], r["ready"], r["title"], r["price_currency"])
            for r in records] == [(ids[0], "EX-0", "en-US", "approved", "yes", "Approved bottle", "USD")]

    for status, expected in (("rejected", ids[1]), ("pending_review", ids[2])):
        lines = client.get("/v1/export", params={"market": "en-US", "status": status}, headers=auth).text
        assert [json.loads(line)["id"] for line in lines.splitlines()] == [expected]
    empty = client.get("/v1/export", params={"market": "de-DE", "format": "csv"}, headers=auth).content
    assert empty.decode("utf-8-sig").startswith("sku,market,status,ready,title") and len(empty.splitlines()) == 1


def read_csv(response, delimiter: str = ",") -> list[dict[str, str]]:
    """An export's rows as a spreadsheet reads them: UTF-8 with a BOM."""
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline=""), delimiter=delimiter))


GERMAN_MOUSE = {"title": "Kabellose Maus, leise, Weiß", "description": "<p>Leise <b>Maus</b>.</p>",
                "bullets": ["Leise", "Leicht", "Akku 70 Tage", "2,4 GHz", "2 Jahre Garantie"],
                "keywords": ["kabellose Maus", "Büromaus"]}


def test_export_profiles_lay_out_a_marketplaces_file_of_the_approved_rows(client: TestClient, auth: dict) -> None:
    mouse = english("PR-MOUSE", "Wireless mouse, silent", description="<p>Quiet <b>mouse</b>.</p>", brand="Lumora",
                    bullets=["Quiet", "Light", "70-day battery", "2.4 GHz", "2-year warranty"],
                    keywords=["wireless mouse"], price={"amount": "24.00", "currency": "USD"},
                    weight={"value": 85, "unit": "g"})
    approved = submit_one(client, auth, mouse, "de-DE")
    submit_one(client, auth, english("PR-PENDING", price={"amount": "10", "currency": "USD"}), "de-DE")
    assert client.post(f"/v1/localizations/{approved}/approve", json={"edits": GERMAN_MOUSE},
                       headers=auth).status_code == 200

    amazon = client.get("/v1/export", params={"market": "de-DE", "profile": "amazon"}, headers=auth)
    assert amazon.headers["content-type"].startswith("text/tab-separated-values")
    assert 'filename="amazon-de-DE-approved.txt"' in amazon.headers["content-disposition"]
    [row] = read_csv(amazon, delimiter="\t")  # approved rows only
    assert (row["item_sku"], row["item_name"], row["brand_name"]) == ("PR-MOUSE", GERMAN_MOUSE["title"], "Lumora")
    assert [row[f"bullet_point{n}"] for n in range(1, 6)] == GERMAN_MOUSE["bullets"]
    assert row["generic_keywords"] == "kabellose Maus Büromaus" and row["currency"] == "EUR"
    assert re.fullmatch(r"\d+\.\d{2}", row["standard_price"]) and row["item_weight"] == "85"

    [title, body] = read_csv(client.get("/v1/export", params={"market": "de-DE", "profile": "shopify-translations"},
                                        headers=auth))
    assert (title["Field"], title["Locale"], title["Default content"], title["Translated content"]) == (
        "title", "de", "Wireless mouse, silent", GERMAN_MOUSE["title"])
    assert body["Default content"].startswith("<p>Quiet <b>mouse</b>.</p><ul><li>Quiet</li>")

    [shop] = read_csv(client.get("/v1/export", params={"market": "de-DE", "profile": "shopify"}, headers=auth))
    assert (shop["Handle"], shop["Tags"], shop["Variant Grams"]) == ("pr-mouse", "kabellose Maus, Büromaus", "85")
    assert shop["Body (HTML)"].startswith("<p>Leise <b>Maus</b>.</p><ul><li>Leise</li>")
    book = client.get("/v1/export", params={"market": "de-DE", "profile": "shopify", "format": "xlsx"}, headers=auth)
    assert 'filename="shopify-de-DE-approved.xlsx"' in book.headers["content-disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(book.content))["shopify"]
    assert [cell.value for cell in next(sheet.iter_rows(min_row=2))][:2] == ["pr-mouse", GERMAN_MOUSE["title"]]

    plain = read_csv(client.get("/v1/export", params={"market": "de-DE", "status": "pending_review",
                                                      "profile": "plain"}, headers=auth))
    assert [(r["sku"], r["ready"]) for r in plain] == [("PR-PENDING", "no")]


def test_a_batch_exports_with_a_profile(client: TestClient, auth: dict) -> None:
    mugs = catalog_csv([("MUG-1", "Tea mug", "en"), ("MUG-2", "Coffee mug", "en")])
    batch_id = upload(client, auth, "mugs.csv", mugs).json()["batch_id"]
    wait_for_batch(client, auth, batch_id)
    exported = client.get(f"/v1/batches/{batch_id}/export", params={"profile": "shopify", "status": "pending_review"},
                          headers=auth)
    assert f'filename="batch-{batch_id}-shopify-all-markets-pending_review.csv"' in exported.headers[
        "content-disposition"]
    assert [(row["Handle"], row["Title"]) for row in read_csv(exported)] == [("mug-1", "Tea mug"),
                                                                            ("mug-2", "Coffee mug")]


def test_export_profiles_are_listed(client: TestClient) -> None:
    profiles = {profile["name"]: profile for profile in client.get("/v1/export-profiles").json()}
    assert set(profiles) == {"amazon", "plain", "shopify", "shopify-translations"}
    assert profiles["amazon"]["columns"][:4] == ["item_sku", "brand_name", "manufacturer", "item_name"]
    assert profiles["amazon"]["extension"] == "txt" and profiles["shopify"]["extension"] == "csv"
    assert (profiles["shopify-translations"]["rows"], profiles["shopify-translations"]["fields"]) == (
        "per-field", ["title", "body_html"])


@pytest.mark.parametrize(("params", "field"), [
    ({}, "market"), ({"market": "xx-XX"}, "market"), ({"market": "de"}, "market"),
    ({"market": "de-DE", "format": "xml"}, "format"), ({"market": "de-DE", "status": "all"}, "status"),
    ({"market": "de-DE", "profile": "amazonn"}, "profile"),
    ({"market": "de-DE", "profile": "../../etc/x.yaml"}, "profile"),  # never a file on the server
    ({"market": "de-DE", "format": "jsonl", "profile": "amazon"}, "profile"),
])
def test_bad_export_queries_are_422(client: TestClient, auth: dict, params: dict, field: str) -> None:
    assert_error(client.get("/v1/export", params=params, headers=auth), 422, field=field)


@pytest.mark.parametrize(
    ("listing", "field"),
    [
        ({"sku": "S" * 201, "title": "t"}, "listing.sku"),
        ({"sku": "A", "title": "t", "price": {"amount": "1e30", "currency": "USD"}}, "listing.price.amount"),
        ({"sku": "A", "title": "t", "weight": {"value": 1e300, "unit": "kg"}}, "listing.weight.value"),
        ({"sku": "A", "title": "Bottle\x00"}, "listing.title"),
    ],
)
def test_values_the_store_cannot_hold_are_refused_not_500(client: TestClient, auth: dict, listing: dict,
                                                          field: str) -> None:
    response = client.post("/v1/listings", json={"listing": listing, "markets": ["en-US"]}, headers=auth)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == field


def test_an_unreadable_upload_is_named_as_the_seller_named_it(client: TestClient, auth: dict) -> None:
    error = assert_error(upload(client, auth, "catalogue.xlsx", b"not a workbook"), 422, field="file")
    assert error["message"] == "catalogue.xlsx: not an Excel .xlsx workbook"


def test_a_warning_is_acknowledged_through_the_api_and_the_list_filters_by_rule_and_text(
        client: TestClient, auth: dict) -> None:
    eco = submit_one(client, auth, english("AK-1", "Eco-friendly bamboo toothbrush, 4 pack"))
    usa = submit_one(client, auth, english("AK-2", "Stainless steel tumbler, Made in USA"))
    plain = submit_one(client, auth, english("AK-3", "Tumbler 100% leak-proof"))
    path = f"/v1/localizations/{eco}/acknowledge"
    body = {"rule": "us.claim.general-environmental", "field": "title", "reason": "FSC certified"}

    def listed(**params) -> list[str]:
        response = client.get("/v1/localizations", params=params, headers=auth)
        assert response.status_code == 200, response.text
        return [item["id"] for item in response.json()["items"]]

    assert listed(rule="us.claim.made-in-usa") == [usa]
    assert listed(q="BAMBOO") == [eco] and listed(q="%") == [plain] and listed(q="_") == []
    assert listed(confidence_below=100) == []  # English for en-US: no MT, no confidence
    assert_error(client.get("/v1/localizations", params={"confidence_below": 101}, headers=auth), 422,
                 field="confidence_below")

    acknowledged = client.post(path, json=body, headers=auth)
    assert acknowledged.status_code == 200, acknowledged.text
    (ack,) = acknowledged.json()["acknowledgements"]
    assert (ack["rule"], ack["field"], ack["match"], ack["reason"]) == (
        "us.claim.general-environmental", "title", "Eco-friendly", "FSC certified")
    assert ack["by"].startswith("seller:")
    assert get(client, auth, eco)["acknowledgements"] == [ack]
    assert_error(client.post(f"/v1/localizations/{usa}/acknowledge", headers=auth,
                             json={**body, "rule": "us.claim.made-in-usa"}), 409, field="flags", code="conflict")
    assert_error(client.post(path, json={**body, "field": "bullets[0]"}, headers=auth), 422, field="rule")
    assert_error(client.post(path, json={**body, "reason": " "}, headers=auth), 422, field="reason")
    assert_error(client.post(path, json=body, headers=bearer(new_key(client, role="submit"))), 403)
    assert client.post(f"/v1/localizations/{eco}/approve", json={}, headers=auth).status_code == 200
    assert_error(client.post(path, json=body, headers=auth), 409, field="status")
