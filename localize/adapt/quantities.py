"""Quantities inside listing text (`30cm`, `500毫升`, `2斤`, `1米2`, `10-20cm`, `30x20x10cm`, `25°C`,
`27寸`) shown in the market's measurement system.

Protection keeps each quantity as one placeholder value; this stage rewrites the value when the
placeholder is restored. What it cannot convert (`12V`, `1000mAh`, `2.4GHz`) stays exactly as written.
"""

import re
from collections.abc import Callable
from functools import partial

from localize.adapt.units import SYSTEM_UNITS, convert_measurements, format_number, parse_unit, ureg
from localize.markets import Market

# Units as listings write them -> pint names. 寸 is the inch of screens and luggage, as sellers use it.
TEXT_UNITS = {
    "mm": "millimeter", "cm": "centimeter", "m": "meter", "km": "kilometer",
    "kg": "kilogram", "g": "gram", "lb": "pound", "lbs": "pound", "oz": "ounce",
    "ml": "milliliter", "mL": "milliliter", "l": "liter", "L": "liter", "fl oz": "fluid_ounce",
    "in": "inch", "inch": "inch", "inches": "inch", "ft": "foot",
    "°C": "degree_Celsius", "℃": "degree_Celsius", "°F": "degree_Fahrenheit", "℉": "degree_Fahrenheit",
    "厘米": "centimeter", "公分": "centimeter", "毫米": "millimeter", "米": "meter", "千米": "kilometer",
    "公里": "kilometer", "公斤": "kilogram", "千克": "kilogram", "克": "gram", "斤": "jin",
    "毫升": "milliliter", "升": "liter", "英寸": "inch", "寸": "inch",
}
DIMENSIONS = ("[length]", "[mass]", "[volume]", "[temperature]")
_NUMBER = r"\d+(?:[.,]\d+)?"
_QUANTITY = re.compile(rf"^(?P<numbers>{_NUMBER}(?:\s?[-~～–xX×*]\s?{_NUMBER})*)(?P<space>\s?)(?P<unit>.+)$")
_METRE_AND_TENTHS = re.compile(r"^(\d+)米(\d)$")  # 1米2 is 1.2 m
_SPLIT = re.compile(rf"({_NUMBER})")


def localize_quantity(value: str, *, system: str, locale: str, show_original: bool = False) -> str:
    """`value` in the units `system` shows, with `locale`'s decimals; unchanged if not convertible.
    With `show_original`, a value whose unit changed keeps the seller's value in parentheses.

    >>> localize_quantity("30x20x10cm", system="us", locale="en_US")
    '11.8x7.9x3.9 in'
    >>> [localize_quantity(v, system="metric", locale="de_DE") for v in ("500毫升", "1.5kg")]
    ['500 ml', '1,5 kg']
    >>> localize_quantity("500毫升", system="us", locale="en_US", show_original=True)
    '16.9 fl oz (500 ml)'
    >>> localize_quantity("12V", system="us", locale="en_US")
    '12V'
    """
    metre = _METRE_AND_TENTHS.match(value)
    if metre:
        value = f"{metre.group(1)}.{metre.group(2)}m"
    match = _QUANTITY.match(value.strip())
    if not match or match.group("unit") not in TEXT_UNITS:
        return value
    unit = TEXT_UNITS[match.group("unit")]
    dimension = next((dim for dim in DIMENSIONS if _measures(unit, dim)), None)
    if dimension is None or dimension not in SYSTEM_UNITS[system]:
        return value
    parts = _SPLIT.split(match.group("numbers"))  # numbers at odd indices, separators between
    numbers = tuple(_to_float(part) for part in parts[1::2])
    converted = convert_measurements(numbers, unit, system=system, dimension=dimension)
    written = parts[1::2]
    parts[1::2] = [format_number(m.value, locale=locale) for m in converted]
    symbol = converted[0].unit
    if not metre and parts[1::2] == written and match.group("unit").lower() == symbol.lower():
        return value  # already in the market's units, as the market writes them
    space = "" if symbol.startswith("°") else " "
    localized = f"{''.join(parts)}{space}{symbol}"
    source_system = _system_of(unit, dimension)
    if show_original and SYSTEM_UNITS[source_system][dimension] != SYSTEM_UNITS[system][dimension]:
        return f"{localized} ({localize_quantity(value, system=source_system, locale=locale)})"
    return localized


def _system_of(unit: str, dimension: str) -> str:
    """The system a seller's unit belongs to: US customary units are "us", the rest (斤 too) metric."""
    us_units = {parse_unit(shown.name) for shown in SYSTEM_UNITS["us"][dimension]}
    return "us" if parse_unit(unit) in us_units else "metric"


def _measures(unit: str, dimension: str) -> bool:
    return parse_unit(unit).dimensionality == ureg.get_dimensionality(dimension)


def _to_float(number: str) -> float:
    # Chinese and English listings write decimals with a point; a comma before three digits groups.
    head, _, tail = number.partition(",")
    return float(number.replace(",", "") if len(tail) == 3 else f"{head}.{tail}" if tail else head)


def quantity_adapter(market: Market) -> Callable[[str], str]:
    """What restoring a protected value does for `market`: quantities into its units."""
    return partial(localize_quantity, system=market.measurement, locale=market.locale,
                   show_original=market.show_original_units)
