"""Self-checks of the generated corpus: its shape, that the real Protector agrees on every pair (so no
pair is lost when training pairs are protected), and that no example-catalog segment is copied from it."""

import csv
import re
import sys
from collections import Counter
from pathlib import Path

from localize.text.protect import Protector
from localize.text.segment import Sentence, split_field
from tools.corpus.schema import Tri

# zh unit words the protector would take as part of a preceding number (`3米色` -> "3米"), never written here.
_ZH_UNIT_AFTER_DIGIT = re.compile(r"\d(?:厘米|毫米|公分|米|千米|公里|公斤|千克|克|斤|毫升|升|英寸|寸|伏|瓦|毫安|度)")


class CorpusCheckError(AssertionError):
    """The generated corpus breaks one of its own rules."""


def _require(condition: object, what: object) -> None:
    if not condition:
        raise CorpusCheckError(what)


def validate(triples: list[Tri]) -> None:
    """One line per pair, Chinese on the zh side, no CJK punctuation in en or de, tags on all sides,
    and no source segment twice."""
    for zh, en, de in triples:
        for text in (zh, en, de):
            _require("\t" not in text and "\n" not in text and text == text.strip(), text)
        _require(not _ZH_UNIT_AFTER_DIGIT.search(zh), zh)
        _require(re.search(r"[\u4e00-\u9fff]", zh), zh)
        _require(not re.search(r"[，。：【】！]", en + de), (en, de))
        for tag in re.findall(r"</?[a-z]+>", zh):
            _require(en.count(tag) == zh.count(tag) == de.count(tag), (zh, en, de))
    _require(len({zh for zh, _, _ in triples}) == len(triples), "a zh segment appears twice")
    _require(len({en for _, en, _ in triples}) == len(triples), "an en segment appears twice")


def protection_report(triples: list[Tri], protector: Protector) -> int:
    """How many pairs carry protected values; fails when a pair protects differently on its sides."""
    carrying = 0
    bad = []
    for zh, en, de in triples:
        values = [protector.protect(text).values for text in (zh, en, de)]
        if not Counter(values[0]) == Counter(values[1]) == Counter(values[2]):
            bad.append((zh, en, de, values))
        carrying += bool(values[0])
    for row in bad[:20]:
        print("protected values differ:", row, file=sys.stderr)
    _require(not bad, f"{len(bad)} pairs protect differently on the two sides")
    return carrying


def catalog_segments(path: Path) -> list[tuple[str, str]]:
    """(sku, segment) for every title, bullet and description sentence of the example catalog."""
    out = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            sku = row["sku"]
            out.append((sku, row["title"].strip()))
            out += [(sku, b.strip()) for b in row["bullets"].split("|") if b.strip()]
            out += [(sku, part.text) for part in split_field(row["description"]) if isinstance(part, Sentence)]
    return out


def check_catalog(triples: list[Tri], path: Path) -> int:
    """No catalog segment may be a copy of a corpus source segment (zh of zh-en, en of en-de)."""
    if not path.exists():
        print(f"{path} not found: catalog check skipped")
        return 0
    sources = {zh for zh, _, _ in triples} | {en for _, en, _ in triples}
    segments = catalog_segments(path)
    copies = [(sku, seg) for sku, seg in segments if seg in sources]
    _require(not copies, f"catalog segments copied from the corpus: {copies}")
    return len(segments)
