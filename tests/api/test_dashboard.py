"""`/review/dashboard`: progress and what needs review per market, counted after an approval; the
flags chart's bars (parsed as XML) per rule and market, capped to the top rules; a reviewer's
markets only; the batch picker and its filter; the items waiting longest first; labels full of
markup escaped in the page and in the SVG; sign-in required.

Listings are in each market's own language (German for de-DE, Japanese for ja-JP), so nothing
needs a translation model."""

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from support import PASSWORD, csrf_of, sign_in

from api.app import create_app
from api.charts import flags_chart
from localize.settings import Settings
from localize.store import models
from localize.store.accounts import add_user, create_api_key
from localize.store.overview import OTHER_RULES, FlagTable, flags_by_rule
from localize.store.queue import Filters, Scope

MAKER = "Hersteller: Mirelo Ltd., Shenzhen; EU-Verantwortlicher: Mirelo GmbH, Berlin"
PAYLOAD = "<script>alert(1)</script>"
RESPONSIBLE = "eu.required.responsible-person"  # warn: no manufacturer or EU responsible person named
CLAIM = "de.claim.made-in-germany"  # block
# The batch: two listings with a manufacturer (no flags), one without (a warn flag).
CATALOG = ("sku,title,bullets,source_lang\n"
           f'BATCH-1,Kaffeebecher aus Keramik,"{MAKER}",de\n'
           f'BATCH-2,Teekanne aus Glas,"{MAKER}",de\n'
           "BATCH-3,Brotdose aus Edelstahl,,de\n").encode()
LISTINGS = [
    ({"sku": "DE-1", "title": "Trinkflasche aus Edelstahl", "source_lang": "de"}, ["de-DE"]),  # warn
    ({"sku": PAYLOAD, "title": "Trinkflasche Made in Germany", "source_lang": "de"}, ["de-DE"]),  # warn and block
    ({"sku": "JA-1", "title": "タオル 4枚組", "source_lang": "ja"}, ["ja-JP"]),  # warn: ja.number.four
]


@pytest.fixture
def client(rates_file: Path, tmp_path: Path) -> Iterator[TestClient]:
    """Reviewers for de-DE and ja-JP and an admin; the listings above stored, the batch processed.
    `client.ids` maps "SKU/market" to the localisation's id."""
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'store.db'}", rates=rates_file, worker=False)
    with TestClient(create_app(settings)) as client:
        with client.app.state.sessions.begin() as session:
            add_user(session, "greta", PASSWORD, "reviewer", ["de-DE"])
            add_user(session, "yuki", PASSWORD, "reviewer", ["ja-JP"])
            add_user(session, "root", PASSWORD, "admin", [])
            shop = {"Authorization": f"Bearer {create_api_key(session, 'shop')}"}
        client.ids = {}
        for listing, markets in LISTINGS:
            stored = client.post("/v1/listings", json={"listing": listing, "markets": markets}, headers=shop)
            assert stored.status_code == 201, stored.text
            client.ids.update({f"{listing['sku']}/{ref['market']}": ref["id"]
                               for ref in stored.json()["localizations"]})
        accepted = client.post("/v1/batches", files={"file": ("mugs.csv", CATALOG, "text/csv")},
                               data={"markets": "de-DE"}, headers=shop)
        assert accepted.status_code == 202, accepted.text
        client.batch_id = accepted.json()["batch_id"]
        client.app.state.localizer.process_batch(client.batch_id)
        items = client.get("/v1/localizations", params={"batch_id": client.batch_id}, headers=shop).json()["items"]
        client.ids.update({f"{item['sku']}/{item['market']}": item["id"] for item in items})
        yield client


def dashboard(client: TestClient, username: str, **params: str) -> Response:
    assert sign_in(client, username, PASSWORD).status_code == 200
    page = client.get("/review/dashboard", params=params)
    assert page.status_code == 200, page.text
    return page


def progress(page: Response) -> dict[str, dict[str, int]]:
    """Each market row's counts: {"de-DE": {"total": 5, "ready": 1, ...}}."""
    rows = re.findall(r'<tr data-market="([^"]+)" data-testid="market-progress">(.*?)</tr>', page.text, re.S)
    return {market: {name: int(n) for name, n in re.findall(r'data-count="(\w+)">(\d+)<', row)}
            for market, row in rows}


def chart(markup: str) -> ET.Element:
    svg = re.search(r"<svg .*?</svg>", markup, re.S)
    assert svg is not None
    return ET.fromstring(svg.group(0))  # well-formed XML, or this fails


def bars(markup: str) -> dict[tuple[str, str], int]:
    """The chart's bars: (rule, market) -> items."""
    return {(rect.get("data-rule", ""), rect.get("data-market", "")): int(rect.get("data-count", ""))
            for rect in chart(markup).iter("{http://www.w3.org/2000/svg}rect") if rect.get("data-rule")}


def slowest(page: Response) -> list[str]:
    return re.findall(r'data-testid="slowest" data-id="([0-9a-f]+)"', page.text)


def test_progress_counts_what_is_ready_and_what_needs_review_and_an_approval_moves_them(client: TestClient) -> None:
    before = progress(dashboard(client, "greta"))
    assert before == {"de-DE": {"decided": 0, "total": 5, "ready": 0, "rejected": 0, "pending_review": 5, "stale": 0,
                                "unflagged": 2, "minor": 2, "blocked": 1}}

    csrf = csrf_of(client.get("/review/dashboard"))
    approved = client.post(f"/review/items/{client.ids['BATCH-1/de-DE']}/approve", data={"csrf_token": csrf},
                           follow_redirects=False)
    assert approved.status_code == 303, approved.text
    page = client.get("/review/dashboard")
    assert progress(page)["de-DE"] == {"decided": 1, "total": 5, "ready": 1, "rejected": 0, "pending_review": 4,
                                       "stale": 0, "unflagged": 1, "minor": 2, "blocked": 1}
    assert "(20%)" in page.text
    assert re.search(r'<progress max="5" value="1"', page.text)


def test_the_chart_has_a_bar_per_rule_and_market_linking_to_the_queue(client: TestClient) -> None:
    page = dashboard(client, "root")
    assert bars(page.text) == {(RESPONSIBLE, "de-DE"): 3, (CLAIM, "de-DE"): 1, ("ja.number.four", "ja-JP"): 1}
    svg = chart(page.text)
    assert svg.get("role") == "group" and RESPONSIBLE in svg.get("aria-label", "")
    assert "/review?market=de-DE&amp;status=pending_review&amp;rule=de.claim.made-in-germany" in page.text
    assert progress(page)["all"]["total"] == 6  # a row for all markets when there are several
    table = re.search(r'<table class="visually-hidden" data-testid="flags-table">(.*?)</table>', page.text, re.S)
    assert table and re.search(rf"<th scope=\"row\">{RESPONSIBLE}</th><td>3</td><td>0</td><td>3</td>", table.group(1))


def test_rules_past_the_top_ones_are_summed_as_other_rules(client: TestClient) -> None:
    with client.app.state.sessions() as session:
        table = flags_by_rule(session, Scope(), Filters(), top=1)
    assert table.rules == [RESPONSIBLE, OTHER_RULES]
    assert table.counts == {(RESPONSIBLE, "de-DE"): 3, (OTHER_RULES, "de-DE"): 1, (OTHER_RULES, "ja-JP"): 1}


def test_a_reviewer_sees_only_their_markets(client: TestClient) -> None:
    page = dashboard(client, "greta")
    assert set(progress(page)) == {"de-DE"} and "ja-JP" not in page.text
    assert all(market == "de-DE" for _, market in bars(page.text))
    assert client.get("/review/dashboard", params={"market": "ja-JP"}).status_code == 404

    page = dashboard(client, "yuki")
    assert progress(page) == {"ja-JP": {"decided": 0, "total": 1, "ready": 0, "rejected": 0, "pending_review": 1,
                                        "stale": 0, "unflagged": 0, "minor": 1, "blocked": 0}}
    assert bars(page.text) == {("ja.number.four", "ja-JP"): 1}


def test_the_batch_picker_lists_the_batch_and_choosing_it_counts_only_its_items(client: TestClient) -> None:
    page = dashboard(client, "greta")
    picker = re.search(r'<select name="batch" data-testid="batch-picker">(.*?)</select>', page.text, re.S)
    assert picker is not None
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', picker.group(1))
    assert options[0] == ("", "all batches")
    assert options[1][0] == client.batch_id and re.match(r"mugs\.csv · shop · \d{4}-\d\d-\d\d \d\d:\d\d · 3/3",
                                                         options[1][1])

    chosen = client.get("/review/dashboard", params={"batch": client.batch_id})
    assert f'<option value="{client.batch_id}" selected>' in chosen.text
    assert progress(chosen)["de-DE"]["total"] == 3 and progress(chosen)["de-DE"]["unflagged"] == 2
    assert bars(chosen.text) == {(RESPONSIBLE, "de-DE"): 1}
    assert f"rule={RESPONSIBLE}&amp;batch={client.batch_id}" in chosen.text
    assert {client.ids[f"BATCH-{n}/de-DE"] for n in (1, 2, 3)} == set(slowest(chosen))


def test_the_items_waiting_longest_come_first_and_decided_ones_are_left_out(client: TestClient) -> None:
    now = datetime.now(UTC)
    ages = {"DE-1/de-DE": timedelta(days=3), f"{PAYLOAD}/de-DE": timedelta(days=2), "BATCH-3/de-DE": timedelta(hours=1)}
    with client.app.state.sessions.begin() as session:
        for key, age in ages.items():
            session.get_one(models.Localization, client.ids[key]).updated_at = now - age
        session.get_one(models.Localization, client.ids["BATCH-1/de-DE"]).status = "approved"
    page = dashboard(client, "greta")
    assert slowest(page) == [client.ids[key] for key in
                             ("DE-1/de-DE", f"{PAYLOAD}/de-DE", "BATCH-3/de-DE", "BATCH-2/de-DE")]
    assert ">3 d 0 h</time>" in page.text and ">1 h 0 min</time>" in page.text
    assert f'href="/review/items/{client.ids["DE-1/de-DE"]}"' in page.text


def test_markup_in_a_sku_or_a_rule_id_stays_text(client: TestClient) -> None:
    page = dashboard(client, "greta")
    assert PAYLOAD not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text

    hostile = FlagTable(rules=[PAYLOAD, 'a"b&c'], markets=['"><img src=x>', "de-DE"],
                        counts={(PAYLOAD, '"><img src=x>'): 2, ('a"b&c', "de-DE"): 1})
    markup = str(flags_chart(hostile, lambda rule, market: f"/review?rule={rule}&market={market}"))
    assert PAYLOAD not in markup and "<img" not in markup
    assert bars(markup) == {(PAYLOAD, '"><img src=x>'): 2, ('a"b&c', "de-DE"): 1}  # the text survives as text
    links = [a.get("href") for a in chart(markup).iter("{http://www.w3.org/2000/svg}a")]
    assert links == [f'/review?rule={PAYLOAD}&market="><img src=x>', '/review?rule=a"b&c&market=de-DE']


def test_the_dashboard_needs_sign_in(client: TestClient) -> None:
    response = client.get("/review/dashboard", params={"batch": client.batch_id}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/review/login?next=%2Freview%2Fdashboard%3Fbatch%3D")
