"""Market rules and QA checks over 10,000 localised listings on one core, next to the time the same
listings take to parse (`localize check`'s reader), in one run.

Listings are spread over all 16 markets; their text is the markets' own rule examples (so rules do
fire) mixed with the shipped corpus, and each has a Chinese source, so the checks that compare
with the source run too. Target: rules and checks in under 10 seconds.

    .venv/bin/python bench/rules.py [--n 10000]
"""

import argparse
import json
import os
import random
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

from localize.catalog.read import read_catalog
from localize.listing import Listing
from localize.markets import load_markets
from localize.review.checks import LocalizedRecord, check_text, listing_text
from localize.review.rules.kinds import Example
from localize.settings import get_settings

CORPUS = Path(__file__).resolve().parent.parent / "localize" / "data" / "corpus" / "zh-en.tsv"
CATEGORIES = ["apparel/tops", "home/lighting", "electronics/audio", "kitchen/drinkware", "beauty/skincare", "toys"]


def example_titles(market) -> list[str]:
    """The market's rule examples in its language, as plain titles."""
    titles = []
    for rule in market.rules:
        for example in (*rule.examples.fires, *rule.examples.silent):
            if isinstance(example, str):
                titles.append(example)
            elif isinstance(example, Example) and (example.lang or market.language) == market.language:
                titles.append(example.title or " ".join(example.bullets) or "—")
    return [title for title in titles if title.strip()]


def make_listings(n: int, folder: Path) -> tuple[Path, dict[str, Listing]]:
    rng = random.Random(0)
    markets = list(load_markets(get_settings().market_rules).values())
    pairs = [line.split("\t") for line in CORPUS.read_text(encoding="utf-8").splitlines() if "\t" in line]
    english = [target for _, target in pairs]
    titles = {market.code: example_titles(market) or english for market in markets}
    sources: dict[str, Listing] = {}
    path = folder / "localised.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            market = markets[i % len(markets)]
            zh = [rng.choice(pairs)[0] for _ in range(5)]
            target = [rng.choice(titles[market.code]) for _ in range(5)]
            sku = f"SKU-{i:05d}"
            category = rng.choice(CATEGORIES)
            sources[sku] = Listing(sku=sku, title=zh[0], description=f"<p>{zh[1]}</p><p>{zh[2]}</p>",
                                   bullets=zh[3:], source_lang="zh", category=category)
            record = {"sku": sku, "market": market.code, "title": target[0],
                      "description": f"<p>{target[1]}</p><p>{target[2]}</p>", "bullets": target[3:],
                      "category": category, "source_lang": "zh"}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path, sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=10_000)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    markets = load_markets(get_settings().market_rules)
    with tempfile.TemporaryDirectory() as tmp:
        path, sources = make_listings(args.n, Path(tmp))

        started = time.perf_counter()
        rows = read_catalog(path, model=LocalizedRecord).rows
        parse_s = time.perf_counter() - started

        started = time.perf_counter()
        flags = Counter()
        for row in rows:
            record = row.listing
            market = markets[record.market]
            text = listing_text(record, market, sources[record.sku], date(2026, 12, 1))
            flags.update(flag.rule.split(".")[0] for flag in check_text(text, market))
        check_s = time.perf_counter() - started

    rules = sum(len(m.rules) for m in markets.values())
    print(f"{len(rows)} localised listings over {len(markets)} markets ({rules} rules), one core")
    print(f"parse            {parse_s:7.2f} s")
    print(f"rules + QA       {check_s:7.2f} s  {len(rows) / check_s:9,.0f} listings/s   (target < 10 s)")
    print(f"rules+QA / parse {check_s / parse_s:7.1f}x")
    print("flags by prefix  " + ", ".join(f"{prefix} {count}" for prefix, count in flags.most_common()))


if __name__ == "__main__":
    main()
