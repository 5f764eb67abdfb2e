"""Specs and verbatim tokens: unit tokens written alike in all languages ("500ml"), worded specs
around a token ("5件装" / "Pack of 5" / "5 Stück"), fictional model numbers and manual URLs."""

import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from tools.corpus.schema import SpecsFile, Tri, WordedSpec, load

if TYPE_CHECKING:
    from tools.corpus.products import Product

_SPECS = load(SpecsFile, "specs.yaml")
UNIT_SPECS = _SPECS.unit_specs
COUNT_SPECS = _SPECS.count_specs
TOKEN_MODS = _SPECS.token_mods
WEIGHTS = _SPECS.weights
COMPAT_PRODUCTS = _SPECS.compat_products
POWER_KEY = _SPECS.power_key


def _worded(spec: WordedSpec, rng: random.Random, counter: str = "") -> tuple[Tri, str]:
    """(title piece, token); a fixed token draws nothing from `rng`."""
    token = spec.fixed if spec.fixed is not None else str(rng.choice(spec.values))
    zh, en, de = (part.format(n=token, counter=counter) for part in spec.text)
    return (zh, en, de), token


def count_spec(kind: str, rng: random.Random, product: "Product") -> tuple[Tri, str] | None:
    """Specs whose wording differs by language; returns the title piece and the verbatim token."""
    spec = COUNT_SPECS.get(kind)
    return _worded(spec, rng, product.counter) if spec else None


def spec_piece(kind: str, rng: random.Random, product: "Product") -> tuple[Tri, str, bool]:
    """(title piece, token, whether it may stand before the noun in zh/en like "500ml保温杯")."""
    if kind in UNIT_SPECS:
        token = rng.choice(UNIT_SPECS[kind])
        return (token, token, token), token, True
    piece = count_spec(kind, rng, product)
    assert piece is not None, kind
    return piece[0], piece[1], False


def token_mod(key: str, rng: random.Random) -> tuple[Tri, str]:
    """A title modifier that carries a token: (title piece, token)."""
    return _worded(TOKEN_MODS[key], rng)


def spec_name(kind: str) -> Tri:
    """The attribute name of a unit spec ("容量" / "Capacity" / "Fassungsvermögen")."""
    for entry in _SPECS.spec_names:
        if kind.startswith(entry.prefixes):
            return entry.name
    return _SPECS.spec_name_default


_LETTERS = "ABCDEFGHJKLMNPRSTUVWXZ"
Letters = Callable[[int], str]

# The shapes of fictional model numbers: KX-2024B, LM300, A7-PRO, VTX-20, HB1080, Q35, KX-200BC.
_MODEL_SHAPES: list[Callable[[random.Random, Letters], str]] = [
    lambda rng, L: f"{L(2)}-{rng.randrange(1000, 9999)}{L(1)}",
    lambda rng, L: f"{L(2)}{rng.choice([100, 200, 300, 350, 500, 600, 800, 900])}",
    lambda rng, L: f"{L(1)}{rng.randrange(1, 10)}-{rng.choice(['PRO', 'MAX', 'LITE', 'PLUS', 'MINI'])}",
    lambda rng, L: f"{L(3)}-{rng.randrange(10, 99)}",
    lambda rng, L: f"{L(2)}{rng.randrange(1000, 9999)}",
    lambda rng, L: f"{L(1)}{rng.randrange(10, 99)}",
    lambda rng, L: f"{L(2)}-{rng.randrange(100, 999)}{L(1)}{L(1)}",
]


def model_number(rng: random.Random) -> str:
    """A fictional model number of one of the shapes above."""
    def letters(n: int) -> str:
        return "".join(rng.choice(_LETTERS) for _ in range(n))

    return _MODEL_SHAPES[rng.randrange(len(_MODEL_SHAPES))](rng, letters)


def url_for(rng: random.Random, brand: str, model: str) -> str:
    """Where the manual of a brand's model is, in one of the shapes of specs.yaml."""
    shape = _SPECS.manual_urls[rng.randrange(len(_SPECS.manual_urls))]
    return shape.format(brand=brand.lower(), model=model, model_lower=model.lower())
