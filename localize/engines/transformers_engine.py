"""The `transformers` engine: any seq2seq checkpoint (MarianMT / opus-mt, NLLB, M2M100) by hub id or
local directory, loaded with `from_pretrained`, pivoting through English where no direct model exists."""

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase

from localize.engines import LanguagePair, ModelUnavailable, UnsupportedPair
from localize.engines.models import ModelCatalog

PIVOT_LANGUAGE = "en"
HOW_TO_CONFIGURE = (
    'set LOCALIZE_MODELS to a TOML file with a line like "{pair}" = "Helsinki-NLP/opus-mt-{pair}" '
    "or a local model directory (see README: Models)"
)


def _output_budget(input_tokens: int) -> int:
    """The most tokens a translation of `input_tokens` tokens may take."""
    return 2 * input_tokens + 16


class ModelLoadError(Exception):
    """One model reference could not be loaded (missing directory, not in the offline cache, ...)."""


@lru_cache(maxsize=8)
def load_model(ref: str) -> tuple[PreTrainedTokenizerBase, PreTrainedModel]:
    """Load (once per process) the tokenizer and model for a hub id or a local directory."""
    # A hub id is `name` or `org/name`; anything else is a path, and a missing one needs no hub lookup.
    looks_local = ref.startswith(("/", ".", "~")) or ref.count("/") > 1 or "\\" in ref
    if looks_local and not Path(ref).expanduser().is_dir():
        raise ModelLoadError(f"no such directory {ref}")
    try:
        tokenizer = AutoTokenizer.from_pretrained(ref)
        model = AutoModelForSeq2SeqLM.from_pretrained(ref)
    except (OSError, ValueError, KeyError, ImportError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelLoadError(reason[:300]) from exc
    model.eval()
    if torch.cuda.is_available():
        model.to("cuda")
    return tokenizer, model


class TransformersEngine:
    """Translates with seq2seq models; segments are batched by length and decoded greedily by default."""

    name = "transformers"

    def __init__(
        self,
        catalog: ModelCatalog,
        *,
        num_beams: int = 1,
        batch_size: int = 32,
        max_batch_tokens: int = 4096,
        threads: int | None = None,
    ):
        self.catalog = catalog
        self.num_beams = num_beams
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
        if threads:
            torch.set_num_threads(threads)
        self._routes: dict[LanguagePair, list[str]] = {}

    def translate(self, pair: LanguagePair, segments: list[str]) -> list[str]:
        if pair.source == pair.target:
            raise UnsupportedPair(f"{pair}: source and target are the same language; nothing to translate")
        texts = list(segments)
        if not texts:
            return texts
        for ref in self.route(pair):
            texts = self._generate(ref, texts)
        return texts

    def model_for(self, pair: LanguagePair) -> str:
        return " -> ".join(self.route(pair))

    def route(self, pair: LanguagePair) -> list[str]:
        """The model(s) for `pair`: the direct one, else source->en->target. Raises ModelUnavailable."""
        if pair not in self._routes:
            self._routes[pair] = self._find_route(pair)
        return self._routes[pair]

    def _find_route(self, pair: LanguagePair) -> list[str]:
        tried: list[str] = []
        direct = self._loadable(pair, tried)
        if direct:
            return [direct]
        if PIVOT_LANGUAGE not in (pair.source, pair.target):
            first = self._loadable(LanguagePair(pair.source, PIVOT_LANGUAGE), tried)
            second = first and self._loadable(LanguagePair(PIVOT_LANGUAGE, pair.target), tried)
            if first and second:
                return [first, second]
        raise ModelUnavailable(
            f"no model for {pair}: tried " + "; ".join(tried) + ". To fix: " + HOW_TO_CONFIGURE.format(pair=pair)
        )

    def _loadable(self, pair: LanguagePair, tried: list[str]) -> str | None:
        ref = self.catalog.lookup(pair)
        if ref is None:
            where = f" in {self.catalog.source}" if self.catalog.source else ""
            tried.append(f"{pair}: not configured{where}")
            return None
        try:
            load_model(ref)
        except ModelLoadError as exc:
            tried.append(f"{pair} = {ref}: {exc}")
            return None
        return ref

    def _generate(self, ref: str, texts: list[str]) -> list[str]:
        tokenizer, model = load_model(ref)
        positions = getattr(model.config, "max_position_embeddings", None) or tokenizer.model_max_length
        max_input = min(tokenizer.model_max_length, positions)
        lengths = [len(ids) for ids in tokenizer(texts, truncation=True, max_length=max_input)["input_ids"]]
        budgets = [min(positions - 1, _output_budget(length)) for length in lengths]
        out: list[str] = [""] * len(texts)
        for batch in self._batches(lengths):
            encoded = tokenizer([texts[i] for i in batch], return_tensors="pt", padding=True, truncation=True,
                                max_length=max_input).to(model.device)
            with torch.inference_mode():
                generated = model.generate(
                    **encoded,
                    num_beams=self.num_beams,
                    do_sample=False,
                    max_new_tokens=max(budgets[i] for i in batch),
                )
            for index, row in zip(batch, generated, strict=True):
                # A model that never stops must yield the same text whatever it was batched with:
                # cut each row before its own last step (where `forced_eos_token_id` may have
                # forced an end), after the decoder start token in row[0].
                out[index] = tokenizer.decode(row[: budgets[index]], skip_special_tokens=True).strip()
        return out

    def _batches(self, lengths: list[int]) -> Iterator[list[int]]:
        """Indices grouped by similar length, so padding stays small, within both batch limits."""
        batch: list[int] = []
        for index in sorted(range(len(lengths)), key=lambda i: lengths[i]):
            widest = max(lengths[index], *(lengths[i] for i in batch)) if batch else lengths[index]
            if batch and (len(batch) >= self.batch_size or widest * (len(batch) + 1) > self.max_batch_tokens):
                yield batch
                batch = []
            batch.append(index)
        if batch:
            yield batch
