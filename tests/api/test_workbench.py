"""The reviewer's workbench in Debian's chromium (Playwright), at 1400x900.

A de-DE reviewer filters the queue to block flags, opens the first item, fixes the sentence a block
flag sits on in place, acknowledges a warning, approves and lands on the next item of the same
filter, bulk-approves the acknowledged set, and sees the dashboard's chart. On the example catalog
localised for de-DE, every item's first editable sentence is in view without scrolling, and the
queue, an item and the dashboard pass axe-core (vendored in tests/vendor) with no serious or
critical violation. Screenshots of each step are kept in the test's folder; on a failure, the page
as it was is saved there too.

Without /usr/bin/chromium this test fails, unless LOCALIZE_SKIP_BROWSER=1 says to skip it."""

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import ROOT
from support import CHROMIUM_ARGS, PASSWORD, Served, require_chromium, serving

from api.app import create_app
from localize.settings import Settings
from localize.store import models
from localize.store.accounts import add_user, create_api_key, seller_named

VIEWPORT = {"width": 1400, "height": 900}
AXE = ROOT / "tests" / "vendor" / "axe.min.js"
MAKER = "Hersteller: Mirelo Ltd., Shenzhen; EU-Verantwortlicher: Mirelo GmbH, Berlin"
CLAIM = "de.claim.made-in-germany"  # block
RESPONSIBLE = "eu.required.responsible-person"  # warn
# German listings for Germany: nothing to translate, so the text and its flags are known.
LISTINGS = [
    {"sku": "WB-1", "title": "Tischleuchte Made in Germany. Dimmbar in drei Stufen.", "source_lang": "de"},
    {"sku": "WB-2", "title": "Stehleuchte Made in Germany", "source_lang": "de", "bullets": [MAKER]},
    {"sku": "WB-3", "title": "Trinkflasche aus Edelstahl", "source_lang": "de"},
    {"sku": "WB-4", "title": "Brotdose aus Edelstahl", "source_lang": "de"},
]
FIXED = "Tischleuchte mit Touch-Schalter."


@pytest.fixture
def served(models_env: Path, tmp_path: Path) -> Iterator[Served]:
    with serving(create_app(Settings(database_url=f"sqlite:///{tmp_path / 'workbench.db'}", worker=False))) as served:
        yield served


def seed(served: Served) -> dict[str, str]:
    """A de-DE reviewer, the listings above through the API; the ids by SKU."""
    with served.app.state.sessions.begin() as session:
        add_user(session, "greta", PASSWORD, "reviewer", ["de-DE"])
        key = create_api_key(session, "acme")
    ids = {}
    with httpx.Client(base_url=served.url, headers={"Authorization": f"Bearer {key}"}, trust_env=False,
                      timeout=60) as api:
        for listing in LISTINGS:
            response = api.post("/v1/listings", json={"listing": listing, "markets": ["de-DE"]})
            assert response.status_code == 201, response.text
            ids[listing["sku"]] = response.json()["localizations"][0]["id"]
    return ids


def axe_violations(page) -> list[str]:
    """The serious and critical violations axe-core finds on the page (WCAG 2.1 A and AA rules)."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated by the browser, so the page's CSP allows it
    result = page.evaluate("""async () => {
        const found = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}});
        return found.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '));
    }""")
    return list(result)


def test_a_reviewer_triages_fixes_and_approves_through_a_filter(request: pytest.FixtureRequest,
                                                                tmp_path: Path) -> None:
    chromium = require_chromium()
    from playwright.sync_api import expect, sync_playwright

    served: Served = request.getfixturevalue("served")
    ids = seed(served)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        page = browser.new_context(base_url=served.url, viewport=VIEWPORT).new_page()
        page.set_default_timeout(15_000)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            page.goto("/review/login")
            page.fill("input[name=username]", "greta")
            page.fill("input[name=password]", PASSWORD)
            page.click("button:has-text('Sign in')")

            # the queue filtered to de-DE and block flags: the two "Made in Germany" items
            page.select_option("select[name=market]", "de-DE")
            page.select_option("select[name=severity]", "block")
            page.click("button:has-text('Filter')")
            expect(page.get_by_test_id("total")).to_have_text("2")
            assert axe_violations(page) == []
            page.locator("tr.row a").first.click()

            # the first item: the block flag on the sentence it concerns, the editor right below it
            expect(page.get_by_test_id("sku")).to_have_text("WB-1")
            expect(page.get_by_test_id("position")).to_have_text("1 of 2 in this view")
            first_row = page.locator("li.segment").first
            expect(first_row.locator("li.flag.sev-block")).to_contain_text(CLAIM)
            editor = first_row.locator("textarea.segment-target")
            assert editor.bounding_box()["y"] + editor.bounding_box()["height"] <= VIEWPORT["height"]
            assert page.evaluate("window.scrollY") == 0
            assert axe_violations(page) == []
            page.screenshot(path=str(tmp_path / "1-item.png"))

            # fix that sentence in place: the other sentence is kept as it was
            editor.fill(FIXED)
            page.get_by_test_id("save").click()
            expect(page.get_by_role("status")).to_have_text("Edits saved; rules and checks ran again.")
            expect(page).to_have_url(re.compile(r"view=.*severity%3Dblock.*#row-title-0$"))
            expect(page.locator("li.flag.sev-block")).to_have_count(0)
            expect(page.locator("li.segment").nth(1).locator("textarea")).to_have_value("Dimmbar in drei Stufen.")

            # acknowledge a warning, with a reason
            warning = page.locator("li.flag.sev-warn", has_text=RESPONSIBLE)
            warning.get_by_test_id("acknowledge-reason").fill("Im Impressum des Shops genannt")
            warning.get_by_role("button", name=re.compile("Acknowledge")).click()
            expect(page.locator("li.flag.acknowledged", has_text=RESPONSIBLE)).to_contain_text(
                "acknowledged by greta: Im Impressum des Shops genannt")

            # approve and next: the next item of the same filter
            page.keyboard.press("a")
            expect(page.get_by_role("status")).to_have_text("Approved.")
            expect(page.get_by_test_id("sku")).to_have_text("WB-2")
            expect(page).to_have_url(re.compile(r"view=.*severity%3Dblock"))
            page.screenshot(path=str(tmp_path / "2-next.png"))

            # back to the queue with its filter; then the warn-only items: acknowledge one, bulk-approve
            page.keyboard.press("b")
            expect(page).to_have_url(re.compile(r"severity=block"))
            page.goto(f"/review/items/{ids['WB-3']}?view=market%3Dde-DE%26status%3Dpending_review%26severity%3Dwarn")
            while page.locator("li.flag.sev-warn:not(.acknowledged)").count():
                card = page.locator("li.flag.sev-warn:not(.acknowledged)").first
                card.get_by_test_id("acknowledge-reason").fill("steht im Shop")
                card.get_by_role("button", name=re.compile("Acknowledge")).click()
            page.goto("/review?market=de-DE&status=pending_review&severity=warn")
            page.select_option("select[name=level]", "info")
            page.get_by_test_id("approve-filtered").click()
            expect(page.get_by_role("status")).to_contain_text("Approved 1")
            page.screenshot(path=str(tmp_path / "3-triaged.png"))
            with served.app.state.sessions() as session:
                statuses = {sku: session.get_one(models.Localization, ids[sku]).status for sku in ids}
            assert statuses == {"WB-1": "approved", "WB-2": "pending_review", "WB-3": "approved",
                                "WB-4": "pending_review"}

            # the dashboard: its chart
            page.goto("/review/dashboard")
            chart = page.locator("svg.chart")
            expect(chart).to_be_visible()
            assert chart.locator("[data-rule]").count() > 0
            assert axe_violations(page) == []
            page.screenshot(path=str(tmp_path / "4-dashboard.png"))
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            (tmp_path / "failure.html").write_text(page.content(), encoding="utf-8")
            raise
        finally:
            browser.close()
    assert errors == []


def test_on_the_example_catalog_the_first_sentence_is_in_view_without_scrolling(
        request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Every de-DE item of the example catalog (translated by the tiny models): one click opens it,
    its first editor is inside a 1400x900 window with no scrolling, one key approves it."""
    chromium = require_chromium()
    from playwright.sync_api import sync_playwright

    served: Served = request.getfixturevalue("served")
    localizer = served.app.state.localizer
    with served.app.state.sessions.begin() as session:
        add_user(session, "greta", PASSWORD, "reviewer", ["de-DE"])
        seller = seller_named(session, "lumora", create=True).id
    content = (ROOT / "examples" / "catalog.csv").read_bytes()
    batch = localizer.create_batch(seller, "catalog.csv", content, [localizer.market("de-DE")])
    localizer.process_batch(batch.id)
    with served.app.state.sessions() as session:
        items = [row.id for row in session.query(models.Localization).filter_by(batch_id=batch.id)]
    assert len(items) == 24
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        page = browser.new_context(base_url=served.url, viewport=VIEWPORT).new_page()
        try:
            page.goto("/review/login")
            page.fill("input[name=username]", "greta")
            page.fill("input[name=password]", PASSWORD)
            page.click("button:has-text('Sign in')")
            below = []
            for item in items:
                page.goto(f"/review/items/{item}")
                editor = page.locator("textarea.segment-target").first
                box = editor.bounding_box()
                if page.evaluate("window.scrollY") != 0 or box is None or box["y"] + min(box["height"], 60) > 900:
                    below.append(item)
            assert below == [], f"{len(below)} of {len(items)} items need scrolling to their first editor"
            assert axe_violations(page) == []
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            raise
        finally:
            browser.close()
