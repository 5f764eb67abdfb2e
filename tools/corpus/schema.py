"""The generator's data files (`data/*.yaml`), validated on load: an error names the file and the
path of the bad key, the way market files report theirs (`lexicon.yaml: colors.red: ...`)."""

from pathlib import Path
from typing import Annotated, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, StrictStr, model_validator

from localize.datafile import load_data_file

DATA = Path(__file__).resolve().parent / "data"

Tri = tuple[str, str, str]
Gender = Literal["m", "f", "n", "pl"]


class CorpusDataError(ValueError):
    """A data file of the corpus generator is missing, malformed or inconsistent."""


def _split(parts: int | tuple[int, ...]) -> BeforeValidator:
    counts = (parts,) if isinstance(parts, int) else parts

    def split(value: object) -> object:
        if not isinstance(value, str):
            return value
        pieces = tuple(piece.strip() for piece in value.split("|"))
        if len(pieces) not in counts or not all(pieces[:3]):
            shape = " | ".join(("zh", "en", "de", "en object", "de object")[: max(counts)])
            raise ValueError(f"expected '{shape}', got {value!r}")
        return pieces

    return BeforeValidator(split)


# "zh | en | de" in the files; a (zh, en, de) tuple in code.
Phrase = Annotated[Tri, _split(3)]
# Features: "zh | en | de", with "| en object | de object" when a sentence object needs an article.
Feature = Annotated[tuple[str, ...], _split((3, 5))]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CorpusFile(Strict):
    seed: int
    categories: tuple[str, ...]
    quota: dict[str, int]
    token_share: dict[str, float]
    brands: list[str] = Field(min_length=1)
    anchors: list[Phrase]

    @model_validator(mode="after")
    def _kinds_agree(self) -> "CorpusFile":
        if set(self.quota) != set(self.token_share):
            raise ValueError("quota and token_share must name the same kinds")
        return self


class LexiconFile(Strict):
    colors: dict[str, Phrase]
    color_groups: dict[str, list[str]]
    targets: dict[str, Phrase]
    target_attr: dict[str, Phrase]
    generics: dict[str, Phrase]
    adjs: dict[str, Phrase]
    category_adjs: dict[str, list[str]]
    uses: dict[str, Phrase]
    category_uses: dict[str, list[str]]
    use_verb: dict[str, str]
    recipients: dict[str, Phrase]
    ingredients: dict[str, Phrase]
    benefits: dict[str, Phrase]
    power_benefits: dict[str, Phrase]
    accessories: dict[str, Phrase]
    brand_words: dict[str, Phrase]


class Material(Strict):
    title: Phrase  # "纯棉 | Cotton | Baumwolle" in titles and attributes
    noun: Phrase  # "纯棉面料 | cotton fabric | Baumwollstoff" in bullets and sentences
    gender: Gender  # of the German noun


class MaterialsFile(Strict):
    materials: dict[str, Material]


class ModifiersFile(Strict):
    before_noun: dict[str, Phrase]  # zh and en put them before the product noun
    after_noun: dict[str, Phrase]


class FeaturesFile(Strict):
    features: dict[str, Feature]


class ProductSpec(Strict):
    key: str
    names: Phrase
    gender: Gender
    en_plural: bool = False
    targets: tuple[str, ...] = ()
    mats: tuple[str, ...] = ()
    mods: tuple[str, ...] = ()
    feats: tuple[str, ...] = ()
    specs: tuple[str, ...] = ()
    generic: str | None = None
    uses: tuple[str, ...] = ()  # default: the category's
    adjs: tuple[str, ...] = ()  # default: the category's
    accessories: tuple[str, ...] | None = None  # default: a manual, none for apparel and shoes
    counter: str = "块"  # the zh measure word for pieces


class ProductsFile(Strict):
    products: dict[str, list[ProductSpec]]


class WordedSpec(Strict):
    """A spec written differently in each language around one verbatim token: `{n}件装 | Pack of {n} | {n} Stück`.
    The token is drawn from `values`, or is `fixed` (then nothing is drawn)."""

    text: Phrase
    values: list[StrictInt | StrictStr] = []
    fixed: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> "WordedSpec":
        if bool(self.values) == (self.fixed is not None):
            raise ValueError("give either values or fixed")
        return self


class SpecName(Strict):
    prefixes: tuple[str, ...]
    name: Phrase


class SpecsFile(Strict):
    unit_specs: dict[str, list[str]]
    count_specs: dict[str, WordedSpec]
    token_mods: dict[str, WordedSpec]
    spec_names: list[SpecName]
    spec_name_default: Phrase
    weights: dict[str, list[str]]
    compat_products: frozenset[str]
    power_key: dict[str, str]
    manual_urls: list[str]


class PhrasesFile(Strict):
    headers: dict[str, Phrase]
    sizes_fit: list[Phrase]
    ios_android: Phrase
    care: list[Phrase]
    shoe_fit: list[Phrase]
    origin: Phrase
    patterns: list[Phrase]
    styles: list[Phrase]
    skins: list[Phrase]
    connectivity: list[Phrase]
    promos: list[Phrase]


ModelT = TypeVar("ModelT", bound=BaseModel)


def load(model: type[ModelT], name: str) -> ModelT:
    """`data/<name>` as `model`; a problem raises CorpusDataError naming the file and the key path."""
    return load_data_file(model, DATA / name, name, CorpusDataError)
