"""Everything that reviews a localisation: the market's rules, then the QA checks; also for text
localised elsewhere (`localize check`)."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from localize.listing import Listing
from localize.localization import Flag, Localization
from localize.markets import Market
from localize.mt.glossary import GlossaryTerm
from localize.review.qa import run_qa_checks
from localize.review.rules import ListingText, evaluate_rules
from localize.review.rules.text import DEFAULT_CONFIDENCE_THRESHOLD, text_fields
from localize.seller_profile import SellerProfile
from localize.text.detect import DetectionError, source_language


class LocalizedRecord(BaseModel):
    """A localised listing as `localize check` reads it: our own output (JSONL or CSV), or a
    seller's own translations with the same column names."""

    model_config = ConfigDict(extra="ignore")

    sku: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""
    bullets: list[str] = []
    keywords: list[str] = []
    colors: list[str] = []
    market: str | None = None
    source_lang: str | None = None
    category: str | None = None
    brand: str | None = None
    field_confidence: dict[str, float] = {}


def check_text(text: ListingText, market: Market) -> list[Flag]:
    """Rule flags and QA flags for one localisation, each (rule, field, span) once."""
    flags = evaluate_rules(market.rules, text) + run_qa_checks(text, market)
    return list({(flag.rule, flag.field, flag.span): flag for flag in flags}.values())


def listing_text(target: Localization | LocalizedRecord, market: Market, source: Listing | None,
                 day: date, terms: tuple[GlossaryTerm, ...] = (),
                 confidence_threshold: float = DEFAULT_CONFIDENCE_THRESHOLD,
                 profile: SellerProfile | None = None) -> ListingText:
    """What rules and checks read of a localisation for `market`; `source` is the seller's
    listing, when known; `profile` what the seller states beside it."""
    fields = text_fields(target.title, target.description, bullets=target.bullets, keywords=target.keywords,
                         colors=target.colors)
    source_fields = {} if source is None else text_fields(
        source.title, source.description, bullets=source.bullets, keywords=source.keywords, colors=source.colors)
    category = target.category or (source.category if source else None)
    return ListingText(
        sku=target.sku, market=market.code, target_lang=market.language, fields=fields,
        source_lang=_source_lang(target, source), source=source_fields, category=category,
        brand=target.brand or (source.brand if source else None), day=day, terms=terms,
        confidence=target.field_confidence, confidence_threshold=confidence_threshold,
        seller_facts=profile.facts(market.code, category) if profile else frozenset(),
        low_value_tokens=tuple(profile.low_value_tokens) if profile else (),
    )


def _source_lang(target: Localization | LocalizedRecord, source: Listing | None) -> str | None:
    if source is None:
        return None
    try:
        return target.source_lang or source_language(source)
    except DetectionError:
        return None
