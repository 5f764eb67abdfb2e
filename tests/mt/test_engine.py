"""The engines on tiny Marian models built in seconds: transformers loads them with from_pretrained,
ctranslate2 the same models converted to int8. Translating, batch independence and pivoting hold on
both (`make_engine` runs each test on each engine)."""

from pathlib import Path

import pytest

from localize.mt.engines import LanguagePair, ModelUnavailable, UnsupportedPair
from localize.mt.engines.models import ModelCatalog, ModelConfigError, configured_catalog
from localize.mt.engines.transformers_engine import TransformersEngine

ZH_EN = LanguagePair("zh", "en")
SEGMENTS = ["女士纯棉短袖T恤", "蓝牙耳机", "【材质】采用优质纯棉面料，柔软透气", "颜色：黑色", "不锈钢炒锅"]
OTHERS = ["这款台灯适合卧室和书房使用。", "儿童积木玩具", "防水运动鞋", "保湿面霜", "厨房刀具套装", "无线充电器"]


def engine_for(models_dir: Path, **options: int) -> TransformersEngine:
    return TransformersEngine(ModelCatalog.from_file(models_dir / "models.toml"), **options)


def test_translates_each_segment_into_the_target_language(make_engine) -> None:
    outputs = make_engine().translate(ZH_EN, SEGMENTS)
    assert len(outputs) == len(SEGMENTS)
    assert all(out.text and out.text.isascii() for out in outputs), outputs  # Latin-script English, no Han left
    assert all(0 < out.confidence <= 100 for out in outputs)


def test_results_do_not_depend_on_batch_composition_or_order(make_engine) -> None:
    alone = make_engine(batch_size=1).translate(ZH_EN, SEGMENTS)
    mixed_input = OTHERS[:3] + SEGMENTS[::-1] + OTHERS[3:]
    mixed = make_engine(batch_size=4).translate(ZH_EN, mixed_input)
    by_source = dict(zip(mixed_input, mixed, strict=True))
    assert [by_source[s].text for s in SEGMENTS] == [out.text for out in alone]
    # Padding may move the last digit of a float; the confidence a reviewer sees does not change.
    assert [by_source[s].confidence for s in SEGMENTS] == pytest.approx([out.confidence for out in alone], abs=0.2)


def test_pair_without_direct_model_pivots_through_english(make_engine) -> None:
    engine = make_engine()
    zh_de = LanguagePair("zh", "de")
    first, second = engine.route(zh_de)
    assert (first.ref.endswith("zh-en"), second.ref.endswith("en-de")) == (True, True)
    english = engine.translate(ZH_EN, SEGMENTS)
    german = engine.translate(LanguagePair("en", "de"), [out.text for out in english])
    pivoted = engine.translate(zh_de, SEGMENTS)
    assert [out.text for out in pivoted] == [out.text for out in german]
    # Both hops must be right: the confidences multiply.
    assert [out.confidence for out in pivoted] == pytest.approx(
        [first.confidence * second.confidence / 100 for first, second in zip(english, german, strict=True)], abs=0.1)
    assert engine.model_for(zh_de) == f"{first.ref} -> {second.ref}"


def test_missing_model_error_names_what_was_tried_and_the_recipe_model_to_download(tiny_models: Path) -> None:
    engine = engine_for(tiny_models)
    with pytest.raises(ModelUnavailable) as caught:
        engine.translate(LanguagePair("zh", "ja"), SEGMENTS)
    message = str(caught.value)
    assert message.startswith("no model for zh-ja: tried zh-ja: not configured")
    assert "en-ja: not configured" in message
    # The recipe's checkpoint for the pair and the command that fetches it, not a guessed hub id.
    assert "recommended.toml recommends facebook/nllb-200-distilled-600M for zh-ja" in message
    assert "`hf download facebook/nllb-200-distilled-600M`" in message
    assert "Helsinki-NLP/opus-mt-zh-ja" not in message


def test_without_a_models_file_the_recipe_is_used_and_a_missing_download_is_named() -> None:
    engine = TransformersEngine(configured_catalog(None))  # hub offline, nothing in the cache
    with pytest.raises(ModelUnavailable) as caught:
        engine.translate(LanguagePair("en", "de"), ["Desk lamp"])
    assert "tried en-de = Helsinki-NLP/opus-mt-en-de: " in str(caught.value)
    assert "`hf download Helsinki-NLP/opus-mt-en-de` on a machine with hub access" in str(caught.value)


def test_missing_local_directory_is_named(tmp_path: Path) -> None:
    config = tmp_path / "models.toml"
    config.write_text('default = ""\n"zh-en" = "./nowhere"\n', encoding="utf-8")
    engine = TransformersEngine(ModelCatalog.from_file(config))
    with pytest.raises(ModelUnavailable, match=f"zh-en = {tmp_path / 'nowhere'}: no such directory"):
        engine.translate(ZH_EN, ["蓝牙耳机"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('"zh-en" = 3\n', "zh-en: must be a hub id or a directory path"),
        ('"zh-en" = { model = "x", size_mb = -1 }\n', "zh-en.size_mb: must be a positive whole number"),
        ('"zh-en" = { model = "x", sizes = 1 }\n', "zh-en.sizes: unknown key"),
        ('"zhen" = "x"\n', "zhen: 'zhen' is not a language pair"),
        ("default = 1\n", "default: must be a string pattern"),
        ('"zh-en" = \n', "invalid TOML"),
    ],
)
def test_bad_models_file_names_file_and_key(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "models.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ModelConfigError, match=f"models.toml: {message}"):
        ModelCatalog.from_file(config)


def test_same_language_pair_is_unsupported(tiny_models: Path) -> None:
    with pytest.raises(UnsupportedPair, match="en-en: source and target are the same language"):
        engine_for(tiny_models).translate(LanguagePair("en", "en"), ["Desk Lamp"])
