"""Prices: Decimal from input to output. FX at a dated rate, VAT where the market shows gross
prices, the market's price ending, then babel renders it in the market's locale."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, get_currency_precision

from localize.adapt.fx import RateMissing, RateTable
from localize.adapt.price_endings import apply_price_ending
from localize.localization import Flag, PriceOut, Severity
from localize.markets import Market

FX_MISSING = "price.fx-missing"


def format_price(amount: Decimal, currency: str, *, locale: str) -> str:
    """Render a price as shoppers in `locale` read it.

    >>> format_price(Decimal("27.99"), "EUR", locale="de_DE")
    '27,99\\xa0€'
    """
    return format_currency(amount, currency, locale=locale)


def localize_price(amount: Decimal, currency: str, market: Market, rates: RateTable, today: date
                   ) -> tuple[PriceOut, list[Flag]]:
    """The seller's net price as the market shows it. Raises fx.RateMissing when no rate is known."""
    rate = rates.lookup(currency, market.currency, today)
    local = amount * rate.rate
    if market.prices_include_vat:
        local *= 1 + market.vat_rate
    local = apply_price_ending(local, market.price_ending)
    local = local.quantize(Decimal(1).scaleb(-get_currency_precision(market.currency)), rounding=ROUND_HALF_UP)
    converted = currency != market.currency
    flags = []
    if converted and today - rate.date > timedelta(days=market.fx_max_age_days):
        flags.append(Flag(
            rule="price.fx-stale", severity=Severity.WARN, field="price",
            message=f"the {currency}->{market.currency} rate is from {rate.date.isoformat()}, older than the "
                    f"{market.fx_max_age_days} days {market.code} allows",
            suggestion="import current rates with `localize rates import FILE` and localise again",
        ))
    price = PriceOut(
        amount=str(local), currency=market.currency,
        display=format_price(local, market.currency, locale=market.locale),
        fx_rate=str(rate.rate) if converted else None, fx_date=rate.date if converted else None,
        vat_included=market.prices_include_vat,
    )
    return price, flags


def unconverted_price(amount: Decimal, currency: str, market: Market, missing: RateMissing) -> tuple[PriceOut, Flag]:
    """The seller's own price, shown as it is, when no rate converts it: a `block` flag asks for a
    rate or a price set by hand, never a guess."""
    display = format_price(amount, currency, locale=market.locale)
    price = PriceOut(amount=str(amount), currency=currency, display=display)
    flag = Flag(rule=FX_MISSING, severity=Severity.BLOCK, field="price",
                message=f"{missing}; the price is the seller's, not converted to {market.currency}",
                suggestion=f"import rates (`localize rates import FILE`) and localise again, or set the {market.code} "
                           f"price by hand (the queue's price form, or POST /v1/localizations/{{id}}/price)")
    return price, flag


@dataclass(frozen=True)
class ManualPrice:
    """A market price set by hand for a SKU, in the market's currency."""

    amount: Decimal
    set_by: str


def manual_price(amount: Decimal, market: Market, actor: str) -> PriceOut:
    """A price someone set for the market by hand, in the market's currency, as it is shown."""
    local = amount.quantize(Decimal(1).scaleb(-get_currency_precision(market.currency)), rounding=ROUND_HALF_UP)
    return PriceOut(amount=str(local), currency=market.currency,
                    display=format_price(local, market.currency, locale=market.locale),
                    vat_included=market.prices_include_vat, set_by=actor)
