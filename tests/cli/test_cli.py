"""`localize` as users run it: the console script in a subprocess, with the tiny models."""

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT
from support import read_jsonl, run_localize

HEADER = ("sku,title,description,bullets,keywords,source_lang,brand,price_amount,price_currency,"
          "weight_value,weight_unit,colors,category,seller_note")
ROWS = [
    'LM-DL300,Lumora 护眼台灯 LM300 触摸调光,"<p>这款台灯适合卧室和书房使用。</p><ul><li>功率<b>12W</b>，亮度可调</li>'
    '<li>说明书：<a href=""https://example.com/manual.pdf"">https://example.com/manual.pdf</a></li></ul>",'
    "【材质】采用优质铝合金，轻便耐用|【尺寸】30x20x10cm,台灯|护眼,,Lumora,199.00,CNY,1.2,kg,白色|黑色,"
    "home/lighting,补货中",
    "KX-2024B,KOVAX 蓝牙耳机 KX-2024B 降噪,<p>续航30小时，充电1.5小时。</p>,【电池】1000mAh大容量,耳机,zh,KOVAX,"
    "259.00,CNY,0.05,kg,黑色,electronics/audio,",
    "NV-MUG-1,Nuvelle Ceramic Coffee Mug 350ml,<p>Dishwasher safe. Holds <em>350ml</em>.</p>,Lead-free glaze,"
    "mug,,Nuvelle,12.50,USD,0.4,kg,White,kitchen/drinkware,",
]
BAD_ROW = "BAD-1,标题,,,,,,abc,CNY,,,,,"


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    path = tmp_path / "catalog.csv"
    lines = [HEADER, ROWS[0], BAD_ROW, ROWS[1], ROWS[2]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_batch_writes_good_rows_names_bad_row_and_exits_2(catalog: Path, tmp_path: Path, models_env: Path) -> None:
    out = tmp_path / "out"
    result = run_localize("batch", str(catalog), "--markets", "en-US,de-DE", "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert f"{catalog}:3: price_amount: Input should be a valid decimal" in result.stderr
    for market in ("en-US", "de-DE"):
        records = read_jsonl(out / f"{market}.jsonl")
        assert [r["sku"] for r in records] == ["LM-DL300", "KX-2024B", "NV-MUG-1"]
        with (out / f"{market}.csv").open(encoding="utf-8") as handle:
            assert [row["sku"] for row in csv.DictReader(handle)] == ["LM-DL300", "KX-2024B", "NV-MUG-1"]
    summary = result.stdout
    assert re.search(r"listings\s+3", summary)
    assert re.search(r"localisations written\s+6", summary)
    assert re.search(r"rows rejected\s+1", summary)
    assert re.search(r"segments sent to MT\s+\d+", summary)
    assert re.search(r"sentences kept in source\s+0", summary)  # constrained decoding kept every value


def test_output_follows_the_contract(catalog: Path, tmp_path: Path, models_env: Path) -> None:
    run_localize("batch", str(catalog), "--markets", "de-DE", "--out", str(tmp_path / "out"))
    first, second, third = read_jsonl(tmp_path / "out" / "de-DE.jsonl")
    assert first["status"] == "pending_review"
    assert (first["source_lang"], first["target_lang"], third["source_lang"]) == ("zh", "de", "en")
    assert first["engine"]["name"] == "transformers" and " -> " in first["engine"]["model"]  # zh->en->de
    assert third["engine"]["model"].endswith("en-de")
    assert first["price"] == {"amount": "28.99", "currency": "EUR", "display": "28,99\xa0€", "fx_rate": "0.1212",
                              "fx_date": date.today().isoformat(), "vat_included": True, "set_by": None}
    assert first["weight"]["display"] == "1,2 kg"
    assert first["seller_note"] == "补货中"  # unknown column passed through unchanged
    assert len(first["bullets"]) == 2 and len(first["colors"]) == 2
    for record in (first, second, third):
        assert not re.search(r"[\u4e00-\u9fff]", record["title"]) or any(
            f["field"] == "title" for f in record["flags"]
        ), record["title"]


def test_every_sku_brand_url_number_and_tag_survives_byte_identical(
    catalog: Path, tmp_path: Path, models_env: Path
) -> None:
    run_localize("batch", str(catalog), "--markets", "en-US,de-DE", "--out", str(tmp_path / "out"))
    must_survive = {
        "LM-DL300": ["Lumora", "LM300", "12W", "https://example.com/manual.pdf",
                     '<a href="https://example.com/manual.pdf">', "<b>", "</b>", "<p>", "</p>", "<ul>", "<li>"],
        "KX-2024B": ["KOVAX", "KX-2024B", "1000mAh", "30", "1.5", "<p>", "</p>"],
        "NV-MUG-1": ["Nuvelle", "<em>", "</em>"],
    }
    converted = {  # quantities come out in each market's units
        "en-US": {"LM-DL300": ["11.8x7.9x3.9 in (30x20x10cm)"], "KX-2024B": [], "NV-MUG-1": ["11.8 fl oz (350ml)"]},
        "de-DE": {"LM-DL300": ["30x20x10cm"], "KX-2024B": [], "NV-MUG-1": ["350ml"]},
    }
    for market in ("en-US", "de-DE"):
        for record in read_jsonl(tmp_path / "out" / f"{market}.jsonl"):
            text = " ".join([record["title"], record["description"], *record["bullets"]])
            for value in must_survive[record["sku"]] + converted[market][record["sku"]]:
                assert value in text, (market, record["sku"], value, text)
            assert "[X" not in text  # no placeholder leaks into the output


def test_unreadable_file_exits_2_with_file_and_line(tmp_path: Path, models_env: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(b"sku,title\nA1,ok\nA2,\xff\xfe\xff\n")
    result = run_localize("batch", str(path), "--markets", "en-US", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert f"{path}:3: cannot tell the encoding: byte 0xff is not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_market_without_model_is_written_for_a_person_to_translate(
    catalog: Path, tmp_path: Path, models_env: Path
) -> None:
    result = run_localize("batch", str(catalog), "--markets", "en-GB,ja-JP", "--out", str(tmp_path / "out"))
    assert result.returncode == 2  # the bad row still decides the exit code; a missing model does not
    assert "Traceback" not in result.stderr
    assert len(read_jsonl(tmp_path / "out" / "en-GB.jsonl")) == 3
    japanese = read_jsonl(tmp_path / "out" / "ja-JP.jsonl")
    assert [r["sku"] for r in japanese] == ["LM-DL300", "KX-2024B", "NV-MUG-1"]
    for record in japanese:
        assert record["title"] == "" and record["engine"]["name"] == "unavailable"
        [flag] = [f for f in record["flags"] if f["rule"] == "mt.no-model"]
        assert flag["severity"] == "block" and "no model for " in flag["message"]
    assert re.search(r"left to translate by hand\s+3 \(no model for the pair\)", result.stdout)


def test_unknown_market_is_a_usage_error(catalog: Path, models_env: Path) -> None:
    result = run_localize("batch", str(catalog), "--markets", "xx-XX")
    assert result.returncode == 2
    assert "unknown market 'xx-XX'" in result.stderr


def test_translate_keeps_protected_values(models_env: Path) -> None:
    result = run_localize("translate", "<b>KOVAX</b> 蓝牙耳机 KX-2024B 1000mAh", "--to", "en-US")
    assert result.returncode == 0, result.stderr
    for value in ("<b>", "KOVAX", "</b>", "KX-2024B", "1000mAh"):
        assert value in result.stdout


def test_markets_lists_and_shows_one() -> None:
    listing = run_localize("markets")
    assert listing.returncode == 0
    for code in ("en-US", "de-DE", "ja-JP", "ar-SA", "th-TH"):
        assert code in listing.stdout
    one = run_localize("markets", "de-DE")
    assert re.search(r"currency\s+EUR", one.stdout)
    # Each rule with its id, severity and kind, the reason with its citation, and the QA checks.
    assert "eu.claim.generic-environmental  block · claim" in one.stdout
    assert "why: Directive (EU) 2024/825" in one.stdout
    assert "de.taboo.unconstitutional-symbols  block · taboo" in one.stdout
    assert "qa.source-script  block" in one.stdout
    assert run_localize("markets", "xx-XX").returncode == 2


def test_rates_import_adds_rates_and_bad_file_names_the_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOCALIZE_RATES", str(tmp_path / "store" / "rates.csv"))
    good = run_localize("rates", "import", str(ROOT / "examples" / "rates.csv"))
    assert good.returncode == 0, good.stderr
    assert "imported 23 rate(s) from 2026-11-20 to 2026-11-20" in good.stdout
    assert (tmp_path / "store" / "rates.csv").read_text(encoding="utf-8").count("\n") == 24
    bad = tmp_path / "bad.csv"
    bad.write_text("date,base,quote,rate\n2026-11-20,CNY,USD,abc\n", encoding="utf-8")
    result = run_localize("rates", "import", str(bad))
    assert result.returncode == 2
    assert f"{bad}:2: rate: 'abc' is not a number" in result.stderr


def test_a_price_no_rate_converts_is_kept_with_a_block_flag_and_counted(
    catalog: Path, tmp_path: Path, models_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOCALIZE_RATES", str(tmp_path / "none.csv"))
    result = run_localize("batch", str(catalog), "--markets", "en-US", "--out", str(tmp_path / "out"))
    records = {r["sku"]: r for r in read_jsonl(tmp_path / "out" / "en-US.jsonl")}
    assert set(records) == {"LM-DL300", "KX-2024B", "NV-MUG-1"}
    lamp = records["LM-DL300"]
    assert (lamp["price"]["amount"], lamp["price"]["currency"], lamp["price"]["fx_rate"]) == ("199.00", "CNY", None)
    [flag] = [f for f in lamp["flags"] if f["rule"] == "price.fx-missing"]
    assert flag["severity"] == "block" and "no FX rate CNY->USD on or before" in flag["message"]
    assert records["NV-MUG-1"]["price"]["display"] == "$12.99"  # priced in USD: no rate needed (x.99 ending)
    assert re.search(r"left to price by hand\s+2 \(no FX rate\)", result.stdout)


def test_same_catalog_for_en_us_and_de_de_shows_each_markets_units_sizes_and_prices(
    tmp_path: Path, models_env: Path
) -> None:
    path = tmp_path / "shoes.csv"
    path.write_text(
        "sku,title,price_amount,price_currency,weight_value,weight_unit,dimensions_length,dimensions_width,"
        "dimensions_height,dimensions_unit,size_system,size_value,size_kind,category\n"
        "TX-RUN-42,TORNEX 男士跑步鞋 鞋长30cm,199.00,CNY,1.2,kg,30,20,10,cm,EU,42,shoe,apparel/shoes\n",
        encoding="utf-8")
    result = run_localize("batch", str(path), "--markets", "en-US,de-DE", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    [us] = read_jsonl(tmp_path / "out" / "en-US.jsonl")
    [de] = read_jsonl(tmp_path / "out" / "de-DE.jsonl")
    today = date.today().isoformat()
    assert us["price"] == {"amount": "27.99", "currency": "USD", "display": "$27.99", "fx_rate": "0.1405",
                           "fx_date": today, "vat_included": False, "set_by": None}
    assert de["price"] == {"amount": "28.99", "currency": "EUR", "display": "28,99\xa0€", "fx_rate": "0.1212",
                           "fx_date": today, "vat_included": True, "set_by": None}
    assert (us["weight"]["display"], de["weight"]["display"]) == ("2.6 lb", "1,2 kg")
    assert (us["dimensions"]["display"], de["dimensions"]["display"]) == ("11.8 × 7.9 × 3.9 in", "30 × 20 × 10 cm")
    assert (us["size"], de["size"]) == ({"system": "US", "value": "8.5"}, {"system": "EU", "value": "42"})
    assert "11.8 in (30cm)" in us["title"] and "30cm" in de["title"]  # also where a sentence kept its source
    with (tmp_path / "out" / "en-US.csv").open(encoding="utf-8") as handle:
        [row] = csv.DictReader(handle)
    assert (row["price_display"], row["price_fx_date"], row["size_value"]) == ("$27.99", today, "8.5")


def test_tripwire_catalog_gets_exactly_the_expected_flags(tmp_path: Path) -> None:
    """20 localised listings written to trip known rules in 13 markets (and a few that must stay
    clean): each gets the expected rule ids, fields and spans, and nothing else."""
    data = ROOT / "tests" / "data"
    out = tmp_path / "flags.jsonl"
    markets = "de-DE,fr-FR,ja-JP,ko-KR,zh-TW,en-US,en-GB,ar-SA,pt-BR,it-IT,ru-RU,th-TH,pl-PL"
    result = run_localize("check", str(data / "tripwire.jsonl"), "--markets", markets, "--date", "2026-12-01",
                          "--out", str(out))
    assert result.returncode == 1, result.stderr  # block flags among them
    expected = json.loads((data / "tripwire_expected.json").read_text(encoding="utf-8"))
    found = {record["sku"]: [[f["rule"], f["field"], f["span"]] for f in record["flags"]]
             for record in read_jsonl(out)}
    assert found == expected
    assert "20 listing(s) checked: 8 block, 11 warn, 5 info" in result.stdout


def test_check_compares_with_the_source_catalog(tmp_path: Path) -> None:
    source = tmp_path / "source.csv"
    source.write_text("sku,title,brand\nKX-1,KOVAX 台灯 高30cm 续航12小时,KOVAX\n", encoding="utf-8")
    localized = tmp_path / "de-DE.jsonl"
    localized.write_text(json.dumps({"sku": "KX-1", "market": "de-DE", "title": "Lampe 护眼 30 cm hoch"},
                                    ensure_ascii=False) + "\n", encoding="utf-8")
    result = run_localize("check", str(localized), "--markets", "de-DE", "--source", str(source),
                          "--out", str(tmp_path / "flags.jsonl"))
    [record] = read_jsonl(tmp_path / "flags.jsonl")
    rules = {(flag["rule"], flag["field"]) for flag in record["flags"]}
    assert {("qa.placeholder", "title"), ("qa.numbers", "title"), ("qa.source-script", "title")} <= rules
    assert result.returncode == 1  # Han left in the German title blocks it


def test_check_reports_bad_rows_with_file_and_line(tmp_path: Path) -> None:
    localized = tmp_path / "x.jsonl"
    localized.write_text('{"sku": "A", "title": "Lampe"}\n{"sku": "B"}\n', encoding="utf-8")
    result = run_localize("check", str(localized), "--markets", "de-DE")
    assert result.returncode == 2
    assert f"{localized}:2: title: Field required" in result.stderr


def test_models_list_shows_what_serves_each_pair_and_how_to_get_the_missing(models_env: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_localize("models", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"models file: {models_env}"
    here = [line for line in lines if re.match(r"^(zh-en|en-de)\s+here\s", line)]
    assert len(here) == 2
    # A pair the file lacks: the recipe's model, its size and the command that fetches it.
    at = next(i for i, line in enumerate(lines) if line.startswith("zh-ja "))
    assert "missing" in lines[at] and "not configured" in lines[at]
    assert lines[at + 1].strip() == ('to get it: add "zh-ja" = "facebook/nllb-200-distilled-600M" and '
                                     "hf download facebook/nllb-200-distilled-600M")
    assert re.search(r"^2 pair\(s\) here, \d+ missing", lines[-1])

    monkeypatch.delenv("LOCALIZE_MODELS")  # the shipped recipe
    recipe = run_localize("models", "list").stdout.splitlines()
    assert recipe[0].endswith("models/recommended.toml (the shipped recipe: LOCALIZE_MODELS is unset)")
    en_pt = next(i for i, line in enumerate(recipe) if line.startswith("en-pt "))
    assert recipe[en_pt].split()[1:3] == ["missing", "Helsinki-NLP/opus-mt-tc-big-en-pt"]
    assert "577 MB" in recipe[en_pt] and ">>pob<<" in recipe[en_pt]
    assert recipe[en_pt + 1].strip() == "to get it: hf download Helsinki-NLP/opus-mt-tc-big-en-pt"


def test_the_recipe_names_a_model_from_chinese_and_english_into_every_market_language() -> None:
    from localize.markets import load_markets
    from localize.mt.engines import LanguagePair
    from localize.mt.engines.models import recommended
    from localize.settings import get_settings

    recipe = recommended()
    languages = {market.language for market in load_markets(get_settings().market_rules).values()}
    for source in ("zh", "en"):
        for target in languages - {source}:
            entry = recipe.pairs.get(LanguagePair(source, target))
            assert entry is not None, f"{source}-{target}"
            assert re.fullmatch(r"(Helsinki-NLP|facebook)/[\w.-]+", entry.ref) and entry.size_mb
    # Ids that do not exist on the hub (the old guess) are not offered.
    offered = {entry.ref for entry in recipe.pairs.values()}
    assert not offered & {"Helsinki-NLP/opus-mt-zh-ja", "Helsinki-NLP/opus-mt-en-pl"}
