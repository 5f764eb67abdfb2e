"""Engines by name, built from settings: adding an engine is one entry here."""

from collections.abc import Callable

from localize.mt.engines import Engine
from localize.mt.engines.models import configured_catalog
from localize.settings import Settings


def _transformers(settings: Settings) -> Engine:
    from localize.mt.engines.seq2seq import DecodingOptions
    from localize.mt.engines.transformers_engine import TransformersEngine  # torch only when needed

    decoding = DecodingOptions(num_beams=settings.num_beams, placeholder_constraint=settings.placeholder_constraint,
                               block_repeats=settings.block_repeats,
                               no_repeat_ngram_size=settings.no_repeat_ngram_size,
                               repetition_penalty=settings.repetition_penalty)
    return TransformersEngine(
        configured_catalog(settings.models),
        decoding=decoding,
        batch_size=settings.batch_size,
        max_batch_tokens=settings.max_batch_tokens,
        threads=settings.threads,
    )


ENGINES: dict[str, Callable[[Settings], Engine]] = {"transformers": _transformers}


def create_engine(settings: Settings, name: str = "transformers") -> Engine:
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
    return ENGINES[name](settings)
