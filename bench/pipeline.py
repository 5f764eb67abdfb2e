"""Our engine path against transformers' own translation pipeline, same model, same segments, one run.

Prints time(ours) / time(pipeline one segment at a time) and time(ours) / time(pipeline batched),
ours with placeholder-safe decoding, repeat blocking and confidence on (the default). Targets: below
1.0 against the first, at most 1.1 against the second. Also what the decoding constraints cost:
time(ours) / time(ours without the placeholder constraint), target at most 1.15, and time(ours) /
time(ours with neither the placeholder constraint nor repeat blocking).

    LOCALIZE_MODELS=.cache/demo-models/models.toml .venv/bin/python bench/pipeline.py [--pair zh-en] [--n 400]
"""

import argparse
import os
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from transformers import pipeline  # noqa: E402

from localize.mt.engines import LanguagePair  # noqa: E402
from localize.mt.engines.models import ModelCatalog  # noqa: E402
from localize.mt.engines.seq2seq import DecodingOptions
from localize.mt.engines.transformers_engine import TransformersEngine, load_model  # noqa: E402
from localize.settings import get_settings  # noqa: E402
from localize.text.protect import Protector  # noqa: E402
from tools.demo_models import corpus_brands, read_corpus, split_held_out  # noqa: E402


def best_of(repeats: int, run) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pair", default="zh-en")
    parser.add_argument("--n", type=int, default=400, help="segments to translate")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()

    settings = get_settings()
    if not settings.models:
        raise SystemExit("set LOCALIZE_MODELS (make bench builds the demo models and does it for you)")
    pair = LanguagePair.parse(args.pair)
    catalog = ModelCatalog.from_file(settings.models)
    engine = TransformersEngine(catalog, batch_size=args.batch_size)
    free_placeholders = TransformersEngine(catalog, batch_size=args.batch_size,
                                           decoding=DecodingOptions(placeholder_constraint=False))
    unconstrained = TransformersEngine(catalog, batch_size=args.batch_size,
                                       decoding=DecodingOptions(placeholder_constraint=False, block_repeats=0))
    [ref] = [hop.ref for hop in engine.route(pair)]
    protector = Protector(corpus_brands())
    train, held_out = split_held_out(read_corpus(args.pair))
    sources = [protector.protect(source).text for source, _ in (held_out + train)[: args.n]]

    loaded = load_model(ref)
    translator = pipeline("translation", model=loaded.model, tokenizer=loaded.tokenizer, device=loaded.model.device)
    new_tokens = 128
    # Warm up every path once so no path pays the first-call costs alone.
    engine.translate(pair, sources[:8])
    free_placeholders.translate(pair, sources[:8])
    unconstrained.translate(pair, sources[:8])
    translator(sources[:8], max_new_tokens=new_tokens)

    ours = best_of(args.repeats, lambda: engine.translate(pair, sources))
    ours_free_placeholders = best_of(args.repeats, lambda: free_placeholders.translate(pair, sources))
    ours_free = best_of(args.repeats, lambda: unconstrained.translate(pair, sources))
    one_by_one = best_of(args.repeats, lambda: [translator(text, max_new_tokens=new_tokens) for text in sources])
    batched = best_of(
        args.repeats, lambda: translator(sources, batch_size=args.batch_size, max_new_tokens=new_tokens)
    )

    print(f"model {ref}, {len(sources)} segments, batch size {args.batch_size}, best of {args.repeats}")
    print(f"ours                          {ours:8.2f} s  {len(sources) / ours:7.1f} segments/s")
    print(f"ours, no placeholder constr.  {ours_free_placeholders:8.2f} s")
    print(f"ours, neither constraint      {ours_free:8.2f} s")
    print(f"pipeline, one at a time       {one_by_one:8.2f} s")
    print(f"pipeline, batch_size={args.batch_size:<3}      {batched:8.2f} s")
    print(f"ratio ours / one at a time    {ours / one_by_one:8.2f}   (target < 1.0)")
    print(f"ratio ours / pipeline batched {ours / batched:8.2f}   (target <= 1.1)")
    print(f"ratio ours / no placeholder   {ours / ours_free_placeholders:8.2f}   (target <= 1.15)")
    print(f"ratio ours / neither          {ours / ours_free:8.2f}")


if __name__ == "__main__":
    main()
