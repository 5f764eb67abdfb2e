"""The one pint registry the project shares, and unit validation on top of it."""

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import cast

import pint
from babel.numbers import format_decimal

ureg: pint.UnitRegistry = pint.UnitRegistry()  # type: ignore[type-arg]
ureg.define("jin = 0.5 * kilogram")  # 斤, the market weight Chinese listings use


class UnitError(ValueError):
    """A unit pint does not know, or one of the wrong kind (a volume given as a weight)."""


MAX_UNIT_LENGTH = 40
MAX_UNIT_FACTORS = 4
# One factor of a unit expression: an optional operator, a name pint knows (kg, °C, µm, inch), a
# small power. Nothing else is accepted, so no unit string is ever evaluated as arithmetic.
_UNIT_FACTOR = re.compile(r"\s*(?P<op>[*/·]?)\s*(?P<name>°?[^\W\d]\w*)(?:(?:\^|\*\*)(?P<power>[1-3]))?\s*")


@lru_cache(maxsize=1024)  # bounded: every distinct string a client sends would otherwise stay cached
def parse_unit(unit: str) -> pint.Unit:
    """Parse a unit: a name or symbol the shared registry knows (`kg`, `lb`, `cm`, `inch`, `°C`),
    or a simple product or quotient of them (`kg/m^2`), from a whitelist grammar.

    >>> str(parse_unit("kg/m^2"))
    'kilogram / meter ** 2'
    >>> parse_unit("9**9**8")
    Traceback (most recent call last):
    ...
    localize.adapt.units.UnitError: unknown unit '9**9**8': give a unit name or symbol such as kg, lb, cm or inch
    """
    text = unit.strip()
    parsed: pint.Unit | None = None
    position, factors = 0, 0
    while text and len(text) <= MAX_UNIT_LENGTH and position < len(text) and factors < MAX_UNIT_FACTORS:
        match = _UNIT_FACTOR.match(text, position)
        if match is None or (parsed is None and match["op"]) or not ureg.parse_unit_name(match["name"]):
            break
        factor = cast(pint.Unit, ureg.Unit(match["name"]) ** int(match["power"] or 1))
        parsed = factor if parsed is None else parsed / factor if match["op"] == "/" else parsed * factor
        position, factors = match.end(), factors + 1
    if parsed is None or position != len(text):
        shown = unit if len(unit) <= MAX_UNIT_LENGTH else unit[:MAX_UNIT_LENGTH] + "…"
        raise UnitError(f"unknown unit {shown!r}: give a unit name or symbol such as kg, lb, cm or inch")
    return parsed


def require_dimension(unit: str, dimension: str, what: str) -> str:
    """Return `unit` unchanged if it measures `dimension` (`[mass]`, `[length]`), else raise UnitError.

    >>> require_dimension("lb", "[mass]", "a weight")
    'lb'
    """
    parsed = parse_unit(unit)
    if parsed.dimensionality != ureg.get_dimensionality(dimension):
        raise UnitError(f"{unit!r} is not {what}")
    return unit


def format_quantity(value: float, unit: str, *, locale: str) -> str:
    """Render a quantity with the locale's decimal separator and grouping.

    >>> format_quantity(1.5, "kg", locale="de_DE")
    '1,5 kg'
    """
    return f"{format_number(value, locale=locale)} {unit}"


def format_number(value: float, *, locale: str) -> str:
    """A measurement's number with at most one decimal, as `locale` writes it.

    >>> format_number(1234.56, locale="de_DE")
    '1.234,6'
    """
    return format_decimal(value, format="#,##0.#", locale=locale)


@dataclass(frozen=True)
class ShownUnit:
    """A unit a measurement system shows, from `at_least` of it upwards (1 lb and up, else oz)."""

    name: str
    symbol: str
    at_least: float = 0.0


# What product listings show in each system, largest unit first. UK listings use metric for
# product weights and sizes (marketplaces require it), so "uk" shares metric here.
SYSTEM_UNITS: dict[str, dict[str, tuple[ShownUnit, ...]]] = {
    "metric": {
        "[mass]": (ShownUnit("kilogram", "kg", 1), ShownUnit("gram", "g")),
        "[length]": (ShownUnit("meter", "m", 10), ShownUnit("centimeter", "cm", 1), ShownUnit("millimeter", "mm")),
        "[volume]": (ShownUnit("liter", "L", 1), ShownUnit("milliliter", "ml")),
        "[temperature]": (ShownUnit("degree_Celsius", "°C"),),
    },
    "us": {
        "[mass]": (ShownUnit("pound", "lb", 1), ShownUnit("ounce", "oz")),
        "[length]": (ShownUnit("foot", "ft", 10), ShownUnit("inch", "in")),
        "[volume]": (ShownUnit("gallon", "gal", 1), ShownUnit("fluid_ounce", "fl oz")),
        "[temperature]": (ShownUnit("degree_Fahrenheit", "°F"),),
    },
}
SYSTEM_UNITS["uk"] = SYSTEM_UNITS["metric"]


@dataclass(frozen=True)
class Measurement:
    value: float
    unit: str  # the symbol shoppers read: kg, lb, in


@cache
def conversion_factor(source: str, target: str) -> float:
    """How many `target` make one `source`; pint is asked once per unit pair."""
    return float(ureg.Quantity(1.0, parse_unit(source)).to(target).magnitude)


def convert_measurements(values: tuple[float, ...], unit: str, *, system: str, dimension: str) -> list[Measurement]:
    """Convert values of one unit into the unit `system` shows for them, rounded to one decimal.

    A unit the system already uses is kept (350 g stays 350 g on a metric market); otherwise the
    largest shown unit that the biggest value reaches is chosen, so all values share one unit.

    >>> convert_measurements((30.0, 20.0, 10.0), "cm", system="us", dimension="[length]")
    [Measurement(value=11.8, unit='in'), Measurement(value=7.9, unit='in'), Measurement(value=3.9, unit='in')]
    """
    shown = SYSTEM_UNITS[system][dimension]
    source = parse_unit(unit)
    kept = next((choice for choice in shown if parse_unit(choice.name) == source), None)
    if kept:
        return [Measurement(round(value, 1), kept.symbol) for value in values]
    if dimension == "[temperature]":  # offset units: no single factor converts them
        target = shown[0]
        return [Measurement(round(float(ureg.Quantity(v, source).to(target.name).magnitude), 1), target.symbol)
                for v in values]
    biggest = max(values)
    target = next((c for c in shown if biggest * conversion_factor(unit, c.name) >= c.at_least), shown[-1])
    factor = conversion_factor(unit, target.name)
    return [Measurement(round(value * factor, 1), target.symbol) for value in values]
