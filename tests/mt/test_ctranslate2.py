"""The ctranslate2 engine from the command line: `localize models convert` writes a model the engine
loads (`LOCALIZE_ENGINE=ctranslate2`), and a directory it did not write is refused with the command
that converts it. What the pipeline promises about text is tested on both engines (`make_engine`)."""

import json
from pathlib import Path

import pytest
from support import run_localize


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
