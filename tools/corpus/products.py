"""The products the templates describe (`data/products.yaml`), each checked against the tables it names."""

from tools.corpus.lexicon import (
    ACCESSORIES,
    ADJS,
    CATEGORY_ADJS,
    CATEGORY_USES,
    CORPUS,
    FEATS,
    GENERICS,
    MATERIALS,
    MODS,
    TARGETS,
    USES,
)
from tools.corpus.schema import CorpusDataError, ProductsFile, ProductSpec, load
from tools.corpus.specs import COUNT_SPECS, TOKEN_MODS, UNIT_SPECS
from tools.corpus.text import lower_en


class Product:
    """One product with its names, German gender, and what may be said of it."""

    def __init__(self, cat: str, spec: ProductSpec):
        self.cat, self.key = cat, spec.key
        self.zh, self.en, self.de = spec.names
        self.gender = spec.gender  # German: m, f, n, pl
        self.en_plural = spec.en_plural
        self.targets, self.mats, self.mods, self.feats = spec.targets, spec.mats, spec.mods, spec.feats
        self.specs = spec.specs
        self.generic = spec.generic
        self.uses = spec.uses or tuple(CATEGORY_USES[cat])
        self.adjs = spec.adjs or tuple(CATEGORY_ADJS[cat])
        self.accessories = spec.accessories if spec.accessories is not None else (
            () if cat in ("apparel", "shoes") else ("manual",))
        self.counter = spec.counter  # zh measure word for pieces

    @property
    def en_lower(self) -> str:
        return lower_en(self.en)


# What each field of a product may name.
_KNOWN: dict[str, object] = {
    "targets": TARGETS, "mats": MATERIALS, "mods": {**MODS, **TOKEN_MODS}, "feats": FEATS,
    "specs": {**UNIT_SPECS, **COUNT_SPECS}, "uses": USES, "adjs": ADJS, "accessories": ACCESSORIES,
}


def _check(cat: str, index: int, spec: ProductSpec) -> None:
    where = f"products.yaml: products.{cat}.{index}"
    if cat not in CORPUS.categories:
        raise CorpusDataError(f"products.yaml: products.{cat}: not a category of corpus.yaml")
    for field, known in _KNOWN.items():
        for value in getattr(spec, field) or ():
            if value not in known:  # type: ignore[operator]
                raise CorpusDataError(f"{where}.{field}: unknown {field} entry {value!r}")
    if spec.generic is not None and spec.generic not in GENERICS:
        raise CorpusDataError(f"{where}.generic: unknown generic {spec.generic!r}")


def load_products() -> list[Product]:
    products = []
    for cat, specs in load(ProductsFile, "products.yaml").products.items():
        for index, spec in enumerate(specs):
            _check(cat, index, spec)
            products.append(Product(cat, spec))
    return products


PRODUCTS = load_products()
BY_CATEGORY = {cat: [p for p in PRODUCTS if p.cat == cat] for cat in CORPUS.categories}
