"""The listing a seller submits: the input contract of DESIGN.md, validated with pydantic."""

import json
from decimal import Decimal
from typing import Annotated, Literal

from babel.numbers import list_currencies
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from localize.adapt.units import MAX_UNIT_LENGTH, require_dimension

_CURRENCIES = frozenset(list_currencies())
# The contract's size limits (docs/api.md, "Limits"): generous for any marketplace, small enough
# that one listing cannot become a 40 MB review page.
MAX_TITLE = 1_000
MAX_DESCRIPTION = 20_000
MAX_ITEM = 1_000  # one bullet, keyword or colour
MAX_ITEMS = 50  # bullets, keywords or colours in one listing
MAX_NAME = 200  # sku, brand, category
MAX_EXTRA_FIELDS = 50
MAX_EXTRA_NAME = 100
MAX_EXTRA_VALUE = 5_000  # characters of one extra field, as JSON
MAX_EXTRA_DEPTH = 3  # lists and objects inside an extra field
TEXT_FIELDS = ("title", "description")  # the text fields, translated as they are
LIST_FIELDS = ("bullets", "keywords", "colors")  # the list fields, each item translated on its own


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def _passable_extra(value: object) -> object:
    """An extra field's value, if it can be passed through as the seller sent it."""
    if _has_nul(value):
        raise ValueError("contains a NUL character")
    if _depth(value) > MAX_EXTRA_DEPTH:
        raise ValueError(f"nested more than {MAX_EXTRA_DEPTH} levels deep")
    if len(json.dumps(value, ensure_ascii=False, default=str)) > MAX_EXTRA_VALUE:
        raise ValueError(f"at most {MAX_EXTRA_VALUE} characters")
    return value


ExtraValue = Annotated[object, AfterValidator(_passable_extra)]


def _depth(value: object, limit: int = MAX_EXTRA_DEPTH + 1) -> int:
    """How deeply lists and objects nest in `value`, counted no further than `limit`."""
    if limit == 0 or not isinstance(value, (list, dict)):
        return 0
    items = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(item, limit - 1) for item in items), default=0)


class Price(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Decimal = Field(ge=0, le=Decimal("1e12"), allow_inf_nan=False)
    currency: str = Field(max_length=10)

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str) -> str:
        code = value.strip().upper()
        if code not in _CURRENCIES:
            raise ValueError(f"unknown ISO 4217 currency code {value!r}")
        return code


MassUnit = Annotated[str, Field(max_length=MAX_UNIT_LENGTH),
                     AfterValidator(lambda unit: require_dimension(unit, "[mass]", "a unit of weight"))]
LengthUnit = Annotated[str, Field(max_length=MAX_UNIT_LENGTH),
                       AfterValidator(lambda unit: require_dimension(unit, "[length]", "a unit of length"))]
Measure = Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]
Item = Annotated[str, Field(max_length=MAX_ITEM)]
Items = Annotated[list[Item], Field(max_length=MAX_ITEMS)]
Name = Annotated[str, Field(max_length=MAX_NAME)]


class Weight(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: Measure
    unit: MassUnit


class Dimensions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    length: Measure
    width: Measure
    height: Measure
    unit: LengthUnit


class Size(BaseModel):
    model_config = ConfigDict(extra="forbid")

    system: Literal["EU", "US", "UK", "CN", "JP"]
    value: str = Field(min_length=1, max_length=20)
    kind: Literal["shoe", "clothing"]
    group: Literal["men", "women", "children"] | None = Field(
        default=None, description="whose size; derived from the category and title when absent"
    )


class Listing(BaseModel):
    """One product listing in its source language.

    Fields the contract does not name are kept (`model_extra`) and passed through to the output.
    """

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    __pydantic_extra__: dict[str, ExtraValue] = Field(init=False)

    sku: str = Field(min_length=1, max_length=MAX_NAME)
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    description: str = Field(default="", max_length=MAX_DESCRIPTION)
    bullets: Items = []
    keywords: Items = []
    source_lang: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    brand: Name | None = None
    price: Price | None = None
    weight: Weight | None = None
    dimensions: Dimensions | None = None
    colors: Items = []
    size: Size | None = None
    category: Name | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        """A NUL character is never text a listing means (and PostgreSQL refuses it)."""
        if _has_nul(value):
            raise ValueError("contains a NUL character")
        return value

    @model_validator(mode="after")
    def _bounded_extra_fields(self) -> "Listing":
        """Fields the contract does not name are passed through, within limits (each value is
        checked by `ExtraValue`)."""
        extra = self.model_extra or {}
        if len(extra) > MAX_EXTRA_FIELDS:
            raise ValueError(f"at most {MAX_EXTRA_FIELDS} fields beyond the contract's, found {len(extra)}")
        for name in extra:
            if len(name) > MAX_EXTRA_NAME or _has_nul(name):
                raise ValueError(f"a field name has at most {MAX_EXTRA_NAME} characters and no NUL: "
                                 f"{name[:MAX_EXTRA_NAME]!r}")
        return self

    @field_validator("source_lang", mode="before")
    @classmethod
    def _lowercase_lang(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @property
    def passthrough(self) -> dict[str, object]:
        """The fields the contract does not name, as the seller sent them."""
        return dict(self.model_extra or {})

