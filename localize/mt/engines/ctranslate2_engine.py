"""The `ctranslate2` engine: the same checkpoints converted with CTranslate2 (`localize models convert`),
int8 on CPU and float16 on a GPU, with every promise of the transformers engine.

All batches of a hop are submitted at once, so with `inter_threads` > 1 several are decoded side by
side. CTranslate2 has no logits processors, so the guarantees are kept around its decoder. A batch is
decoded as usual; a row that breaks a promise (a placeholder lost, doubled or invented; a span
repeated back to back) gets the most likely of its 5 best translations that keeps them all (beam
searches for all such rows of the hop, submitted together). For the few with none:
- a loop is decoded again with `no_repeat_ngram_size`;
- placeholders: the row is decoded token by token (`generate_tokens`) with the placeholders it may
  not write suppressed (`suppress_sequences`: unknown ones, and ones already written); when the model
  would end with one missing, that placeholder becomes part of the target prefix and decoding goes on.
Every row is cut to its own budget, so a row never depends on its batch.
The confidence is 100 x exp(mean token log-probability), as CTranslate2 scores the output.
"""

import json
import math
import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ctranslate2
from transformers import AutoConfig, AutoTokenizer, PreTrainedTokenizerBase

from localize.mt.engines import ModelUnavailable, Translation
from localize.mt.engines.families import ModelFamily, Prompt, family_of
from localize.mt.engines.models import ModelCatalog
from localize.mt.engines.seq2seq import DEFAULT_DECODING, Batch, DecodingOptions, ModelLoadError, Seq2SeqEngine
from localize.text.protect import PLACEHOLDER, PLACEHOLDER_PATTERN, placeholder_ids

MANIFEST = "localize.json"  # what `localize models convert` records beside the converted weights
TOKENIZER_DIR = "tokenizer"
QUANTIZATIONS = ("int8", "int8_float16", "int8_float32", "float16", "float32")
PLACEHOLDER_SLOTS = 100  # placeholders a listing can hold, for suppression
LOOP = re.compile(r"\b(\w+(?:\W+\w+){0,7})(?:\W+\1\b)+", re.IGNORECASE)  # a span repeated back to back
LOOP_NGRAM = 3  # the n-gram ban a looping row is decoded again with
MAX_BATCHES_SIDE_BY_SIDE = 64  # each holds its own working memory
ALTERNATIVES = 5  # hypotheses a row that broke a placeholder promise is decoded into, the best valid one kept


@dataclass(frozen=True)
class LoadedTranslator:
    ref: str
    tokenizer: PreTrainedTokenizerBase
    translator: ctranslate2.Translator
    family: ModelFamily
    max_input: int


def convert_model(source: str, target: Path, quantization: str = "int8") -> Path:
    """Convert a transformers checkpoint (hub id in the cache, or directory) for CTranslate2, with its
    tokenizer and a manifest naming the model type the family is read from."""
    from ctranslate2.converters import TransformersConverter

    from localize.mt.engines import ct2_marian

    ct2_marian.register()
    if quantization not in QUANTIZATIONS:
        raise ModelLoadError(f"quantization must be one of {', '.join(QUANTIZATIONS)}")
    try:
        config = AutoConfig.from_pretrained(source)
        tokenizer = AutoTokenizer.from_pretrained(source)
        if target.exists():
            shutil.rmtree(target)
        TransformersConverter(source).convert(str(target), quantization=quantization, force=True)
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise ModelLoadError(f"{source}: cannot convert: {exc}") from exc
    tokenizer.save_pretrained(target / TOKENIZER_DIR)
    positions = getattr(config, "max_position_embeddings", None) or tokenizer.model_max_length
    manifest = {"source": source, "model_type": config.model_type, "quantization": quantization,
                "max_input": min(int(positions), int(tokenizer.model_max_length))}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return target


def available_cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def thread_layout(threads: int | None, inter_threads: int | None, on_gpu: bool) -> tuple[int, int]:
    """(batches decoded side by side, threads each). `threads` is what the process translates with
    (all cores when unset; a worker gives each process its share). On a CPU it goes to that many
    batches of one thread, which `bench/engines.py` measures fastest for small and opus-mt-base-sized
    models alike (docs/models.md), unless `inter_threads` sets the batches: each then gets `threads`,
    or its share of the cores. A GPU decodes one batch at a time."""
    if inter_threads is not None:
        return inter_threads, threads or max(1, available_cores() // inter_threads)
    if on_gpu:
        return 1, threads or 1
    return min(threads or available_cores(), MAX_BATCHES_SIDE_BY_SIDE), 1


@lru_cache(maxsize=8)
def load_translator(ref: str, threads: int | None, inter_threads: int | None) -> LoadedTranslator:
    """Load (once per process) a directory `localize models convert` wrote; float16 on a GPU."""
    folder = Path(ref).expanduser()
    if not (folder / MANIFEST).is_file():
        raise ModelLoadError(f"{ref} is not a CTranslate2 model converted by localize; convert it with "
                             f"`localize models convert {ref} DIR` and name DIR in the models file")
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    tokenizer = AutoTokenizer.from_pretrained(folder / TOKENIZER_DIR)
    on_gpu = ctranslate2.get_cuda_device_count() > 0
    inter, intra = thread_layout(threads, inter_threads, on_gpu)
    translator = ctranslate2.Translator(str(folder), device="cuda" if on_gpu else "cpu",
                                        compute_type="float16" if on_gpu else "auto",
                                        intra_threads=intra, inter_threads=inter)
    try:
        family = family_of(manifest["model_type"], tokenizer, ref)
    except ModelUnavailable as exc:
        raise ModelLoadError(str(exc)) from exc
    return LoadedTranslator(ref, tokenizer, translator, family, int(manifest["max_input"]))


class CTranslate2Engine(Seq2SeqEngine[LoadedTranslator]):
    name = "ctranslate2"

    def __init__(self, catalog: ModelCatalog, *, decoding: DecodingOptions = DEFAULT_DECODING, batch_size: int = 32,
                 max_batch_tokens: int = 4096, threads: int | None = None, inter_threads: int | None = None):
        super().__init__(catalog, decoding=decoding, batch_size=batch_size, max_batch_tokens=max_batch_tokens)
        self.threads, self.inter_threads = threads, inter_threads

    def load(self, ref: str) -> LoadedTranslator:
        return load_translator(ref, self.threads, self.inter_threads)

    def decode_batches(self, loaded: LoadedTranslator, prompt: Prompt, batches: list[Batch]) -> list[list[Translation]]:
        """Every batch submitted at once, then the rows that broke a promise repaired together. With
        fewer batches than CTranslate2 decodes side by side, the batches are cut smaller (a row's
        output does not depend on its batch), so a single listing uses every core too."""
        prefix = self._prefix(loaded, prompt)
        options = self.decoding
        sources = [loaded.tokenizer.convert_ids_to_tokens(row) for batch in batches for row in batch.rows]
        budgets = [budget for batch in batches for budget in batch.budgets]
        required = [wanted for batch in batches for wanted in batch.required]
        groups = _spread([len(batch.rows) for batch in batches], loaded.translator.num_translators)
        results = self._decode_groups(loaded, sources, prefix, budgets, groups, beam_size=options.num_beams,
                                      repetition_penalty=options.repetition_penalty,
                                      no_repeat_ngram_size=options.no_repeat_ngram_size)
        out = [self._best(loaded, results[i], prefix, budgets[i]) for i in range(len(sources))]
        broken = [i for i, translation in enumerate(out) if not self._keeps(translation.text, required[i])]
        alternatives = self._best_valid(loaded, broken, sources, prefix, budgets, required)
        for i in broken:
            found = alternatives[i]
            if found is None and options.block_repeats and LOOP.search(out[i].text):
                again = self._decode_groups(loaded, sources, prefix, budgets, [[i]], beam_size=options.num_beams,
                                            no_repeat_ngram_size=LOOP_NGRAM)
                found = self._best(loaded, again[i], prefix, budgets[i])
            found = found or out[i]
            if options.placeholder_constraint and not _each_once(found.text, required[i]):
                found = self._constrained(loaded, sources[i], prefix, budgets[i], required[i])
            out[i] = found
        translations = iter(out)
        return [[next(translations) for _ in batch.rows] for batch in batches]

    def _decode_groups(self, loaded: LoadedTranslator, sources: list[list[str]], prefix: list[str], budgets: list[int],
                       groups: list[list[int]], **options: Any) -> dict[int, ctranslate2.TranslationResult]:
        """The rows of each group decoded as one batch, every group submitted before any is awaited
        (CTranslate2 decodes `inter_threads` batches side by side); the result of each row, by index.
        A batch decodes to its longest budget, and each row is then cut to its own."""
        pending = [(group, loaded.translator.translate_batch(
            [sources[i] for i in group], target_prefix=[prefix] * len(group) if prefix else None, asynchronous=True,
            max_decoding_length=max(budgets[i] for i in group) - 1, return_scores=True, **options))
            for group in groups]
        return {i: result.result() for group, results in pending for i, result in zip(group, results, strict=True)}

    def _best(self, loaded: LoadedTranslator, result: ctranslate2.TranslationResult, prefix: list[str], budget: int
              ) -> Translation:
        return self._hypothesis(loaded, result.hypotheses[0], result.scores[0], prefix, budget)

    def _hypothesis(self, loaded: LoadedTranslator, tokens: list[str], score: float, prefix: list[str], budget: int
                    ) -> Translation:
        return Translation(self._text(loaded, tokens[len(prefix):budget - 1]), _confidence(score))

    def _keeps(self, text: str, wanted: frozenset[int]) -> bool:
        """Whether a translation keeps the promises decoding is asked to: placeholders, no loops."""
        return ((not self.decoding.placeholder_constraint or _each_once(text, wanted))
                and not (self.decoding.block_repeats and LOOP.search(text)))

    def _best_valid(self, loaded: LoadedTranslator, rows: list[int], sources: list[list[str]], prefix: list[str],
                    budgets: list[int], required: list[frozenset[int]]) -> dict[int, Translation | None]:
        """For each of `rows`, the model's most likely of its `ALTERNATIVES` best translations that
        keeps the promises (None when none does): beam searches within the batch limits, submitted
        together."""
        groups = [[rows[j] for j in group] for group in self._batches([len(sources[i]) for i in rows])]
        results = self._decode_groups(loaded, sources, prefix, budgets, groups, beam_size=ALTERNATIVES,
                                      num_hypotheses=ALTERNATIVES,
                                      no_repeat_ngram_size=self.decoding.no_repeat_ngram_size)
        found: dict[int, Translation | None] = {}
        for i in rows:
            candidates = (self._hypothesis(loaded, tokens, score, prefix, budgets[i])
                          for tokens, score in zip(results[i].hypotheses, results[i].scores, strict=True))
            found[i] = next((candidate for candidate in candidates if self._keeps(candidate.text, required[i])), None)
        return found

    def _prefix(self, loaded: LoadedTranslator, prompt: Prompt) -> list[str]:
        if prompt.forced_bos_token_id is None:
            return []
        return list(loaded.tokenizer.convert_ids_to_tokens([prompt.forced_bos_token_id]))

    def _text(self, loaded: LoadedTranslator, tokens: list[str]) -> str:
        ids = loaded.tokenizer.convert_tokens_to_ids(tokens)
        return str(loaded.tokenizer.decode(ids, skip_special_tokens=True)).strip()

    def _constrained(self, loaded: LoadedTranslator, source: list[str], prefix: list[str], budget: int,
                     wanted: frozenset[int]) -> Translation:
        """Decode one row so it holds each wanted placeholder exactly once: greedy, token by token,
        never writing an unknown or already written placeholder; a missing one is written where the
        model would have ended, or when the row's budget only just fits it."""
        spelled = {index: self._spelling(loaded, index) for index in range(PLACEHOLDER_SLOTS)}
        bare = {index: list(loaded.tokenizer.tokenize(PLACEHOLDER.format(index))) for index in spelled}
        target: list[str] = []
        log_probs: list[float] = []
        for _ in range(2 * len(wanted) + 2):
            written = placeholder_ids(self._text(loaded, target))
            missing = sorted(wanted - written)
            room = budget - 1 - len(prefix) - len(target) - sum(len(spelled[i]) for i in missing)
            suppressed = [tokens for index in spelled if index in written or index not in wanted
                          for tokens in (spelled[index], bare[index])]
            ended = room <= 0
            for step in ([] if ended else loaded.translator.generate_tokens(
                    source, target_prefix=prefix + target or None, max_decoding_length=len(prefix) + len(target) + room,
                    sampling_topk=1, return_log_prob=True, suppress_sequences=suppressed or None)):
                if step.token == loaded.tokenizer.eos_token:
                    ended = True
                    break
                target.append(step.token)
                log_probs.append(step.log_prob)
                if "]" in step.token and placeholder_ids(self._text(loaded, target)) - written:
                    break  # a new placeholder: go on with it suppressed from now on
            else:
                ended = True  # out of room
            missing = sorted(wanted - placeholder_ids(self._text(loaded, target)))
            if ended and not missing:
                break
            if ended:
                target += spelled[missing[0]]
        text = self._text(loaded, target)
        confidence = _confidence(sum(log_probs) / len(log_probs)) if log_probs else 0.0
        return Translation(text if _each_once(text, wanted) else _exactly_once(text, wanted), confidence)

    def _spelling(self, loaded: LoadedTranslator, index: int) -> list[str]:
        return list(loaded.tokenizer.tokenize(" " + PLACEHOLDER.format(index)))


def _spread(sizes: list[int], ways: int) -> list[list[int]]:
    """The row indices of batches of `sizes` rows, grouped as the batches were; where there are fewer
    batches than `ways`, each is cut into pieces of about total / `ways` rows (batches come sorted by
    length, so a piece still holds rows of similar length)."""
    piece = max(sizes, default=1) if len(sizes) >= ways else max(1, -(-sum(sizes) // ways))
    groups, start = [], 0
    for size in sizes:
        groups += [list(range(first, min(first + piece, start + size))) for first in range(start, start + size, piece)]
        start += size
    return groups


def _each_once(text: str, wanted: frozenset[int]) -> bool:
    return sorted(int(match.group(1)) for match in PLACEHOLDER_PATTERN.finditer(text)) == sorted(wanted)


def _exactly_once(text: str, wanted: frozenset[int]) -> str:
    """The last resort, when the model still would not: unknown and repeated placeholders out, the
    missing ones at the end (qa.placeholder reports the sentence either way)."""
    seen: set[int] = set()

    def keep(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index in wanted and index not in seen:
            seen.add(index)
            return match.group(0)
        return ""

    kept = " ".join(PLACEHOLDER_PATTERN.sub(keep, text).split())
    return " ".join([kept, *(PLACEHOLDER.format(index) for index in sorted(wanted - seen))]).strip()


def _confidence(mean_log_prob: float) -> float:
    return round(100 * math.exp(mean_log_prob), 1)
