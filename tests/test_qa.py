"""QA checks: each registered check fires on the problem it names, with field and span, and stays
silent on correct text."""

from localize.markets import get_market
from localize.qa import QA_CHECKS, run_qa_checks
from localize.rules import ListingText
from localize.rules.text import text_fields
from localize.settings import get_settings

RULES = get_settings().market_rules


def flags_for(code: str, title: str, source_title: str | None = None, *, brand: str | None = None,
              description: str = "", source_description: str = "", source_lang: str = "zh") -> list:
    market = get_market(code, RULES)
    source = text_fields(source_title, source_description) if source_title is not None else {}
    text = ListingText(sku="KX-1", market=code, target_lang=market.language,
                       fields=text_fields(title, description), source_lang=source_lang if source else None,
                       source=source, brand=brand)
    return run_qa_checks(text, market)


def rules_of(flags: list) -> set[tuple[str, str]]:
    return {(flag.rule, flag.field) for flag in flags}


def test_every_check_is_registered_with_id_name_description_and_severity() -> None:
    assert set(QA_CHECKS) == {"qa.placeholder", "qa.numbers", "qa.source-script", "qa.untranslated",
                              "qa.punctuation", "qa.spaces", "qa.glossary", "qa.repeated-words",
                              "qa.duplicate-item", "qa.glued-value", "qa.length-ratio", "qa.low-confidence"}
    for check in QA_CHECKS.values():
        assert check.id and check.name and check.description and check.severity


def test_placeholder_lost_or_duplicated() -> None:
    source = "KOVAX 台灯 KX-2024B，详见 https://example.com/m"
    assert rules_of(flags_for("en-US", "KOVAX desk lamp, see https://example.com/m", source, brand="KOVAX")) == {
        ("qa.placeholder", "title")}  # KX-2024B lost
    doubled = flags_for("en-US", "KOVAX KOVAX lamp KX-2024B https://example.com/m", source, brand="KOVAX")
    assert [f.message for f in doubled if f.rule == "qa.placeholder"] == [
        "'KOVAX' duplicated: 1 in the source, 2 in the target"]
    assert not flags_for("en-US", "KOVAX desk lamp KX-2024B, see https://example.com/m", source, brand="KOVAX")


def test_numbers_are_compared_after_unit_conversion() -> None:
    source = "台灯高30cm，续航12小时"
    assert not flags_for("en-US", "Lamp 11.8 in (30cm) tall, 12 hours of battery", source)
    assert not flags_for("de-DE", "Lampe 30 cm hoch, 12 Stunden Akku", source)
    missing = [f for f in flags_for("en-US", "Lamp 30cm tall, 12 hours of battery", source) if f.rule == "qa.numbers"]
    assert len(missing) == 1 and "11.8" in missing[0].message


def test_source_script_left_in_the_target_is_found_with_its_span() -> None:
    [flag] = flags_for("de-DE", "Schreibtischlampe 护眼 dimmbar")
    assert (flag.rule, flag.field, flag.span, flag.match, flag.severity) == (
        "qa.source-script", "title", (18, 20), "护眼", "block")
    # Han is how Japanese is written; a Chinese brand the seller protects is allowed anywhere.
    assert not flags_for("ja-JP", "護眼デスクライト 調光")
    assert not flags_for("de-DE", "小米 Schreibtischlampe", brand="小米")


def test_empty_or_unchanged_translation() -> None:
    assert rules_of(flags_for("de-DE", "", "护眼台灯")) >= {("qa.untranslated", "title")}
    unchanged = flags_for("de-DE", "Desk lamp with touch switch", "Desk lamp with touch switch", source_lang="en")
    assert ("qa.untranslated", "title") in rules_of(unchanged)
    # Only codes and numbers: nothing to translate, so the same text is right.
    assert not flags_for("de-DE", "KX-2024B 12V", "KX-2024B 12V")


def test_french_spacing_and_quotes() -> None:
    flags = flags_for("fr-FR", 'Lampe de bureau : "tactile"!')
    assert sorted((f.span, f.match) for f in flags if f.rule == "qa.punctuation") == [
        ((15, 17), " :"), ((18, 27), '"tactile"'), ((27, 28), "!")]
    assert not flags_for("fr-FR", "Lampe de bureau\u202f: « tactile »\u202f! Voir https://example.com/a:b")


def test_german_quotes_and_cjk_punctuation_in_latin_text() -> None:
    flags = flags_for("de-DE", 'Lampe "Classic"，dimmbar')
    assert [f.match for f in flags if f.rule == "qa.punctuation"] == ['"Classic"', "，"]
    assert not flags_for("de-DE", "Lampe „Classic“, dimmbar")
    assert not flags_for("ja-JP", "デスクライト、調光できます。")


def test_doubled_and_stray_spaces_but_not_around_tags() -> None:
    flags = flags_for("en-US", " Desk  lamp", description="<p>Bright.</p> <p>Dimmable.</p>")
    assert sorted((f.field, f.span) for f in flags) == [("title", (0, 1)), ("title", (5, 7))]
