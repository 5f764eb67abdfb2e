"""Quantities inside listing text, converted where the market's system differs."""


import pytest

from localize.adapt.quantities import localize_quantity
from localize.listing import Listing


@pytest.mark.parametrize(
    ("value", "en_us", "de_de"),
    [
        ("30cm", "11.8 in", "30cm"),
        ("30 厘米", "11.8 in", "30 cm"),
        ("1.5kg", "3.3 lb", "1,5 kg"),
        ("500毫升", "16.9 fl oz", "500 ml"),
        ("500ml", "16.9 fl oz", "500ml"),
        ("2斤", "2.2 lb", "1 kg"),
        ("1米2", "47.2 in", "1,2 m"),
        ("10-20cm", "3.9-7.9 in", "10-20cm"),
        ("30x20x10cm", "11.8x7.9x3.9 in", "30x20x10cm"),
        ("30*20*10 cm", "11.8*7.9*3.9 in", "30*20*10 cm"),
        ("25°C", "77°F", "25°C"),
        ("6.5英寸", "6.5 in", "16,5 cm"),
        ("27寸", "27 in", "68,6 cm"),
        ("12V", "12V", "12V"),
        ("1000mAh", "1000mAh", "1000mAh"),
        ("2.4GHz", "2.4GHz", "2.4GHz"),
        ("50W", "50W", "50W"),
        ("KX-2024B", "KX-2024B", "KX-2024B"),
    ],
)
def test_quantity_in_the_units_and_format_of_the_market(value: str, en_us: str, de_de: str) -> None:
    assert localize_quantity(value, system="us", locale="en_US") == en_us
    assert localize_quantity(value, system="metric", locale="de_DE") == de_de


@pytest.mark.parametrize(
    ("value", "system", "locale", "expected"),
    [
        ("500毫升", "us", "en_US", "16.9 fl oz (500 ml)"),
        ("30x20x10cm", "us", "en_US", "11.8x7.9x3.9 in (30x20x10cm)"),
        ("6.5英寸", "metric", "de_DE", "16,5 cm (6,5 in)"),
        ("30cm", "metric", "de_DE", "30cm"),
        ("12V", "us", "en_US", "12V"),
    ],
)
def test_original_value_kept_in_parentheses_when_the_unit_changed(value, system, locale, expected) -> None:
    assert localize_quantity(value, system=system, locale=locale, show_original=True) == expected


def test_uk_listings_keep_metric() -> None:
    assert localize_quantity("30厘米", system="uk", locale="en_GB") == "30 cm"


def test_text_and_structured_field_agree_and_sentence_end_and_two_quantities(make_pipeline) -> None:
    pipeline = make_pipeline("en-US", "en-GB")
    listing = Listing(
        sku="BAG-1", title="Travel Duffel Bag 30cm",
        description="<p>Fits 20-30L of gear. Weighs 1.2kg and holds 25kg.</p>",
        dimensions={"length": 30, "width": 20, "height": 10, "unit": "cm"}, weight={"value": 1.2, "unit": "kg"},
    )
    us, gb = pipeline.run([listing]).localizations
    assert us.title == "Travel Duffel Bag 11.8 in (30cm)"  # en-US keeps the seller's value too
    assert us.dimensions is not None and us.dimensions.length == 11.8
    assert us.description == (
        "<p>Fits 5.3-7.9 gal (20-30L) of gear. Weighs 2.6 lb (1.2kg) and holds 55.1 lb (25kg).</p>"
    )
    assert us.weight is not None and us.weight.display == "2.6 lb"
    assert gb.title == "Travel Duffel Bag 30cm"
    assert gb.description == listing.description


def test_quantity_next_to_a_brand_and_a_number_is_still_converted(make_pipeline) -> None:
    listing = Listing(sku="MR-1", title="Mirelo 500ml 304 Stainless Steel Vacuum Flask", brand="Mirelo")
    [us] = make_pipeline("en-US").run([listing]).localizations
    assert us.title == "Mirelo 16.9 fl oz (500ml) 304 Stainless Steel Vacuum Flask"
