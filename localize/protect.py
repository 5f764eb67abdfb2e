"""Protection: what must come out of MT verbatim becomes a placeholder the model passes through.

Tags, URLs, e-mail addresses, the brand, the SKU, do-not-translate terms, model numbers and numbers
with their units are replaced by `[X0X]`, `[X1X]`, ... before MT (the token shape Weblate's machinery
uses, which sentencepiece models copy well) and restored byte for byte afterwards. A translation
that lost or doubled a placeholder is refused with `PlaceholderMismatch`, never patched up.
"""

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

PLACEHOLDER = "[X{}X]"
# Models sometimes add spaces inside the token or change its case; those are still the token.
PLACEHOLDER_PATTERN = re.compile(r"\[\s*[Xx]\s*(\d+)\s*[Xx]\s*\]")

_TAG = r"<[^<>]*>"
_URL = r"(?:https?://|www\.)[^\s<>\"'，。；！？、）]*[^\s<>\"'，。；！？、）.,;:!?)]"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_NUMBER = r"\d+(?:[.,]\d+)*"
_RANGE = rf"{_NUMBER}(?:\s?[-~～–xX×*]\s?{_NUMBER})*"
# Longest first so `mAh` wins over `m`; `in` only when attached (`2 in 1` is not inches).
_UNITS = sorted(
    ["mm", "cm", "m", "km", "kg", "g", "mg", "ml", "mL", "l", "L", "oz", "fl oz", "lb", "lbs", "ft",
     "inch", "inches", "V", "W", "kW", "Wh", "kWh", "mAh", "Ah", "Hz", "kHz", "MHz", "GHz", "dB", "°C",
     "°F", "℃", "℉", "°", "%", "GB", "TB", "MB", "cc", "pcs",
     "厘米", "毫米", "公分", "米", "千米", "公里", "公斤", "千克", "克", "斤", "毫升", "升", "英寸", "寸",
     "伏", "瓦", "毫安", "毫安时", "度"],
    key=len,
    reverse=True,
)
_UNIT = "|".join(re.escape(unit) for unit in _UNITS)
_QUANTITY = rf"(?<![A-Za-z0-9.]){_RANGE}(?:(?:\s?(?:{_UNIT})|in)(?![A-Za-z])|(?![A-Za-z0-9]))"
_METRE_AND_TENTHS = r"(?<![A-Za-z0-9.])\d+米\d(?!\d)"  # 1米2: one metre twenty
# Model numbers and SKU-like codes: capitals and digits, at least one of each (KX-2024B, A7-PRO, 4K).
_MODEL_NUMBER = r"(?<![A-Za-z0-9])(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\d)[A-Z0-9]+(?:-[A-Z0-9]+)*(?![A-Za-z0-9])"


@dataclass(frozen=True)
class Protected:
    """A segment with its protected values swapped for placeholders; values[i] is `[Xi X]`.

    pieces[i] splits values[i] into the protected spans it joins and the whitespace between them
    (span, gap, span, ...), so each span can be adapted on its own when restored."""

    text: str
    values: tuple[str, ...]
    pieces: tuple[tuple[str, ...], ...] = field(default=(), repr=False)

    def restored_value(self, index: int, adapt: Callable[[str], str]) -> str:
        pieces = self.pieces[index] if self.pieces else (self.values[index],)
        return "".join(adapt(piece) if position % 2 == 0 else piece for position, piece in enumerate(pieces))

    def spans(self) -> list[str]:
        """Every protected span, merged values split back into their parts."""
        return [span for index, value in enumerate(self.values)
                for span in (self.pieces[index][::2] if self.pieces else (value,))]

    @property
    def translatable(self) -> bool:
        """Whether anything but placeholders, digits and punctuation is left for MT."""
        return any(char.isalpha() for char in PLACEHOLDER_PATTERN.sub("", self.text))


class PlaceholderMismatch(ValueError):
    """The translation lost, doubled or invented placeholders."""

    def __init__(self, protected: Protected, missing: list[int], doubled: list[int], unknown: list[int]):
        self.missing = [protected.values[i] for i in missing]
        self.doubled = [protected.values[i] for i in doubled]
        self.unknown = unknown
        problems = []
        if self.missing:
            problems.append("lost " + ", ".join(map(repr, self.missing)))
        if self.doubled:
            problems.append("doubled " + ", ".join(map(repr, self.doubled)))
        if unknown:
            problems.append(f"invented placeholder(s) {unknown}")
        super().__init__("the model " + "; ".join(problems))


_FIRST = re.compile("|".join(f"(?:{alt})" for alt in (_TAG, _URL, _EMAIL)))
_LAST = re.compile("|".join(f"(?:{alt})" for alt in (_METRE_AND_TENTHS, _QUANTITY, _MODEL_NUMBER)))


@lru_cache(maxsize=4096)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """The SKU, brand and do-not-translate terms, longest first."""
    literal = sorted(terms, key=len, reverse=True)
    if not literal:
        return None
    return re.compile("|".join(rf"(?<![A-Za-z0-9]){re.escape(term)}(?![A-Za-z0-9])" for term in literal))


class Protector:
    """Finds what must not be translated in a text; built once per listing with its terms."""

    def __init__(self, terms: Iterable[str] = ()):
        self._terms = _terms_pattern(tuple(sorted({term for term in terms if term and term.strip()})))

    def _matches(self, text: str) -> Iterator[re.Match[str]]:
        """Protected spans left to right, as one alternation `tags, URLs, e-mails | terms | numbers,
        model numbers` would find them; the fixed patterns are compiled once, only the listing's
        own terms per listing (a listing's SKU is new every time)."""
        candidates = [(m.start(), rank, m) for rank, regex in enumerate((_FIRST, self._terms, _LAST)) if regex
                      for m in regex.finditer(text)]
        position = 0
        for start, _, match in sorted(candidates, key=lambda c: (c[0], c[1])):
            if start >= position and match.end() > start:
                position = match.end()
                yield match

    def protect(self, text: str) -> Protected:
        """Replace every protected span by a numbered placeholder, numbered by position. Spans with
        only whitespace between them share one placeholder: fewer tokens for the model to carry.

        >>> Protector(["Lumora"]).protect("Lumora 台灯 <b>30cm</b>")
        Protected(text='[X0X] 台灯 [X1X]', values=('Lumora', '<b>30cm</b>'))
        """
        runs: list[list[re.Match[str]]] = []
        for match in self._matches(text):
            if runs and not text[runs[-1][-1].end() : match.start()].strip():
                runs[-1].append(match)
            else:
                runs.append([match])
        out, values, pieces, position = [], [], [], 0
        for run in runs:
            start, end = run[0].start(), run[-1].end()
            out += [text[position:start], PLACEHOLDER.format(len(values))]
            values.append(text[start:end])
            split = [run[0].group(0)]
            for before, match in pairwise(run):
                split += [text[before.end() : match.start()], match.group(0)]
            pieces.append(tuple(split))
            position = end
        out.append(text[position:])
        return Protected("".join(out), tuple(values), tuple(pieces))

    def protect_like(self, text: str, source: Protected) -> Protected | None:
        """Protect a reference translation with the placeholder ids its source got, or None when
        the two do not carry the same protected values (used to prepare training pairs)."""
        target = self.protect(text)
        if Counter(target.values) != Counter(source.values):
            return None
        free: dict[str, list[int]] = {}
        for index, value in enumerate(source.values):
            free.setdefault(value, []).append(index)
        ids = [free[value].pop(0) for value in target.values]
        renumbered = PLACEHOLDER_PATTERN.sub(lambda m: PLACEHOLDER.format(ids[int(m.group(1))]), target.text)
        return Protected(renumbered, source.values, source.pieces)


_QUANTITY_SPAN = re.compile(f"(?:{_METRE_AND_TENTHS})|(?:{_QUANTITY})")


def is_quantity(span: str) -> bool:
    """Whether a protected span is a number or a quantity (converted for markets), not a verbatim value.

    >>> [is_quantity(s) for s in ("30cm", "1米2", "12", "KX-2024B", "<b>", "Lumora")]
    [True, True, True, False, False, False]
    """
    return _QUANTITY_SPAN.fullmatch(span) is not None


def restore(translated: str, protected: Protected, adapt: Callable[[str], str] = str) -> str:
    """Put the protected values back, each through `adapt` (a unit conversion for the market, say);
    raise PlaceholderMismatch unless each placeholder appears exactly once."""
    counts = Counter(int(m.group(1)) for m in PLACEHOLDER_PATTERN.finditer(translated))
    size = len(protected.values)
    missing = [i for i in range(size) if counts[i] == 0]
    doubled = [i for i in range(size) if counts[i] > 1]
    unknown = sorted(i for i in counts if i >= size)
    if missing or doubled or unknown:
        raise PlaceholderMismatch(protected, missing, doubled, unknown)
    return PLACEHOLDER_PATTERN.sub(lambda m: protected.restored_value(int(m.group(1)), adapt), translated)
