"""Export profiles, round trip: the example catalog localised for de-DE and en-US (as of the example
rates' day), a reviewer's German where no model serves the pair, exported with each shipped profile
and read back with the csv module as a marketplace would: Amazon's flat file with five bullets,
keywords in one field and the market's currency; Shopify's product CSV with its HTML body; Shopify's
Translate & Adapt rows per field; the plain export with `ready` and readable flags. UTF-8 with a BOM,
formulas neutralised, numbers as plain decimals; a profile file with a mistake names the file and the
key, and a seller's own profile file is a marketplace of its own."""

import csv
import io
import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT

from localize.adapt.fx import RateTable
from localize.catalog.export import ExportFile, export_file, export_options
from localize.catalog.profiles import PROFILES_DIR, ProfileError, build_table, get_profile, shipped_names
from localize.catalog.read import read_catalog
from localize.catalog.values import ExportItem
from localize.localization import Status
from localize.markets import get_market
from localize.mt.engines.models import ModelCatalog
from localize.mt.engines.transformers_engine import TransformersEngine
from localize.pipeline import Pipeline
from localize.settings import get_settings

MOUSE_BULLETS = ["[Versatile] Suitable for work, gaming and travel",
                 "[Lightweight and Portable] Weighs only 85g, suitable for travel",
                 "[After-Sales Service] Lumora offers a 2-year warranty and 60-day hassle-free returns",
                 "[Battery] Rechargeable, up to 70 days on one charge",
                 "[Quiet] Silent clicks for the office and the library"]
# What a reviewer typed in the queue for de-DE, where no model serves en-de or zh-de.
GERMAN = {
    "LM-MS-240": {
        "title": "Lumora Kabellose Maus, leise, wiederaufladbar, Weiß",
        "description": "<p>Diese kabellose Maus ist <b>leise</b> und kompakt.</p><p>Nur 85 g schwer.</p>",
        "bullets": ["[Vielseitig] Für Arbeit, Spiel und Reisen", "[Leicht] Nur 85 g, ideal für unterwegs",
                    "[Service] 2 Jahre Garantie und 60 Tage Rückgabe", "[Akku] Bis zu 70 Tage mit einer Ladung",
                    "[Leise] Lautlose Klicks für Büro und Bibliothek"],
        "keywords": ["kabellose Maus", "leise Maus", "Büromaus"],
    },
    "NV-SH-L07": {
        "title": "=HYPERLINK(\"http://evil.example\",\"Nuvelle Damen Leinenhemd\")",
        "description": "<p>Leinenhemd für Büro & Urlaub.</p>",
        "bullets": ["[Material] Leinen"], "keywords": ["Leinenhemd"],
    },
}


@pytest.fixture(scope="module")
def items() -> dict[str, list[ExportItem]]:
    """The example catalog localised for de-DE and en-US, with no model; the mouse has five bullets.
    The German items a reviewer filled in are approved (the queue's edit clears the no-model flag)."""
    catalog = read_catalog(ROOT / "examples" / "catalog.csv")
    listings = [row.listing for row in catalog.rows]
    listings = [listing.model_copy(update={"bullets": MOUSE_BULLETS}) if listing.sku == "LM-MS-240" else listing
                for listing in listings]
    markets = [get_market(code, get_settings().market_rules) for code in ("de-DE", "en-US")]
    pipeline = Pipeline(TransformersEngine(ModelCatalog()), markets, today=date(2026, 11, 20),
                        rates=RateTable.load(ROOT / "examples" / "rates.csv"))
    result = pipeline.run(listings)
    by_market: dict[str, list[ExportItem]] = {"de-DE": [], "en-US": []}
    for localization, position in zip(result.localizations, result.positions, strict=True):
        if localization.market == "de-DE" and localization.sku in GERMAN:
            flags = [flag for flag in localization.flags if flag.rule != "mt.no-model"]
            localization = localization.model_copy(update={**GERMAN[localization.sku], "flags": flags,
                                                           "status": Status.APPROVED, "reviewed_by": "greta"})
        by_market[localization.market].append(ExportItem(localization, listings[position]))
    return by_market


def approved(items: list[ExportItem]) -> list[ExportItem]:
    """What an export holds by default."""
    return [item for item in items if item.localization.status == Status.APPROVED]


def read_back(file: ExportFile) -> list[dict[str, str]]:
    """The rows as a marketplace reads the file: UTF-8 with a BOM, comma- or tab-separated."""
    assert file.content.startswith(b"\xef\xbb\xbf")
    text = file.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter="\t" if file.extension == "txt" else ","))


def export(items: list[ExportItem], profile: str) -> list[dict[str, str]]:
    export_format, layout = export_options(None, profile)
    return read_back(export_file(items, export_format, layout))


def by_sku(rows: list[dict[str, str]], column: str) -> dict[str, dict[str, str]]:
    return {row[column]: row for row in rows}


PLAIN_DECIMAL = re.compile(r"^\d+(\.\d+)?$")


def test_amazon_flat_file_has_five_bullets_keywords_in_one_field_and_euro_prices(items) -> None:
    german = approved(items["de-DE"])
    file = export_file(german, "csv", get_profile("amazon"))
    assert (file.extension, file.media_type) == ("txt", "text/tab-separated-values; charset=utf-8")
    rows = read_back(file)
    assert list(rows[0])[:5] == ["item_sku", "brand_name", "manufacturer", "item_name", "product_description"]
    mouse = by_sku(rows, "item_sku")["LM-MS-240"]
    localization = next(item.localization for item in german if item.localization.sku == "LM-MS-240")
    assert mouse["item_name"] == GERMAN["LM-MS-240"]["title"] and mouse["brand_name"] == "Lumora"
    assert [mouse[f"bullet_point{n}"] for n in range(1, 6)] == GERMAN["LM-MS-240"]["bullets"]
    assert mouse["generic_keywords"] == "kabellose Maus leise Maus Büromaus"
    assert mouse["product_description"] == GERMAN["LM-MS-240"]["description"]
    assert PLAIN_DECIMAL.match(mouse["standard_price"]) and mouse["standard_price"] == localization.price.amount
    assert mouse["currency"] == "EUR"
    assert (mouse["item_weight"], mouse["item_weight_unit_of_measure"]) == ("85", "GR")
    assert (mouse["item_length"], mouse["item_length_unit_of_measure"]) == ("11", "CM")
    shirt = by_sku(rows, "item_sku")["NV-SH-L07"]
    assert shirt["bullet_point2"] == ""
    assert (shirt["item_weight"], shirt["item_weight_unit_of_measure"]) == ("0.2", "KG")


def test_amazon_in_the_us_is_dollars_and_pounds(items) -> None:
    rows = by_sku(export(items["en-US"], "amazon"), "item_sku")
    assert rows["LM-MS-240"]["currency"] == "USD" and PLAIN_DECIMAL.match(rows["LM-MS-240"]["standard_price"])
    bullets = [rows["LM-MS-240"][f"bullet_point{n}"] for n in range(1, 6)]  # English: no MT, US units in the text
    assert bullets[0] == MOUSE_BULLETS[0] and bullets[1] == "[Lightweight and Portable] Weighs only 3 oz (85g), " \
                                                             "suitable for travel"
    assert rows["NV-SH-L07"]["item_weight_unit_of_measure"] in ("LB", "OZ")


def test_shopify_keeps_the_html_body_and_tags_are_one_field(items) -> None:
    rows = by_sku(export(approved(items["de-DE"]), "shopify"), "Handle")
    mouse = rows["lm-ms-240"]
    assert mouse["Title"] == GERMAN["LM-MS-240"]["title"] and mouse["Variant SKU"] == "LM-MS-240"
    assert mouse["Body (HTML)"] == (GERMAN["LM-MS-240"]["description"] + "<ul>" + "".join(
        f"<li>{bullet}</li>" for bullet in GERMAN["LM-MS-240"]["bullets"]) + "</ul>")
    assert mouse["Tags"] == "kabellose Maus, leise Maus, Büromaus"
    assert PLAIN_DECIMAL.match(mouse["Variant Price"]) and mouse["Variant Grams"] == "85"
    assert (mouse["Vendor"], mouse["Option1 Name"], mouse["Option1 Value"]) == ("Lumora", "Title", "Default Title")
    assert rows["nv-sh-l07"]["Body (HTML)"] == "<p>Leinenhemd für Büro & Urlaub.</p><ul><li>[Material] Leinen</li></ul>"
    assert rows["nv-sh-l07"]["Variant Grams"] == "200"  # 0.2 kg


def test_shopify_translations_are_one_row_per_field_with_the_sellers_text_as_default(items) -> None:
    rows = export(approved(items["de-DE"]), "shopify-translations")
    assert list(rows[0]) == ["Type", "Identification", "Field", "Locale", "Market", "Status", "Default content",
                             "Translated content"]
    assert [(row["Identification"], row["Field"]) for row in rows] == [
        ("lm-ms-240", "title"), ("lm-ms-240", "body_html"), ("nv-sh-l07", "title"), ("nv-sh-l07", "body_html")]
    title, body = rows[0], rows[1]
    assert (title["Type"], title["Locale"], title["Market"]) == ("PRODUCT", "de", "")
    assert title["Default content"] == "Lumora Wireless Mouse Silent Rechargeable Ergonomic 2.4GHz"
    assert title["Translated content"] == GERMAN["LM-MS-240"]["title"]
    assert body["Default content"].startswith("<p>This wireless mouse is quiet and compact")
    assert body["Default content"].endswith("".join(f"<li>{bullet}</li>" for bullet in MOUSE_BULLETS) + "</ul>")
    assert body["Translated content"].startswith(GERMAN["LM-MS-240"]["description"] + "<ul><li>[Vielseitig]")


def test_a_field_with_no_translation_writes_no_row(items) -> None:
    """An empty Translated content would erase the shop's own text on import."""
    pending = [item for item in items["de-DE"] if item.localization.status == Status.PENDING_REVIEW]
    assert pending and pending[0].localization.title == ""  # no model for zh-de or en-de
    assert export(pending, "shopify-translations") == []


def test_plain_says_which_rows_are_ready_and_reads_its_flags(items) -> None:
    rows = by_sku(export(items["de-DE"], "plain"), "sku")
    assert list(next(iter(rows.values())))[:4] == ["sku", "market", "status", "ready"]
    mouse, lamp = rows["LM-MS-240"], rows["KV-DL-001"]
    assert (mouse["status"], mouse["ready"], mouse["reviewed_by"]) == ("approved", "yes", "greta")
    assert (lamp["status"], lamp["ready"]) == ("pending_review", "no")
    assert lamp["flags"].startswith("block mt.no-model listing: not translated: no model for zh-de")
    assert "; warn " in lamp["flags"] and "{" not in lamp["flags"]  # readable, not JSON
    assert (lamp["price_amount"], lamp["price_currency"], lamp["price_fx_rate"]) == ("28.99", "EUR", "0.1212")
    assert (lamp["weight_value"], lamp["weight_unit"]) == ("1.2", "kg")
    assert lamp["seller_note"] == "新品"  # the seller's own column, passed through
    assert mouse["bullets"] == "|".join(GERMAN["LM-MS-240"]["bullets"])


def test_text_survives_excel_weiss_and_euro(items) -> None:
    file = export_file(approved(items["de-DE"]), "csv", get_profile("plain"))
    assert file.content.startswith(b"\xef\xbb\xbf") and "Weiß".encode() in file.content
    row = by_sku(read_back(file), "sku")["LM-MS-240"]
    assert row["title"].endswith("Weiß") and row["price_display"].endswith("€")


@pytest.mark.parametrize("profile", ["amazon", "shopify", "shopify-translations", "plain"])
def test_a_formula_looking_title_is_neutralised(items, profile: str) -> None:
    export_format, layout = export_options(None, profile)
    text = export_file(approved(items["de-DE"]), export_format, layout).content.decode("utf-8-sig")
    assert "'=HYPERLINK(" in text and not re.search(r"(^|[,\t\"])=HYPERLINK", text)


def test_xlsx_is_the_profiles_columns_as_an_excel_sheet_of_text(items) -> None:
    file = export_file(approved(items["de-DE"]), "xlsx", get_profile("amazon"))
    assert file.extension == "xlsx" and file.media_type.startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(file.content))["amazon"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:4] == ["item_sku", "brand_name", "manufacturer", "item_name"]
    mouse = dict(zip(rows[0], next(row for row in rows if row[0] == "LM-MS-240"), strict=True))
    assert mouse["item_name"] == GERMAN["LM-MS-240"]["title"] and mouse["bullet_point5"] == GERMAN["LM-MS-240"][
        "bullets"][4]
    assert mouse["standard_price"] == next(item.localization.price.amount for item in items["de-DE"]
                                           if item.localization.sku == "LM-MS-240")  # text, as typed
    shirt = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "NV-SH-L07")
    assert shirt[3].data_type == "s"  # the formula-looking title is text in the sheet, never a formula


def test_every_shipped_profile_loads_under_its_own_name() -> None:
    assert shipped_names() == ["amazon", "plain", "shopify", "shopify-translations"]
    for name in shipped_names():
        profile = get_profile(name)
        assert profile.name == name and profile.description and (PROFILES_DIR / f"{name}.yaml").is_file()


def test_a_profile_file_of_your_own_is_a_marketplace(items, tmp_path: Path) -> None:
    path = tmp_path / "mymarket.yaml"
    path.write_text("""
name: mymarket
description: A marketplace of my own
file_name: "mymarket-{market}"
delimiter: ";"
columns:
  SKU: sku
  Name: title
  Features: {join: bullets, separator: " / "}
  Price: price.amount
  Currency: {map: price.currency, values: {EUR: "€"}}
  Channel: {const: web}
""", encoding="utf-8")
    profile = get_profile(str(path), files=True)
    assert profile.stem("de-DE", "approved") == "mymarket-de-DE"
    table = build_table(profile, approved(items["de-DE"]))
    assert table.columns == ["SKU", "Name", "Features", "Price", "Currency", "Channel"]
    mouse = next(row for row in table.rows if row[0] == "LM-MS-240")
    assert mouse[2] == " / ".join(GERMAN["LM-MS-240"]["bullets"]) and mouse[4:] == ["€", "web"]
    text = export_file(approved(items["de-DE"]), "csv", profile).content.decode("utf-8-sig")
    assert text.startswith("SKU;Name;Features;Price;Currency;Channel\r\n")


@pytest.mark.parametrize(("column", "message"), [
    ("bullet_point1: bulets[0]", "mymarket.yaml: columns.bullet_point1: unknown source 'bulets[0]'"),
    ("item_name: source.titel", "mymarket.yaml: columns.item_name: unknown source 'source.titel'"),
    ("generic_keywords: keywords", "columns.generic_keywords: 'keywords' is a list: name one item"),
    ("price: price", "columns.price: 'price' has parts: name one of price.amount, price.currency"),
    ("tags: {join: keywords}", "mymarket.yaml: columns.tags.separator: Field required"),
    ("tags: {join: kewords, separator: ' '}", "mymarket.yaml: columns.tags.join: unknown source 'kewords'"),
    ("published: {const: TRUE}", "columns.published.const: Input should be a valid string"),
    ("grams: {convert: weight, to: cm}", "columns.grams.to: 'cm' is not a unit of weight"),
    ("field: field", "columns.field: 'field' is for `rows: per-field` profiles"),
    ("x: {slug: sku, const: a}", "columns.x: a mapping names one kind of source"),
])
def test_a_profile_file_with_a_mistake_names_the_file_and_the_key(tmp_path: Path, column: str, message: str) -> None:
    path = tmp_path / "mymarket.yaml"
    path.write_text(f"name: mymarket\ndescription: d\nfile_name: m\ncolumns:\n  {column}\n", encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        get_profile(str(path), files=True)
    assert message in str(error.value)


def test_unknown_profiles_and_jsonl_with_a_profile_are_refused() -> None:
    with pytest.raises(ProfileError, match="unknown profile 'amazonn'; one of amazon, plain, shopify"):
        export_options("csv", "amazonn")
    with pytest.raises(ProfileError, match="unknown profile '/etc/mymarket.yaml'"):
        export_options("csv", "/etc/mymarket.yaml")  # the API's: a request names no file on the server
    with pytest.raises(ProfileError, match="jsonl is always the contract's shape"):
        export_options("jsonl", "amazon")
    assert (export_options(None, None)[0], export_options(None, None)[1].name) == ("jsonl", "plain")
    assert export_options(None, "shopify")[0] == "csv"
