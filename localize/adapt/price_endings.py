"""Local price endings (x.99, x.95, x.90, whole yen or won), by the name market files use."""

from collections.abc import Callable
from decimal import ROUND_CEILING, Decimal


def _cents_ending(cents: str) -> Callable[[Decimal], Decimal]:
    ending = Decimal(cents)

    def apply(amount: Decimal) -> Decimal:
        whole = amount.to_integral_value(rounding=ROUND_CEILING)
        candidate = whole - 1 + ending
        return candidate if candidate >= amount else whole + ending

    return apply


# Price endings by the name market files use; each returns the smallest price with that ending
# that is not below the computed one, so an ending never eats into the seller's margin.
PRICE_ENDINGS: dict[str, Callable[[Decimal], Decimal]] = {
    "x.99": _cents_ending("0.99"),
    "x.95": _cents_ending("0.95"),
    "x.90": _cents_ending("0.90"),
    "whole": lambda amount: amount.to_integral_value(rounding=ROUND_CEILING),
}


def apply_price_ending(amount: Decimal, ending: str) -> Decimal:
    """The smallest price ending in `ending` that is at least `amount`; zero stays zero.

    >>> apply_price_ending(Decimal("27.34"), "x.99"), apply_price_ending(Decimal("1203.2"), "whole")
    (Decimal('27.99'), Decimal('1204'))
    """
    return amount if amount == 0 else PRICE_ENDINGS[ending](amount)
