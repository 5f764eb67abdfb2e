"""The `ctranslate2` engine: the same checkpoints converted with CTranslate2 (`localize models convert`),
int8 on CPU and float16 on a GPU, with every promise of the transformers engine.

All batches of a hop are submitted at once, so with `inter_threads` > 1 several are decoded side by
side. CTranslate2 has no logits processors, so the guarantees are kept around its decoder. A batch is
decoded as usual; a row that breaks a promise (a placeholder lost, doubled or invented; a span
repeated back to back) gets the most likely of its 5 best translations that keeps them all (one
beam search for all such rows). For the few with none:
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


def thread_layout(threads: int | None, inter_threads: int | None, on_gpu: bool) -> tuple[int, int]:
    """(batches decoded side by side, threads each). `threads` is what the process translates with
    (all cores when unset; a worker gives each process its share). On a CPU it goes to that many
    batches of one thread, which `bench/engines.py` measures fastest for small and opus-mt-base-sized
    models alike (docs/models.md), unless `inter_threads` sets the batches, each then with `threads`.
    A GPU decodes one batch at a time."""
    if inter_threads is not None:
        return inter_threads, threads or 1
    if on_gpu:
        return 1, threads or 1
    return threads or len(os.sched_getaffinity(0)), 1


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

    def decode(self, loaded: LoadedTranslator, prompt: Prompt, batch: Batch) -> list[Translation]:
        [out] = self.decode_batches(loaded, prompt, [batch])
        return out

    def decode_batches(self, loaded: LoadedTranslator, prompt: Prompt, batches: list[Batch]) -> list[list[Translation]]:
        """Every batch submitted at once (with `inter_threads` > 1 CTranslate2 decodes several side by
        side), then the rows that broke a promise repaired together."""
        prefix = self._prefix(loaded, prompt)
        options = self.decoding
        sources = [[loaded.tokenizer.convert_ids_to_tokens(row) for row in batch.rows] for batch in batches]
        pending = [self._submit(loaded, source, prefix, batch.budgets, beam_size=options.num_beams,
                                repetition_penalty=options.repetition_penalty,
                                no_repeat_ngram_size=options.no_repeat_ngram_size)
                   for source, batch in zip(sources, batches, strict=True)]
        out = [[self._best(loaded, result.result(), prefix, budget) for result, budget in zip(results, batch.budgets,
                                                                                               strict=True)]
               for results, batch in zip(pending, batches, strict=True)]
        broken = [(b, i) for b, batch in enumerate(batches) for i, translation in enumerate(out[b])
                  if not self._keeps(translation.text, batch.required[i])]
        alternatives = self._best_valid(loaded, [sources[b][i] for b, i in broken], prefix,
                                        [batches[b].budgets[i] for b, i in broken],
                                        [batches[b].required[i] for b, i in broken])
        for (b, i), found in zip(broken, alternatives, strict=True):
            source, budget, wanted = sources[b][i], batches[b].budgets[i], batches[b].required[i]
            if found is None and options.block_repeats and LOOP.search(out[b][i].text):
                [result] = self._submit(loaded, [source], prefix, [budget], beam_size=options.num_beams,
                                        no_repeat_ngram_size=LOOP_NGRAM)
                found = self._best(loaded, result.result(), prefix, budget)
            found = found or out[b][i]
            if options.placeholder_constraint and not _each_once(found.text, wanted):
                found = self._constrained(loaded, source, prefix, budget, wanted)
            out[b][i] = found
        return out

    def _submit(self, loaded: LoadedTranslator, source: list[list[str]], prefix: list[str], budgets: list[int],
                **options: Any) -> list[ctranslate2.AsyncTranslationResult]:
        """Rows queued for decoding, each to be cut to its own budget; results to wait for."""
        return loaded.translator.translate_batch(  # type: ignore[no-any-return]
            source, target_prefix=[prefix] * len(source) if prefix else None, asynchronous=True,
            max_decoding_length=max(budgets) - 1, return_scores=True, **options)

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

    def _best_valid(self, loaded: LoadedTranslator, source: list[list[str]], prefix: list[str], budgets: list[int],
                    required: list[frozenset[int]]) -> list[Translation | None]:
        """For each row, the model's most likely of its `ALTERNATIVES` best translations that keeps the
        promises (None when none does): beam searches of `batch_size` rows, submitted together."""
        chunks = [slice(start, start + self.batch_size) for start in range(0, len(source), self.batch_size)]
        pending = [self._submit(loaded, source[chunk], prefix, budgets[chunk], beam_size=ALTERNATIVES,
                                num_hypotheses=ALTERNATIVES, no_repeat_ngram_size=self.decoding.no_repeat_ngram_size)
                   for chunk in chunks]
        found: list[Translation | None] = []
        for chunk, results in zip(chunks, pending, strict=True):
            for result, budget, wanted in zip(results, budgets[chunk], required[chunk], strict=True):
                finished = result.result()
                candidates = (self._hypothesis(loaded, tokens, score, prefix, budget)
                              for tokens, score in zip(finished.hypotheses, finished.scores, strict=True))
                found.append(next((candidate for candidate in candidates if self._keeps(candidate.text, wanted)),
                                  None))
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
