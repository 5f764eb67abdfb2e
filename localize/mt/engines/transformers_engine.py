"""The `transformers` engine: any seq2seq checkpoint (MarianMT / opus-mt, NLLB, M2M100) by hub id or
local directory, loaded with `from_pretrained`, pivoting through English where no direct model exists.

Each model is told its languages the way its family expects (`families`); decoding keeps every
placeholder exactly once and refuses back-to-back loops (`decoding`); each output gets a confidence,
the model's own mean token probability of it (scored again without any constraint), 0 to 100.
"""

import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, cast

import torch
from transformers import (
    AutoModelForSeq2SeqLM,
    AutoTokenizer,
    LogitsProcessorList,
    PreTrainedModel,
    PreTrainedTokenizerBase,
)
from transformers.modeling_outputs import BaseModelOutput

from localize.mt.engines import ModelUnavailable, Translation
from localize.mt.engines.decoding import PlaceholderConstraint, RepeatBlocker, TokenLogProbs
from localize.mt.engines.families import ModelFamily, Prompt, family_of
from localize.mt.engines.models import ModelCatalog
from localize.mt.engines.seq2seq import DEFAULT_DECODING, Batch, DecodingOptions, ModelLoadError, Seq2SeqEngine
from localize.mt.engines.vocabulary import TargetVocabulary

SCORED_LOGITS = 1 << 25  # logits held at once while scoring outputs (rows x tokens x vocabulary)


@dataclass(frozen=True)
class LoadedModel:
    ref: str
    tokenizer: PreTrainedTokenizerBase
    model: PreTrainedModel
    family: ModelFamily

    @cached_property
    def vocabulary(self) -> TargetVocabulary:
        return TargetVocabulary(self.tokenizer, self.model.config.vocab_size)

    @property
    def max_input(self) -> int:
        positions = getattr(self.model.config, "max_position_embeddings", None) or self.tokenizer.model_max_length
        return min(self.tokenizer.model_max_length, positions)


@lru_cache(maxsize=8)
def load_model(ref: str) -> LoadedModel:
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
    try:
        family = family_of(model.config.model_type, tokenizer, ref)
    except ModelUnavailable as exc:
        raise ModelLoadError(str(exc)) from exc
    model.eval()
    if torch.cuda.is_available():
        model.to("cuda")
    return LoadedModel(ref, tokenizer, model, family)


class TransformersEngine(Seq2SeqEngine[LoadedModel]):
    """Translates with seq2seq models through transformers; greedy decoding by default."""

    name = "transformers"

    def __init__(self, catalog: ModelCatalog, *, decoding: DecodingOptions = DEFAULT_DECODING, batch_size: int = 32,
                 max_batch_tokens: int = 4096, threads: int | None = None):
        super().__init__(catalog, decoding=decoding, batch_size=batch_size, max_batch_tokens=max_batch_tokens)
        if threads:
            torch.set_num_threads(threads)

    def load(self, ref: str) -> LoadedModel:
        return load_model(ref)

    def decode(self, loaded: LoadedModel, prompt: Prompt, batch: Batch) -> list[Translation]:
        # transformers declares get_encoder() and generate() on the concrete model classes only
        model, tokenizer = cast(Any, loaded.model), loaded.tokenizer
        rows, budgets = batch.rows, batch.budgets
        width = max(len(row) for row in rows)
        input_ids = torch.tensor([row + [tokenizer.pad_token_id] * (width - len(row)) for row in rows],
                                 device=model.device)
        mask = torch.tensor([[1] * len(row) + [0] * (width - len(row)) for row in rows], device=model.device)
        options = self.decoding
        recorder = TokenLogProbs() if options.num_beams == 1 else None
        processors = LogitsProcessorList([recorder] if recorder else [])
        if options.block_repeats:
            processors.append(RepeatBlocker(loaded.vocabulary, options.block_repeats, model.device))
        if options.placeholder_constraint:
            processors.append(PlaceholderConstraint(loaded.vocabulary, batch.required, budgets, options.num_beams))
        with torch.inference_mode():
            encoder: BaseModelOutput = model.get_encoder()(input_ids=input_ids, attention_mask=mask)
            generated = model.generate(
                # a copy: beam search replaces its states with one per beam, in place
                encoder_outputs=BaseModelOutput(last_hidden_state=encoder.last_hidden_state),
                attention_mask=mask,
                num_beams=options.num_beams,
                do_sample=False,
                # one step past the longest cut: where `forced_eos_token_id` may force an end, no row keeps
                max_new_tokens=max(budgets),
                forced_bos_token_id=prompt.forced_bos_token_id,
                no_repeat_ngram_size=options.no_repeat_ngram_size,
                repetition_penalty=options.repetition_penalty,
                logits_processor=processors,
            )
            # A beam's tokens were chosen across reordered rows: score the outputs again instead.
            log_probs = recorder.of(generated) if recorder else self._rescored(loaded, encoder, mask, generated)
        cut = [row[:budget] for row, budget in zip(generated.tolist(), budgets, strict=True)]
        eos = tokenizer.eos_token_id
        out = []
        for row, scores in zip(cut, log_probs.tolist(), strict=True):
            # The model's own tokens: not the decoder start nor a forced language token; the end included.
            first = 1 + prompt.decoder_prefix
            end = row.index(eos, first) + 1 if eos in row[first:] else len(row)
            chosen = scores[first - 1:end - 1]
            confidence = round(100 * math.exp(sum(chosen) / len(chosen)), 1) if chosen else 100.0
            # Without the decoder start and any forced language token (M2M100's is no special token).
            text = tokenizer.decode(row[first:], skip_special_tokens=True).strip()
            out.append(Translation(text, confidence))
        return out

    def _rescored(self, loaded: LoadedModel, encoder: BaseModelOutput, mask: torch.Tensor,
                  sequences: torch.Tensor) -> torch.Tensor:
        """The log-probability the model gives each token of `sequences` after the start, in row
        chunks that bound the logits held at once."""
        model = loaded.model
        chunk = max(1, SCORED_LOGITS // (sequences.shape[1] * loaded.vocabulary.size))
        hidden = encoder.last_hidden_state
        assert hidden is not None
        parts = []
        for start in range(0, sequences.shape[0], chunk):
            rows = slice(start, start + chunk)
            logits = model(encoder_outputs=BaseModelOutput(last_hidden_state=cast(torch.FloatTensor, hidden[rows])),
                           attention_mask=mask[rows], decoder_input_ids=sequences[rows, :-1]).logits
            parts.append(logits.log_softmax(-1).gather(2, sequences[rows, 1:, None]).squeeze(2))
        return torch.cat(parts)

