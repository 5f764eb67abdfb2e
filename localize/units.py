"""The one pint registry the project shares, and unit validation on top of it."""

from functools import cache

import pint
from babel.numbers import format_decimal

ureg = pint.UnitRegistry()


class UnitError(ValueError):
    """A unit pint does not know, or one of the wrong kind (a volume given as a weight)."""


@cache
def parse_unit(unit: str) -> pint.Unit:
    """Parse a unit name or symbol (`kg`, `lb`, `cm`, `inch`) with the shared registry."""
    try:
        return ureg.Unit(unit.strip())
    except (pint.errors.UndefinedUnitError, ValueError, AttributeError, TypeError) as exc:
        raise UnitError(f"unknown unit {unit!r}") from exc


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
    return f"{format_decimal(value, locale=locale)} {unit}"
