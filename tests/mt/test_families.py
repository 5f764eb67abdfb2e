"""Each model family, built tiny here and loaded through `from_pretrained`, is told its languages
the way it expects: the same English text comes out German or Chinese as the engine asks."""

from pathlib import Path

import pytest
from family_models import build_family_model

from localize.mt.engines import LanguagePair, ModelUnavailable
from localize.mt.engines.families import family_of
from localize.mt.engines.models import ModelCatalog
from localize.mt.engines.transformers_engine import TransformersEngine, load_model
from localize.text.detect import script_of
from localize.text.protect import PLACEHOLDER_PATTERN, placeholder_ids

EN_DE, EN_ZH = LanguagePair("en", "de"), LanguagePair("en", "zh")
SEGMENTS = ["Women's Cotton T-Shirt Summer Loose", "Wireless Mouse Silent Rechargeable",
            "This lamp is suitable for the bedroom and the study.", "[X0X] LED Desk Lamp Dimmable [X1X]",
            "Capacity: [X0X], weight: [X1X]", "Soft and breathable, comfortable to wear"]
TARGET_TOKENS = {"marian-multi": (">>deu<<", ">>cmn_Hans<<"), "nllb": ("deu_Latn", "zho_Hans"),
                 "m2m100": ("__de__", "__zh__")}


@pytest.fixture(scope="module", params=list(TARGET_TOKENS))
def family_model(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    family = request.param
    return family, build_family_model(family, tmp_path_factory.mktemp(family))


def engine_for(directory: Path) -> TransformersEngine:
    return TransformersEngine(ModelCatalog.of({EN_DE: str(directory), EN_ZH: str(directory)}))


def han_share(text: str) -> float:
    letters = [script_of(char) for char in PLACEHOLDER_PATTERN.sub("", text) if char.isalpha()]
    return sum(script == "han" for script in letters) / max(1, len(letters))


def test_family_is_read_from_the_checkpoint_and_picks_the_target_token(family_model: tuple[str, Path]) -> None:
    family, directory = family_model
    assert load_model(str(directory)).family.id == family
    engine = engine_for(directory)
    assert (engine.route(EN_DE)[0].prompt.target_token, engine.route(EN_ZH)[0].prompt.target_token) == \
        TARGET_TOKENS[family]


def test_the_same_source_comes_out_in_the_language_asked_for(family_model: tuple[str, Path]) -> None:
    _, directory = family_model
    engine = engine_for(directory)
    german = [out.text for out in engine.translate(EN_DE, SEGMENTS)]
    chinese = [out.text for out in engine.translate(EN_ZH, SEGMENTS)]
    # Seconds of training leave a slip or two; the language itself is never the other one's.
    assert sum(han_share(text) > 0 for text in german) <= 1, german
    assert sum(han_share(text) == 0 and any(char.isalpha() for char in text) for text in german) >= 5, german
    assert sum(han_share(text) > 0.5 for text in chinese) >= 5, chinese
    for text in german + chinese:  # no language token leaks into the text
        assert "__" not in text and ">>" not in text and "_Latn" not in text


def test_every_placeholder_comes_out_once_in_every_family(family_model: tuple[str, Path]) -> None:
    _, directory = family_model
    for pair in (EN_DE, EN_ZH):
        for source, out in zip(SEGMENTS, engine_for(directory).translate(pair, SEGMENTS), strict=True):
            written = [int(match.group(1)) for match in PLACEHOLDER_PATTERN.finditer(out.text)]
            assert sorted(written) == sorted(placeholder_ids(source)), (source, out.text)


def test_a_target_the_model_does_not_know_is_reported_with_what_it_knows(family_model: tuple[str, Path]) -> None:
    family, directory = family_model
    engine = TransformersEngine(ModelCatalog.of({LanguagePair("en", "xx"): str(directory)}))
    with pytest.raises(ModelUnavailable, match="no model for en-xx") as caught:
        engine.translate(LanguagePair("en", "xx"), ["Desk lamp"])
    assert "no " + {"marian-multi": "multi-target Marian", "nllb": "NLLB-200", "m2m100": "M2M100"}[family] + \
        " language code for 'xx'" in str(caught.value)


def test_a_single_pair_marian_model_needs_no_language_token(tiny_models: Path) -> None:
    loaded = load_model(str(tiny_models / "zh-en"))
    assert loaded.family.id == "marian"
    assert loaded.family.prompt(LanguagePair("zh", "en")).source_prefix == ()


def test_an_architecture_no_family_drives_is_refused_by_name(tiny_models: Path) -> None:
    with pytest.raises(ModelUnavailable, match=r"model type 'bart' is not a supported family \(marian-multi"):
        family_of("bart", load_model(str(tiny_models / "zh-en")).tokenizer, "some/bart")
