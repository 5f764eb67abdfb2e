"""What every seq2seq engine shares: routes (a direct model, or two through English), each model's
language handling by family, segments encoded and batched by similar length, and each row's own
output budget, so a row's translation never depends on the rows it was batched with. An engine adds
how it loads a checkpoint and how it decodes a batch (`transformers`, `ctranslate2`)."""

import copy
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Protocol, Self, TypeVar

from localize.mt.engines import LanguagePair, ModelUnavailable, Translation, UnsupportedPair
from localize.mt.engines.families import ModelFamily, Prompt
from localize.mt.engines.models import ModelCatalog, how_to_get, is_present
from localize.text.protect import placeholder_ids

if TYPE_CHECKING:  # transformers is imported by the engines, when one is used
    from transformers import PreTrainedTokenizerBase

PIVOT_LANGUAGE = "en"
log = logging.getLogger(__name__)


class ModelLoadError(Exception):
    """One model reference could not be loaded (missing directory, not in the offline cache, ...)."""


@dataclass(frozen=True)
class DecodingOptions:
    num_beams: int = 1
    placeholder_constraint: bool = True  # each placeholder exactly once
    block_repeats: int = 8  # longest back-to-back repeated span refused (tokens); 0 is off
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0


DEFAULT_DECODING = DecodingOptions()


class Checkpoint(Protocol):
    """A loaded model as the shared steps see it."""

    @property
    def tokenizer(self) -> "PreTrainedTokenizerBase": ...

    @property
    def family(self) -> ModelFamily: ...

    @property
    def max_input(self) -> int: ...


CheckpointT = TypeVar("CheckpointT", bound=Checkpoint)


@dataclass(frozen=True)
class Batch:
    """Encoded rows of similar length decoded together: each row with its own output budget and
    the placeholders it must hold once each."""

    rows: list[list[int]]
    budgets: list[int]
    required: list[frozenset[int]]


def output_budget(input_tokens: int) -> int:
    """The most tokens a translation of `input_tokens` tokens may take."""
    return 2 * input_tokens + 16


@dataclass(frozen=True)
class Hop:
    """One model translating one pair: a route is one hop, or two through English."""

    pair: LanguagePair
    ref: str
    prompt: Prompt


class Seq2SeqEngine(Generic[CheckpointT]):
    name: str

    def __init__(self, catalog: ModelCatalog, *, decoding: DecodingOptions = DEFAULT_DECODING, batch_size: int = 32,
                 max_batch_tokens: int = 4096):
        self.catalog = catalog
        self.decoding = decoding
        self.batch_size = batch_size
        self.max_batch_tokens = max_batch_tokens
        self._routes: dict[LanguagePair, list[Hop]] = {}
        self._views: dict[tuple[tuple[LanguagePair, str], ...], Self] = {}  # by the refs they serve

    def for_scope(self, seller: str | None, category: str | None) -> Self:
        catalog = self.catalog.scoped(seller, category)
        if catalog is self.catalog:
            return self
        key = tuple(sorted((pair, entry.ref) for pair, entry in catalog.pairs.items()))
        if key not in self._views:  # a view shares the loaded models and its siblings, not the routes
            view = copy.copy(self)
            view.catalog, view._routes = catalog, {}
            self._views[key] = view
        return self._views[key]

    def preload(self) -> int:
        catalog = self.catalog
        entries = [*catalog.pairs.values(), *(entry for pairs in catalog.scopes.values() for entry in pairs.values())]
        loaded = 0
        for ref in sorted({entry.ref for entry in entries if is_present(entry.ref)}):
            try:
                self.load(ref)
                loaded += 1
            except ModelLoadError as exc:  # its pair answers with the reason when asked; the rest load
                log.warning("%s not preloaded: %s", ref, exc)
        return loaded

    def load(self, ref: str) -> CheckpointT:
        """The checkpoint for a reference, once per process; ModelLoadError when it cannot be used."""
        raise NotImplementedError

    def decode(self, loaded: CheckpointT, prompt: Prompt, batch: Batch) -> list[Translation]:
        """Translate one batch of encoded rows, each within its budget, each placeholder once: an
        engine implements this, or `decode_batches` when it decodes batches side by side."""
        raise NotImplementedError

    def decode_batches(self, loaded: CheckpointT, prompt: Prompt, batches: list[Batch]) -> list[list[Translation]]:
        """Translate every batch of one hop, one after another."""
        return [self.decode(loaded, prompt, batch) for batch in batches]

    def translate(self, pair: LanguagePair, segments: list[str]) -> list[Translation]:
        if pair.source == pair.target:
            raise UnsupportedPair(f"{pair}: source and target are the same language; nothing to translate")
        if not segments:
            return []
        route = self.route(pair)
        out = [Translation(text, 100.0) for text in segments]
        for hop in route:
            hop_out = self._generate(hop, [translation.text for translation in out])
            out = [Translation(new.text, round(old.confidence * new.confidence / 100, 1))
                   for old, new in zip(out, hop_out, strict=True)]
        return out

    def model_for(self, pair: LanguagePair) -> str:
        return " -> ".join(hop.ref for hop in self.route(pair))

    def route(self, pair: LanguagePair) -> list[Hop]:
        """The model(s) for `pair`: the direct one, else source->en->target. Raises ModelUnavailable."""
        if pair not in self._routes:
            self._routes[pair] = self._find_route(pair)
        return self._routes[pair]

    def _find_route(self, pair: LanguagePair) -> list[Hop]:
        tried: list[str] = []
        direct = self._hop(pair, tried)
        if direct:
            return [direct]
        if PIVOT_LANGUAGE not in (pair.source, pair.target):
            first = self._hop(LanguagePair(pair.source, PIVOT_LANGUAGE), tried)
            second = first and self._hop(LanguagePair(PIVOT_LANGUAGE, pair.target), tried)
            if first and second:
                return [first, second]
        raise ModelUnavailable(f"no model for {pair}: tried " + "; ".join(tried) + ". To fix: "
                               + how_to_get(pair, self.catalog))

    def _hop(self, pair: LanguagePair, tried: list[str]) -> Hop | None:
        ref = self.catalog.lookup(pair)
        if ref is None:
            where = f" in {self.catalog.source}" if self.catalog.source else ""
            tried.append(f"{pair}: not configured{where}")
            return None
        try:
            loaded = self.load(ref)
            return Hop(pair, ref, loaded.family.prompt(pair))
        except (ModelLoadError, UnsupportedPair) as exc:
            tried.append(f"{pair} = {ref}: {exc}")
            return None

    def _generate(self, hop: Hop, texts: list[str]) -> list[Translation]:
        loaded = self.load(hop.ref)
        tokenizer, prompt = loaded.tokenizer, hop.prompt
        room = loaded.max_input - len(prompt.source_prefix) - 1
        encoded = [[*prompt.source_prefix, *ids[:room], tokenizer.eos_token_id]
                   for ids in tokenizer(texts, add_special_tokens=False)["input_ids"]]
        lengths = [len(ids) for ids in encoded]
        # Each row's own cut (decoder start and any forced language token included): a row's output
        # never depends on the longer rows it was batched with.
        budgets = [min(loaded.max_input - 1, output_budget(n)) + 1 + prompt.decoder_prefix for n in lengths]
        required = [placeholder_ids(text) for text in texts]
        groups = list(self._batches(lengths))
        batches = [Batch([encoded[i] for i in group], [budgets[i] for i in group], [required[i] for i in group])
                   for group in groups]
        out: list[Translation] = [Translation("", 0.0)] * len(texts)
        for group, rows in zip(groups, self.decode_batches(loaded, prompt, batches), strict=True):
            for index, translation in zip(group, rows, strict=True):
                out[index] = translation
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
