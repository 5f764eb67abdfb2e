"""What decoding does to the output, before and after, in one run on the same models.

`before` decodes as the engine did before placeholder-safe decoding and repeat blocking (neither
constraint); `after` is the default. Both localise the example catalog for en-US, en-GB and de-DE
through the whole pipeline (shipped glossaries, example FX rates) and translate the held-out 10% of
the demo corpus, printing side by side:

- sentences kept in source: a translation lost or doubled a placeholder, so the Chinese stayed
- Han characters in en/de output: Chinese left in English and German text
- titles with a repeated word or phrase, back to back (qa.repeated-words), per market
- localisations with a `block` flag
- held-out chrF per pair, and mean confidence

Targets: 0 kept, 0 Han, at most 1 title in 24 per market, chrF not lower than before.

With `--loops`, it also prints how each way of stopping loops does (the default was chosen on
these figures): held-out chrF per pair and catalog titles with a repeated word, placeholder
constraint on in all.

    LOCALIZE_MODELS=.cache/demo-models/models.toml .venv/bin/python bench/quality.py [--loops]
"""

import argparse
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from localize.adapt.fx import RateTable, read_rates  # noqa: E402
from localize.catalog.read import read_catalog  # noqa: E402
from localize.localization import Severity  # noqa: E402
from localize.markets import get_market  # noqa: E402
from localize.mt.engines import LanguagePair  # noqa: E402
from localize.mt.engines.models import ModelCatalog  # noqa: E402
from localize.mt.engines.seq2seq import DecodingOptions  # noqa: E402
from localize.mt.engines.transformers_engine import TransformersEngine  # noqa: E402
from localize.mt.glossary import load_glossary_folder  # noqa: E402
from localize.pipeline import Pipeline  # noqa: E402
from localize.settings import get_settings  # noqa: E402
from localize.text.detect import script_of  # noqa: E402
from tools.demo_models import DEMO_PAIRS, corpus_brands, held_out_scores, read_corpus, split_held_out  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MARKETS = ("en-US", "en-GB", "de-DE")
CONFIGS = {"before": DecodingOptions(placeholder_constraint=False, block_repeats=0), "after": DecodingOptions()}
LOOP_OPTIONS = {
    "nothing": DecodingOptions(block_repeats=0),
    "block repeats (default)": DecodingOptions(),
    "no_repeat_ngram_size=3": DecodingOptions(block_repeats=0, no_repeat_ngram_size=3),
    "no_repeat_ngram_size=2": DecodingOptions(block_repeats=0, no_repeat_ngram_size=2),
    "repetition_penalty=1.2": DecodingOptions(block_repeats=0, repetition_penalty=1.2),
    "block repeats + penalty 1.2": DecodingOptions(repetition_penalty=1.2),
}


@dataclass
class Figures:
    kept: int = 0
    han: int = 0
    repeated_titles: dict[str, int] = field(default_factory=dict)
    blocked: int = 0
    localisations: int = 0
    chrf: dict[str, float] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0


def han_characters(text: str) -> int:
    return sum(script_of(char) == "han" for char in text)


def measure(options: DecodingOptions, models: Path, catalog_file: Path) -> Figures:
    settings = get_settings()
    catalog = ModelCatalog.from_file(models)
    engine = TransformersEngine(catalog, decoding=options)
    rates = RateTable()
    rates.add(read_rates(ROOT / "examples" / "rates.csv"))
    markets = [get_market(code, settings.market_rules) for code in MARKETS]
    pipeline = Pipeline(engine, markets, rates=rates, glossary=load_glossary_folder(settings.glossaries))
    listings = [row.listing for row in read_catalog(catalog_file).rows]
    started = time.perf_counter()
    result = pipeline.run(listings)
    figures = Figures(kept=pipeline.sentences_kept, localisations=len(result.localizations))
    for loc in result.localizations:
        texts = [loc.title, loc.description, *loc.bullets, *loc.keywords, *loc.colors]
        figures.han += sum(han_characters(text) for text in texts)
        figures.blocked += any(flag.severity == Severity.BLOCK for flag in loc.flags)
        repeated = any(flag.rule == "qa.repeated-words" and flag.field == "title" for flag in loc.flags)
        figures.repeated_titles[loc.market] = figures.repeated_titles.get(loc.market, 0) + repeated
    brands = corpus_brands()
    for pair in DEMO_PAIRS:
        language_pair = LanguagePair.parse(pair)
        _, held_out = split_held_out(read_corpus(pair))
        figures.chrf[pair], _ = held_out_scores(engine, language_pair, held_out, brands)
        sources = [source for source, _ in held_out]
        figures.confidence[pair] = statistics.mean(out.confidence for out in engine.translate(language_pair, sources))
    figures.seconds = time.perf_counter() - started
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--catalog", type=Path, default=ROOT / "examples" / "catalog.csv")
    parser.add_argument("--loops", action="store_true", help="also compare the ways of stopping loops")
    args = parser.parse_args()
    models = get_settings().models
    if not models:
        raise SystemExit("set LOCALIZE_MODELS to the demo models (make demo builds them)")
    results = {name: measure(options, models, args.catalog) for name, options in CONFIGS.items()}
    before, after = results["before"], results["after"]
    listings = before.localisations // len(MARKETS)
    print(f"{args.catalog.name}: {listings} listings x {', '.join(MARKETS)}; models {models}")
    print(f"{'':44}{'before':>10}{'after':>10}")
    rows = [("sentences kept in source", before.kept, after.kept),
            ("Han characters in en/de output", before.han, after.han)]
    rows += [(f"titles with a repeated word, {market} (of {listings})", before.repeated_titles.get(market, 0),
              after.repeated_titles.get(market, 0)) for market in MARKETS]
    rows.append((f"localisations with a block flag (of {before.localisations})", before.blocked, after.blocked))
    for label, old, new in rows:
        print(f"{label:44}{old:>10}{new:>10}")
    for pair in DEMO_PAIRS:
        print(f"{'held-out chrF ' + pair:44}{before.chrf[pair]:>10.1f}{after.chrf[pair]:>10.1f}")
    for pair in DEMO_PAIRS:
        print(f"{'held-out mean confidence ' + pair:44}{before.confidence[pair]:>10.1f}{after.confidence[pair]:>10.1f}")
    print(f"{'seconds (catalog and held-out)':44}{before.seconds:>10.1f}{after.seconds:>10.1f}")
    if args.loops:
        print()
        print(f"{'stopping loops':30}" + "".join(f"{'chrF ' + pair:>13}" for pair in DEMO_PAIRS)
              + f"{'repeated titles':>17}")
        for name, options in LOOP_OPTIONS.items():
            figures = measure(options, models, args.catalog)
            print(f"{name:30}" + "".join(f"{figures.chrf[pair]:>13.1f}" for pair in DEMO_PAIRS)
                  + f"{sum(figures.repeated_titles.values()):>17}")


if __name__ == "__main__":
    main()
