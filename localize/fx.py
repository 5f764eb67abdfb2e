"""Dated FX rates: imported from CSV (`date,base,quote,rate`), looked up for the day a price is made."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from babel.numbers import list_currencies

HEADER = ["date", "base", "quote", "rate"]
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
        self._rates: dict[tuple[date, str, str], Rate] = {}
        self.add(rates or [])

    def __len__(self) -> int:
        return len(self._rates)

    def add(self, rates: list[Rate]) -> None:
        """Add rates; a newer import replaces a rate of the same day and pair."""
        for rate in rates:
            self._rates[(rate.date, rate.base, rate.quote)] = rate

    def lookup(self, base: str, quote: str, on: date) -> Rate:
        if base == quote:
            return Rate(on, base, quote, Decimal(1))
        candidates = []
        for rate in self._rates.values():
            if rate.date > on:
                continue
            if (rate.base, rate.quote) == (base, quote):
                candidates.append(rate)
            elif (rate.base, rate.quote) == (quote, base):
                candidates.append(Rate(rate.date, base, quote, Decimal(1) / rate.rate))
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
            for rate in sorted(self._rates.values()):
                writer.writerow([rate.date.isoformat(), rate.base, rate.quote, str(rate.rate)])


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
