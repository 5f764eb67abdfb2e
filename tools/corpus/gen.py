"""The random choices every template draws on, and the registries the templates fill.

Each kind of segment (title, bullet, sentence, attribute, word) is a small function registered by
name in its module's dict; `Gen` holds the seeded `random.Random` they all draw from, in a fixed
order, so the corpus is the same on every run."""

import random
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from tools.corpus.lexicon import ADJS, BRANDS, USES
from tools.corpus.products import Product
from tools.corpus.schema import Tri
from tools.corpus.specs import UNIT_SPECS, WEIGHTS, model_number

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


def registrar(table: dict[str, Any]) -> Callable[..., Callable[[F], F]]:
    """A decorator that files a function in `table` under each kind it names (and leaves it as it is)."""
    def register(*kinds: str) -> Callable[[F], F]:
        def add(function: F) -> F:
            for kind in kinds:
                if kind in table:
                    raise ValueError(f"kind {kind!r} is registered twice")
                table[kind] = function
            return function
        return add
    return register


class Gen:
    """The seeded random source and the choices built on it."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.models = [model_number(rng) for _ in range(400)]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, seq: Iterable[T]) -> T:
        return self.rng.choice(list(seq))

    def sample(self, seq: Iterable[T], k: int) -> list[T]:
        items = list(seq)
        return self.rng.sample(items, min(k, len(items)))

    def ordered_sample(self, seq: Sequence[T], k: int) -> list[T]:
        items = list(seq)
        idx = sorted(self.rng.sample(range(len(items)), min(k, len(items))))
        return [items[i] for i in idx]

    def brand(self) -> str:
        return self.pick(BRANDS)

    def model(self) -> str:
        return self.pick(self.models)

    def tag(self) -> str:
        return self.pick(["b", "strong", "em"])

    def weight(self, p: Product) -> str:
        return self.pick(WEIGHTS[p.cat])

    def adj_pair(self, p: Product) -> Tri:
        a, b = self.sample(p.adjs, 2)
        za, ea, da = ADJS[a]
        zb, eb, db = ADJS[b]
        return f"{za}{zb}", f"{ea} and {eb}", f"{da} und {db}"

    def uses(self, p: Product, k: int) -> Tri:
        chosen = [USES[u] for u in self.sample(p.uses, k)]
        if len(chosen) == 1:
            return chosen[0]
        zh = "、".join(c[0] for c in chosen[:-1]) + "和" + chosen[-1][0]
        en = ", ".join(c[1] for c in chosen[:-1]) + " and " + chosen[-1][1]
        de = ", ".join(c[2] for c in chosen[:-1]) + " und " + chosen[-1][2]
        return zh, en, de

    def unit_token(self, kinds: list[str]) -> str | None:
        kinds = [k for k in kinds if k in UNIT_SPECS]
        return self.pick(UNIT_SPECS[self.pick(kinds)]) if kinds else None
