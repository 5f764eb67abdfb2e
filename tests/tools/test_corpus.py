"""The demo corpus generator (`python -m tools.corpus`): it rewrites the shipped corpus byte for byte,
and its data files fail with the file and the key path of what is wrong."""

from pathlib import Path

import pytest
from conftest import ROOT

from localize.datafile import load_data_file
from tools.corpus.__main__ import main
from tools.corpus.schema import DATA, CorpusDataError, LexiconFile, SpecsFile


def test_the_generator_writes_the_shipped_corpus_byte_for_byte(tmp_path: Path) -> None:
    main(["--out", str(tmp_path)])
    shipped = ROOT / "localize" / "data" / "corpus"
    for name in ("zh-en.tsv", "en-de.tsv", "brands.txt"):
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name


@pytest.mark.parametrize(("model", "name", "old", "new", "message"), [
    (LexiconFile, "lexicon.yaml", "red: 红色 | Red | Rot", "red: 红色 | Red",
     "lexicon.yaml: colors.red: expected 'zh | en | de', got '红色 | Red'"),
    (SpecsFile, "specs.yaml", "cube: {fixed: 3x3,", "cube: {values: [3], fixed: 3x3,",
     "specs.yaml: count_specs.cube: give either values or fixed"),
])
def test_a_bad_data_file_names_the_file_and_the_key(tmp_path: Path, model: type, name: str, old: str, new: str,
                                                    message: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / name).write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(CorpusDataError) as error:
        load_data_file(model, tmp_path / name, name, CorpusDataError)
    assert str(error.value) == message
