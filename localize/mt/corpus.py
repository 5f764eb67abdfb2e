"""The listing corpus the project ships (`localize/data/corpus/<src>-<tgt>.tsv`, written by
`python -m tools.corpus`): what the demo models are trained on, and what adapting a model mixes
back in so that it does not forget what it knew."""

from pathlib import Path

from localize.settings import DATA_DIR
from localize.text.protect import Protector

CORPUS_DIR = DATA_DIR / "corpus"


def read_corpus(pair: str, corpus_dir: Path = CORPUS_DIR) -> list[tuple[str, str]]:
    path = corpus_dir / f"{pair}.tsv"
    pairs = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        source, sep, target = line.partition("\t")
        if not sep or not source.strip() or not target.strip():
            raise ValueError(f"{path}:{line_no}: expected 'source<TAB>target'")
        pairs.append((source.strip(), target.strip()))
    return pairs


def corpus_brands(corpus_dir: Path = CORPUS_DIR) -> list[str]:
    return [line.strip() for line in (corpus_dir / "brands.txt").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def protect_training_pairs(pairs: list[tuple[str, str]], protector: Protector) -> list[tuple[str, str]]:
    """Both sides with the same placeholder ids; pairs whose protected values disagree are left out."""
    protected = []
    for source, target in pairs:
        src = protector.protect(source)
        tgt = protector.protect_like(target, src)
        if tgt is not None:
            protected.append((src.text, tgt.text))
    return protected
