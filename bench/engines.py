"""transformers fp32 against CTranslate2 int8 on the same demo model and the same held-out segments,
in one run: all held-out segments of both demo pairs (zh-en and en-de, 350 each), segments/s of each
engine and the ratio, peak memory of each, chrF of each against the references per pair, and the
share of segments with placeholders that kept them all.

Each engine runs in a process of its own, so its peak resident memory is its own (model, runtime
and the translation). The segments go through the pipeline's protect/translate/restore, as listings do;
segments/s is of the engine's translate() calls, and again with protecting, restoring and scoring.
Each engine runs as the service runs it, on `--threads` threads (default: all cores): transformers'
intra-op threads, CTranslate2's batches side by side of one thread each. `--inter-threads N` sets
CTranslate2's batches instead, each with `--threads` threads.

A second comparison measures speed and memory alone on a model the size of opus-mt base (6+6 layers,
d_model 512, 46 M parameters) with random weights: both engines decode the same 100 segments with
the same weights, so the figures compare the cost of a step as a real model has it (the outputs are
noise, and their lengths need not match exactly).

    .venv/bin/python bench/engines.py [--threads 2] [--inter-threads 1] [--quantization int8]
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from localize.mt.engines import Engine, LanguagePair, Translation
    from localize.mt.engines.seq2seq import DecodingOptions

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / ".cache" / "demo-models"


class TimedEngine:
    """An engine whose translate() calls are timed: the segments/s are of the engine, while chrF is
    of the whole protect/translate/restore path."""

    def __init__(self, engine: "Engine") -> None:
        self.engine, self.name, self.seconds = engine, engine.name, 0.0

    def translate(self, pair: "LanguagePair", segments: list[str]) -> "list[Translation]":
        started = time.perf_counter()
        out = self.engine.translate(pair, segments)
        self.seconds += time.perf_counter() - started
        return out

    def model_for(self, pair: "LanguagePair") -> str:
        return self.engine.model_for(pair)

    def preload(self) -> int:
        return self.engine.preload()

    def for_scope(self, seller: str | None, category: str | None) -> "Engine":
        return self


@dataclass(frozen=True)
class Layout:
    threads: int  # the threads each engine translates with
    inter_threads: int | None  # CTranslate2's batches side by side (None: `threads` batches of one thread)


def create(engine_name: str, models_file: Path, layout: Layout, decoding: "DecodingOptions | None" = None
           ) -> "Engine":
    """The engine in the layout asked for (by default, as the service runs it)."""
    from localize.mt.engines.models import ModelCatalog
    from localize.mt.engines.seq2seq import DEFAULT_DECODING

    catalog = ModelCatalog.from_file(models_file)
    if engine_name == "ctranslate2":
        from localize.mt.engines.ctranslate2_engine import CTranslate2Engine

        return CTranslate2Engine(catalog, threads=layout.threads, inter_threads=layout.inter_threads,
                                 decoding=decoding or DEFAULT_DECODING)
    from localize.mt.engines.transformers_engine import TransformersEngine

    return TransformersEngine(catalog, threads=layout.threads, decoding=decoding or DEFAULT_DECODING)


def measure(engine_name: str, models_file: Path, layout: Layout) -> dict[str, float]:
    """In this (child) process: warm up, then translate every held-out segment of both pairs."""
    from localize.mt.engines import LanguagePair
    from tools.demo_models import DEMO_PAIRS, corpus_brands, held_out_scores, read_corpus, split_held_out

    engine = TimedEngine(create(engine_name, models_file, layout))
    brands = corpus_brands()
    figures: dict[str, float] = {"segments": 0, "seconds": 0.0}
    for pair in DEMO_PAIRS:
        _, held_out = split_held_out(read_corpus(pair))
        language_pair = LanguagePair.parse(pair)
        held_out_scores(engine.engine, language_pair, held_out[:16], brands)  # load and warm up
        started = time.perf_counter()
        figures[f"chrf {pair}"], kept = held_out_scores(engine, language_pair, held_out, brands)
        figures["seconds"] += time.perf_counter() - started
        figures["segments"] += len(held_out)
        figures[f"kept {pair}"] = 100 * kept
    figures["per_second"] = figures["segments"] / engine.seconds
    figures["end_to_end"] = figures["segments"] / figures["seconds"]
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def measure_speed(engine_name: str, models_file: Path, layout: Layout) -> dict[str, float]:
    """In this (child) process: 100 segments through a base-sized model, decoding constraints off."""
    from localize.mt.engines import LanguagePair
    from localize.mt.engines.seq2seq import DecodingOptions
    from tools.demo_models import read_corpus, split_held_out

    plain = DecodingOptions(placeholder_constraint=False, block_repeats=0)
    engine = create(engine_name, models_file, layout, plain)
    _, held_out = split_held_out(read_corpus("zh-en"))
    segments = [source for source, _ in held_out[:100]]
    engine.translate(LanguagePair("zh", "en"), segments[:4])
    started = time.perf_counter()
    engine.translate(LanguagePair("zh", "en"), segments)
    seconds = time.perf_counter() - started
    return {"per_second": len(segments) / seconds,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def base_sized_model(folder: Path, quantization: str) -> tuple[Path, Path]:
    """An opus-mt-base-sized Marian (random weights, the demo tokenizer) and its conversion."""
    import torch
    from transformers import AutoTokenizer, MarianConfig, MarianMTModel

    from localize.mt.engines.ctranslate2_engine import convert_model

    demo = MarianMTModel.from_pretrained(DEMO / "zh-en")
    config = MarianConfig(**{**demo.config.to_dict(), "d_model": 512, "encoder_layers": 6, "decoder_layers": 6,
                             "encoder_attention_heads": 8, "decoder_attention_heads": 8, "encoder_ffn_dim": 2048,
                             "decoder_ffn_dim": 2048})
    torch.manual_seed(0)
    MarianMTModel(config).save_pretrained(folder / "base" / "zh-en")
    AutoTokenizer.from_pretrained(DEMO / "zh-en").save_pretrained(folder / "base" / "zh-en")
    convert_model(str(folder / "base" / "zh-en"), folder / "base-ct2" / "zh-en", quantization)
    for name in ("base", "base-ct2"):
        (folder / name / "models.toml").write_text('default = ""\n"zh-en" = "./zh-en"\n')
    return folder / "base" / "models.toml", folder / "base-ct2" / "models.toml"


def run_child(engine_name: str, models_file: Path, arguments: argparse.Namespace, mode: str = "--child"
              ) -> dict[str, float]:
    command = [sys.executable, __file__, mode, engine_name, "--models", str(models_file), "--threads",
               str(arguments.threads)]
    if arguments.inter_threads:
        command += ["--inter-threads", str(arguments.inter_threads)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--inter-threads", type=int, help="ctranslate2's batches side by side, each with --threads")
    parser.add_argument("--quantization", default="int8")
    parser.add_argument("--child")
    parser.add_argument("--child-speed")
    parser.add_argument("--models", type=Path)
    arguments = parser.parse_args()
    layout = Layout(arguments.threads, arguments.inter_threads)
    if arguments.child:
        print(json.dumps(measure(arguments.child, arguments.models, layout)))
        return
    if arguments.child_speed:
        print(json.dumps(measure_speed(arguments.child_speed, arguments.models, layout)))
        return
    if not (DEMO / "models.toml").exists():
        sys.exit("run `make demo` (or `localize models build-demo`) first: the demo models are compared")
    from localize.mt.engines.ctranslate2_engine import convert_model

    with tempfile.TemporaryDirectory() as folder:
        converted = Path(folder)
        for pair in ("zh-en", "en-de"):
            convert_model(str(DEMO / pair), converted / pair, arguments.quantization)
        (converted / "models.toml").write_text('default = ""\n"zh-en" = "./zh-en"\n"en-de" = "./en-de"\n')
        fp32 = run_child("transformers", DEMO / "models.toml", arguments)
        int8 = run_child("ctranslate2", converted / "models.toml", arguments)
        base, base_converted = base_sized_model(converted, arguments.quantization)
        base_fp32 = run_child("transformers", base, arguments, "--child-speed")
        base_int8 = run_child("ctranslate2", base_converted, arguments, "--child-speed")
    print(f"{int(fp32['segments'])} held-out segments (zh-en and en-de), {os.cpu_count()} cores: transformers on "
          f"{arguments.threads} thread(s), ctranslate2 with {arguments.inter_threads or arguments.threads} batch(es) "
          f"side by side of {arguments.threads if arguments.inter_threads else 1} thread(s)")
    rows = [("segments/s (engine)", "per_second", ".1f"), ("segments/s (with protect, chrF)", "end_to_end", ".1f"),
            ("peak memory (MB, process)", "peak_mb", ".0f"),
            ("chrF zh-en", "chrf zh-en", ".1f"), ("chrF en-de", "chrf en-de", ".1f"),
            ("placeholders kept zh-en (%)", "kept zh-en", ".1f"), ("placeholders kept en-de (%)", "kept en-de", ".1f")]
    print(f"{'':30}{'transformers fp32':>18}{'ctranslate2 ' + arguments.quantization:>18}")
    for label, key, style in rows:
        print(f"{label:30}{fp32[key]:>18{style}}{int8[key]:>18{style}}")
    chrf_gap = max(abs(int8[f"chrf {pair}"] - fp32[f"chrf {pair}"]) for pair in ("zh-en", "en-de"))
    print(f"speed ratio: {int8['per_second'] / fp32['per_second']:.2f}x (target 3x); largest chrF difference "
          f"{chrf_gap:.2f} (target within 0.5); memory ratio {int8['peak_mb'] / fp32['peak_mb']:.2f} (lower)")
    print(f"opus-mt-base-sized model (46 M parameters, random weights; 100 segments, constraints off): "
          f"{base_fp32['per_second']:.1f} against {base_int8['per_second']:.1f} segments/s, "
          f"{base_int8['per_second'] / base_fp32['per_second']:.2f}x; peak memory {base_fp32['peak_mb']:.0f} "
          f"against {base_int8['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
