"""Prices: Decimal in, Decimal out, rendered by babel in the market's locale."""

from decimal import Decimal

from babel.numbers import format_currency


def format_price(amount: Decimal, currency: str, *, locale: str) -> str:
    """Render a price as shoppers in `locale` read it.

    >>> format_price(Decimal("27.99"), "EUR", locale="de_DE")
    '27,99\\xa0€'
    """
    return format_currency(amount, currency, locale=locale)
