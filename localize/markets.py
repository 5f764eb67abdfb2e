"""Markets as data: one `market_rules/<code>.yaml` per market, validated once on load.

Errors name the file and the path of the bad key (`de-DE.yaml: currency: ...`).
"""

import difflib
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from babel import Locale, UnknownLocaleError
from babel.numbers import list_currencies
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator

from localize.adapt.price_endings import PRICE_ENDINGS
from localize.adapt.sizes import SizeChart, SizeChartError, load_size_charts
from localize.datafile import load_data_file
from localize.review.rules.kinds import AnyRule

SIZES_FOLDER = "sizes"  # inside the market rules folder
SHARED_FOLDER = "shared"  # rule sets several markets include


class MarketError(ValueError):
    """A market file is invalid, or a market code is unknown."""


class SharedRules(BaseModel):
    """A rule set several markets include (`include: [eu]`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    rules: tuple[AnyRule, ...] = Field(min_length=1)


class Market(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[a-z]{2}-[A-Z]{2}$")
    name: str
    language: str = Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 code of the target language")
    locale: str = Field(description="babel locale for numbers, dates and prices, e.g. de_DE")
    currency: str
    measurement: Literal["metric", "us", "uk"]
    vat_rate: Decimal = Field(ge=0, lt=1, description="0.19 for 19%")
    prices_include_vat: bool = Field(description="whether shown prices are gross (EU, JP) or net (US)")
    price_ending: str = Field(description="x.99, x.95, x.90 or whole")
    fx_max_age_days: int = Field(ge=0, description="older FX rates raise a warn flag")
    clothing_sizes: str = Field(description="size system clothing is shown in: a column of sizes/clothing.yaml")
    shoe_sizes: str = Field(description="size system shoes are shown in: a column of sizes/shoe.yaml")
    chinese_script: Literal["s2twp", "s2hk", "s2t"] | None = Field(
        default=None, description="OpenCC conversion of Chinese text for the market: s2twp is Traditional with "
                                  "Taiwan's words (软件 → 軟體)")
    show_original_units: bool = Field(
        default=False, description="after a quantity converted in text, keep the seller's value: 11.8 in (30cm)"
    )
    include: tuple[str, ...] = Field(default=(), description="shared rule sets in shared/<name>.yaml, e.g. eu")
    rules: tuple[AnyRule, ...] = ()

    @field_validator("price_ending")
    @classmethod
    def _known_ending(cls, value: str) -> str:
        if value not in PRICE_ENDINGS:
            raise ValueError(f"unknown price ending {value!r}; known: {', '.join(PRICE_ENDINGS)}")
        return value

    @field_validator("locale")
    @classmethod
    def _babel_locale(cls, value: str) -> str:
        try:
            Locale.parse(value)
        except (UnknownLocaleError, ValueError) as exc:
            raise ValueError(f"babel does not know the locale {value!r}") from exc
        return value

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str) -> str:
        if value not in list_currencies():
            raise ValueError(f"unknown ISO 4217 currency code {value!r}")
        return value


def _with_shared_rules(market: Market, path: Path) -> Market:
    rules: list[AnyRule] = []
    for name in market.include:
        shared = path.parent / SHARED_FOLDER / f"{name}.yaml"
        if not shared.is_file():
            raise MarketError(f"{path.name}: include: no shared rule set {SHARED_FOLDER}/{name}.yaml")
        rules += load_data_file(SharedRules, shared, f"{SHARED_FOLDER}/{shared.name}", MarketError).rules
    rules += market.rules
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise MarketError(f"{path.name}: rules: the id {rule.id!r} is used twice (with included sets)")
        seen.add(rule.id)
    return market.model_copy(update={"rules": tuple(rules)})


def load_market_file(path: Path, size_charts: dict[str, SizeChart]) -> Market:
    market = _with_shared_rules(load_data_file(Market, path, path.name, MarketError), path)
    if market.code != path.stem:
        raise MarketError(f"{path.name}: code: {market.code!r} does not match the file name")
    for kind, system in (("clothing", market.clothing_sizes), ("shoe", market.shoe_sizes)):
        known = size_charts[kind].systems
        if system not in known:
            raise MarketError(f"{path.name}: {kind}_sizes: the {kind} size chart has no system {system!r}; "
                              f"known: {', '.join(sorted(known))}")
    return market


@cache
def load_markets(folder: Path) -> dict[str, Market]:
    """All markets in `folder`, by code; their size systems checked against `folder/sizes`."""
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise MarketError(f"{folder}: no market files (*.yaml)")
    try:
        charts = load_size_charts(folder / SIZES_FOLDER)
    except SizeChartError as exc:
        raise MarketError(f"{SIZES_FOLDER}/{exc}") from exc
    return {market.code: market for market in (load_market_file(path, charts) for path in files)}


def market_code(code: str) -> str:
    """A market code as people type it, in the form the files use: BCP 47 is case-insensitive, and
    `_` is the POSIX locale's separator.

    >>> [market_code(code) for code in ("de-de", "DE_de", " ja-jp ", "en-GB")]
    ['de-DE', 'de-DE', 'ja-JP', 'en-GB']
    """
    language, separator, region = code.strip().replace("_", "-").partition("-")
    return f"{language.lower()}-{region.upper()}" if separator else code.strip()


# What a market code may look like as typed, for schemas: `de-DE`, `de-de`, `de_DE`.
MARKET_CODE_TYPED = r"^[A-Za-z]{2}[-_][A-Za-z]{2}$"
MarketCodeSchema = WithJsonSchema({"type": "string", "pattern": MARKET_CODE_TYPED, "examples": ["de-DE"]})
MarketCodesSchema = WithJsonSchema({  # a comma-separated list of them, as a form field takes it
    "type": "string", "examples": ["de-DE,ja-JP"],
    "pattern": r"^[A-Za-z]{2}[-_][A-Za-z]{2}(, ?[A-Za-z]{2}[-_][A-Za-z]{2})*$"})
# A market code field: what people type is taken, in the form the files use.
MarketCode = Annotated[str, BeforeValidator(lambda code: market_code(code) if isinstance(code, str) else code),
                       Field(pattern=r"^[a-z]{2}-[A-Z]{2}$"), MarketCodeSchema]


def unknown_market(code: str, known: Iterable[str]) -> str:
    """What to tell someone who asked for a market there is no file for, with the likeliest ones."""
    known = list(known)
    wanted = market_code(code)
    language = wanted.split("-")[0]
    likely = [other for other in known if other.split("-")[0] == language]
    likely += [other for other in difflib.get_close_matches(wanted, known, n=3, cutoff=0.5) if other not in likely]
    hint = f"did you mean {' or '.join(likely[:3])}? " if likely else ""
    return f"unknown market {code!r}; {hint}known: {', '.join(known)}"


def get_market(code: str, folder: Path) -> Market:
    markets = load_markets(folder)
    normal = market_code(code)
    if normal not in markets:
        raise MarketError(unknown_market(code, markets))
    return markets[normal]
