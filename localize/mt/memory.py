"""Translation memory: approved translations of protected segments, reused without MT.

A unit pairs a protected source segment (`[X0X] 台灯`) with its approved protected translation
(`[X0X] desk lamp`), per language pair. Kept in protected form, one unit serves every market of
the language: the values are put back and adapted (units, formats) for each market as after MT.
Lookups match after normalising whitespace and character width (full-width `，` is `,`).
"""

import hashlib
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from localize.mt.engines import LanguagePair
from localize.text.protect import PLACEHOLDER, Protected, Protector, protector_for
from localize.text.segment import Sentence, split_field

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def normalize_segment(text: str) -> str:
    """How memory compares segments: NFKC (full-width punctuation and digits to their usual
    forms) and runs of whitespace as one space.

    >>> normalize_segment("材质：  纯棉，柔软 ") == normalize_segment("材质: 纯棉,柔软")
    True
    """
    return " ".join(unicodedata.normalize("NFKC", text).split())


def segment_key(text: str) -> str:
    return hashlib.sha256(normalize_segment(text).encode()).hexdigest()


@dataclass(frozen=True)
class Unit:
    pair: LanguagePair
    source: str  # protected source segment
    target: str  # protected approved translation


class TranslationMemory(Protocol):
    def lookup(self, pair: LanguagePair, segments: Sequence[str]) -> dict[str, str]:
        """The stored translation of each segment found, by segment."""
        ...

    def learn(self, units: Iterable[Unit], author: str) -> int:
        """Store units (a newer approval replaces an older one); returns how many were stored."""
        ...


def units_from_approval(pair: LanguagePair, source: str, target: str, protector: Protector,
                        adapt: Callable[[str], str]) -> list[Unit]:
    """Translation units from one approved field: its sentences paired in order when source and
    target have as many, each target sentence protected back with the source's placeholders.

    A sentence whose protected values do not each appear exactly once in the approved text (the
    reviewer rewrote a number, say) teaches nothing: a unit must restore exactly."""
    sources = [protector.protect(part.text) for part in split_field(source) if isinstance(part, Sentence)]
    targets = [part.text for part in split_field(target) if isinstance(part, Sentence)]
    if len(sources) != len(targets):
        return []
    units = []
    for protected, translated in zip(sources, targets, strict=True):
        if protected.translatable and (unit_target := reprotect(translated, protected, adapt)) is not None:
            units.append(Unit(pair, protected.text, unit_target))
    return units


def reprotect(translated: str, protected: Protected, adapt: Callable[[str], str]) -> str | None:
    """`translated` with each of `protected`'s values (as adapted for the market) back as its
    placeholder, or None unless each appears exactly once."""
    text = translated
    # Longest first: "11.8 in (30cm)" before "30cm".
    order = sorted(range(len(protected.values)), key=lambda i: -len(protected.restored_value(i, adapt)))
    for index in order:
        value = protected.restored_value(index, adapt)
        if text.count(value) != 1:
            return None
        text = text.replace(value, PLACEHOLDER.format(index))
    return text


class TmxError(ValueError):
    """A TMX file cannot be read."""


_PLACEHOLDER_TOKEN = re.compile(r"\[X(\d+)X\]")


def _seg_element(parent: ET.Element, text: str) -> None:
    """A `<seg>` whose placeholders are TMX `<ph>` codes (the token kept as their content)."""
    seg = ET.SubElement(parent, "seg")
    pieces = _PLACEHOLDER_TOKEN.split(text)
    seg.text = pieces[0]
    last: ET.Element | None = None
    for index in range(1, len(pieces), 2):
        last = ET.SubElement(seg, "ph", {"x": str(int(pieces[index]) + 1), "type": "x-localize"})
        last.text = f"[X{pieces[index]}X]"
        last.tail = pieces[index + 1]


def write_tmx(units: Sequence[Unit]) -> str:
    """TMX 1.4: one `tu` per unit, its languages as written in the memory."""
    sources = {unit.pair.source for unit in units}
    root = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(root, "header", {
        "creationtool": "localize", "creationtoolversion": "0.1.0", "segtype": "sentence", "o-tmf": "localize",
        "adminlang": "en", "srclang": sources.pop() if len(sources) == 1 else "*all*", "datatype": "plaintext"})
    body = ET.SubElement(root, "body")
    for number, unit in enumerate(units, start=1):
        tu = ET.SubElement(body, "tu", {"tuid": str(number), "srclang": unit.pair.source})
        for lang, text in ((unit.pair.source, unit.source), (unit.pair.target, unit.target)):
            _seg_element(ET.SubElement(tu, "tuv", {XML_LANG: lang}), text)
        tu.tail = "\n"  # one unit a line; no indenting, which would put spaces inside <seg>
    body.text = "\n"
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def read_tmx(text: str, name: str) -> tuple[list[Unit], int]:
    """The units of a TMX file, and how many translations were skipped. Segments written by
    `write_tmx` keep their placeholders; plain segments from other tools are protected here, and
    a pair whose protected values differ (a number changed in translation) is skipped, not guessed."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise TmxError(f"{name}:{exc.position[0]}: not valid TMX/XML: {exc}") from exc
    if root.tag != "tmx":
        raise TmxError(f"{name}: the root element is <{root.tag}>, not <tmx>")
    header = root.find("header")
    default_source = (header.get("srclang") if header is not None else None) or "*all*"
    units: list[Unit] = []
    skipped = 0
    for tu in root.iter("tu"):
        variants = [(_lang(tuv), "".join(seg.itertext()) if (seg := tuv.find("seg")) is not None else "")
                    for tuv in tu.findall("tuv")]
        source_lang = _short(tu.get("srclang") or default_source)
        sources = [text for lang, text in variants if lang == source_lang] if source_lang != "*all*" else []
        source = sources[0] if sources else (variants[0][1] if variants else "")
        source_lang = source_lang if sources else (variants[0][0] if variants else "")
        for lang, target in variants:
            if lang == source_lang or not source.strip() or not target.strip():
                continue
            unit = _unit(LanguagePair(source_lang, lang), source, target)
            if unit is None:
                skipped += 1
            else:
                units.append(unit)
    return units, skipped


def _lang(tuv: ET.Element) -> str:
    return _short(tuv.get(XML_LANG) or tuv.get("lang") or "")


def _short(code: str) -> str:
    return code if code == "*all*" else code.split("-")[0].split("_")[0].lower()


def _unit(pair: LanguagePair, source: str, target: str) -> Unit | None:
    if _PLACEHOLDER_TOKEN.search(source):  # written by localize: already protected
        return Unit(pair, source, target)
    protected = protector_for().protect(source)
    reprotected = reprotect(target, protected, str)
    return Unit(pair, protected.text, reprotected) if reprotected is not None else None
