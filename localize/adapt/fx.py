"""Dated FX rates: imported from CSV (`date,base,quote,rate`), looked up for the day a price is made."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from pathlib import Path

from babel.numbers import list_currencies

HEADER = ["date", "base", "quote", "rate"]
# An inverted rate is kept to this many significant digits: 1 / 7.24 is 0.138122, not the 28 digits of
# Decimal's division, which no price needs and which print as noise in every export.
INVERSE_DIGITS = 6
_CURRENCIES = frozenset(list_currencies())


class RatesFileError(ValueError):
    """A rates file cannot be used; the message names the file and the line."""


class RateMissing(LookupError):
    """No rate for a currency pair on or before the day asked for."""


@dataclass(frozen=True, order=True)
class Rate:
    date: date
    base: str
    quote: str
    rate: Decimal  # one `base` buys `rate` of `quote`


class RateTable:
    """All known rates; a lookup takes the newest rate on or before the day, direct or inverted."""

    def __init__(self, rates: list[Rate] | None = None):
        self._by_pair: dict[tuple[str, str], dict[date, Rate]] = {}
        self.add(rates or [])

    def __len__(self) -> int:
        return sum(len(by_day) for by_day in self._by_pair.values())

    def rates(self) -> list[Rate]:
        """Every rate, oldest first."""
        return sorted(rate for by_day in self._by_pair.values() for rate in by_day.values())

    def add(self, rates: list[Rate]) -> None:
        """Add rates; a newer import replaces a rate of the same day and pair."""
        for rate in rates:
            self._by_pair.setdefault((rate.base, rate.quote), {})[rate.date] = rate

    def lookup(self, base: str, quote: str, on: date) -> Rate:
        """Called per listing and market, so it reads only the rates of this pair and its inverse."""
        if base == quote:
            return Rate(on, base, quote, Decimal(1))
        direct = [rate for day, rate in self._by_pair.get((base, quote), {}).items() if day <= on]
        inverse = [Rate(day, base, quote, significant(Decimal(1) / rate.rate, INVERSE_DIGITS))
                   for day, rate in self._by_pair.get((quote, base), {}).items() if day <= on]
        candidates = direct + inverse
        if not candidates:
            raise RateMissing(f"no FX rate {base}->{quote} on or before {on.isoformat()}; "
                              "import one with `localize rates import FILE`")
        return max(candidates)

    @classmethod
    def load(cls, path: Path) -> "RateTable":
        """Read a rates CSV; a missing file is an empty table (nothing imported yet)."""
        if not path.exists():
            return cls()
        return cls(read_rates(path))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(HEADER)
            for rate in self.rates():
                writer.writerow([rate.date.isoformat(), rate.base, rate.quote, str(rate.rate)])


def significant(value: Decimal, digits: int) -> Decimal:
    """`value` rounded to `digits` significant digits (never past the units), trailing zeros dropped.

    >>> significant(Decimal(1) / Decimal("7.24"), 6), significant(Decimal(1) / Decimal("0.0001"), 6)
    (Decimal('0.138122'), Decimal('10000'))
    """
    rounded = value.quantize(Decimal(1).scaleb(min(value.adjusted() - digits + 1, 0)), rounding=ROUND_HALF_EVEN)
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral_value() else rounded.normalize()


def read_rates(path: Path) -> list[Rate]:
    """Parse and validate a rates CSV; the first bad line stops it with `file:line: reason`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RatesFileError(f"{path}: cannot read: {exc}") from exc
    reader = csv.reader(io.StringIO(text))
    header = [name.strip() for name in next(reader, [])]
    if header != HEADER:
        raise RatesFileError(f"{path}:1: header must be {','.join(HEADER)}")
    rates = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        rates.append(_parse_rate(cells, f"{path}:{reader.line_num}"))
    return rates


def _parse_rate(cells: list[str], where: str) -> Rate:
    if len(cells) != len(HEADER):
        raise RatesFileError(f"{where}: expected {len(HEADER)} columns, found {len(cells)}")
    day, base, quote, value = (cell.strip() for cell in cells)
    try:
        parsed_day = date.fromisoformat(day)
    except ValueError as exc:
        raise RatesFileError(f"{where}: date: {day!r} is not a date like 2026-11-24") from exc
    for name, code in (("base", base), ("quote", quote)):
        if code not in _CURRENCIES:
            raise RatesFileError(f"{where}: {name}: unknown ISO 4217 currency code {code!r}")
    try:
        rate = Decimal(value)
    except InvalidOperation as exc:
        raise RatesFileError(f"{where}: rate: {value!r} is not a number") from exc
    if not rate.is_finite() or rate <= 0:
        raise RatesFileError(f"{where}: rate: must be a positive number, not {value!r}")
    return Rate(parsed_day, base, quote, rate)
