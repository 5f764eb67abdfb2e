"""The listing a seller submits: the input contract of DESIGN.md, validated with pydantic."""

from decimal import Decimal
from typing import Annotated, Literal

from babel.numbers import list_currencies
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from localize.adapt.units import require_dimension

_CURRENCIES = frozenset(list_currencies())
TEXT_FIELDS = ("title", "description")  # the text fields, translated as they are
LIST_FIELDS = ("bullets", "keywords", "colors")  # the list fields, each item translated on its own


class Price(BaseModel):
    model_config = ConfigDict(extra="forbid")

    amount: Decimal = Field(ge=0, le=Decimal("1e12"), allow_inf_nan=False)
    currency: str

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str) -> str:
        code = value.strip().upper()
        if code not in _CURRENCIES:
            raise ValueError(f"unknown ISO 4217 currency code {value!r}")
        return code


MassUnit = Annotated[str, AfterValidator(lambda unit: require_dimension(unit, "[mass]", "a unit of weight"))]
LengthUnit = Annotated[str, AfterValidator(lambda unit: require_dimension(unit, "[length]", "a unit of length"))]
Measure = Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]


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
    value: str = Field(min_length=1)
    kind: Literal["shoe", "clothing"]
    group: Literal["men", "women", "children"] | None = Field(
        default=None, description="whose size; derived from the category and title when absent"
    )


class Listing(BaseModel):
    """One product listing in its source language.

    Fields the contract does not name are kept (`model_extra`) and passed through to the output.
    """

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    sku: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1)
    description: str = ""
    bullets: list[str] = []
    keywords: list[str] = []
    source_lang: str | None = Field(default=None, pattern=r"^[a-z]{2}$")
    brand: str | None = None
    price: Price | None = None
    weight: Weight | None = None
    dimensions: Dimensions | None = None
    colors: list[str] = []
    size: Size | None = None
    category: str | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value: object) -> object:
        """A NUL character is never text a listing means (and PostgreSQL refuses it)."""
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("contains a NUL character")
        if isinstance(value, list) and any(isinstance(item, str) and "\x00" in item for item in value):
            raise ValueError("contains a NUL character")
        return value

    @field_validator("source_lang", mode="before")
    @classmethod
    def _lowercase_lang(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @property
    def passthrough(self) -> dict[str, object]:
        """The fields the contract does not name, as the seller sent them."""
        return dict(self.model_extra or {})
