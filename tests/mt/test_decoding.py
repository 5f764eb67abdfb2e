"""What decoding promises: each placeholder exactly once whatever the model would rather do, no
back-to-back loops, and a confidence that ranks what the model knows above what it does not."""

import re
import statistics
from pathlib import Path

import pytest
import torch
from family_models import marian_tokenizer

from localize.mt.engines import LanguagePair
from localize.mt.engines.decoding import PlaceholderConstraint, RepeatBlocker
from localize.mt.engines.models import ModelCatalog
from localize.mt.engines.seq2seq import DecodingOptions
from localize.mt.engines.transformers_engine import TransformersEngine, load_model
from localize.mt.engines.vocabulary import TargetVocabulary
from localize.text.protect import PLACEHOLDER_PATTERN, Protector, placeholder_ids
from tools.demo_models import CORPUS_DIR, ModelSize, build_model, corpus_brands, read_corpus, split_held_out

ZH_EN = LanguagePair("zh", "en")
_DOUBLED_WORD = re.compile(r"(?<!\w)(\w+)\s+\1(?!\w)")


def written(text: str) -> list[int]:
    return sorted(int(match.group(1)) for match in PLACEHOLDER_PATTERN.finditer(text))


@pytest.fixture(scope="module")
def held_out_sources() -> list[str]:
    """Protected source segments of the zh-en corpus's held-out pairs, most with placeholders."""
    protector = Protector(corpus_brands())
    _, held_out = split_held_out(read_corpus("zh-en"))
    return [protector.protect(source).text for source, _ in held_out]


@pytest.fixture(scope="module")
def spelled_vocabulary(tmp_path_factory: pytest.TempPathFactory) -> TargetVocabulary:
    """A sentencepiece vocabulary that spells `[X12X]` in pieces (`▁[`, `X`, `1`, ...), as opus-mt does."""
    protector = Protector(corpus_brands())
    texts = [protector.protect(text).text for pair in read_corpus("zh-en")[:1500] for text in pair]
    tokenizer = marian_tokenizer(texts, tmp_path_factory.mktemp("spm"), placeholders_whole=False)
    vocabulary = TargetVocabulary(tokenizer, len(tokenizer))
    assert not vocabulary.whole and len(vocabulary.spelling(12) or ()) > 1
    return vocabulary


def random_decode(vocabulary: TargetVocabulary, required: list[frozenset[int]], budgets: list[int], seed: int,
                  end_bias: float = 0.0, bracket_bias: float = 0.0) -> list[str]:
    """Greedy decoding over random scores (a model that wants to stop early or to write brackets
    everywhere) through the constraint; the text of each row up to its end or its budget."""
    generator = torch.Generator().manual_seed(seed)
    rows = len(required)
    constraint = PlaceholderConstraint(vocabulary, required, budgets)
    ids = torch.zeros((rows, 1), dtype=torch.long)
    for _ in range(max(budgets)):
        scores = torch.randn((rows, vocabulary.size), generator=generator)
        scores[:, vocabulary.eos_token_id] += end_bias
        scores[:, vocabulary.opening] += bracket_bias
        ids = torch.cat([ids, constraint(ids, scores).argmax(dim=1, keepdim=True)], dim=1)
    texts = []
    for row, budget in zip(ids.tolist(), budgets, strict=True):
        kept = row[1:budget]
        end = kept.index(vocabulary.eos_token_id) if vocabulary.eos_token_id in kept else len(kept)
        texts.append("".join(vocabulary.texts[token] for token in kept[:end]))
    return texts


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("end_bias", "bracket_bias"), [(8.0, 0.0), (0.0, 6.0), (3.0, 3.0)])
def test_constraint_writes_each_placeholder_once_with_spelled_placeholders(
        spelled_vocabulary: TargetVocabulary, seed: int, end_bias: float, bracket_bias: float) -> None:
    required = [frozenset(), frozenset({0}), frozenset({0, 1, 2}), frozenset({3, 12}), frozenset({1})]
    budgets = [12, 20, 30, 16, 9]  # the last barely fits its placeholder: it must be written for it
    texts = random_decode(spelled_vocabulary, required, budgets, seed, end_bias, bracket_bias)
    assert [written(text) for text in texts] == [sorted(numbers) for numbers in required], texts


@pytest.mark.parametrize("seed", range(4))
def test_constraint_writes_each_placeholder_once_with_whole_placeholder_tokens(tiny_models: Path, seed: int) -> None:
    loaded = load_model(str(tiny_models / "zh-en"))
    assert loaded.vocabulary.whole  # the demo vocabulary holds [X0X]..[X31X] as tokens
    required = [frozenset(), frozenset({0, 1}), frozenset({5}), frozenset(range(6))]
    texts = random_decode(loaded.vocabulary, required, [10, 14, 6, 30], seed, end_bias=4.0, bracket_bias=6.0)
    assert [written(text) for text in texts] == [sorted(numbers) for numbers in required], texts


@pytest.mark.parametrize("beams", [1, 3])
def test_a_model_that_loses_placeholders_keeps_every_one_when_constrained(
        tiny_models: Path, held_out_sources: list[str], beams: int) -> None:
    catalog = ModelCatalog.from_file(tiny_models / "models.toml")
    sources = held_out_sources[:120]
    free = TransformersEngine(catalog, decoding=DecodingOptions(num_beams=beams, placeholder_constraint=False))
    constrained = TransformersEngine(catalog, decoding=DecodingOptions(num_beams=beams))
    lost = [s for s, out in zip(sources, free.translate(ZH_EN, sources), strict=True)
            if written(out.text) != sorted(placeholder_ids(s))]
    assert len(lost) > 10  # the tiny model on its own loses many
    kept = [written(out.text) == sorted(placeholder_ids(s))
            for s, out in zip(sources, constrained.translate(ZH_EN, sources), strict=True)]
    assert all(kept)


def test_repeat_blocker_stops_back_to_back_loops(tiny_models: Path, held_out_sources: list[str]) -> None:
    catalog = ModelCatalog.from_file(tiny_models / "models.toml")
    sources = held_out_sources[:150]
    looping = TransformersEngine(catalog, decoding=DecodingOptions(block_repeats=0)).translate(ZH_EN, sources)
    blocked = TransformersEngine(catalog).translate(ZH_EN, sources)
    assert sum(bool(_DOUBLED_WORD.search(out.text)) for out in looping) > 30  # "and and and and ..."
    assert sum(bool(_DOUBLED_WORD.search(out.text)) for out in blocked) <= 2


def test_repeat_blocker_refuses_a_second_word_and_a_third_piece(tiny_models: Path) -> None:
    vocabulary = load_model(str(tiny_models / "en-de")).vocabulary
    blocker = RepeatBlocker(vocabulary, max_span=4)
    texts = vocabulary.texts
    word = next(i for i, text in enumerate(texts) if text.startswith(" ") and text[1:].isalpha() and len(text) > 3)
    piece = next(i for i, text in enumerate(texts) if len(text) == 1 and text.isalpha())

    def banned(tokens: list[int]) -> set[int]:
        scores = blocker(torch.tensor([[0, *tokens]]), torch.zeros((1, vocabulary.size)))
        return set((scores[0] == float("-inf")).nonzero().flatten().tolist())

    assert word in banned([word])  # "und und"
    assert piece not in banned([piece]) and piece in banned([piece, piece])  # "ll" may be a word; "lll" is not
    assert banned([word, piece]) == set()


@pytest.fixture(scope="module")
def memorised_model(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], list[str]]:
    """A tiny model that has learnt 60 pairs by heart; and 60 segments it never saw."""
    folder = tmp_path_factory.mktemp("memorised")
    pairs = read_corpus("zh-en")
    seen, unseen = pairs[:60], pairs[2000:2060]
    (folder / "zh-en.tsv").write_text("".join(f"{s}\t{t}\n" for s, t in seen * 5), encoding="utf-8")
    (folder / "brands.txt").write_text((CORPUS_DIR / "brands.txt").read_text(encoding="utf-8"), encoding="utf-8")
    size = ModelSize(d_model=64, layers=1, heads=2, ffn=256, vocab_size=600, steps=600, batch_size=32,
                     learning_rate=3e-3)
    build_model("zh-en", folder / "model", size, corpus_dir=folder, log=lambda _: None)
    return folder / "model", [source for source, _ in seen], [source for source, _ in unseen]


def test_confidence_ranks_what_the_model_knows_above_what_it_does_not(
        memorised_model: tuple[Path, list[str], list[str]]) -> None:
    directory, seen, unseen = memorised_model
    engine = TransformersEngine(ModelCatalog.of({ZH_EN: str(directory)}))
    known = [out.confidence for out in engine.translate(ZH_EN, seen)]
    novel = [out.confidence for out in engine.translate(ZH_EN, unseen)]
    assert statistics.mean(known) > statistics.mean(novel) + 10
    ranked_above = sum(k > n for k in known for n in novel) / (len(known) * len(novel))
    assert ranked_above > 0.7
    assert all(0 < value <= 100 for value in known + novel)
