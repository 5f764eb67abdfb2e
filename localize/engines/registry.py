"""Engines by name, built from settings: adding an engine is one entry here."""

from collections.abc import Callable

from localize.engines import Engine
from localize.engines.models import ModelCatalog
from localize.settings import Settings


def _transformers(settings: Settings) -> Engine:
    from localize.engines.transformers_engine import TransformersEngine  # torch loads only when needed

    catalog = ModelCatalog.from_file(settings.models) if settings.models else ModelCatalog()
    return TransformersEngine(
        catalog,
        num_beams=settings.num_beams,
        batch_size=settings.batch_size,
        max_batch_tokens=settings.max_batch_tokens,
        threads=settings.threads,
    )


ENGINES: dict[str, Callable[[Settings], Engine]] = {"transformers": _transformers}


def create_engine(settings: Settings, name: str = "transformers") -> Engine:
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
    return ENGINES[name](settings)
