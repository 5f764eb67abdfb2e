"""The pipeline's promises about text, through the library API and the real tiny models."""


import re

import pytest

from localize.listing import Listing
from localize.mt.engines.seq2seq import DecodingOptions
from localize.pipeline import Pipeline


@pytest.fixture
def pipeline(make_pipeline) -> Pipeline:
    return make_pipeline("en-US", "de-DE")


# Far more tags than a model keeps track of on its own: unconstrained, some are bound to be lost or doubled.
CROWDED = "".join(f'<span class="c{i}">红色</span>' for i in range(40)) + "杯子"


def test_constrained_decoding_keeps_every_tag_of_a_crowded_sentence(pipeline: Pipeline) -> None:
    listing = Listing(sku="T-1", title="蓝牙耳机", description=f"<p>{CROWDED}</p>", source_lang="zh")
    result = pipeline.run([listing])
    for loc in result.localizations:
        assert not [f for f in loc.flags if f.rule == "qa.placeholder"]
        assert [loc.description.count(f'<span class="c{i}">') for i in range(40)] == [1] * 40
        assert loc.description.count("</span>") == 40
    assert pipeline.sentences_kept == 0


def test_lost_placeholders_give_a_block_flag_and_keep_the_source_sentence(make_pipeline) -> None:
    # The last line of defence, for output no constraint shaped (another engine, edited memory text).
    pipeline = make_pipeline("en-US", "de-DE", decoding=DecodingOptions(placeholder_constraint=False))
    listing = Listing(sku="T-1", title="蓝牙耳机", description=f"<p>{CROWDED}</p>", source_lang="zh")
    result = pipeline.run([listing])
    assert len(result.localizations) == 2
    for loc in result.localizations:
        [flag] = [f for f in loc.flags if f.field == "description" and f.rule == "qa.placeholder"]
        assert flag.severity.value == "block"
        assert "the source text was kept" in flag.message
        assert loc.description == f"<p>{CROWDED}</p>"
        # The kept Chinese is also flagged where it stands, for the reviewer to translate.
        assert any(f.rule == "qa.source-script" and f.field == "description" for f in loc.flags)
    kept = [f for loc in result.localizations for f in loc.flags if "the source text was kept" in f.message]
    assert pipeline.sentences_kept == len(kept) >= 2


def test_values_get_their_space_back_in_languages_that_write_spaces(make_pipeline) -> None:
    pipeline = make_pipeline("en-US", "de-DE")
    listing = Listing(sku="NV-1", title="降噪蓝牙5.3耳机A7-PRO", bullets=["IPX7防水20W快充"], source_lang="zh")
    for loc in pipeline.run([listing]).localizations:
        for text in (loc.title, *loc.bullets):
            assert not re.search(r"[^\W\d_](?:5\.3|A7-PRO|IPX7|20W)|(?:5\.3|A7-PRO|IPX7|20W)[^\W\d_]", text), text
        assert "IPX720W" not in loc.bullets[0]
        assert not [flag for flag in loc.flags if flag.rule == "qa.glued-value"]


def test_each_field_carries_the_confidence_of_its_least_sure_sentence(pipeline: Pipeline) -> None:
    listing = Listing(sku="C-1", title="女士纯棉短袖T恤", description="<p>柔软透气。</p><p>适合日常穿着。</p>",
                      bullets=["颜色：黑色", "KX-2024B"], source_lang="zh")
    for loc in pipeline.run([listing]).localizations:
        assert set(loc.field_confidence) == {"title", "description", "bullets[0]"}  # a model number needs no MT
        assert all(0 < value <= 100 for value in loc.field_confidence.values())
        assert loc.confidence == min(loc.field_confidence.values())
        low = {flag.field for flag in loc.flags if flag.rule == "qa.low-confidence"}
        assert low == {name for name, value in loc.field_confidence.items() if value < 40}


def test_memory_matches_are_certain_and_no_translation_has_no_confidence(make_pipeline, tmp_path) -> None:
    from localize.mt.engines import LanguagePair
    from localize.mt.memory import Unit
    from localize.store.db import open_database
    from localize.store.memory import StoreMemory

    memory = StoreMemory(open_database(f"sqlite:///{tmp_path / 'tm.db'}"))
    memory.learn([Unit(LanguagePair("zh", "en"), "女士纯棉短袖T恤", "Women's Cotton Short-Sleeve T-Shirt")], "test")
    pipeline = make_pipeline("en-US", memory=memory)
    listings = [Listing(sku="M-1", title="女士纯棉短袖T恤", source_lang="zh"),
                Listing(sku="E-1", title="Desk lamp", source_lang="en")]
    remembered, english = pipeline.run(listings).localizations
    assert (remembered.engine.name, remembered.field_confidence, remembered.confidence) == (
        "memory", {"title": 100.0}, 100.0)
    assert (english.field_confidence, english.confidence) == ({}, None)


def test_each_distinct_segment_goes_to_mt_once_per_pair(make_pipeline) -> None:
    pipeline = make_pipeline("en-US", "en-GB", "de-DE")
    bullets = ["【材质】采用优质纯棉面料，柔软透气", "颜色：黑色"]
    listings = [Listing(sku=f"S-{i}", title="女士纯棉短袖T恤", bullets=bullets, source_lang="zh") for i in range(100)]
    result = pipeline.run(listings)  # more listings than one chunk
    assert len(result.localizations) == 300
    # zh-en: 3 distinct segments, shared by en-US and en-GB; zh-de: the same 3 (pivoted in the engine).
    assert pipeline.segments_to_mt == 6
    titles = {loc.title for loc in result.localizations if loc.market != "de-DE"}
    assert len(titles) == 1


def test_output_is_ordered_by_market_then_input_and_same_language_is_not_translated(pipeline: Pipeline) -> None:
    listings = [
        Listing(sku="A", title="Wireless Earbuds with Charging Case"),
        Listing(sku="B", title="蓝牙耳机"),
    ]
    result = pipeline.run(listings)
    assert [(loc.market, loc.sku) for loc in result.localizations] == [
        ("en-US", "A"), ("en-US", "B"), ("de-DE", "A"), ("de-DE", "B")
    ]
    english = result.localizations[0]
    assert english.title == "Wireless Earbuds with Charging Case"
    assert english.engine.name == "none"


def test_listing_without_detectable_language_fails_alone(pipeline: Pipeline) -> None:
    result = pipeline.run([Listing(sku="N", title="KX-2024B 30cm"), Listing(sku="B", title="蓝牙耳机")])
    assert [f.sku for f in result.failures] == ["N"]
    assert "source_lang" in result.failures[0].reason
    assert {loc.sku for loc in result.localizations} == {"B"}


def test_simplified_chinese_is_converted_for_taiwan_with_its_words_and_rules(make_pipeline) -> None:
    pipeline = make_pipeline("zh-TW")
    listing = Listing(sku="LM-1", title="软件工坊 绿色棒球帽 软件鼠标礼盒", source_lang="zh", brand="软件工坊",
                      bullets=["【材质】纯棉，透气"])
    [loc] = pipeline.run([listing]).localizations
    assert loc.title == "软件工坊 綠色棒球帽 軟體滑鼠禮盒"  # the brand is the seller's, never converted
    assert loc.bullets == ["【材質】純棉，透氣"]
    assert (loc.engine.name, loc.engine.model) == ("opencc", "s2twp")
    # The rules for Taiwan are written in Traditional: they fire on the converted text.
    assert any(flag.rule == "tw.colour.green-hat" for flag in loc.flags)
    assert pipeline.segments_to_mt == 0
