"""Compact titles: what a reviewer is offered for a title over a marketplace's limit. Filler goes
before anything that describes the product, the brand and key attributes stay, nothing is shortened
more than the limit asks, and a title that cannot be made to fit says so."""

from pathlib import Path

import pytest

from localize.review.rules import ListingText, evaluate_rules
from localize.review.rules.compact import CompactTitle, Dropped, TitleWordsError, compact_title, tidy, title_words
from localize.review.rules.kinds import LengthRule
from localize.review.rules.text import text_fields

EARBUDS = ("Lumora Wireless Earbuds Bluetooth 5.3 Hot Sale with Noise Cancelling, 40 Hours Playtime, IPX7, "
           "Black, Gym, Running, Travel")


def compact(title: str, limit: int, lang: str = "en", brand: str | None = "Lumora", **kwargs) -> CompactTitle:
    return compact_title(title, limit=limit, lang=lang, brand=brand, **kwargs)


def reasons(result: CompactTitle) -> list[str]:
    return [drop.reason for drop in result.dropped]


def test_a_title_within_the_limit_comes_back_unchanged() -> None:
    assert compact("Lumora  Earbuds, Hot Sale", 30) == CompactTitle("Lumora  Earbuds, Hot Sale", fits=True)


def test_filler_goes_before_any_clause_and_only_as_far_as_the_limit_asks() -> None:
    result = compact(EARBUDS, len(EARBUDS) - 9)
    assert result.text == EARBUDS.replace(" Hot Sale", "")
    assert result.dropped == (Dropped("filler", "Hot Sale"),)


def test_plain_clauses_go_from_the_end_before_those_with_key_attributes() -> None:
    result = compact(EARBUDS, 95)
    assert result.text == "Lumora Wireless Earbuds Bluetooth 5.3 with Noise Cancelling, 40 Hours Playtime, IPX7, Black"
    assert result.fits and reasons(result) == ["filler", "clause", "clause", "clause"]
    assert [drop.text for drop in result.dropped[1:]] == ["Travel", "Running", "Gym"]


def test_key_attributes_go_last_and_the_first_clause_never() -> None:
    result = compact(EARBUDS, 40)
    assert result.text == "Lumora Wireless Earbuds Bluetooth 5.3 with Noise Cancelling"
    assert not result.fits  # the honest answer: the reviewer decides what else goes
    assert [drop.text for drop in result.dropped] == ["Hot Sale", "Travel", "Running", "Gym", "Black", "IPX7",
                                                      "40 Hours Playtime"]


def test_duplicate_words_go_first_keeping_the_first_occurrence_in_any_case() -> None:
    result = compact("Lumora Earbuds Wireless Bluetooth Earbuds, wireless Charging Case, Gym", 62)
    assert result.text == "Lumora Earbuds Wireless Bluetooth Earbuds, Charging Case, Gym"
    assert result.dropped == (Dropped("duplicate", "wireless"),)  # the last repeat; then it fits


def test_grammar_words_and_numbers_are_not_duplicates() -> None:
    title = "Case for iPhone 15 with Stand, Strap for iPhone 15 with Ring, Pink, Blue"
    result = compact(title, len(title) - 1, brand=None)
    assert reasons(result) == ["duplicate"]  # only the second "iPhone"
    assert result.text == "Case for iPhone 15 with Stand, Strap for 15 with Ring, Pink, Blue"


def test_the_brand_stays_even_when_it_looks_like_filler_or_a_low_value_token() -> None:
    result = compact("Top Rated Earbuds, Bluetooth 5.3, Noise Cancelling, Top Rated", 30, brand="Top Rated",
                     low_value_tokens=["top rated"])
    assert result.text == "Top Rated Earbuds"
    assert reasons(result) == ["duplicate", "duplicate", "clause", "clause"]  # the repeat went as a duplicate


def test_a_clause_naming_the_brand_is_kept() -> None:
    result = compact("Wireless Earbuds, Bluetooth 5.3, by Lumora, Gym, Running", 42)
    assert result.text == "Wireless Earbuds, Bluetooth 5.3, by Lumora"


def test_a_word_of_the_brand_is_no_duplicate_of_the_same_word_before_it() -> None:
    result = compact("Audio Cable 2 m, by Acme Audio, Gym", 20, brand="Acme Audio")
    assert result.text == "Audio Cable 2 m, by Acme Audio" and not result.fits


def test_the_sellers_low_value_tokens_go_after_filler_and_before_clauses() -> None:
    title = "Lumora Wireless Earbuds Bluetooth 5.3 Ultra, Noise Cancelling, Gym"
    result = compact(title, len(title) - 6, low_value_tokens=["ultra", " "])
    assert result.text == "Lumora Wireless Earbuds Bluetooth 5.3, Noise Cancelling, Gym"
    assert result.dropped == (Dropped("low-value", "Ultra"),)


def test_low_value_tokens_are_literal_text_not_patterns() -> None:
    title = "Lumora Earbuds re:.* 2024, Gym"
    result = compact(title, len(title) - 1, low_value_tokens=["re:.*", "2024"])
    assert result.text == "Lumora Earbuds re:.*, Gym"


@pytest.mark.parametrize("limit", [10, 30, 60, 90, 120])
def test_never_longer_than_the_input_and_fits_is_honest(limit: int) -> None:
    result = compact(EARBUDS, limit)
    assert len(result.text) <= len(EARBUDS)
    assert result.fits == (len(result.text) <= limit)
    assert "Lumora" in result.text and "5.3" in result.text


def test_german_filler_and_an_inflected_colour() -> None:
    title = "Lumora Kopfhörer Neu 2024, Top Qualität, Bluetooth 5.3, schwarze Ausführung, für Sport und Büro"
    result = compact(title, 60, lang="de")
    assert result.text == "Lumora Kopfhörer, Bluetooth 5.3, schwarze Ausführung"
    assert [drop.text for drop in result.dropped] == ["Top Qualität", "Neu 2024", "für Sport und Büro"]


def test_chinese_keyword_groups_filler_and_duplicates() -> None:
    title = "【热卖】2024新款 蓝牙耳机 无线 蓝牙耳机 运动 包邮，黑色，适用于苹果和安卓手机"
    result = compact(title, 20, lang="zh", brand=None)
    assert result.text == "蓝牙耳机 无线 运动，黑色"
    assert reasons(result) == ["duplicate", "filler", "filler", "filler", "clause"]


def test_japanese_drops_trailing_keyword_groups_after_filler() -> None:
    title = "【2026年最新版】ワイヤレスイヤホン Bluetooth5.3 IPX7防水 軽量 通勤 ジム プレゼント"
    result = compact(title, 40, lang="ja", brand=None)
    assert result.text == "ワイヤレスイヤホン Bluetooth5.3 IPX7防水 軽量 通勤 ジム"
    assert result.dropped[0] == Dropped("filler", "2026年最新版")


def test_a_language_without_word_lists_still_drops_clauses() -> None:
    result = compact("Lumora Kulaklık, Bluetooth 5.3, Spor, Seyahat", 30, lang="tr")
    assert result.text == "Lumora Kulaklık, Bluetooth 5.3"


def test_tidy_only_removes_leftovers() -> None:
    assert tidy("Lumora ,  | Earbuds【】 - , Black - ") == "Lumora, Earbuds - Black"
    assert tidy("A, B (1/4 inch) w/ case") == "A, B (1/4 inch) w/ case"


def test_the_word_lists_are_validated_with_the_file_and_key_in_the_error(tmp_path: Path) -> None:
    assert {"en", "de", "fr", "es", "it", "nl", "pl", "pt", "zh", "ja"} <= set(title_words())
    bad = tmp_path / "title_words.yaml"
    bad.write_text("languages:\n  de:\n    filler: [Neu, 're:(']\n", encoding="utf-8")
    with pytest.raises(TitleWordsError, match=r"^title_words.yaml: languages.de.filler.1: invalid regular"):
        title_words(bad)
    bad.write_text("languages:\n  DE: {filler: [Neu]}\n", encoding="utf-8")
    with pytest.raises(TitleWordsError, match=r"^title_words.yaml: languages.DE.\[key\]"):
        title_words(bad)


# --- the length rule offers it ----------------------------------------------------------------------

RULE = LengthRule(id="t.length.title", kind="length", severity="warn", fields=("title",), max_chars=60,
                  message="Title longer than the marketplace accepts", suggestion="Shorten the title.",
                  why="the marketplace's title limit, for the test", examples={"fires": ["x"], "silent": ["y"]})


def listing(title: str, **kwargs) -> ListingText:
    return ListingText(sku="S-1", market="en-US", target_lang="en", fields=text_fields(title), brand="Lumora",
                       **kwargs)


def test_an_over_long_title_flag_carries_the_compact_title_as_its_replacement() -> None:
    [flag] = evaluate_rules((RULE,), listing(EARBUDS))
    assert flag.replacement == "Lumora Wireless Earbuds Bluetooth 5.3 with Noise Cancelling"
    assert flag.suggestion == ("Shorten the title. Suggested title (59 characters; dropped filler “Hot Sale”, "
                               "clause “Travel”, clause “Running”, clause “Gym”, clause “Black”, clause “IPX7”, "
                               "clause “40 Hours Playtime”): " + flag.replacement)
    assert len(flag.replacement) <= RULE.max_chars


def test_the_flag_says_when_the_best_effort_is_still_too_long() -> None:
    title = "Lumora Wireless Earbuds Bluetooth 5.3 Noise Cancelling Charging Case Hot Sale, Gym"
    [flag] = evaluate_rules((RULE,), listing(title))
    assert flag.replacement == "Lumora Wireless Earbuds Bluetooth 5.3 Noise Cancelling Charging Case"
    assert "(68 characters, still over 60;" in (flag.suggestion or "")


def test_the_sellers_low_value_tokens_reach_the_rule() -> None:
    title = "Lumora Wireless Earbuds Bluetooth 5.3 Noise Cancelling Ultra, Gym"
    [flag] = evaluate_rules((RULE,), listing(title, low_value_tokens=("ultra",)))
    assert flag.replacement == "Lumora Wireless Earbuds Bluetooth 5.3 Noise Cancelling, Gym"


def test_no_replacement_when_nothing_can_go_nor_for_the_sellers_text() -> None:
    [flag] = evaluate_rules((RULE,), listing("Lumora Wireless Earbuds Bluetooth 5.3 Noise Cancelling Charging Case"))
    assert flag.replacement is None and flag.suggestion == "Shorten the title."
    source_side = RULE.model_copy(update={"look_in": ("source",)})
    text = ListingText(sku="S-1", market="en-US", target_lang="en", fields=text_fields(""), source_lang="en",
                       source=text_fields(EARBUDS), brand="Lumora")
    [flag] = evaluate_rules((source_side,), text)
    assert flag.field == "source.title" and flag.replacement is None
