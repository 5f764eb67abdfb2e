"""Learning from reviewers, measured: a base model trained without one product category (footwear),
adapted on reviewers' approvals of that category; on approvals it already knows (as many segments
of the categories it was trained on), where there is nothing to learn; and on approvals that are
noise, in one run.

Approvals are the shipped corpus's own translations (what reviewers would approve); the noise case
pairs the category's sources with unrelated sentences of the corpus. The gate can only judge by
the held-out approvals: noise approved is noise held out, so what it refuses is what does not
beat the serving model on them. For
each: chrF of the base and the adapted model on the held-out approvals, the gain, training time and
steps, and the gate's decision (margin `LOCALIZE_ADAPT_MARGIN`, 1.0).

    .venv/bin/python bench/adapt.py [--threads 2] [--max-steps 300]   (a few minutes on 2 cores)
"""

import argparse
import os
import random
import re
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402

from localize.mt.adaptation.data import TRAINING_DATA  # noqa: E402
from localize.mt.adaptation.run import Outcome, adapt  # noqa: E402
from localize.mt.corpus import CORPUS_DIR, corpus_brands, protect_training_pairs, read_corpus  # noqa: E402
from localize.mt.engines import LanguagePair  # noqa: E402
from localize.mt.memory import Unit  # noqa: E402
from localize.settings import Settings  # noqa: E402
from localize.store.accounts import seller_named  # noqa: E402
from localize.store.db import open_database  # noqa: E402
from localize.store.memory import StoreMemory  # noqa: E402
from localize.text.protect import protector_for  # noqa: E402
from tools.demo_models import ModelSize, build_model  # noqa: E402

PAIR = LanguagePair("zh", "en")
CATEGORY = re.compile(r"shoe|sneaker|boot|sandal|slipper|heels|loafer", re.IGNORECASE)  # apparel/shoes
SMALL = ModelSize(d_model=128, layers=2, heads=4, ffn=512, vocab_size=2000, steps=600, batch_size=32,
                  learning_rate=2e-3)


def base_model(folder: Path, rest: list[tuple[str, str]]) -> Path:
    """A small zh-en model trained on the corpus without the category; its training pairs kept
    beside it (`training.tsv`), which adaptation mixes back in."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "zh-en.tsv").write_text("".join(f"{zh}\t{en}\n" for zh, en in rest), encoding="utf-8")
    shutil.copyfile(CORPUS_DIR / "brands.txt", corpus / "brands.txt")
    directory = folder / "zh-en"
    build_model("zh-en", directory, SMALL, corpus, log=lambda _: None)
    protected = protect_training_pairs(rest, protector_for(terms=corpus_brands()))
    (directory / TRAINING_DATA).write_text("".join(f"{s}\t{t}\n" for s, t in protected), encoding="utf-8")
    return directory


def run_case(folder: Path, base: Path, approvals: list[tuple[str, str]], max_steps: int) -> Outcome:
    """One store whose seller approved `approvals`, one models file naming a copy of the base."""
    shutil.copytree(base, folder / "zh-en")
    (folder / "models.toml").write_text('"zh-en" = "./zh-en"\n')
    settings = Settings(database_url=f"sqlite:///{folder / 'store.db'}", models=folder / "models.toml")
    sessions = open_database(settings.database_url)
    units = [Unit(PAIR, s, t) for s, t in protect_training_pairs(approvals, protector_for(terms=corpus_brands()))]
    with sessions.begin() as session:
        StoreMemory(sessions).learn_in(session, units, "bench", seller_id=seller_named(session, "acme", True).id)
    return adapt(settings, sessions, PAIR, None, learning_rate=5e-4, max_steps=max_steps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-steps", type=int, default=300)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    corpus = read_corpus("zh-en")
    category = [(zh, en) for zh, en in corpus if CATEGORY.search(en)]
    rest = [(zh, en) for zh, en in corpus if not CATEGORY.search(en)]
    rng = random.Random(1)
    noise = [(zh, rng.choice(rest)[1]) for zh, _ in category]
    known = rng.sample(rest, len(category))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        base = base_model(folder / "base", rest)
        print(f"base model: {len(rest)} corpus pairs without the category, {time.perf_counter() - started:.0f} s; "
              f"{len(category)} category segments approved")
        outcomes = {name: run_case(folder / name, base, approvals, args.max_steps)
                    for name, approvals in (("footwear approvals", category), ("known approvals", known),
                                                      ("noise approvals", noise))}
    print(f"\n{'case':20}{'held out':>9}{'chrF base':>11}{'adapted':>9}{'gain':>7}{'kept base':>11}{'adapted':>9}"
          f"{'steps':>7}{'best':>6}{'train s':>9}  decision")
    for name, outcome in outcomes.items():
        decision = "promoted" if outcome.promoted else "refused: " + "; ".join(outcome.decision.reasons)
        kept = outcome.retained or (float("nan"), float("nan"))
        print(f"{name:20}{outcome.held_out:>9}{outcome.base_scores.chrf:>11.1f}{outcome.adapted_scores.chrf:>9.1f}"
              f"{outcome.decision.gain:>+7.1f}{kept[0]:>11.1f}{kept[1]:>9.1f}{outcome.training.steps:>7}"
              f"{outcome.training.best_step:>6}{outcome.training.seconds:>9.0f}  {decision}")
    print("kept: chrF on 100 base-corpus pairs neither model trained on (what the adapted model must not forget)")


if __name__ == "__main__":
    main()
