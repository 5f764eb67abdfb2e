"""Structured weights and dimensions in each market's units, formatted for its locale."""

from datetime import date

import pytest

from localize.adapt.fx import RateTable
from localize.adapt.sizes import load_size_charts
from localize.adapt.units import convert_measurements
from localize.listing import Listing
from localize.markets import get_market
from localize.pipeline import market_values
from localize.settings import get_settings


@pytest.mark.parametrize(
    ("values", "unit", "system", "dimension", "expected"),
    [
        ((1.2,), "kg", "us", "[mass]", [(2.6, "lb")]),
        ((0.2,), "kg", "us", "[mass]", [(7.1, "oz")]),
        ((350,), "g", "metric", "[mass]", [(350, "g")]),  # a metric unit stays as the seller wrote it
        ((2,), "lb", "metric", "[mass]", [(907.2, "g")]),
        ((5,), "lb", "uk", "[mass]", [(2.3, "kg")]),
        ((30, 20, 10), "cm", "us", "[length]", [(11.8, "in"), (7.9, "in"), (3.9, "in")]),
        ((12, 8, 4), "inch", "metric", "[length]", [(30.5, "cm"), (20.3, "cm"), (10.2, "cm")]),
        ((0,), "kg", "us", "[mass]", [(0.0, "oz")]),
    ],
)
def test_convert_measurements(values, unit, system, dimension, expected) -> None:
    converted = convert_measurements(values, unit, system=system, dimension=dimension)
    assert [(m.value, m.unit) for m in converted] == expected


@pytest.mark.parametrize(
    ("market", "weight", "dimensions"),
    [
        ("en-US", "2.6 lb", "11.8 × 7.9 × 3.9 in"),
        ("en-GB", "1.2 kg", "30 × 20 × 10 cm"),
        ("de-DE", "1,2 kg", "30 × 20 × 10 cm"),
        ("fr-FR", "1,2 kg", "30 × 20 × 10 cm"),
        ("ja-JP", "1.2 kg", "30 × 20 × 10 cm"),
    ],
)
def test_listing_weight_and_dimensions_are_shown_in_market_units(market: str, weight: str, dimensions: str) -> None:
    listing = Listing(sku="A", title="台灯", weight={"value": 1.2, "unit": "kg"},
                      dimensions={"length": 30, "width": 20, "height": 10, "unit": "cm"})
    rules = get_settings().market_rules
    values, _ = market_values(listing, get_market(market, rules), RateTable(), date.today(),
                              load_size_charts(rules / "sizes"))
    assert values["weight"].display == weight
    assert values["dimensions"].display == dimensions
