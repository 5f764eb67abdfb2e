"""Engines by name, built from settings (`LOCALIZE_ENGINE`): adding an engine is one entry here."""

from collections.abc import Callable

from localize.mt.engines import Engine
from localize.mt.engines.models import configured_catalog
from localize.mt.engines.seq2seq import DecodingOptions
from localize.settings import Settings


def decoding_options(settings: Settings) -> DecodingOptions:
    return DecodingOptions(num_beams=settings.num_beams, placeholder_constraint=settings.placeholder_constraint,
                           block_repeats=settings.block_repeats, no_repeat_ngram_size=settings.no_repeat_ngram_size,
                           repetition_penalty=settings.repetition_penalty)


def _transformers(settings: Settings) -> Engine:
    from localize.mt.engines.transformers_engine import TransformersEngine  # torch only when needed

    return TransformersEngine(configured_catalog(settings.models), decoding=decoding_options(settings),
                              batch_size=settings.batch_size, max_batch_tokens=settings.max_batch_tokens,
                              threads=settings.threads)


def _ctranslate2(settings: Settings) -> Engine:
    from localize.mt.engines.ctranslate2_engine import CTranslate2Engine  # ctranslate2 only when chosen

    return CTranslate2Engine(configured_catalog(settings.models), decoding=decoding_options(settings),
                             batch_size=settings.batch_size, max_batch_tokens=settings.max_batch_tokens,
                             threads=settings.threads, inter_threads=settings.inter_threads)


ENGINES: dict[str, Callable[[Settings], Engine]] = {"transformers": _transformers, "ctranslate2": _ctranslate2}


def create_engine(settings: Settings, name: str | None = None) -> Engine:
    name = name or settings.engine
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
    return ENGINES[name](settings)
