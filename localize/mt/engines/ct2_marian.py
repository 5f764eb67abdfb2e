"""Converting a Marian checkpoint that transformers trained or fine-tuned (the demo models, and any
model `localize models adapt` promoted) so CTranslate2 decodes what transformers decodes.

CTranslate2's Marian loader assumes the checkpoint came from Marian-NMT, where the decoder starts
from a zero embedding and transformers' added `<pad>` (the decoder start token) is all zeros: it
drops `<pad>` and starts from zeros. Training with transformers moves that row, since the output
projection shares it, so the first token's probabilities change, and every token after it: 72 of
337 held-out demo segments came out unlike transformers' (28 after, from int8 rounding and the rows
each engine repairs its own way). For such a checkpoint the loader keeps `<pad>` and starts from it,
and never writes it (transformers' Marian checkpoints forbid it in generation too); for a Marian-NMT
one it does what CTranslate2 does. Imported only to convert (it loads torch).
"""

from typing import Any

import torch
from ctranslate2.converters import transformers as ct2_transformers

NEVER = -1e4  # a logit bias no token overcomes, and float16 can hold


def starts_from_zero(model: Any) -> bool:
    """Whether the decoder's start embedding is all zeros, as a Marian-NMT checkpoint has it."""
    start = model.config.decoder_start_token_id
    return bool((model.get_decoder().embed_tokens.weight[start] == 0).all())


class TrainedMarianLoader(ct2_transformers.MarianMTLoader):  # type: ignore[misc]
    def get_model_spec(self, model: Any) -> Any:
        if starts_from_zero(model):
            return super().get_model_spec(model)
        model.config.normalize_before = False
        model.config.normalize_embedding = False
        spec = ct2_transformers.BartLoader.get_model_spec(self, model)  # `<pad>` kept in every matrix
        spec.decoder.start_from_zero_embedding = False
        bias = model.final_logits_bias.detach().squeeze(0).clone().to(torch.float32)
        bias[model.config.decoder_start_token_id] = NEVER
        spec.decoder.projection.bias = bias
        return spec

    def set_config(self, config: Any, model: Any, tokenizer: Any) -> None:
        super().set_config(config, model, tokenizer)
        if not starts_from_zero(model):
            config.decoder_start_token = tokenizer.convert_ids_to_tokens(model.config.decoder_start_token_id)

    def get_vocabulary(self, model: Any, tokenizer: Any) -> list[str]:
        if starts_from_zero(model):
            return list(super().get_vocabulary(model, tokenizer))
        return list(ct2_transformers.BartLoader.get_vocabulary(self, model, tokenizer))


def register() -> None:
    """Make the converter use the loader above for Marian checkpoints (CTranslate2 keeps its loaders
    in a registry by configuration class; this entry replaces its own)."""
    ct2_transformers._MODEL_LOADERS["MarianConfig"] = TrainedMarianLoader()
