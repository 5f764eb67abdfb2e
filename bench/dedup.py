"""De-duplication and translation memory on a 5,000-listing catalog with realistic repetition, in
one run: segments sent to MT and time, without and with them, and the ratios.

The catalog repeats what real catalogs repeat: a few hundred product lines, each sold in colour and
size variants whose titles differ only in the variant, sharing their bullets and descriptions; and
bullets common to whole categories. Without: every segment of every listing goes to MT. With: each
distinct segment goes to MT once, and the segments reviewers already approved (the most common
bullets, in the translation memory) not at all.

    .venv/bin/python bench/dedup.py [--listings 5000]   (LOCALIZE_MODELS, or tiny models are built)
"""

import argparse
import os
import random
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from localize.listing import Listing  # noqa: E402
from localize.markets import get_market  # noqa: E402
from localize.mt.engines import Engine, LanguagePair  # noqa: E402
from localize.mt.engines.models import ModelCatalog  # noqa: E402
from localize.mt.engines.transformers_engine import TransformersEngine  # noqa: E402
from localize.mt.memory import Unit  # noqa: E402
from localize.pipeline import Pipeline  # noqa: E402
from localize.settings import get_settings  # noqa: E402
from localize.store.db import open_database  # noqa: E402
from localize.store.memory import StoreMemory  # noqa: E402
from localize.text.protect import Protector  # noqa: E402
from tools.demo_models import TINY, build_demo_models, read_corpus  # noqa: E402

COLOURS = ["白色", "黑色", "粉色", "灰色", "蓝色", "绿色"]
SIZES = ["S", "M", "L", "XL"]


class CountingEngine:
    """The real engine, counting what it is asked to translate."""

    def __init__(self, engine: Engine):
        self.engine, self.name, self.calls, self.segments = engine, engine.name, 0, 0

    def translate(self, pair: LanguagePair, segments: Sequence[str]) -> list[str]:
        self.calls += 1
        self.segments += len(segments)
        return self.engine.translate(pair, segments)

    def model_for(self, pair: LanguagePair) -> str | None:
        return self.engine.model_for(pair)

    def preload(self) -> int:
        return self.engine.preload()

    def for_scope(self, seller: str | None, category: str | None) -> "CountingEngine":
        return self  # the bench maps no scope


def catalog(n: int, rng: random.Random) -> tuple[list[Listing], list[str]]:
    sentences = [zh for zh, _ in read_corpus("zh-en") if len(zh) > 6]
    common = rng.sample(sentences, 40)  # category-wide bullets: warranty, care, packaging...
    lines = []
    for number in range(max(1, n // 12)):  # product lines of about 12 variants each
        title = rng.choice(sentences)
        lines.append((f"P{number:04d}", title, rng.sample(sentences, 2), rng.choice(sentences)))
    listings = []
    for index in range(n):
        code, title, own_bullets, description = lines[index % len(lines)]
        colour, size = rng.choice(COLOURS), rng.choice(SIZES)
        listings.append(Listing(
            sku=f"{code}-{index:05d}", title=f"{title} {colour} {size}码", source_lang="zh",
            description=f"<p>{description}</p>", bullets=[*own_bullets, *rng.sample(common, 2)], colors=[colour]))
    return listings, common


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listings", type=int, default=5000)
    args = parser.parse_args()
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        models = get_settings().models
        if models is None:
            build_demo_models(Path(tmp) / "models", size=TINY, log=lambda _: None)
            models = Path(tmp) / "models" / "models.toml"
        market = get_market("en-US", get_settings().market_rules)
        listings, common = catalog(args.listings, rng)
        engine = TransformersEngine(ModelCatalog.from_file(models))
        engine.translate(LanguagePair("zh", "en"), ["预热"])  # load the model outside both timings

        without = CountingEngine(engine)
        started = time.perf_counter()
        Pipeline(without, [market], deduplicate=False).run(listings)
        without_s = time.perf_counter() - started

        # Reviewers approved the category-wide bullets earlier: they are in the memory.
        memory = StoreMemory(open_database(f"sqlite:///{Path(tmp) / 'tm.db'}"))
        protector = Protector()
        memory.learn([Unit(LanguagePair("zh", "en"), protector.protect(text).text, f"approved: {i}")
                      for i, text in enumerate(common)], author="reviewer")
        with_both = CountingEngine(engine)
        started = time.perf_counter()
        pipeline = Pipeline(with_both, [market], memory=memory)
        pipeline.run(listings)
        with_s = time.perf_counter() - started

    print(f"{len(listings)} listings, zh -> en-US, one localisation each per run")
    print(f"without de-duplication and memory: {without.segments:7d} segments to MT in {without.calls:4d} calls, "
          f"{without_s:7.1f} s")
    print(f"with de-duplication and memory:    {with_both.segments:7d} segments to MT in {with_both.calls:4d} calls, "
          f"{with_s:7.1f} s  ({pipeline.segments_from_memory} segments from memory)")
    print(f"MT segments with / without: {with_both.segments / without.segments:.3f}   "
          f"time with / without: {with_s / without_s:.3f}")


if __name__ == "__main__":
    main()
