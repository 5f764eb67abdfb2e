"""Glossaries: terms a seller's listings must translate one way (forced terms) or never translate
(do-not-translate: brands, trademarks, product names), in CSV or TBX (ISO 30042).

CSV columns: `source_lang,target_lang,source,target,market,do_not_translate,case_sensitive,note`,
and optionally `seller`. `*` as a language means any; an empty `market` or `seller` means every
one. A do-not-translate term needs no target. Files are validated on load: errors name the file and
the line (CSV) or the entry (TBX).
"""

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from localize.markets import Market, MarketCode

CSV_COLUMNS = ("source_lang", "target_lang", "source", "target", "market", "do_not_translate", "case_sensitive",
               "note", "seller")
_TRUE = {"1", "true", "yes", "y", "x"}
_FALSE = {"", "0", "false", "no", "n"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class GlossaryError(ValueError):
    """A glossary file cannot be read or holds an invalid entry."""


class GlossaryTerm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    source_lang: str = Field(pattern=r"^([a-z]{2}|\*)$")
    target_lang: str = Field(pattern=r"^([a-z]{2}|\*)$")
    source: str = Field(min_length=1, max_length=200)
    target: str = Field(default="", max_length=200)
    market: MarketCode | None = None
    seller: str | None = None
    do_not_translate: bool = False
    case_sensitive: bool = False
    note: str = ""

    @field_validator("market", "seller", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("do_not_translate", "case_sensitive", mode="before")
    @classmethod
    def _flag(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip().lower()
            if text in _TRUE:
                return True
            if text in _FALSE:
                return False
            raise ValueError(f"{value!r} is not a yes/no value (use true or false)")
        return value

    @model_validator(mode="after")
    def _target_or_dnt(self) -> "GlossaryTerm":
        if not self.do_not_translate and not self.target:
            raise ValueError("a term that is translated needs a target (or set do_not_translate)")
        if not self.do_not_translate and "*" in (self.source_lang, self.target_lang):
            raise ValueError("only do-not-translate terms may use * for a language")
        return self

    @property
    def output(self) -> str:
        """What the term becomes in the target text."""
        return self.source if self.do_not_translate else self.target

    def applies(self, source_lang: str, target_lang: str, market: str, seller: str | None) -> bool:
        return (self.source_lang in ("*", source_lang) and self.target_lang in ("*", target_lang)
                and self.market in (None, market) and self.seller in (None, seller))


def read_csv_glossary(text: str, name: str) -> list[GlossaryTerm]:
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    missing = {"source_lang", "target_lang", "source"} - set(reader.fieldnames or ())
    if missing:
        raise GlossaryError(f"{name}:1: missing column(s) {', '.join(sorted(missing))}")
    unknown = set(reader.fieldnames or ()) - set(CSV_COLUMNS)
    if unknown:
        raise GlossaryError(f"{name}:1: unknown column(s) {', '.join(sorted(unknown))}; "
                            f"known: {', '.join(CSV_COLUMNS)}")
    terms = []
    for row in reader:
        line = reader.line_num
        if None in row:  # csv puts the cells past the header under None
            raise GlossaryError(f"{name}:{line}: more values than the {len(reader.fieldnames or ())} columns "
                                "(quote a value that holds a comma)")
        try:
            terms.append(GlossaryTerm.model_validate({k: v for k, v in row.items() if v is not None}))
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            where = ".".join(str(part) for part in first["loc"])
            reason = first["msg"].removeprefix("Value error, ")
            raise GlossaryError(f"{name}:{line}: {where + ': ' if where else ''}{reason}") from exc
    return terms


def write_csv_glossary(terms: Iterable[GlossaryTerm]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for term in terms:
        row = term.model_dump()
        writer.writerow({**row, "market": row["market"] or "", "seller": row["seller"] or "",
                         "do_not_translate": str(term.do_not_translate).lower(),
                         "case_sensitive": str(term.case_sensitive).lower()})
    return out.getvalue()


def read_tbx_glossary(text: str, name: str) -> list[GlossaryTerm]:
    """TBX (ISO 30042): each `termEntry`/`conceptEntry` pairs the term of its source language with
    each other language's; `termNote type="administrativeStatus"`, custom `descrip`s carry our fields."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise GlossaryError(f"{name}:{exc.position[0]}: not valid TBX/XML: {exc}") from exc
    terms = []
    for number, entry in enumerate(_entries(root), start=1):
        fields = {d.get("type"): (d.text or "").strip() for d in entry.iter() if _local(d.tag) == "descrip"}
        languages = [(lang.get(XML_LANG) or lang.get("lang") or "", _term(lang)) for lang in entry
                     if _local(lang.tag) in ("langSet", "langSec")]
        languages = [(code.split("-")[0].lower(), term) for code, term in languages if term]
        if len(languages) < 1:
            raise GlossaryError(f"{name}: entry {number}: no term in any language")
        source_code, source = languages[0]
        source_lang = fields.get("sourceLanguage", "*") if source_code == "und" else source_code
        dnt = fields.get("doNotTranslate", "false").lower() in _TRUE
        targets = languages[1:] or ([(fields.get("targetLanguage", "*"), "")] if dnt else [])
        if not targets:
            raise GlossaryError(f"{name}: entry {number}: {source!r} has no term in a second language")
        for target_lang, target in targets:
            data = {"source_lang": source_lang, "target_lang": target_lang, "source": source, "target": target,
                    "market": fields.get("market"), "seller": fields.get("seller"), "do_not_translate": dnt,
                    "case_sensitive": fields.get("caseSensitive", "false"), "note": fields.get("note", "")}
            try:
                terms.append(GlossaryTerm.model_validate(data))
            except ValidationError as exc:
                first = exc.errors(include_url=False)[0]
                raise GlossaryError(f"{name}: entry {number} ({source!r}): "
                                    f"{first['msg'].removeprefix('Value error, ')}") from exc
    return terms


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _entries(root: ET.Element) -> list[ET.Element]:
    return [element for element in root.iter() if _local(element.tag) in ("termEntry", "conceptEntry")]


def _term(lang_set: ET.Element) -> str:
    for element in lang_set.iter():
        if _local(element.tag) == "term":
            return "".join(element.itertext()).strip()
    return ""


def write_tbx_glossary(terms: Sequence[GlossaryTerm]) -> str:
    """TBX-Basic style: one concept entry per term pair, our fields as `descrip`s."""
    root = ET.Element("tbx", {"type": "TBX-Basic", "style": "dca", XML_LANG: "en",
                              "xmlns": "urn:iso:std:iso:30042:ed-2"})
    ET.SubElement(ET.SubElement(ET.SubElement(root, "tbxHeader"), "fileDesc"), "sourceDesc").text = "localize glossary"
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for number, term in enumerate(terms, start=1):
        entry = ET.SubElement(body, "conceptEntry", {"id": f"c{number}"})
        for kind, value in (("doNotTranslate", str(term.do_not_translate).lower()),
                            ("caseSensitive", str(term.case_sensitive).lower()), ("market", term.market),
                            ("seller", term.seller), ("note", term.note),
                            ("sourceLanguage", "*" if term.source_lang == "*" else None),
                            ("targetLanguage", term.target_lang if not term.target else None)):
            if value:
                ET.SubElement(entry, "descrip", {"type": kind}).text = value
        for lang, text in ((term.source_lang, term.source), (term.target_lang, term.target)):
            if text:
                lang_sec = ET.SubElement(entry, "langSec", {XML_LANG: "und" if lang == "*" else lang})
                ET.SubElement(ET.SubElement(lang_sec, "termSec"), "term").text = text
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def read_glossary(path: Path) -> list[GlossaryTerm]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{path}: cannot read: {exc}") from exc
    if path.suffix.lower() == ".csv":
        return read_csv_glossary(text, str(path))
    if path.suffix.lower() == ".tbx":
        return read_tbx_glossary(text, str(path))
    raise GlossaryError(f"{path}: a glossary is .csv or .tbx")


def load_glossary_folder(folder: Path) -> list[GlossaryTerm]:
    """Every glossary shipped in `folder` (`glossaries/`), in file name order."""
    if not folder.is_dir():
        return []
    return [term for path in sorted(folder.glob("*")) if path.suffix.lower() in (".csv", ".tbx")
            for term in read_glossary(path)]


@dataclass(frozen=True)
class Enforcement:
    """The terms of one listing for one target language: protected before MT, and what each
    protected span becomes in each market."""

    protected: tuple[str, ...]  # source spans turned into placeholders
    case_insensitive: tuple[str, ...]  # of those, the ones matched in any case
    outputs: dict[str, dict[str, str]]  # market -> protected source term -> its output

    def output(self, market: str, span: str) -> str | None:
        mapping = self.outputs.get(market, {})
        return mapping.get(span) if span in mapping else mapping.get(span.casefold())


NO_TERMS = Enforcement((), (), {})


def applicable_terms(terms: Sequence[GlossaryTerm], source_lang: str, market: Market, seller: str | None
                     ) -> tuple[GlossaryTerm, ...]:
    """The terms a localisation for `market` must follow (what `qa.glossary` checks)."""
    return tuple(term for term in terms if term.applies(source_lang, market.language, market.code, seller))


def enforcement(terms: Sequence[GlossaryTerm], source_lang: str, target_lang: str, markets: Sequence[str],
                seller: str | None) -> Enforcement:
    """Which terms to protect for a listing going to `markets` (all of one language): a term is
    protected only where every one of those markets has an entry for it, so no market gets the
    source term where MT would have translated it; a market's own entry wins over a global one."""
    by_market: dict[str, dict[str, GlossaryTerm]] = {}
    for market in markets:
        chosen: dict[str, GlossaryTerm] = {}
        for term in terms:
            if term.applies(source_lang, target_lang, market, seller):
                key = term.source if term.case_sensitive else term.source.casefold()
                current = chosen.get(key)
                if current is None or (term.market and not current.market) or (term.seller and not current.seller):
                    chosen[key] = term
        by_market[market] = chosen
    common = set.intersection(*(set(chosen) for chosen in by_market.values())) if by_market else set()
    outputs = {market: {key: chosen[key].output for key in common} for market, chosen in by_market.items()}
    first = by_market[markets[0]] if markets else {}
    protected = tuple(sorted((first[key].source for key in common), key=len, reverse=True))
    case_insensitive = tuple(first[key].source for key in common if not first[key].case_sensitive)
    return Enforcement(protected, case_insensitive, outputs)
