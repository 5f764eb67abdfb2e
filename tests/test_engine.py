"""The transformers engine on tiny Marian models built in seconds, loaded with from_pretrained."""

from pathlib import Path

import pytest

from localize.engines import LanguagePair, ModelUnavailable, UnsupportedPair
from localize.engines.models import ModelCatalog, ModelConfigError
from localize.engines.transformers_engine import TransformersEngine

ZH_EN = LanguagePair("zh", "en")
SEGMENTS = ["女士纯棉短袖T恤", "蓝牙耳机", "【材质】采用优质纯棉面料，柔软透气", "颜色：黑色", "不锈钢炒锅"]
OTHERS = ["这款台灯适合卧室和书房使用。", "儿童积木玩具", "防水运动鞋", "保湿面霜", "厨房刀具套装", "无线充电器"]


def engine_for(models_dir: Path, **options: int) -> TransformersEngine:
    return TransformersEngine(ModelCatalog.from_file(models_dir / "models.toml"), **options)


def test_translates_each_segment_into_the_target_language(tiny_models: Path) -> None:
    outputs = engine_for(tiny_models).translate(ZH_EN, SEGMENTS)
    assert len(outputs) == len(SEGMENTS)
    assert all(out and out.isascii() for out in outputs), outputs  # Latin-script English, no Han left


def test_results_do_not_depend_on_batch_composition_or_order(tiny_models: Path) -> None:
    alone = engine_for(tiny_models, batch_size=1).translate(ZH_EN, SEGMENTS)
    mixed_input = OTHERS[:3] + SEGMENTS[::-1] + OTHERS[3:]
    mixed = engine_for(tiny_models, batch_size=4).translate(ZH_EN, mixed_input)
    by_source = dict(zip(mixed_input, mixed, strict=True))
    assert [by_source[s] for s in SEGMENTS] == alone


def test_pair_without_direct_model_pivots_through_english(tiny_models: Path) -> None:
    engine = engine_for(tiny_models)
    zh_de = LanguagePair("zh", "de")
    assert engine.route(zh_de) == [str(tiny_models / "zh-en"), str(tiny_models / "en-de")]
    english = engine.translate(ZH_EN, SEGMENTS)
    assert engine.translate(zh_de, SEGMENTS) == engine.translate(LanguagePair("en", "de"), english)
    assert engine.model_for(zh_de) == f"{tiny_models / 'zh-en'} -> {tiny_models / 'en-de'}"


def test_missing_model_error_names_pair_what_was_tried_and_how_to_configure(tiny_models: Path) -> None:
    engine = engine_for(tiny_models)
    with pytest.raises(ModelUnavailable) as caught:
        engine.translate(LanguagePair("zh", "ja"), SEGMENTS)
    message = str(caught.value)
    assert message.startswith("no model for zh-ja: tried zh-ja: not configured")
    assert "en-ja: not configured" in message
    assert "LOCALIZE_MODELS" in message


def test_unreachable_hub_model_is_reported_not_raised_as_traceback() -> None:
    engine = TransformersEngine(ModelCatalog())  # default Helsinki-NLP pattern, hub offline
    with pytest.raises(ModelUnavailable, match=r"tried ja-en = Helsinki-NLP/opus-mt-ja-en: "):
        engine.translate(LanguagePair("ja", "en"), ["テスト"])


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
