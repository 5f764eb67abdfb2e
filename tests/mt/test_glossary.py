"""Glossaries: CSV and TBX files validated and round-tripped, terms enforced through real MT with
the tiny models, and the QA check for a required term."""

from pathlib import Path

import pytest

from localize.listing import Listing
from localize.markets import get_market
from localize.mt.glossary import (
    GlossaryError,
    GlossaryTerm,
    enforcement,
    read_csv_glossary,
    read_glossary,
    read_tbx_glossary,
    write_csv_glossary,
    write_tbx_glossary,
)
from localize.pipeline import Pipeline
from localize.review.qa import run_qa_checks
from localize.review.rules import ListingText
from localize.review.rules.text import text_fields
from localize.settings import get_settings

RULES = get_settings().market_rules
HEADER = "source_lang,target_lang,source,target,market,do_not_translate,case_sensitive,note,seller\n"
TERMS = [
    GlossaryTerm(source_lang="en", target_lang="de", source="touch switch", target="Touch-Schalter",
                 note="product vocabulary"),
    GlossaryTerm(source_lang="*", target_lang="*", source="Lumora", do_not_translate=True, case_sensitive=True,
                 note="brand"),
    GlossaryTerm(source_lang="en", target_lang="de", source="PRO", do_not_translate=True, case_sensitive=True),
    GlossaryTerm(source_lang="zh", target_lang="en", source="护眼", target="eye-care", market="en-US"),
    GlossaryTerm(source_lang="zh", target_lang="en", source="护眼", target="eye-friendly", market="en-GB",
                 seller="acme"),
]


def test_csv_glossary_is_validated_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_text(HEADER + "en,de,lamp,Lampe,,,,,\nen,de,switch,,,,,,\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"terms.csv:3: a term that is translated needs a target"):
        read_glossary(path)
    path.write_text(HEADER + "en,de,lamp,Lampe,de-DE,maybe,,,\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"terms.csv:2: do_not_translate: .*'maybe' is not a yes/no value"):
        read_glossary(path)
    path.write_text("source_lang,target_lang,source,colour\nen,de,a,b\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match=r"terms.csv:1: unknown column\(s\) colour"):
        read_glossary(path)


def test_csv_and_tbx_round_trips_keep_every_entry_and_language() -> None:
    assert read_csv_glossary(write_csv_glossary(TERMS), "x.csv") == TERMS
    tbx = write_tbx_glossary(TERMS)
    assert 'xml:lang="de"' in tbx and "<term>Touch-Schalter</term>" in tbx
    assert read_tbx_glossary(tbx, "x.tbx") == TERMS


def test_tbx_from_another_tool_is_read() -> None:
    tbx = """<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
  <termEntry id="t1">
    <langSet xml:lang="zh-CN"><tig><term>蓝牙</term></tig></langSet>
    <langSet xml:lang="en-US"><tig><term>Bluetooth</term></tig></langSet>
    <langSet xml:lang="de-DE"><tig><term>Bluetooth</term></tig></langSet>
  </termEntry>
</body></text></martif>"""
    terms = read_tbx_glossary(tbx, "vendor.tbx")
    assert [(t.source_lang, t.target_lang, t.source, t.target) for t in terms] == [
        ("zh", "en", "蓝牙", "Bluetooth"), ("zh", "de", "蓝牙", "Bluetooth")]


def test_market_and_seller_scopes_pick_the_narrowest_entry() -> None:
    us = enforcement(TERMS, "zh", "en", ["en-US"], seller="acme")
    assert us.output("en-US", "护眼") == "eye-care"
    gb_acme = enforcement(TERMS, "zh", "en", ["en-GB"], seller="acme")
    assert gb_acme.output("en-GB", "护眼") == "eye-friendly"
    # Another seller has no en-GB entry: the term is left to MT there rather than copied untranslated.
    assert "护眼" not in enforcement(TERMS, "zh", "en", ["en-GB"], seller="other").protected
    # en-US and en-GB together: protected only because both have an entry, each with its own.
    both = enforcement(TERMS, "zh", "en", ["en-US", "en-GB"], seller="acme")
    assert "护眼" in both.protected and both.output("en-GB", "护眼") == "eye-friendly"


def test_forced_do_not_translate_and_case_sensitive_terms_survive_mt(make_engine) -> None:
    pipeline = Pipeline(make_engine(), [get_market("de-DE", RULES)], glossary=TERMS)
    listing = Listing(sku="LM-1", title="Lumora desk lamp with touch switch", source_lang="en",
                      bullets=["The PRO model has a touch switch.", "A pro tip: dim it at night."])
    [loc] = pipeline.run([listing]).localizations
    assert "Touch-Schalter" in loc.title and "touch switch" not in loc.title
    assert "Lumora" in loc.title
    assert "PRO" in loc.bullets[0] and "Touch-Schalter" in loc.bullets[0]
    # Case-sensitive: "pro" is an ordinary word, translated (or flagged), never protected as "PRO".
    assert "PRO" not in loc.bullets[1]
    assert not [f for f in loc.flags if f.rule == "qa.glossary"]


def test_qa_check_fires_when_a_required_term_is_missing() -> None:
    market = get_market("de-DE", RULES)
    text = ListingText(sku="LM-1", market="de-DE", target_lang="de", source_lang="en",
                       fields=text_fields("Lumora Schreibtischlampe mit Berührungsschalter"),
                       source=text_fields("Lumora desk lamp with touch switch"), terms=tuple(TERMS[:3]))
    [flag] = [f for f in run_qa_checks(text, market) if f.rule == "qa.glossary"]
    assert (flag.field, flag.severity) == ("title", "warn")
    assert "'touch switch' must be translated as 'Touch-Schalter'" in flag.message
    fixed = ListingText(sku="LM-1", market="de-DE", target_lang="de", source_lang="en",
                        fields=text_fields("Lumora Schreibtischlampe mit Touch-Schalter"),
                        source=text_fields("Lumora desk lamp with touch switch"), terms=tuple(TERMS[:3]))
    assert not [f for f in run_qa_checks(fixed, market) if f.rule == "qa.glossary"]
