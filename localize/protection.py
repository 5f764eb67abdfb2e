"""What is protected in a listing and how each protected span comes back for a market: the one
place the pipeline (when translating) and the review queue (when an approval teaches the memory)
both take it from, so the two always agree."""

from collections.abc import Callable

from localize.adapt.quantities import quantity_adapter
from localize.listing import Listing
from localize.markets import Market
from localize.mt.glossary import NO_TERMS, Enforcement
from localize.text.protect import Protector, protector_for


def listing_protector(listing: Listing | None, terms: Enforcement = NO_TERMS) -> Protector:
    """A listing's SKU and brand and the glossary terms its target language keeps (none without a
    listing: a text on its own)."""
    return protector_for(listing.sku if listing else None, listing.brand if listing else None,
                         terms.protected, terms.case_insensitive)


def restore_adapter(market: Market, terms: Enforcement = NO_TERMS) -> Callable[[str], str]:
    """What restoring a protected span does for `market`: a glossary term becomes the market's
    term, a quantity its units, anything else stays as it was."""
    quantity = quantity_adapter(market)

    def adapt(span: str) -> str:
        term = terms.output(market.code, span)
        return term if term is not None else quantity(span)

    return adapt
