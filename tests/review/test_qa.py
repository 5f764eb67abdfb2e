"""QA checks: each registered check fires on the problem it names, with field and span, and stays
silent on correct text."""

from localize.markets import get_market
from localize.review.qa import QA_CHECKS, run_qa_checks
from localize.review.rules import ListingText
from localize.review.rules.text import text_fields
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


def text_for(code: str, target: dict[str, str], source: dict[str, str] | None = None, source_lang: str = "zh",
             **extra) -> list:
    market = get_market(code, RULES)
    text = ListingText(sku="KX-1", market=code, target_lang=market.language, fields=target,
                       source_lang=source_lang if source else None, source=source or {}, **extra)
    return run_qa_checks(text, market)


def only(flags: list, rule: str) -> list:
    return [flag for flag in flags if flag.rule == rule]


def test_a_word_or_phrase_repeated_back_to_back() -> None:
    [flag] = only(flags_for("en-US", "Wireless Mouse Silent silent Rechargeable"), "qa.repeated-words")
    assert (flag.span, flag.match, flag.severity.value) == ((15, 28), "Silent silent", "warn")
    [phrase] = only(flags_for("en-US", "Remote Car Boys Girls Boys Girls Red"), "qa.repeated-words")
    assert phrase.match == "Boys Girls Boys Girls"
    assert only(flags_for("de-DE", "Damen T-Shirt Sommer Sommer Sommer Oberteil"), "qa.repeated-words")
    # Look-alikes: the same word apart, a word inside another, grammar that doubles, numbers, CJK reduplication.
    for code, title in (("en-US", "Lid for pan, pan not included"), ("en-US", "Summer Summertime Dress"),
                        ("de-DE", "Die Lampe, die die Nacht erhellt"), ("fr-FR", "Nous nous engageons"),
                        ("en-US", "Pack of 2 2 pieces"), ("zh-TW", "慢慢 冷卻 的 杯子"),
                        ("en-US", "Bora-Bora Beach Towel")):
        assert not only(flags_for(code, title), "qa.repeated-words"), title


def test_the_same_bullet_or_keyword_twice() -> None:
    flags = text_for("en-US", text_fields("Lamp", bullets=["Soft light.", "Touch switch", "soft  light"],
                                          keywords=["lamp", "desk lamp", "Lamp"]))
    assert [(flag.field, flag.message) for flag in only(flags, "qa.duplicate-item")] == [
        ("bullets[2]", "the same as bullets[0]"), ("keywords[2]", "the same as keywords[0]")]
    # The same words in a bullet and a keyword, or similar but different bullets, are fine.
    assert not only(text_for("en-US", text_fields("Lamp", bullets=["Desk lamp", "Desk lamp, dimmable"],
                                                  keywords=["desk lamp"])), "qa.duplicate-item")


def test_a_value_glued_to_a_word_or_to_another_value() -> None:
    source = text_fields("降噪耳机 蓝牙5.3 A7-PRO，IPX7防水，20W快充")
    glued = text_for("de-DE", text_fields("Kopfhörer Geräuschunterdrückung5.3 A7-PRO, IPX720W Schnellladen"), source)
    assert sorted(flag.match for flag in only(glued, "qa.glued-value")) == ["Geräuschunterdrückung5.3", "IPX720W"]
    spaced = text_for("de-DE", text_fields("Kopfhörer Bluetooth 5.3 A7-PRO, IPX7 wasserdicht, 20W-Schnellladen"),
                      source)
    assert not only(spaced, "qa.glued-value")
    # Japanese writes no spaces: a value next to a word is right there.
    assert not only(text_for("ja-JP", text_fields("ワイヤレスイヤホン5.3 A7-PRO IPX7防水 20W急速充電"), source),
                    "qa.glued-value")


def test_a_translation_far_shorter_or_longer_than_its_source() -> None:
    source = text_fields("这款台灯适合卧室和书房使用，光线柔和不刺眼",
                         bullets=["采用优质纯棉面料，柔软透气，适合日常穿着"])
    short = text_for("en-US", text_fields("Lamp.", bullets=["Made of premium cotton, soft and breathable for "
                                                             "everyday wear"]), source)
    assert [(flag.field, flag.severity.value) for flag in only(short, "qa.length-ratio")] == [("title", "warn")]
    looping = text_for("en-US", text_fields(
        "This lamp is suitable for the bedroom and the study, soft light " + "and the study " * 20,
        bullets=["Made of premium cotton, soft and breathable for everyday wear"]), source)
    assert [flag.field for flag in only(looping, "qa.length-ratio")] == ["title"]
    fine = text_for("en-US", text_fields("This desk lamp suits the bedroom and the study; its light is soft",
                                         bullets=["Made of premium cotton, soft and breathable for everyday wear"]),
                    source)
    assert not only(fine, "qa.length-ratio")


def test_length_ratio_stays_silent_on_the_corpus_references() -> None:
    from tools.demo_models import read_corpus

    for pair in ("zh-en", "en-de"):
        source_lang, target_lang = pair.split("-")
        code = {"en": "en-US", "de": "de-DE"}[target_lang]
        fired = [(source, target) for source, target in read_corpus(pair)
                 if only(text_for(code, text_fields(target), text_fields(source), source_lang), "qa.length-ratio")]
        assert not fired, fired[:3]


def test_a_field_the_model_was_unsure_of() -> None:
    fields = text_fields("Desk lamp", "<p>Soft light.</p>")
    flags = text_for("en-US", fields, confidence={"title": 82.0, "description": 31.5}, confidence_threshold=40)
    [flag] = only(flags, "qa.low-confidence")
    assert (flag.field, flag.severity.value, flag.message) == (
        "description", "warn", "the model's confidence is 31.5 (under 40)")
    assert not only(text_for("en-US", fields, confidence={"title": 82.0, "description": 31.5},
                             confidence_threshold=30), "qa.low-confidence")
    assert not only(text_for("en-US", fields), "qa.low-confidence")  # text not machine translated
