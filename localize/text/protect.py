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

from localize.text import TAG_PATTERN

PLACEHOLDER = "[X{}X]"
# Models sometimes add spaces inside the token or change its case; those are still the token.
PLACEHOLDER_PATTERN = re.compile(r"\[\s*[Xx]\s*(\d+)\s*[Xx]\s*\]")


def placeholder_ids(text: str) -> frozenset[int]:
    """The placeholder numbers a protected segment holds."""
    return frozenset(int(match.group(1)) for match in PLACEHOLDER_PATTERN.finditer(text))


_URL = r"(?:https?://|www\.)[^\s<>\"'，。；！？、）]*[^\s<>\"'，。；！？、）.,;:!?)]"
# Starts only where a token starts: unanchored, a long run of letters without "@" is rescanned
# from every position (quadratic: a 64 KB description took 26 s).
_EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
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


_FIRST = re.compile("|".join(f"(?:{alt})" for alt in (TAG_PATTERN, _URL, _EMAIL)))
_LAST = re.compile("|".join(f"(?:{alt})" for alt in (_METRE_AND_TENTHS, _QUANTITY, _MODEL_NUMBER)))


def _alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _literal_spans(text: str, terms: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    """Where each term stands as a whole (no Latin letter or digit glued to either side).

    A plain search, not a regex: the terms (a listing's SKU and brand) change with every listing,
    and compiling a pattern for each costs more than the search."""
    for term in terms:
        start = text.find(term)
        while start != -1:
            end = start + len(term)
            if not (start and _alnum(text[start - 1])) and not (end < len(text) and _alnum(text[end])):
                yield start, end
            start = text.find(term, start + 1)


@lru_cache(maxsize=1024)
def _any_case_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """Glossary terms matched in any case (the same glossary serves many listings: compiled once)."""
    if not terms:
        return None
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(rf"(?<![A-Za-z0-9]){re.escape(term)}(?![A-Za-z0-9])" for term in ordered), re.IGNORECASE)


def protector_for(sku: str | None = None, brand: str | None = None, terms: Iterable[str] = (),
                  any_case: Iterable[str] = ()) -> "Protector":
    """The one way text is protected, wherever it is (translating, approving, importing memory,
    detecting, rules and checks): a listing's SKU and brand and the glossary terms it keeps, as
    written (`terms`) or in any case (`any_case`, a subset of `terms`), then tags, URLs, e-mails,
    numbers with units and model numbers.

    >>> protector_for("KX-1", "Lumora").protect("Lumora 台灯 KX-1 30cm").text
    '[X0X] 台灯 [X1X]'
    """
    return Protector([sku or "", brand or "", *terms], case_insensitive=any_case)


class Protector:
    """Finds what must not be translated in a text; built by `protector_for`, once per listing."""

    def __init__(self, terms: Iterable[str] = (), case_insensitive: Iterable[str] = ()):
        folded = {term for term in case_insensitive if term and term.strip()}
        self._terms = tuple(sorted({term for term in terms if term and term.strip()} - folded, key=len, reverse=True))
        self._any_case = _any_case_pattern(tuple(sorted(folded)))

    def _spans(self, text: str) -> Iterator[tuple[int, int]]:
        """Protected spans left to right, as one alternation `tags, URLs, e-mails | terms | numbers,
        model numbers` would find them: at each place the earlier kind, then the longer term wins."""
        candidates = [(m.start(), 0, m.end()) for m in _FIRST.finditer(text)]
        candidates += [(start, 1, end) for start, end in _literal_spans(text, self._terms)]
        if self._any_case is not None:
            candidates += [(m.start(), 1, m.end()) for m in self._any_case.finditer(text)]
        candidates += [(m.start(), 2, m.end()) for m in _LAST.finditer(text)]
        position = 0
        for start, _, end in sorted(candidates, key=lambda c: (c[0], c[1], -c[2])):
            if start >= position and end > start:
                position = end
                yield start, end

    def protect(self, text: str) -> Protected:
        """Replace every protected span by a numbered placeholder, numbered by position. Spans with
        only whitespace between them share one placeholder: fewer tokens for the model to carry.

        >>> Protector(["Lumora"]).protect("Lumora 台灯 <b>30cm</b>")
        Protected(text='[X0X] 台灯 [X1X]', values=('Lumora', '<b>30cm</b>'))
        """
        runs: list[list[tuple[int, int]]] = []
        for span in self._spans(text):
            if runs and not text[runs[-1][-1][1] : span[0]].strip():
                runs[-1].append(span)
            else:
                runs.append([span])
        out: list[str] = []
        values: list[str] = []
        pieces: list[tuple[str, ...]] = []
        position = 0
        for run in runs:
            start, end = run[0][0], run[-1][1]
            out += [text[position:start], PLACEHOLDER.format(len(values))]
            values.append(text[start:end])
            split = [text[run[0][0] : run[0][1]]]
            for before, span in pairwise(run):
                split += [text[before[1] : span[0]], text[span[0] : span[1]]]
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


def restore(translated: str, protected: Protected, adapt: Callable[[str], str] = str, spaced: bool = False) -> str:
    """Put the protected values back, each through `adapt` (a unit conversion for the market, say);
    raise PlaceholderMismatch unless each placeholder appears exactly once.

    With `spaced` (a target language that writes spaces between words), a value the model glued to a
    word or to another value gets its space back: models often drop the space beside a placeholder
    ("Geräuschunterdrückung5.3", "IPX720W"). Tags are never spaced. A word the model wrote beside a
    placeholder that is the very value it stands for (a glossary term it translated as well as
    carried) is dropped: "Bluetooth [X1X]" with [X1X] = "Bluetooth" is one "Bluetooth".

    >>> restore("Bluetooth[X0X] [X1X][X2X]", Protector().protect("5.3，IPX7，20W"), spaced=True)
    'Bluetooth 5.3 IPX7 20W'
    >>> restore("Wireless bluetooth [X0X] speaker", Protector(["Bluetooth"]).protect("无线Bluetooth音箱"))
    'Wireless Bluetooth speaker'

    Tags that come back in an order that closes one before it is opened ("</b> ... <b>") are put
    back in the source's order, so the markup stays well formed; an order that nests is kept.

    >>> restore("Soft [X1X]cotton[X0X].", Protector().protect("<b>纯棉</b>柔软"))
    'Soft <b>cotton</b>.'
    """
    counts = Counter(int(m.group(1)) for m in PLACEHOLDER_PATTERN.finditer(translated))
    size = len(protected.values)
    missing = [i for i in range(size) if counts[i] == 0]
    doubled = [i for i in range(size) if counts[i] > 1]
    unknown = sorted(i for i in counts if i >= size)
    if missing or doubled or unknown:
        raise PlaceholderMismatch(protected, missing, doubled, unknown)
    order = _tags_in_source_order(translated, protected)
    out: list[str] = []
    position = 0
    for match in PLACEHOLDER_PATTERN.finditer(translated):
        value = protected.restored_value(order.get(int(match.group(1)), int(match.group(1))), adapt)
        before = translated[position : match.start()]
        echo = _echo(value)
        if echo is not None:
            before = echo[0].sub("", before)
        if spaced and not value.startswith("<"):
            previous = before[-1:] if before else "".join(out)[-1:]
            if previous.isalnum() and value[:1].isalnum():
                before += " "
        out += [before, value]
        position = match.end()
        repeated = echo[1].match(translated, position) if echo is not None else None
        position = repeated.end() if repeated else position
        following = translated[position : position + 1]
        if spaced and not value.startswith("<") and following.isalnum() and value[-1:].isalnum():
            out.append(" ")
    out.append(translated[position:])
    return "".join(out)


_TAG_RUN = re.compile(r"(?:<[^<>]*>\s*)+")  # a value that is tags only
_TAG_PARTS = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)[^<>]*?(/?)\s*>")
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                        "track", "wbr"})


def _early_closes(values: Iterable[str]) -> int:
    """How many tags in `values`, read in order, close an element no earlier tag opened."""
    open_by_name: Counter[str] = Counter()
    early = 0
    for value in values:
        for closing, name, self_closing in _TAG_PARTS.findall(value):
            name = name.lower()
            if self_closing or name in _VOID_TAGS:
                continue
            if not closing:
                open_by_name[name] += 1
            elif open_by_name[name]:
                open_by_name[name] -= 1
            else:
                early += 1
    return early


def _tags_in_source_order(translated: str, protected: Protected) -> dict[int, int]:
    """Which placeholder's value to restore where another's stands: the tag-only placeholders in the
    source's order, when the translation's order closes more elements early than the source does."""
    tags = [i for i, value in enumerate(protected.values) if _TAG_RUN.fullmatch(value)]
    written = [number for number in (int(m.group(1)) for m in PLACEHOLDER_PATTERN.finditer(translated))
               if number in tags]
    if written == tags or _early_closes(protected.values[i] for i in written) <= _early_closes(
            protected.values[i] for i in tags):
        return {}
    return dict(zip(written, tags, strict=True))


@lru_cache(maxsize=1024)
def _echo(value: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """Patterns for `value` written out again just before or just after its own placeholder, any
    case; None for values without letters (numbers) and tags, which a model never echoes."""
    if value.startswith("<") or not any(char.isalpha() for char in value):
        return None
    word = re.escape(value)
    return (re.compile(rf"(?<!\w){word}\s+$", re.IGNORECASE), re.compile(rf"\s+{word}(?!\w)", re.IGNORECASE))
