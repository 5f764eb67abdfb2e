"""A title over a marketplace's limit in the web queue: the flag offers a compact title, labelled,
with its length, and a button that puts it in the title editor. Nothing is applied by itself: the
stored title stays as it was until the reviewer saves (TestClient, then chromium for the button)."""

import html
import re
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from support import CHROMIUM_ARGS, PASSWORD, csrf_of, require_chromium, serving, sign_in

from api.app import create_app
from localize.settings import Settings
from localize.store.accounts import add_user, create_api_key

MAKER = "Hersteller: Mirelo Ltd., Shenzhen; EU-Verantwortlicher: Mirelo GmbH, Berlin"
TITLE = "Lumora Trinkflasche aus Edelstahl Neu 2024, Top Qualität, 750 ml, auslaufsicher, für Sport, Büro und Schule"
COMPACT = "Lumora Trinkflasche aus Edelstahl, 750 ml, auslaufsicher, für Sport"  # within eBay's 80 characters


@dataclass
class Item:
    app: object
    id: str
    api_key: str

    def stored(self, client: httpx.Client) -> dict:
        """The localisation as the API gives it to the seller."""
        response = client.get(f"/v1/localizations/{self.id}", headers={"Authorization": f"Bearer {self.api_key}"})
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def item(tmp_path: Path, rates_file: Path) -> Item:
    """A German listing for Germany (nothing to translate) whose title is over eBay.de's 80 characters."""
    models = tmp_path / "models.toml"
    models.write_text('default = ""\n', encoding="utf-8")
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'web.db'}", models=models, rates=rates_file,
                              worker=False))
    with TestClient(app) as api:
        with app.state.sessions.begin() as session:
            add_user(session, "greta", PASSWORD, "reviewer", ["de-DE"])
            key = create_api_key(session, "acme")
        listing = {"sku": "DE-LONG-1", "title": TITLE, "source_lang": "de", "bullets": [MAKER], "brand": "Lumora"}
        response = api.post("/v1/listings", json={"listing": listing, "markets": ["de-DE"]},
                            headers={"Authorization": f"Bearer {key}"})
        assert response.status_code == 201, response.text
    return Item(app, response.json()["localizations"][0]["id"], key)  # each test serves the app its own way


def test_the_flag_offers_a_compact_title_that_is_never_applied_by_itself(item: Item) -> None:
    with TestClient(item.app, follow_redirects=False) as client:
        [length] = [flag for flag in item.stored(client)["flags"] if flag["rule"] == "de.length.ebay-title"]
        assert length["replacement"] == COMPACT
        assert length["suggestion"].endswith(f"Suggested title ({len(COMPACT)} characters; dropped filler "
                                             f"“Top Qualität”, filler “Neu 2024”, clause “Büro und Schule”): {COMPACT}")

        assert sign_in(client, "greta", PASSWORD).status_code == 303
        page = client.get(f"/review/items/{item.id}")
        assert page.status_code == 200
        flags_html = page.text.split('class="compare"')[0]
        assert f"Suggested title ({len(COMPACT)} characters):" in flags_html
        assert f'data-testid="replacement-text">{html.escape(COMPACT)}</span>' in flags_html
        # the button waits for the script to find the editor; the text is there without it
        assert re.search(r'<button type="button"[^>]*data-testid="use-replacement" hidden>Use this title</button>',
                         flags_html)
        editor = re.search(r'<textarea [^>]*name="seg:title:"[^>]*>([^<]*)</textarea>', page.text)
        assert editor and html.unescape(editor.group(1)) == TITLE
        assert item.stored(client)["title"] == TITLE

        saved = client.post(f"/review/items/{item.id}/edit",
                            data={"csrf_token": csrf_of(page), "title": COMPACT, "bullets": MAKER})
        assert saved.status_code == 303, saved.text
        assert item.stored(client)["title"] == COMPACT
        assert "de.length.ebay-title" not in client.get(f"/review/items/{item.id}").text


def test_the_button_fills_the_title_editor_and_saving_stores_it(item: Item) -> None:
    chromium = require_chromium()
    from playwright.sync_api import expect, sync_playwright

    problems: list[str] = []
    with (serving(item.app) as served, httpx.Client(base_url=served.url, trust_env=False) as api,
          sync_playwright() as playwright):
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(base_url=served.url).new_page()
            page.set_default_timeout(15_000)
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
            page.goto("/review/login")
            page.fill("input[name=username]", "greta")
            page.fill("input[name=password]", PASSWORD)
            page.click("button:has-text('Sign in')")
            page.goto(f"/review/items/{item.id}")

            expect(page.get_by_test_id("replacement-text")).to_have_text(COMPACT)
            title = page.locator("textarea[data-field=title]").first
            expect(title).to_have_value(TITLE)  # offered, not applied
            page.get_by_test_id("use-replacement").click()
            expect(title).to_have_value(COMPACT)
            expect(title).to_be_focused()
            assert item.stored(api)["title"] == TITLE  # in the editor only, until the reviewer saves

            page.get_by_test_id("save").click()
            expect(page).to_have_url(re.compile(r"notice=saved(#row-[\w-]+)?$"))
            expect(page.get_by_test_id("replacement")).to_have_count(0)
            assert item.stored(api)["title"] == COMPACT
        finally:
            browser.close()
    assert not problems, problems
