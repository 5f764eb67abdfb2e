"""The ctranslate2 engine from the command line: `localize models convert` writes a model the engine
loads (`LOCALIZE_ENGINE=ctranslate2`), and a directory it did not write is refused with the command
that converts it; batches decoded side by side come out as decoded one at a time. What the pipeline
promises about text is tested on both engines (`make_engine`)."""

import json
from pathlib import Path

import pytest
from support import run_localize

from localize.mt.engines import LanguagePair
from localize.mt.engines.ctranslate2_engine import CTranslate2Engine, available_cores, thread_layout
from localize.mt.engines.models import ModelCatalog

ZH_EN = LanguagePair("zh", "en")
CORES = available_cores()
SIDE_BY_SIDE = ["女士纯棉短袖T恤", "[X] 蓝牙耳机 [Y]", "【材质】采用优质纯棉面料，柔软透气", "颜色：黑色 [X]",
                "不锈钢炒锅", "这款台灯适合卧室和书房使用。", "儿童积木玩具 [Y]", "防水运动鞋", "保湿面霜",
                "红色电动牙刷", "护手霜 不油腻"]


def test_convert_then_translate_with_the_ctranslate2_engine(tiny_models: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    converted = run_localize("models", "convert", str(tiny_models / "zh-en"), str(tmp_path / "zh-en"))
    assert converted.returncode == 0, converted.stderr
    assert "(int8," in converted.stdout
    manifest = json.loads((tmp_path / "zh-en" / "localize.json").read_text())
    assert manifest["model_type"] == "marian" and manifest["quantization"] == "int8"
    (tmp_path / "models.toml").write_text('default = ""\n"zh-en" = "./zh-en"\n')
    monkeypatch.setenv("LOCALIZE_MODELS", str(tmp_path / "models.toml"))
    monkeypatch.setenv("LOCALIZE_ENGINE", "ctranslate2")
    translated = run_localize("translate", "[X] 女士纯棉短袖T恤 100%", "--to", "en-US")
    assert translated.returncode == 0, translated.stderr
    assert translated.stdout.strip().isascii() and "100%" in translated.stdout
    assert "confidence:" in translated.stderr


def test_a_directory_not_converted_is_refused_with_the_command_that_converts_it(
        tiny_models: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOCALIZE_MODELS", str(tiny_models / "models.toml"))  # transformers checkpoints
    monkeypatch.setenv("LOCALIZE_ENGINE", "ctranslate2")
    refused = run_localize("translate", "女士纯棉短袖T恤", "--to", "en-US")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "not a CTranslate2 model converted by localize" in refused.stderr
    assert "localize models convert" in refused.stderr


def test_an_unknown_quantization_is_refused(tiny_models: Path, tmp_path: Path) -> None:
    refused = run_localize("models", "convert", str(tiny_models / "zh-en"), str(tmp_path / "x"),
                           "--quantization", "int4")
    assert refused.returncode == 2 and "int4" in refused.stderr


def test_batches_decoded_side_by_side_come_out_as_one_at_a_time(converted_models: Path) -> None:
    catalog = ModelCatalog.from_file(converted_models / "models.toml")
    serial = CTranslate2Engine(catalog, inter_threads=1).translate(ZH_EN, SIDE_BY_SIDE)  # one batch
    parallel = CTranslate2Engine(catalog, batch_size=2, inter_threads=4).translate(ZH_EN, SIDE_BY_SIDE)
    cut = CTranslate2Engine(catalog, inter_threads=4).translate(ZH_EN, SIDE_BY_SIDE)  # one batch cut in 4
    for outputs in (parallel, cut):
        assert [out.text for out in outputs] == [out.text for out in serial]
        assert [out.confidence for out in outputs] == pytest.approx([out.confidence for out in serial], abs=0.2)


@pytest.mark.parametrize(("threads", "inter_threads", "on_gpu", "layout"), [
    (None, None, False, (CORES, 1)),  # unset on a CPU: a batch per core, one thread each
    (2, None, False, (2, 1)),  # a worker process's share of the cores: as many batches
    (None, 3, False, (3, max(1, CORES // 3))),  # batches set: each its share of the cores
    (4, 2, False, (2, 4)),  # both set: batches, and threads each
    (None, None, True, (1, 1)),  # a GPU decodes one batch at a time
    (4, None, True, (1, 4)),
])
def test_threads_go_to_batches_of_one_thread_unless_batches_are_set(
        threads: int | None, inter_threads: int | None, on_gpu: bool, layout: tuple[int, int]) -> None:
    assert thread_layout(threads, inter_threads, on_gpu) == layout


def test_a_worker_preloads_the_converted_models_with_the_configured_engine(converted_models: Path,
                                                                           tmp_path: Path) -> None:
    from localize.settings import Settings
    from localize.store.db import open_database
    from localize.store.service import Localizer

    settings = Settings(engine="ctranslate2", models=converted_models / "models.toml",
                        database_url=f"sqlite:///{tmp_path / 'store.db'}")
    assert Localizer(settings, open_database(settings.database_url)).preload_models() == 2  # zh-en, en-de


def test_a_converted_model_scores_a_translation_as_transformers_does(tiny_models: Path, tmp_path: Path) -> None:
    """The tiny models were trained with transformers, so their decoder starts from a `<pad>` row
    that training moved: the conversion keeps it. CTranslate2's own Marian conversion starts from
    zeros, which put the first token's log-probability 5.6 off."""
    import torch

    from localize.mt.engines.ctranslate2_engine import convert_model, load_translator
    from localize.mt.engines.transformers_engine import load_model

    convert_model(str(tiny_models / "zh-en"), tmp_path / "zh-en", "float32")
    converted, original = load_translator(str(tmp_path / "zh-en"), None, 1), load_model(str(tiny_models / "zh-en"))
    tokenizer = original.tokenizer
    pairs = [("女士纯棉短袖T恤", "Women's Cotton T-Shirt"), ("不锈钢炒锅", "Stainless Steel Wok")]
    for source, target in pairs:
        encoded = tokenizer([source], text_target=[target], return_tensors="pt")
        with torch.inference_mode():
            logits = original.model(**encoded).logits  # type: ignore[operator]
        expected = logits.log_softmax(-1).gather(2, encoded["labels"][:, :, None]).squeeze().tolist()
        [scored] = converted.translator.score_batch([tokenizer.convert_ids_to_tokens(encoded["input_ids"][0])],
                                                   [tokenizer.convert_ids_to_tokens(encoded["labels"][0][:-1])])
        assert scored.log_probs == pytest.approx(expected, abs=0.1)  # CTranslate2's own kernels: within hundredths
