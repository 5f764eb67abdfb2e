"""The reviewers' web queue at /review through FastAPI's TestClient: signing in and out, CSRF on every
form, market scopes (another market's items are 404 and never listed), filters and counts, bulk
approval of flag-free items, block flags that only an edit clears, history with diffs, export, no
open redirect, and listing text full of HTML that stays escaped and inert on every page.

The store is seeded once through the real `/v1` API and the tiny Marian models of conftest (worker
off; the one batch is processed by the fixture); every test works on its own copy of it."""

import csv
import io
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from support import PASSWORD, TextOf, csrf_of, events_of, login_token, sign_in

from api.app import create_app
from localize.listing import Listing
from localize.settings import Settings
from localize.store import models
from localize.store.accounts import add_user, create_api_key

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOAD = SCRIPT + IMG
MAKER = "Hersteller: Mirelo Ltd., Shenzhen; EU-Verantwortlicher: Mirelo GmbH, Berlin"
GERMAN_TITLE = "Tischleuchte mit Touch-Schalter"

LISTINGS = {
    # zh source; "Made in Germany" is a block claim in de-DE (an edit must clear it before approval)
    "lamp": ({"sku": "LAMP-1", "title": "台灯 Made in Germany", "source_lang": "zh"}, ("de-DE", "en-US")),
    # German source for Germany: nothing to translate, manufacturer named: no flags at all
    "clean1": ({"sku": "DE-CLEAN-1", "title": "Trinkflasche aus Edelstahl", "source_lang": "de",
                "bullets": [MAKER]}, ("de-DE",)),
    "clean2": ({"sku": "DE-CLEAN-2", "title": "Brotdose aus Edelstahl", "source_lang": "de",
                "bullets": [MAKER]}, ("de-DE",)),
    # no manufacturer: one warn flag, so not flag-free
    "warn": ({"sku": "DE-WARN-1", "title": "Trinkflasche aus Edelstahl", "source_lang": "de"}, ("de-DE",)),
    "towel": ({"sku": "JA-1", "title": "タオル 4枚組", "source_lang": "ja"}, ("ja-JP",)),
    "xss": ({"sku": "X-" + PAYLOAD, "title": "台灯 " + PAYLOAD, "description": PAYLOAD, "bullets": [PAYLOAD],
             "keywords": [PAYLOAD], "colors": [PAYLOAD], "source_lang": "zh"}, ("de-DE",)),
}
BATCH_CSV = ("sku,title,bullets,source_lang\n"
             f'BATCH-1,Kaffeebecher aus Keramik,"{MAKER}",de\n'
             f'BATCH-2,Teekanne aus Glas,"{MAKER}",de\n').encode()


@dataclass
class Seed:
    """A store seeded once per module: tests each work on their own copy of its file."""

    database: Path
    models: Path
    rates: Path
    ids: dict[str, str] = field(default_factory=dict)  # "lamp/de-DE" -> localisation id
    batch_id: str = ""

    def settings(self, database: Path) -> Settings:
        return Settings(database_url=f"sqlite:///{database}", models=self.models, rates=self.rates, worker=False)


@dataclass
class Queue:
    app: object
    ids: dict[str, str]
    batch_id: str

    def client(self) -> TestClient:
        return TestClient(self.app, follow_redirects=False)

    def signed_in(self, username: str) -> "Reviewer":
        client = self.client()
        response = sign_in(client, username, PASSWORD)
        assert response.status_code == 303, response.text
        return Reviewer(client, csrf_of(client.get("/review")))


@dataclass
class Reviewer:
    client: TestClient
    csrf: str

    def get(self, url: str, **params) -> Response:
        return self.client.get(url, params=params or None)

    def post(self, url: str, data: dict | None = None, csrf: bool = True) -> Response:
        return self.client.post(url, data={**({"csrf_token": self.csrf} if csrf else {}), **(data or {})})

    def listed(self, **params) -> list[str]:
        """The ids of the items the queue lists with these filters."""
        response = self.get("/review", **params)
        assert response.status_code == 200
        return re.findall(r'<tr class="row" data-href="/review/items/([0-9a-f]+)[?"]', response.text)


def status_of(reviewer: Reviewer, localization_id: str) -> str:
    page = reviewer.get(f"/review/items/{localization_id}")
    return re.search(r'data-testid="status">([^<]+)<', page.text).group(1)


@pytest.fixture(scope="module")
def seed(tiny_models: Path, tmp_path_factory: pytest.TempPathFactory) -> Seed:
    """Reviewers for de-DE and ja-JP, an admin, and the listings above submitted through `/v1`."""
    folder = tmp_path_factory.mktemp("web")
    rates = folder / "rates.csv"
    rates.write_text(f"date,base,quote,rate\n{date.today().isoformat()},CNY,EUR,0.1212\n", encoding="utf-8")
    seeded = Seed(folder / "seed.db", tiny_models / "models.toml", rates)
    app = create_app(seeded.settings(seeded.database))
    with TestClient(app) as api:
        with app.state.sessions.begin() as session:
            add_user(session, "greta", PASSWORD, "reviewer", ["de-DE"])
            add_user(session, "yuki", PASSWORD, "reviewer", ["ja-JP"])
            add_user(session, "root", PASSWORD, "admin", [])
            key = create_api_key(session, "acme")
        auth = {"Authorization": f"Bearer {key}"}
        # The seller insists on the claim word for word; Germany's rules block it until a reviewer edits it.
        claim = {"source_lang": "*", "target_lang": "*", "source": "Made in Germany", "do_not_translate": True}
        assert api.post("/v1/glossary", json=claim, headers=auth).status_code == 201
        for name, (listing, markets) in LISTINGS.items():
            response = api.post("/v1/listings", json={"listing": listing, "markets": list(markets)}, headers=auth)
            assert response.status_code == 201, response.text
            assert not response.json()["failures"]
            for ref in response.json()["localizations"]:
                seeded.ids[f"{name}/{ref['market']}"] = ref["id"]
        response = api.post("/v1/batches", files={"file": ("mugs.csv", BATCH_CSV)}, data={"markets": "de-DE"},
                            headers=auth)
        assert response.status_code == 202 and response.json()["total"] == 2, response.text
        seeded.batch_id = response.json()["batch_id"]
        app.state.localizer.process_batch(seeded.batch_id)
        batch = api.get("/v1/localizations", params={"batch_id": seeded.batch_id}, headers=auth).json()["items"]
        for item in batch:
            seeded.ids[f"{item['sku']}/{item['market']}"] = item["id"]
    return seeded


@pytest.fixture
def queue(seed: Seed, tmp_path: Path) -> Iterator[Queue]:
    database = tmp_path / "web.db"
    with sqlite3.connect(seed.database) as source, sqlite3.connect(database) as copy:
        source.backup(copy)
    app = create_app(seed.settings(database))
    with TestClient(app):
        yield Queue(app, dict(seed.ids), seed.batch_id)


@pytest.fixture
def greta(queue: Queue) -> Reviewer:
    return queue.signed_in("greta")


@pytest.fixture
def root(queue: Queue) -> Reviewer:
    return queue.signed_in("root")


# --- signing in and out ---------------------------------------------------------------------------

def test_the_queue_asks_for_sign_in_and_comes_back_after(queue: Queue) -> None:
    client = queue.client()
    response = client.get("/review", params={"market": "de-DE"})
    assert response.status_code == 303
    assert response.headers["location"] == "/review/login?next=%2Freview%3Fmarket%3Dde-DE"
    page = client.get(response.headers["location"])
    assert page.status_code == 200
    assert 'name="next" value="/review?market=de-DE"' in page.text
    signed_in = sign_in(client, "greta", PASSWORD, next="/review?market=de-DE")
    assert signed_in.status_code == 303
    assert signed_in.headers["location"] == "/review?market=de-DE"
    assert client.get("/review").status_code == 200


def test_a_wrong_password_or_an_unknown_user_is_a_401_page(queue: Queue) -> None:
    client = queue.client()
    for username, password in (("greta", "wrong password"), ("nobody", PASSWORD)):
        response = sign_in(client, username, password)
        assert response.status_code == 401
        assert "Wrong username or password." in response.text
        assert "localize_session" not in response.headers.get("set-cookie", "")
    assert client.get("/review").status_code == 303


def test_sign_in_needs_the_login_forms_token(queue: Queue) -> None:
    client = queue.client()
    data = {"username": "greta", "password": PASSWORD}
    assert client.post("/review/login", data=data).status_code == 403  # no token, no cookie
    login_token(client)  # the cookie is set, the form's token missing or wrong
    assert client.post("/review/login", data=data).status_code == 403
    refused = client.post("/review/login", data={**data, "login_token": "forged"})
    assert refused.status_code == 403
    assert "localize_session" not in refused.headers.get("set-cookie", "")
    # the refusal page is a working form again: its token matches a fresh cookie
    token = re.search(r'name="login_token" value="([^"]+)"', refused.text).group(1)
    assert client.post("/review/login", data={**data, "login_token": token}).status_code == 303


def test_session_cookie_is_httponly_and_samesite(queue: Queue) -> None:
    client = queue.client()
    form = client.get("/review/login")
    login_cookie = form.headers["set-cookie"].lower()
    assert "localize_login=" in login_cookie and "httponly" in login_cookie and "samesite=strict" in login_cookie
    response = sign_in(client, "greta", PASSWORD)
    session_cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("localize_session="))
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in session_cookie.split(";")}
    assert "httponly" in attributes
    assert attributes["samesite"].lower() in ("samesite=lax", "samesite=strict")
    assert attributes["path"] == "Path=/"
    assert len(session_cookie.split(";")[0].split("=", 1)[1]) >= 32


def test_sign_out_ends_the_session_on_the_server(queue: Queue) -> None:
    greta = queue.signed_in("greta")
    token = greta.client.cookies.get("localize_session")
    response = greta.post("/review/logout")
    assert response.status_code == 303
    assert response.headers["location"] == "/review/login?notice=signed_out"
    assert "Signed out." in greta.client.get(response.headers["location"]).text
    assert greta.get("/review").status_code == 303
    stolen = queue.client()
    stolen.cookies.set("localize_session", token)
    assert stolen.get("/review").status_code == 303  # the old cookie is dead, not only deleted


# --- CSRF ----------------------------------------------------------------------------------------

def test_every_form_is_refused_without_the_sessions_csrf_token(queue: Queue, greta: Reviewer, root: Reviewer
                                                                ) -> None:
    clean = queue.ids["clean1/de-DE"]
    forms = [
        ("/review/bulk-approve", {"ids": clean}),
        (f"/review/items/{clean}/approve", {}),
        (f"/review/items/{clean}/edit", {"title": "Geändert"}),
        (f"/review/items/{clean}/reject", {"reason": "nein"}),
        (f"/review/items/{queue.ids['warn/de-DE']}/acknowledge", {"rule": RESPONSIBLE, "field": "listing",
                                                                  "reason": "ok"}),
        ("/review/approve-filtered", {"level": "none"}),
        ("/review/logout", {}),
    ]
    for path, data in forms:
        for token in (None, "", "forged-token", root.csrf):  # root's token is not greta's
            sent = {**data, **({"csrf_token": token} if token is not None else {})}
            response = greta.post(path, sent, csrf=False)
            assert response.status_code == 403, (path, token)
            assert "the form is out of date" in response.text
            assert "Content-Security-Policy" in response.headers
    assert status_of(greta, clean) == "pending review"
    assert "Geändert" not in greta.get(f"/review/items/{clean}").text
    assert greta.get("/review").status_code == 200  # logout was refused too


# --- market scopes -------------------------------------------------------------------------------

def test_a_reviewer_never_sees_or_acts_on_another_market(queue: Queue, greta: Reviewer) -> None:
    others = [queue.ids["towel/ja-JP"], queue.ids["lamp/en-US"]]
    listed = greta.listed(status="")
    assert set(listed) == {v for k, v in queue.ids.items() if k.endswith("/de-DE")}
    for other in others:
        assert other not in listed
        assert greta.get(f"/review/items/{other}").status_code == 404
        for action, data in (("approve", {}), ("reject", {"reason": "x"}), ("edit", {"title": "x"})):
            response = greta.post(f"/review/items/{other}/{action}", data)
            assert response.status_code == 404, action
            assert "no such item in your queue" in response.text
        assert greta.post("/review/bulk-approve", {"ids": other}).headers["location"].endswith("notice=bulk:0")
    assert greta.listed(market="ja-JP", status="") == []
    assert greta.listed(market="en-US", status="") == []
    page = greta.get("/review", status="")
    assert 'data-testid="count-pending_review">7<' in page.text  # lamp, clean x2, warn, xss, 2 from the batch
    assert "ja-JP" not in page.text and "en-US" not in page.text
    for market in ("ja-JP", "en-US"):
        assert greta.get("/review/export", market=market).status_code == 404
    yuki = queue.signed_in("yuki")
    assert yuki.listed(status="") == [queue.ids["towel/ja-JP"]]
    assert yuki.get(f"/review/items/{queue.ids['clean1/de-DE']}").status_code == 404
    for other in others:  # nothing changed behind the 404s
        assert status_of(queue.signed_in("root"), other) == "pending review"


def test_an_admin_sees_every_market(queue: Queue, root: Reviewer) -> None:
    assert set(root.listed(status="")) == set(queue.ids.values())
    for localization_id in queue.ids.values():
        assert root.get(f"/review/items/{localization_id}").status_code == 200
    page = root.get("/review")
    assert "all markets" in page.text
    assert 'data-testid="count-pending_review">9<' in page.text
    assert root.get("/review/export", market="ja-JP").status_code == 200


# --- filters and counts --------------------------------------------------------------------------

def test_filters_by_market_status_severity_batch_and_sku_prefix(queue: Queue, root: Reviewer) -> None:
    ids = queue.ids
    assert set(root.listed(market="en-US")) == {ids["lamp/en-US"]}
    assert set(root.listed(market="ja-JP")) == {ids["towel/ja-JP"]}
    clean = {ids["clean1/de-DE"], ids["clean2/de-DE"], ids["BATCH-1/de-DE"], ids["BATCH-2/de-DE"]}
    blocked = set(root.listed(severity="block"))
    assert ids["lamp/de-DE"] in blocked and not blocked & (clean | {ids["warn/de-DE"]})
    assert ids["warn/de-DE"] in root.listed(severity="warn")
    assert not {ids["lamp/de-DE"], ids["clean1/de-DE"]} & set(root.listed(severity="warn"))
    assert clean <= set(root.listed(severity="none"))
    assert set(root.listed(batch=queue.batch_id)) == {ids["BATCH-1/de-DE"], ids["BATCH-2/de-DE"]}
    assert set(root.listed(sku="DE-")) == {ids["clean1/de-DE"], ids["clean2/de-DE"], ids["warn/de-DE"]}
    assert root.listed(sku="CLEAN") == []  # a prefix, not a substring
    assert root.listed(sku="%") == [] and root.listed(sku="_E-") == []  # LIKE wildcards are literal
    assert set(root.listed(market="de-DE", severity="block", sku="LAMP")) == {ids["lamp/de-DE"]}
    # unknown values are ignored, not errors
    assert len(root.listed(status="bogus", severity="bogus")) == len(ids)
    page = root.get("/review", severity="block")
    assert '<option value="block" selected>' in page.text and f'data-testid="total">{len(blocked)}<' in page.text

    assert root.post(f"/review/items/{ids['clean1/de-DE']}/approve").status_code == 303
    assert root.post(f"/review/items/{ids['warn/de-DE']}/reject", {"reason": "no maker"}).status_code == 303
    assert root.listed(status="approved") == [ids["clean1/de-DE"]]
    assert root.listed(status="rejected") == [ids["warn/de-DE"]]
    assert len(root.listed()) == len(ids) - 2  # the default is what waits for review
    assert len(root.listed(status="")) == len(ids)
    page = root.get("/review")
    for name, count in (("pending_review", 7), ("approved", 1), ("rejected", 1)):
        assert f'data-testid="count-{name}">{count}<' in page.text


def test_counts_follow_the_reviewers_scope(queue: Queue, greta: Reviewer) -> None:
    page = greta.get("/review")
    assert 'data-testid="total">7<' in page.text
    assert 'data-testid="count-approved">0<' in page.text
    assert re.search(r">de-DE</a> <b>7</b>", page.text)
    assert greta.post("/review/items/{}/approve".format(queue.ids["clean1/de-DE"])).status_code == 303
    page = greta.get("/review")
    assert 'data-testid="count-pending_review">6<' in page.text
    assert 'data-testid="count-approved">1<' in page.text


# --- deciding ------------------------------------------------------------------------------------

def test_a_changed_source_makes_the_approved_item_stale_with_the_diff_until_approved_again(
        queue: Queue, greta: Reviewer) -> None:
    item = queue.ids["clean1/de-DE"]
    assert greta.post(f"/review/items/{item}/approve").status_code == 303
    localizer = queue.app.state.localizer
    with queue.app.state.sessions() as session:
        seller_id = session.get_one(models.Localization, item).seller_id
    listing, markets = LISTINGS["clean1"]
    changed = Listing.model_validate({**listing, "title": "Trinkflasche aus Edelstahl, 750 ml"})
    done = localizer.localize_listing(seller_id, changed, [localizer.market(code) for code in markets])
    assert done.version == 2 and [row.id for row in done.localizations] == [item]

    page = greta.get(f"/review/items/{item}")
    assert status_of(greta, item) == "stale"
    parser = TextOf("section", "data-testid", "source-changes")
    parser.feed(page.text)
    (changes,) = parser.found
    assert "title" in changes and "since it was approved (version 2)" in changes
    assert re.search(r"<ins>[^<]*750 ml</ins>", page.text)  # the seller's addition, as a word diff
    assert 'data-testid="approve"' in page.text  # a stale item is reviewed like a pending one
    assert item in greta.listed(status="stale")
    assert greta.post(f"/review/items/{item}/approve").status_code == 303
    page = greta.get(f"/review/items/{item}")
    assert status_of(greta, item) == "approved" and 'data-testid="source-changes"' not in page.text
    assert "resubmitted" in " ".join(events_of(page))


def test_bulk_approval_approves_only_flag_free_pending_items(queue: Queue, greta: Reviewer) -> None:
    ids = queue.ids
    page = greta.get("/review")
    boxes = set(re.findall(r'name="ids" value="([0-9a-f]+)"', page.text))
    clean = {ids["clean1/de-DE"], ids["clean2/de-DE"], ids["BATCH-1/de-DE"], ids["BATCH-2/de-DE"]}
    assert boxes == clean  # only flag-free items get a checkbox
    greta.post(f"/review/items/{ids['BATCH-2/de-DE']}/reject", {"reason": "duplicate"})
    chosen = [ids["clean1/de-DE"], ids["clean2/de-DE"], ids["BATCH-2/de-DE"], ids["warn/de-DE"],
              ids["lamp/de-DE"], ids["lamp/en-US"], "no-such-id"]
    response = greta.post("/review/bulk-approve", {"ids": chosen, "back": "/review?market=de-DE"})
    assert response.status_code == 303
    assert response.headers["location"] == "/review?market=de-DE&notice=bulk:2"
    assert "Approved 2 flag-free item(s)." in greta.client.get(response.headers["location"]).text
    assert status_of(greta, ids["clean1/de-DE"]) == status_of(greta, ids["clean2/de-DE"]) == "approved"
    assert status_of(greta, ids["BATCH-2/de-DE"]) == "rejected"
    assert status_of(greta, ids["warn/de-DE"]) == status_of(greta, ids["lamp/de-DE"]) == "pending review"
    assert status_of(queue.signed_in("root"), ids["lamp/en-US"]) == "pending review"
    assert any("greta approved: bulk approval" in event
               for event in events_of(greta.get(f"/review/items/{ids['clean1/de-DE']}")))


def test_a_block_flag_stops_approval_until_an_edit_clears_it(queue: Queue, greta: Reviewer) -> None:
    lamp = queue.ids["lamp/de-DE"]
    page = greta.get(f"/review/items/{lamp}")
    assert 'class="sev sev-block">block<' in page.text
    assert "block flag(s): edit the text so they clear" in page.text
    assert "de.claim.made-in-germany" in row_text(page, "title")  # the flag sits on the sentence it concerns

    refused = greta.post(f"/review/items/{lamp}/approve", {"comment": "looks fine"})
    assert refused.status_code == 303 and "notice=blocked" in refused.headers["location"]  # post/redirect/get
    page = greta.client.get(refused.headers["location"])
    assert "Not approved: block flags stand" in page.text
    assert status_of(greta, lamp) == "pending review"

    # an edit that still claims German origin: the rules run again, the flag stays, the edit is kept
    still = greta.post(f"/review/items/{lamp}/approve", {"seg:title:": "Tischleuchte, hergestellt in Deutschland"})
    assert still.status_code == 303 and "notice=blocked" in still.headers["location"]
    page = greta.client.get(still.headers["location"])
    assert "Tischleuchte, hergestellt in Deutschland</textarea>" in page.text
    assert "de.claim.made-in-germany" in row_text(page, "title")
    assert status_of(greta, lamp) == "pending review"

    saved = greta.post(f"/review/items/{lamp}/edit", {"seg:title:": GERMAN_TITLE, "comment": "Herkunft korrigiert",
                                                       "at": "row-title-"})
    location = saved.headers["location"]
    assert saved.status_code == 303 and location.startswith(f"/review/items/{lamp}?") and location.endswith(
        "notice=saved#row-title-")  # back to the sentence being edited
    page = greta.client.get(location)
    assert "Edits saved; rules and checks ran again." in page.text
    assert 'data-testid="blocking"' not in page.text and "de.claim.made-in-germany" not in row_text(page, "title")
    approved = greta.post(f"/review/items/{lamp}/approve", {"comment": "passt"})
    assert approved.status_code == 303
    assert status_of(greta, lamp) == "approved"
    again = greta.post(f"/review/items/{lamp}/approve")
    assert again.status_code == 303 and "notice=decided" in again.headers["location"]  # approved once only


def editor_text(page: Response, field: str) -> str:
    """What a field's editors on an item page hold, sentence rows joined."""
    parser = TextOf("textarea", "data-field", field)
    parser.feed(page.text)
    return " ".join(text.strip() for text in parser.found)


def row_text(page: Response, field: str) -> str:
    """The text of a field's sentence rows on an item page."""
    parser = TextOf("li", "data-field", field)
    parser.feed(page.text)
    return " ".join(parser.found)


def test_history_shows_who_did_what_with_the_diff(queue: Queue, greta: Reviewer, root: Reviewer) -> None:
    lamp = queue.ids["lamp/de-DE"]
    greta.post(f"/review/items/{lamp}/edit", {"title": GERMAN_TITLE, "comment": "Titel übersetzt"})
    root.post(f"/review/items/{lamp}/approve", {"comment": "ok"})
    page = root.get(f"/review/items/{lamp}")
    events = events_of(page)
    assert "localize created: translated by transformers" in events[0]
    assert "greta edited: Titel übersetzt" in events[1]
    assert "title" in events[1]
    assert "root approved: ok" in events[2]
    assert len(events) == 3
    diff = page.text.split('class="history"')[1]
    assert "Germany" in " ".join(re.findall(r"<del>([^<]*)</del>", diff))  # the machine's title went
    inserted = "".join(re.findall(r"<ins>([^<]*)</ins>", diff))
    assert "Tischleuchte" in inserted and "Touch-Schalter" in inserted
    assert "approved by root" in page.text


def test_reject_needs_a_reason_and_moves_to_the_next_item(queue: Queue, greta: Reviewer) -> None:
    warn = queue.ids["warn/de-DE"]
    empty = greta.post(f"/review/items/{warn}/reject", {"reason": "  "})
    assert empty.status_code == 303 and "give a reason" in greta.client.get(empty.headers["location"]).text
    response = greta.post(f"/review/items/{warn}/reject", {"reason": "Hersteller fehlt"})
    assert response.status_code == 303
    assert re.fullmatch(r"/review/items/[0-9a-f]+\?view=status%3Dpending_review&notice=rejected",
                        response.headers["location"])
    assert status_of(greta, warn) == "rejected"
    assert "greta rejected: Hersteller fehlt" in events_of(greta.get(f"/review/items/{warn}"))[-1]
    assert 'id="edit-form"' not in greta.get(f"/review/items/{warn}").text  # decided: no more edits


def test_approved_items_are_in_the_export_as_csv_and_jsonl(queue: Queue, greta: Reviewer) -> None:
    clean = queue.ids["clean1/de-DE"]
    greta.post(f"/review/items/{clean}/edit", {"title": "Trinkflasche aus Edelstahl, 750 ml"})
    greta.post(f"/review/items/{clean}/approve")
    response = greta.get("/review/export", market="de-DE", format="csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert 'attachment; filename="de-DE-approved.csv"' == response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))  # the plain profile, with a BOM
    assert [(row["sku"], row["title"], row["status"], row["ready"], row["reviewed_by"]) for row in rows] == [
        ("DE-CLEAN-1", "Trinkflasche aus Edelstahl, 750 ml", "approved", "yes", "greta")]
    amazon = greta.get("/review/export", market="de-DE", profile="amazon")
    assert 'attachment; filename="amazon-de-DE-approved.txt"' == amazon.headers["content-disposition"]
    [row] = csv.DictReader(io.StringIO(amazon.content.decode("utf-8-sig")), delimiter="\t")
    assert (row["item_sku"], row["item_name"]) == ("DE-CLEAN-1", "Trinkflasche aus Edelstahl, 750 ml")
    response = greta.get("/review/export", market="de-DE", format="jsonl")
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert [(line["id"], line["status"], line["title"]) for line in lines] == [
        (clean, "approved", "Trinkflasche aus Edelstahl, 750 ml")]
    assert greta.get("/review/export", market="de-DE", format="xml").status_code == 422
    assert greta.get("/review/export", market="de-DE", profile="nope").status_code == 422
    assert greta.get("/review/export", market="nonsense").status_code == 422


def test_an_approval_is_shown_as_memory_on_the_next_same_listing(queue: Queue, greta: Reviewer) -> None:
    with queue.app.state.sessions.begin() as session:
        key = create_api_key(session, "acme")
    api = queue.client()

    def submit(sku: str) -> str:
        listing = {"sku": sku, "title": "复古徽章胸针", "source_lang": "zh"}
        response = api.post("/v1/listings", json={"listing": listing, "markets": ["de-DE"]},
                            headers={"Authorization": f"Bearer {key}"})
        assert response.status_code == 201, response.text
        return response.json()["localizations"][0]["id"]

    first = submit("PIN-1")
    page = greta.get(f"/review/items/{first}")
    assert "from translation memory" not in page.text
    approved = greta.post(f"/review/items/{first}/approve", {"title": "Retro-Anstecknadel"})
    assert approved.status_code == 303
    page = greta.get(f"/review/items/{submit('PIN-2')}")
    assert 'data-testid="engine">all 1 sentence(s) from translation memory<' in page.text
    assert editor_text(page, "title") == "Retro-Anstecknadel"


def test_a_listing_cannot_arrive_approved(queue: Queue, greta: Reviewer) -> None:
    """Seller fields named like the output's own (status, reviewed_by, id) never skip the review."""
    with queue.app.state.sessions.begin() as session:
        key = create_api_key(session, "acme")
    listing = {"sku": "SELF-1", "title": "Trinkflasche aus Edelstahl", "source_lang": "de", "bullets": [MAKER],
               "status": "approved", "reviewed_by": "greta", "id": "chosen-by-the-seller"}
    response = queue.client().post("/v1/listings", json={"listing": listing, "markets": ["de-DE"]},
                                   headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 201, response.text
    ref = response.json()["localizations"][0]
    assert ref["status"] == "pending_review" and ref["id"] != "chosen-by-the-seller"
    assert ref["id"] in greta.listed(sku="SELF-")
    assert status_of(greta, ref["id"]) == "pending review"
    assert "SELF-1" not in greta.get("/review/export", market="de-DE").text


# --- redirects -----------------------------------------------------------------------------------

@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/review", "/\\evil.example",
                                    "http:/review", "javascript:alert(1)", "/reviewer/../../x", " /review"])
def test_next_never_leaves_the_queue(queue: Queue, target: str) -> None:
    client = queue.client()
    form = client.get("/review/login", params={"next": target})
    assert 'name="next" value="/review"' in form.text
    response = sign_in(client, "greta", PASSWORD, next=target)
    assert response.status_code == 303
    assert response.headers["location"] == "/review"
    back = client.post("/review/bulk-approve", data={"csrf_token": csrf_of(client.get("/review")), "back": target})
    assert back.headers["location"] == "/review?notice=bulk:0"


def test_next_inside_the_queue_is_kept(queue: Queue) -> None:
    client = queue.client()
    target = f"/review/items/{queue.ids['lamp/de-DE']}"
    assert sign_in(client, "greta", PASSWORD, next=target).headers["location"] == target


def test_a_form_posted_after_the_session_ended_comes_back_to_its_page(queue: Queue, greta: Reviewer) -> None:
    lamp = queue.ids["lamp/de-DE"]
    greta.client.cookies.delete("localize_session")
    response = greta.post(f"/review/items/{lamp}/approve")
    assert response.status_code == 303
    target = response.headers["location"]
    assert target == "/review/login?next=" + f"/review/items/{lamp}".replace("/", "%2F")
    assert sign_in(greta.client, "greta", PASSWORD, next=f"/review/items/{lamp}").headers["location"] == (
        f"/review/items/{lamp}")


# --- HTML in listing text stays text -------------------------------------------------------------

class Inert(HTMLParser):
    """Collects anything on a page that could run: script elements other than our own file, elements
    that load or embed, event-handler attributes, javascript: URLs; and the page's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src") != "/static/review.js":
            self.live.append(f"<script {attrs}>")
        if tag in ("img", "iframe", "object", "embed", "svg", "math", "base", "meta") and not (
                tag == "meta" and set(values) <= {"charset", "name", "content"}):
            self.live.append(f"<{tag} {attrs}>")
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith(("javascript:", "data:text")):
                self.live.append(f"<{tag} {name}={value!r}>")

        if tag in ("input", "option") and values.get("value"):
            self.text.append(values["value"])  # what a form field shows

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def assert_inert(response: Response, shows: tuple[str, ...] = (PAYLOAD,)) -> None:
    """The page carries its CSP, holds no live markup from the payload, and shows it as text."""
    csp = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    for raw in (SCRIPT, IMG, "<img"):
        assert raw not in html, f"{raw!r} unescaped in {response.request.url}"
    parser = Inert()
    parser.feed(html)
    parser.close()
    assert parser.live == [], response.request.url
    text = "".join(parser.text)
    for shown in shows:
        assert shown in text, f"{shown!r} not shown as text on {response.request.url}"


def test_listing_html_is_escaped_and_inert_on_every_page(queue: Queue, greta: Reviewer) -> None:
    xss = queue.ids["xss/de-DE"]
    sku = "X-" + PAYLOAD
    # the queue: the listed SKU and title, and filter values echoed into the form
    assert_inert(greta.get("/review"), shows=(sku,))
    assert_inert(greta.get("/review", sku="X-"), shows=(sku,))
    filtered = greta.get("/review", sku=PAYLOAD, batch=PAYLOAD[:64])
    assert_inert(filtered)
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"' in filtered.text

    # the item page as the machine left it: the source of every field, the target, the flags, the form
    page = greta.get(f"/review/items/{xss}")
    assert_inert(page, shows=(sku, "台灯 " + PAYLOAD))
    shown = Inert()
    shown.feed(page.text)
    assert "".join(shown.text).count("<script>alert(1)</script>") >= 6  # as text: SKU, title, every source field

    # an edit that writes the payload into every field, with the payload as the comment: the target
    # column, the edit form, the flags the checks raise on it, and the history's diff
    edits = {"title": "Lampe " + PAYLOAD, "description": PAYLOAD, "bullets": PAYLOAD, "keywords": f"{PAYLOAD}\nLampe",
             "colors": PAYLOAD, "comment": PAYLOAD}
    edited = greta.post(f"/review/items/{xss}/edit", edits)
    assert edited.status_code == 303
    page = greta.client.get(edited.headers["location"])
    assert_inert(page)
    for name, expected in (("title", "Lampe " + PAYLOAD), ("description", PAYLOAD), ("bullets[0]", PAYLOAD),
                           ("keywords[0]", PAYLOAD), ("keywords[1]", "Lampe"), ("colors[0]", PAYLOAD)):
        assert editor_text(page, name) == expected, name
    event = events_of(page)[-1]
    assert f"greta edited: {PAYLOAD}" in event and "title" in event and "Lampe" in event

    # the 409 page of an approval refused, with the payload in the draft and the comment
    refused = greta.post(f"/review/items/{xss}/approve", {"description": PAYLOAD + " 台灯", "comment": PAYLOAD})
    assert refused.status_code == 303 and "notice=blocked" in refused.headers["location"]
    assert_inert(greta.client.get(refused.headers["location"]))

    # a rejection whose reason is the payload; then the decided item page and the queue of rejections
    assert greta.post(f"/review/items/{xss}/reject", {"reason": PAYLOAD}).status_code == 303
    page = greta.get(f"/review/items/{xss}")
    assert_inert(page)
    assert f"greta rejected: {PAYLOAD}" in events_of(page)[-1]
    assert_inert(greta.get("/review", status="rejected"), shows=(sku, "Lampe " + PAYLOAD))

    # an approval with the payload as its comment
    clean = queue.ids["clean1/de-DE"]
    greta.post(f"/review/items/{clean}/approve", {"comment": PAYLOAD})
    assert_inert(greta.get(f"/review/items/{clean}"))

    # the admin's view of the same pages
    root = queue.signed_in("root")
    assert_inert(root.get("/review", status=""), shows=(sku,))
    assert_inert(root.get(f"/review/items/{xss}"))


def test_login_and_error_pages_escape_what_they_echo(queue: Queue, greta: Reviewer) -> None:
    client = queue.client()
    wrong = sign_in(client, PAYLOAD, "whatever-password", next="/review" + PAYLOAD)
    assert wrong.status_code == 401
    assert_inert(wrong)  # the username is echoed into the form, and the next path too
    expired = client.post("/review/login", data={"username": PAYLOAD, "password": "x", "login_token": PAYLOAD,
                                                 "next": "/review" + PAYLOAD})
    assert expired.status_code == 403
    assert_inert(expired, shows=())
    assert_inert(client.get("/review/login", params={"next": "/review?sku=" + PAYLOAD}), shows=())
    assert_inert(client.get("/review/login", params={"notice": PAYLOAD}), shows=())

    # error pages: an unknown item, another market's item, a refused form, a bad query, an unknown page
    for response, status in ((greta.get(f"/review/items/{PAYLOAD}"), 404),
                             (greta.get(f"/review/items/{queue.ids['towel/ja-JP']}"), 404),
                             (greta.post(f"/review/items/{queue.ids['xss/de-DE']}/approve", {"csrf_token": PAYLOAD},
                                         csrf=False), 403),
                             (greta.get("/review/export", market=PAYLOAD), 422),
                             (greta.get("/review", page=PAYLOAD), 422),
                             (greta.get("/review/" + PAYLOAD), 404)):
        assert response.status_code == status, response.request.url
        assert_inert(response, shows=())


def test_static_files_are_served_without_a_cdn(queue: Queue, greta: Reviewer) -> None:
    page = greta.get("/review").text
    assert re.findall(r'(?:src|href)="(https?:)?//', page) == []
    for path in ("/static/review.css", "/static/review.js"):
        assert queue.client().get(path).status_code == 200


def test_the_queue_orders_by_confidence_and_the_item_shows_it_per_field(queue: Queue, root: Reviewer) -> None:
    page = root.get("/review", sort="confidence", status="")
    shown = re.findall(r'data-testid="confidence">([^<]*)<', page.text)
    numbers = [float(value) for value in shown if value != "–"]
    assert numbers and numbers == sorted(numbers)
    assert shown[len(numbers):] == ["–"] * (len(shown) - len(numbers))  # nothing translated: last
    assert '<option value="confidence" selected>least confident first</option>' in page.text
    least_sure = root.get(f"/review/items/{root.listed(sort='confidence', status='')[0]}")
    badges = dict(re.findall(r'data-testid="confidence-([^"]+)"[^>]*>([\d.]+)<', least_sure.text))
    assert badges and all(re.fullmatch(r"title|description|(bullets|keywords|colors)\[\d+\]", name) for name in badges)
    assert min(float(value) for value in badges.values()) == numbers[0]  # the item's is its least sure field's
    assert root.get("/review", sort="nonsense").status_code == 200  # an unknown order is the default one


# --- triage: acknowledging warnings, approving by filter, filters by rule, confidence and text --------

RESPONSIBLE = "eu.required.responsible-person"  # warn: nobody in the EU named for the product


def acknowledge(reviewer: Reviewer, item: str, rule: str, field: str, reason: str, view: str = "") -> Response:
    return reviewer.post(f"/review/items/{item}/acknowledge", {"rule": rule, "field": field, "reason": reason,
                                                               "view": view})


def flag_card(page: Response, rule: str) -> str:
    """The markup of the item page's (first) card of a rule's flag."""
    return re.search(rf'<li class="flag[^"]*" data-testid="flag" data-rule="{re.escape(rule)}">.*?</li>', page.text,
                     re.DOTALL).group(0)


def test_a_warning_is_acknowledged_with_a_reason_and_a_block_flag_never(queue: Queue, greta: Reviewer) -> None:
    warn, lamp = queue.ids["warn/de-DE"], queue.ids["lamp/de-DE"]
    page = greta.get(f"/review/items/{warn}")
    card = flag_card(page, RESPONSIBLE)
    assert 'data-testid="acknowledge"' in card and 'aria-label="Acknowledge eu.required' in card
    form = re.search(r'<input name="reason" form="([\w-]+)"', card).group(1)
    assert re.search(rf'<form method="post" action="/review/items/{warn}/acknowledge" id="{form}"', page.text)
    assert 'data-testid="acknowledge"' not in flag_card(greta.get(f"/review/items/{lamp}"), "de.claim.made-in-germany")

    response = acknowledge(greta, warn, RESPONSIBLE, "listing", "Maker named on the box", view="market=de-DE")
    assert response.status_code == 303
    assert response.headers["location"] == f"/review/items/{warn}?view=market%3Dde-DE&notice=acknowledged#flags"
    page = greta.client.get(response.headers["location"])
    assert "Flag acknowledged" in page.text
    card = flag_card(page, RESPONSIBLE)
    assert 'class="flag sev-warn acknowledged"' in card and 'data-testid="acknowledge"' not in card
    assert "acknowledged by <b>greta</b>: Maker named on the box" in card
    assert f"greta acknowledged: {RESPONSIBLE} in listing: Maker named on the box" in events_of(page)[-1]

    for item, rule, flagged, reason, notice, says in (
            (lamp, "de.claim.made-in-germany", "title", "the seller insists", "ack-block", "a block flag cannot be"),
            (warn, "de.claim.gs-mark", "title", "no such flag", "ack-gone", "no longer on the item"),
            (lamp, RESPONSIBLE, "listing", "  ", "ack-reason", "give a reason"),
            (lamp, RESPONSIBLE, "listing", "x" * 2001, "ack-reason", "give a reason")):
        refused = acknowledge(greta, item, rule, flagged, reason)
        assert refused.status_code == 303 and f"notice={notice}#flags" in refused.headers["location"]  # never a page
        assert says in greta.client.get(refused.headers["location"]).text
    assert "acknowledged by" not in greta.get(f"/review/items/{lamp}").text
    assert acknowledge(greta, queue.ids["towel/ja-JP"], RESPONSIBLE, "listing", "not mine").status_code == 404
    assert greta.post(f"/review/items/{warn}/approve").status_code == 303
    assert "notice=decided" in acknowledge(greta, warn, RESPONSIBLE, "listing", "again").headers["location"]


def test_approving_by_filter_takes_the_filtered_items_whose_flags_left_are_below_the_level(
        queue: Queue, greta: Reviewer) -> None:
    ids = queue.ids
    clean = {ids[f"{name}/de-DE"] for name in ("clean1", "clean2", "BATCH-1", "BATCH-2")}
    acknowledge(greta, ids["warn/de-DE"], RESPONSIBLE, "listing", "Maker named on the box")
    page = greta.get("/review", market="de-DE")
    assert '<option value="none">no flag: 5 item(s)</option>' in page.text  # the flag-free and the acknowledged

    view = "market=de-DE&status=pending_review&q=trinkflasche"
    response = greta.post("/review/approve-filtered", {"level": "none", "view": view})
    assert response.status_code == 303 and response.headers["location"] == f"/review?{view}&notice=triaged:2"
    assert "Approved 2 item(s) in this filter." in greta.client.get(response.headers["location"]).text
    assert set(greta.listed(status="approved")) == {ids["warn/de-DE"], ids["clean1/de-DE"]}
    last = events_of(greta.get(f"/review/items/{ids['warn/de-DE']}"))[-1]
    assert "greta approved: approved by filter, leaving no flag unacknowledged" in last

    assert greta.post("/review/approve-filtered", {"level": "none"}).headers["location"] == "/review?notice=triaged:3"
    assert set(greta.listed(status="approved")) == clean | {ids["warn/de-DE"]}
    greta.post("/review/approve-filtered", {"level": "warn", "view": "market=de-DE"})
    assert greta.listed(market="de-DE") == [ids["lamp/de-DE"]]  # a block flag is never approved by filter
    assert status_of(queue.signed_in("root"), ids["lamp/en-US"]) == "pending review"  # another market: not greta's
    assert greta.post("/review/approve-filtered", {"level": "block"}).status_code == 422


def test_the_queue_filters_by_rule_confidence_and_text(queue: Queue, greta: Reviewer) -> None:
    ids = queue.ids
    lamp, xss = ids["lamp/de-DE"], ids["xss/de-DE"]
    localizer = queue.app.state.localizer
    with queue.app.state.sessions() as session:
        seller_id = session.get_one(models.Localization, lamp).seller_id
    listing = Listing.model_validate({"sku": "DE-PCT", "title": "Trinkflasche, 100% dicht", "source_lang": "de",
                                      "bullets": [MAKER]})
    (percent,) = [row.id for row in localizer.localize_listing(seller_id, listing, [localizer.market("de-DE")])
                  .localizations]

    assert greta.listed(rule="de.claim.made-in-germany") == [lamp]
    assert greta.listed(rule="de.claim") == []  # a rule id, not a prefix
    translated = set(greta.listed(confidence_below="100"))
    assert xss in translated and not translated & {ids["clean1/de-DE"], percent}  # German for Germany: no MT
    assert greta.listed(confidence_below="0") == [] and len(greta.listed(confidence_below="")) == 8
    assert set(greta.listed(q="台灯")) == {lamp, xss}  # the Chinese source
    assert set(greta.listed(q="TRINKFLASCHE")) == {ids["clean1/de-DE"], ids["warn/de-DE"], percent}
    assert greta.listed(q="%") == greta.listed(q="100% d") == [percent]  # LIKE wildcards are literal
    assert greta.listed(q="_") == []
    page = greta.get("/review", q="台灯", rule="de.claim.made-in-germany")
    assert 'data-testid="total">1<' in page.text and 'value="台灯"' in page.text
    page = greta.get("/review", q="Trinkflasche", rule=RESPONSIBLE)  # approving by filter takes the filters along
    assert 'data-testid="total">1<' in page.text
    assert '<option value="warn">warn and info flags: 1 item(s)</option>' in page.text
    assert "rule=eu.required.responsible-person&amp;confidence_below=&amp;q=Trinkflasche&amp;sort=created" in page.text
    assert greta.get("/review", q="x" * 201).status_code == 422


# --- back-translation -------------------------------------------------------------------------------

def test_a_back_translation_is_shown_on_request_marked_and_never_stored(
        tiny_models: Path, rates_file: Path, tmp_path: Path) -> None:
    """A German item back-translated into English for a reviewer who reads no German. The demo
    has no de-en model, so the en-de one stands in for it: what is tested is the page (shown on
    request, per sentence, marked, never exported), not the quality of the translation."""
    models_file = tmp_path / "models.toml"
    models_file.write_text(f'default = ""\n"en-de" = "{tiny_models / "en-de"}"\n"de-en" = "{tiny_models / "en-de"}"\n',
                      encoding="utf-8")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'store.db'}", models=models_file, rates=rates_file,
                        worker=False)
    app = create_app(settings)
    with TestClient(app, follow_redirects=False) as client:
        with app.state.sessions.begin() as session:
            add_user(session, "greta", PASSWORD, "reviewer", ["de-DE"])
            key = create_api_key(session, "acme")
        listing = {"sku": "BT-1", "title": "Trinkflasche aus Edelstahl. Hält Getränke kalt.", "source_lang": "de"}
        created = client.post("/v1/listings", json={"listing": listing, "markets": ["de-DE"]},
                              headers={"Authorization": f"Bearer {key}"})
        item = created.json()["localizations"][0]["id"]
        assert sign_in(client, "greta", PASSWORD).status_code == 303
        plain = client.get(f"/review/items/{item}")
        assert 'data-testid="back-title:0"' not in plain.text
        assert 'data-testid="show-back-translation"' in plain.text
        shown = client.get(f"/review/items/{item}", params={"back": "1"})
        back = re.findall(r'data-testid="back-title:(\d)">(.*?)</p>', shown.text, re.S)
        assert [index for index, _ in back] == ["0", "1"] and all("not exported" in text for _, text in back)
        assert "back-translation" in shown.text and 'lang="en"' in shown.text
        with app.state.sessions() as session:  # nothing of it is stored
            assert "not exported" not in json.dumps(session.get_one(models.Localization, item).data)

    # no model back: the page says so, and the item still works
    models_file.write_text(f'default = ""\n"en-de" = "{tiny_models / "en-de"}"\n', encoding="utf-8")
    app = create_app(settings)
    with TestClient(app, follow_redirects=False) as client:
        assert sign_in(client, "greta", PASSWORD).status_code == 303
        page = client.get(f"/review/items/{item}", params={"back": "1"})
        assert page.status_code == 200
        assert re.search(r'data-testid="back-status">No back-translation: de-&gt;en', page.text)
