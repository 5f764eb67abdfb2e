"""The pipeline: detect -> split -> protect -> translate (each distinct segment once) -> restore.

Stages are plain functions over typed data; `Pipeline` composes them for a batch of listings and a
set of markets. A listing that cannot be localised for a market becomes a `ListingFailure` with the
reason; the rest of the batch goes on.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from localize.adapt.fx import RateMissing, RateTable
from localize.adapt.money import FX_MISSING, ManualPrice, localize_price, manual_price, unconverted_price
from localize.adapt.sizes import SizeChart, convert_size, load_size_charts, size_group
from localize.adapt.units import convert_measurements, format_number, format_quantity
from localize.listing import LIST_FIELDS, TEXT_FIELDS, Listing
from localize.localization import DimensionsOut, EngineInfo, Flag, Localization, Severity, WeightOut
from localize.markets import SIZES_FOLDER, Market
from localize.mt.engines import Engine, EngineError, LanguagePair, Translation
from localize.mt.glossary import NO_TERMS, Enforcement, GlossaryTerm, applicable_terms, enforcement
from localize.mt.memory import TranslationMemory
from localize.protection import listing_protector, restore_adapter
from localize.review.checks import check_text, listing_text
from localize.review.qa.fidelity import awaiting_translation
from localize.review.rules.text import DEFAULT_CONFIDENCE_THRESHOLD
from localize.seller_profile import SellerProfile
from localize.settings import get_settings
from localize.text import TAG, UNSPACED_LANGUAGES
from localize.text.detect import DetectionError, detect_language, source_language
from localize.text.protect import PlaceholderMismatch, Protected, Protector, restore
from localize.text.script import chinese_converter
from localize.text.segment import Part, Sentence, join_field, split_field

CHUNK_SIZE = 64  # listings per MT round: large enough to batch well, small enough for live progress


@dataclass(frozen=True)
class PreparedField:
    """One field value split into literal parts and protected sentences (one per `Sentence`)."""

    name: str
    text: str
    parts: list[Part]
    segments: list[Protected]


@dataclass(frozen=True)
class PreparedListing:
    index: int  # position in the batch, for ordering output and naming failures
    listing: Listing
    source_lang: str
    fields: list[PreparedField]
    terms: Enforcement = NO_TERMS  # glossary terms protected for this listing's target language

    def segments(self) -> Iterator[Protected]:
        for prepared in self.fields:
            yield from prepared.segments


@dataclass(frozen=True)
class ListingFailure:
    index: int
    sku: str
    market: str | None
    reason: str


@dataclass
class BatchResult:
    localizations: list[Localization] = field(default_factory=list)
    failures: list[ListingFailure] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)  # the input index of each localisation
    segments_to_mt: int = 0  # distinct segments this run sent to the engine (the rest: memory, repeats)


def prepare_field(name: str, text: str, protector: Protector) -> PreparedField:
    parts = split_field(text)
    segments = [protector.protect(part.text) for part in parts if isinstance(part, Sentence)]
    return PreparedField(name, text, parts, segments)


def prepare_listing(index: int, listing: Listing, source_lang: str | None = None,
                    terms: Enforcement = NO_TERMS) -> PreparedListing:
    """Split and protect a listing's fields: the SKU, the brand and the glossary's terms for its
    target language are protected along with tags, numbers and codes."""
    protector = listing_protector(listing, terms)
    fields = [prepare_field(name, getattr(listing, name), protector) for name in TEXT_FIELDS]
    for name in LIST_FIELDS:
        fields += [prepare_field(f"{name}[{i}]", value, protector) for i, value in enumerate(getattr(listing, name))]
    return PreparedListing(index, listing, source_lang or source_language(listing), fields, terms)


KEPT_SOURCE = "the source text was kept for this sentence"
NO_MODEL = "mt.no-model"
UNAVAILABLE = "unavailable"  # the engine name of a localisation no model could translate


@dataclass(frozen=True)
class AssembledField:
    text: str
    flags: list[Flag]
    confidence: float | None  # the least confident of its translated sentences; None if none was

    @property
    def sentences_kept(self) -> int:
        """Sentences left in the source language because their translation could not be used."""
        return sum(KEPT_SOURCE in flag.message for flag in self.flags)


def assemble_field(prepared: PreparedField, translations: dict[str, Translation], target_lang: str,
                   adapt: Callable[[str], str] = str, convert: Callable[[str], str] = str) -> AssembledField:
    """Restore each translated sentence into the field's markup, protected values through `adapt`,
    the sentence's own words through `convert` (the market's Chinese script) before the values go
    back, so a brand or SKU is never converted. A sentence whose translation lost or doubled a
    placeholder (constrained decoding prevents it; memory text or another engine may not) keeps its
    source text (values adapted all the same) and raises a `block` flag."""
    sources = [part.text for part in prepared.parts if isinstance(part, Sentence)]
    spaced = target_lang not in UNSPACED_LANGUAGES
    outputs: list[str] = []
    flags: list[Flag] = []
    confidences: list[float] = []
    for source, protected in zip(sources, prepared.segments, strict=True):
        translation = translations.get(protected.text)
        if translation is not None:
            confidences.append(translation.confidence)
        try:
            text = translation.text if translation else protected.text
            outputs.append(restore(convert(text), protected, adapt, spaced))
        except PlaceholderMismatch as exc:
            outputs.append(restore(convert(protected.text), protected, adapt, spaced))
            flags.append(Flag(
                rule="qa.placeholder",
                severity=Severity.BLOCK,
                field=prepared.name,
                message=f"{exc} in {source!r}; {KEPT_SOURCE}",
                suggestion="translate this sentence by hand, keeping " + ", ".join(map(repr, protected.values)),
            ))
    return AssembledField(join_field(prepared.parts, outputs, target_lang), flags,
                          min(confidences) if confidences else None)


class Pipeline:
    """Localises listings for markets with one engine."""

    def __init__(self, engine: Engine, markets: Sequence[Market], rates: RateTable | None = None,
                 today: date | None = None, size_charts: dict[str, SizeChart] | None = None,
                 memory: TranslationMemory | None = None, glossary: Sequence[GlossaryTerm] = (),
                 seller: str | None = None, deduplicate: bool = True,
                 price_overrides: Mapping[tuple[str, str], ManualPrice] = MappingProxyType({}),
                 seller_profile: SellerProfile | None = None):
        self.engine = engine
        self.deduplicate = deduplicate  # off only to measure what de-duplication saves (bench/dedup.py)
        self.memory = memory
        self.glossary = list(glossary)
        self.seller = seller
        self.seller_profile = seller_profile  # facts that satisfy `required` rules, words titles may drop
        self.markets = list(markets)
        self.rates = rates or RateTable()
        self.today = today or date.today()
        settings = get_settings()
        self.size_charts = size_charts or load_size_charts(settings.market_rules / SIZES_FOLDER)
        self.confidence_threshold = settings.confidence_threshold
        self._unavailable: dict[tuple[LanguagePair, Engine], str] = {}
        # Every MT output of this pipeline by pair and model (a seller's or a category's own model
        # is another engine view), so a segment repeated across chunks or markets with the same
        # language (en-US, en-GB) goes to the engine once.
        self._translated: dict[tuple[LanguagePair, Engine], dict[str, Translation]] = defaultdict(dict)
        self._from_memory: dict[LanguagePair, set[str]] = defaultdict(set)
        self.segments_to_mt = 0  # distinct segments sent to the engine, over the pipeline's life
        self.segments_from_memory = 0
        self.sentences_kept = 0  # sentences left in the source language (a translation lost a value)
        self.untranslated = 0  # localisations whose text waits for a person: no model for the pair
        self.unpriced = 0  # localisations whose price waits for a rate or a person
        self.price_overrides = dict(price_overrides)  # (sku, market) -> the market price set by hand

    def run(self, listings: Sequence[Listing], on_progress: Callable[[int], None] | None = None) -> BatchResult:
        result = BatchResult()
        sent_before = self.segments_to_mt
        done: list[tuple[int, Localization]] = []
        for start in range(0, len(listings), CHUNK_SIZE):
            chunk = listings[start : start + CHUNK_SIZE]
            self._run_chunk(start, chunk, result, done)
            if on_progress:
                on_progress(len(chunk))
        market_order = {market.code: i for i, market in enumerate(self.markets)}
        done.sort(key=lambda entry: (market_order[entry[1].market], entry[0]))
        result.localizations = [loc for _, loc in done]
        result.positions = [index for index, _ in done]
        result.segments_to_mt = self.segments_to_mt - sent_before
        return result

    def _run_chunk(
        self, offset: int, chunk: Sequence[Listing], result: BatchResult, done: list[tuple[int, Localization]]
    ) -> None:
        detected: list[tuple[int, Listing, str]] = []
        for index, listing in enumerate(chunk, start=offset):
            try:
                detected.append((index, listing, source_language(listing)))
            except DetectionError as exc:
                result.failures.append(ListingFailure(index, listing.sku, None, f"source_lang: {exc}; set it"))
        # Glossary terms differ by target language, so a listing is prepared once per language.
        codes_by_language: dict[str, list[str]] = defaultdict(list)
        for market in self.markets:
            codes_by_language[market.language].append(market.code)
        prepared = {language: [prepare_listing(index, listing, source, self._terms(source, language, codes))
                               for index, listing, source in detected]
                    for language, codes in codes_by_language.items()}
        for market in self.markets:
            # Listings of a scope with a model of its own (the seller's, their category's) go to it.
            groups: dict[tuple[LanguagePair, Engine], list[PreparedListing]] = defaultdict(list)
            for item in prepared[market.language]:
                scoped = self.engine.for_scope(self.seller, item.listing.category)
                groups[LanguagePair(item.source_lang, market.language), scoped].append(item)
            for (pair, scoped), items in groups.items():
                try:
                    translations, unavailable = self._translate(pair, [seg for item in items
                                                                       for seg in item.segments()], scoped), None
                except EngineError as exc:  # no model: every other stage still runs; the text waits for a person
                    translations, unavailable = {}, str(exc)
                for item in items:
                    engine = (EngineInfo(name=UNAVAILABLE) if unavailable
                              else self._engine_info(pair, item, market, scoped))
                    override = self.price_overrides.get((item.listing.sku, market.code))
                    adapted, flags = market_values(item.listing, market, self.rates, self.today, self.size_charts,
                                                   override)
                    localization = localize(item, market, translations, engine, adapted, flags, self.today,
                                            self.glossary, self.seller, self.confidence_threshold, unavailable,
                                            self.seller_profile)
                    self._count(localization)
                    done.append((item.index, localization))

    def _count(self, localization: Localization) -> None:
        rules = {flag.rule for flag in localization.flags}
        self.sentences_kept += sum(KEPT_SOURCE in flag.message for flag in localization.flags)
        self.untranslated += NO_MODEL in rules
        self.unpriced += FX_MISSING in rules

    def _terms(self, source_lang: str, target_lang: str, markets: Sequence[str]) -> Enforcement:
        if not self.glossary or source_lang == target_lang:
            return NO_TERMS
        return enforcement(self.glossary, source_lang, target_lang, markets, self.seller)

    def _translate(self, pair: LanguagePair, segments: list[Protected], engine: Engine) -> dict[str, Translation]:
        """MT for each distinct translatable segment once; same-language pairs need none. Memory
        matches are reviewers' own text: confidence 100."""
        if pair.source == pair.target:
            return {}
        if (pair, engine) in self._unavailable:
            raise EngineError(self._unavailable[pair, engine])
        known = self._translated[pair, engine]
        if not self.deduplicate:
            todo = [seg.text for seg in segments if seg.translatable]
            outputs = engine.translate(pair, todo)
            self.segments_to_mt += len(todo)
            return dict(zip(todo, outputs, strict=True))
        todo = list(dict.fromkeys(seg.text for seg in segments if seg.translatable and seg.text not in known))
        if self.memory is not None and todo:
            remembered = self.memory.lookup(pair, todo)
            known.update({source: Translation(text, 100.0) for source, text in remembered.items()})
            self._from_memory[pair].update(remembered)
            self.segments_from_memory += len(remembered)
            todo = [text for text in todo if text not in remembered]
        try:
            outputs = engine.translate(pair, todo)
        except EngineError as exc:
            self._unavailable[pair, engine] = str(exc)
            raise
        self.segments_to_mt += len(todo)
        known.update(zip(todo, outputs, strict=True))
        return known

    def translate_text(self, text: str, market: Market, source_lang: str | None = None) -> AssembledField:
        """Translate one piece of text (it may hold HTML) through the same stages as a listing field,
        the glossary's terms for the market protected and restored as for a listing."""
        pair = LanguagePair(source_lang or detect_language(TAG.sub(" ", text)), market.language)
        terms = self._terms(pair.source, pair.target, [market.code])
        prepared = prepare_field("text", text, listing_protector(None, terms))
        translations = self._translate(pair, prepared.segments, self.engine.for_scope(self.seller, None))
        return assemble_field(prepared, translations, market.language, restore_adapter(market, terms),
                              chinese_converter(market.chinese_script))

    def _engine_info(self, pair: LanguagePair, item: PreparedListing, market: Market, engine: Engine) -> EngineInfo:
        """Which engine translated the listing, and how many of its sentences memory supplied."""
        if pair.source == pair.target:  # no MT; at most a conversion of the Chinese script
            if market.chinese_script:
                return EngineInfo(name="opencc", model=market.chinese_script)
            return EngineInfo(name="none")
        texts = [segment.text for segment in item.segments() if segment.translatable]
        remembered = sum(text in self._from_memory[pair] for text in texts)
        if texts and remembered == len(texts):
            return EngineInfo(name="memory", segments=len(texts), from_memory=remembered)
        # Only codes, numbers and kept terms: no model was needed, and the pair may have none.
        model = engine.model_for(pair) if texts else None
        return EngineInfo(name=engine.name, model=model, segments=len(texts), from_memory=remembered)


def localize(item: PreparedListing, market: Market, translations: dict[str, Translation], engine: EngineInfo,
             adapted: dict[str, object], adapted_flags: list[Flag], today: date,
             glossary: Sequence[GlossaryTerm] = (), seller: str | None = None,
             confidence_threshold: float = DEFAULT_CONFIDENCE_THRESHOLD, unavailable: str | None = None,
             profile: SellerProfile | None = None) -> Localization:
    """Build one localisation from a prepared listing, the MT output for its pair and its
    market-adapted price and measurements (`market_values`), then run the market's rules and the
    QA checks on it. With `unavailable` (why no model serves the pair) every field that needs
    translating is left empty for a person, and a `block` flag says which model is missing."""
    listing = item.listing
    texts: dict[str, str] = {}
    confidence: dict[str, float] = {}
    flags: list[Flag] = []
    adapt = restore_adapter(market, item.terms)
    convert = chinese_converter(market.chinese_script)
    for prepared in item.fields:
        if unavailable and any(segment.translatable for segment in prepared.segments):
            texts[prepared.name] = ""
            continue
        assembled = assemble_field(prepared, translations, market.language, adapt, convert)
        texts[prepared.name] = assembled.text
        flags += assembled.flags
        if assembled.confidence is not None:
            confidence[prepared.name] = assembled.confidence
    if unavailable:
        flags.append(Flag(rule=NO_MODEL, severity=Severity.BLOCK, field="listing",
                          message=f"not translated: {unavailable}",
                          suggestion=f"type the {market.language} text in the empty fields, or add a model "
                                     "(`localize models list`) and localise again"))
    values = {
        "sku": listing.sku,
        "market": market.code,
        "source_lang": item.source_lang,
        "target_lang": market.language,
        "title": texts["title"],
        "description": texts["description"],
        "flags": flags + adapted_flags,
        "engine": engine,
        "confidence": min(confidence.values()) if confidence else None,
        "field_confidence": confidence,
        "as_of": today,
        "category": listing.category,
        "brand": listing.brand,
        **{name: [texts[f"{name}[{i}]"] for i in range(len(getattr(listing, name)))] for name in LIST_FIELDS},
        **adapted,
    }
    # A seller's extra field named like one of the output's own (status, id, reviewed_by, ...) does not
    # pass through: a listing cannot arrive approved, choose its id, or break the contract's types.
    passthrough = {name: value for name, value in listing.passthrough.items() if name not in Localization.model_fields}
    localization = Localization(**{**passthrough, **values})
    terms = applicable_terms(glossary, item.source_lang, market, seller)
    review = check_text(listing_text(localization, market, listing, today, terms, confidence_threshold, profile),
                        market)
    known = {(flag.rule, flag.field) for flag in flags}  # a kept source sentence is flagged once
    localization.flags += [flag for flag in review if (flag.rule, flag.field) not in known
                           and not (unavailable and awaiting_translation(flag))]
    return localization


def market_values(listing: Listing, market: Market, rates: RateTable, today: date,
                  size_charts: dict[str, SizeChart], price_override: ManualPrice | None = None
                  ) -> tuple[dict[str, object], list[Flag]]:
    """Price, weight, dimensions and size as the market shows them, and flags about them. A price
    set by hand for the market wins; a price no rate converts stays the seller's, with a flag."""
    values: dict[str, object] = {}
    flags: list[Flag] = []
    if price_override is not None:
        values["price"] = manual_price(price_override.amount, market, price_override.set_by)
    elif listing.price:
        try:
            values["price"], flags = localize_price(listing.price.amount, listing.price.currency, market, rates,
                                                    today)
        except RateMissing as missing:
            values["price"], flag = unconverted_price(listing.price.amount, listing.price.currency, market, missing)
            flags = [flag]
    if listing.weight:
        [weight] = convert_measurements((listing.weight.value,), listing.weight.unit, system=market.measurement,
                                        dimension="[mass]")
        display = format_quantity(weight.value, weight.unit, locale=market.locale)
        values["weight"] = WeightOut(value=weight.value, unit=weight.unit, display=display)
    if listing.dimensions:
        dims = listing.dimensions
        length, width, height = convert_measurements((dims.length, dims.width, dims.height), dims.unit,
                                                     system=market.measurement, dimension="[length]")
        numbers = " × ".join(format_number(m.value, locale=market.locale) for m in (length, width, height))
        values["dimensions"] = DimensionsOut(length=length.value, width=width.value, height=height.value,
                                             unit=length.unit, display=f"{numbers} {length.unit}")
    if listing.size:
        size = listing.size
        target = market.shoe_sizes if size.kind == "shoe" else market.clothing_sizes
        group = size_group(size.group, listing.category or "", listing.title)
        converted = convert_size(size_charts[size.kind], size.system, size.value, group, target)
        values["size"] = converted.size
        flags = flags + ([converted.flag] if converted.flag else [])
    return values, flags
