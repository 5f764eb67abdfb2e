"""Prices: FX at a dated rate, VAT, price endings and babel formatting, with exact expected output."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from localize.adapt.fx import Rate, RateMissing, RatesFileError, RateTable, read_rates
from localize.adapt.money import localize_price
from localize.adapt.price_endings import apply_price_ending
from localize.markets import get_market
from localize.settings import get_settings

TODAY = date(2026, 11, 24)
RATES = RateTable([
    Rate(date(2026, 11, 20), "CNY", quote, Decimal(rate))
    for quote, rate in [("USD", "0.1405"), ("EUR", "0.1212"), ("GBP", "0.1068"), ("JPY", "21.45"),
                        ("KRW", "196.3"), ("SAR", "0.5269"), ("BRL", "0.8142")]
] + [Rate(date(2026, 11, 1), "CNY", "USD", Decimal("0.1390")), Rate(date(2026, 11, 23), "EUR", "USD", Decimal("1.16"))])


def market(code: str):
    return get_market(code, get_settings().market_rules)


@pytest.mark.parametrize(
    ("code", "amount", "display", "vat_included"),
    [
        ("en-US", "27.99", "$27.99", False),          # 199 x 0.1405 = 27.96, no VAT shown, x.99
        ("en-GB", "25.99", "£25.99", True),           # 21.25 + 20% VAT = 25.50, x.99
        ("de-DE", "28.99", "28,99\xa0€", True),      # 24.12 + 19% = 28.70, x.99
        ("fr-FR", "28.99", "28,99\xa0€", True),    # 24.12 + 20% = 28.94, x.99
        ("es-ES", "29.95", "29,95\xa0€", True),      # 24.12 + 21% = 29.18, x.95
        ("it-IT", "29.90", "29,90\xa0€", True),      # 24.12 + 22% = 29.42, x.90
        ("ja-JP", "4696", "￥4,696", True),           # 4,268.55 + 10% = 4,695.41, whole yen
        ("ko-KR", "42971", "₩42,971", True),          # 39,063.7 + 10% = 42,970.07, whole won
        ("ar-SA", "120.99", "\u200f120.99\xa0ر.س.\u200f", True),  # 104.85 + 15% = 120.58, x.99
        ("pt-BR", "162.90", "R$\xa0162,90", True),    # 162.03, taxes priced in by the seller, x.90
    ],
)
def test_price_for_each_market(code: str, amount: str, display: str, vat_included: bool) -> None:
    price, flags = localize_price(Decimal("199.00"), "CNY", market(code), RATES, date(2026, 11, 21))
    assert (price.amount, price.display, price.vat_included) == (amount, display, vat_included)
    assert price.currency == market(code).currency
    assert price.fx_date == date(2026, 11, 20) and price.fx_rate is not None
    assert flags == []


def test_newest_rate_on_or_before_the_day_is_used() -> None:
    price, _ = localize_price(Decimal("100"), "CNY", market("en-US"), RATES, date(2026, 11, 10))
    assert (price.fx_rate, price.fx_date) == ("0.1390", date(2026, 11, 1))


def test_inverse_rate_is_used_when_only_the_other_direction_is_known() -> None:
    price, _ = localize_price(Decimal("11.60"), "USD", market("de-DE"), RATES, TODAY)
    assert price.amount == "11.99"  # 11.60 / 1.16 = 10.00 EUR, + 19% = 11.90, x.99
    assert price.fx_rate == "0.862069"  # 1 / 1.16 to six significant digits, not Decimal's 28


def test_same_currency_needs_no_rate() -> None:
    price, flags = localize_price(Decimal("9.5"), "USD", market("en-US"), RateTable(), TODAY)
    assert (price.amount, price.fx_rate, price.fx_date, flags) == ("9.99", None, None, [])


def test_stale_rate_raises_a_warn_flag() -> None:
    _, flags = localize_price(Decimal("199"), "CNY", market("ar-SA"), RATES, date(2026, 11, 23))
    assert flags == []  # ar-SA allows rates up to 3 days old
    _, flags = localize_price(Decimal("199"), "CNY", market("ar-SA"), RATES, TODAY)
    [flag] = flags
    assert (flag.rule, flag.severity.value, flag.field) == ("price.fx-stale", "warn", "price")
    assert "2026-11-20" in flag.message


def test_missing_rate_is_a_clear_error() -> None:
    with pytest.raises(RateMissing, match="no FX rate CNY->THB on or before 2026-11-24"):
        localize_price(Decimal("199"), "CNY", market("th-TH"), RATES, TODAY)


@pytest.mark.parametrize(
    ("amount", "ending", "expected"),
    [("27.34", "x.99", "27.99"), ("27.99", "x.99", "27.99"), ("28.00", "x.99", "28.99"), ("27.96", "x.95", "28.95"),
     ("0", "x.99", "0"), ("4695.41", "whole", "4696"), ("12345678.01", "x.90", "12345678.90")],
)
def test_price_endings_never_go_below_the_computed_price(amount: str, ending: str, expected: str) -> None:
    assert apply_price_ending(Decimal(amount), ending) == Decimal(expected)


def test_zero_and_very_large_prices() -> None:
    free, _ = localize_price(Decimal("0"), "CNY", market("de-DE"), RATES, TODAY)
    assert (free.amount, free.display) == ("0.00", "0,00\xa0€")
    big, _ = localize_price(Decimal("99999999.99"), "CNY", market("ja-JP"), RATES, TODAY)
    assert big.display == "￥2,359,500,000"  # 99,999,999.99 x 21.45 + 10% = 2,359,499,999.76, whole yen


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("2026-13-01,CNY,USD,0.14", "rates.csv:2: date: '2026-13-01' is not a date"),
        ("2026-11-20,CNY,XYZ,0.14", "rates.csv:2: quote: unknown ISO 4217 currency code 'XYZ'"),
        ("2026-11-20,CNY,USD,abc", "rates.csv:2: rate: 'abc' is not a number"),
        ("2026-11-20,CNY,USD,-1", "rates.csv:2: rate: must be a positive number"),
        ("2026-11-20,CNY,USD", "rates.csv:2: expected 4 columns, found 3"),
    ],
)
def test_bad_rates_file_names_file_line_and_field(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "rates.csv"
    path.write_text("date,base,quote,rate\n" + line + "\n", encoding="utf-8")
    with pytest.raises(RatesFileError, match=message):
        read_rates(path)
