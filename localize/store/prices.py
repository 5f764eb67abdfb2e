"""Market prices set by hand: a seller's or reviewer's price for a SKU in a market, used instead of
FX for that SKU and market from then on (where no rate converts the seller's price, or a seller
prices a market their own way), recorded in the audit log of every localisation it changes."""

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from localize.adapt.money import FX_MISSING, ManualPrice, manual_price
from localize.localization import Flag, PriceOut, Status
from localize.markets import Market
from localize.store import models
from localize.store.queue import index_flags
from localize.store.review import ReviewError

# Flags about a converted price that a price set by hand answers.
ANSWERED = frozenset({FX_MISSING, "price.fx-stale"})


def price_overrides(session: Session, seller_id: int, skus: Iterable[str]) -> dict[tuple[str, str], ManualPrice]:
    """The prices set by hand for these SKUs of the seller, by (SKU, market)."""
    rows = session.scalars(select(models.PriceOverride).where(models.PriceOverride.seller_id == seller_id,
                                                              models.PriceOverride.sku.in_(set(skus)))).all()
    return {(row.sku, row.market): ManualPrice(Decimal(row.amount), row.set_by) for row in rows}


def set_price(session: Session, row: models.Localization, amount: Decimal, actor: str, market: Market) -> PriceOut:
    """Set the market price of the localisation's SKU by hand: stored for the SKU and market, and
    written into every pending localisation of it, each change in its audit log."""
    if row.status != Status.PENDING_REVIEW.value:
        raise ReviewError(f"the localisation is {row.status}; only pending items can be priced", field="status")
    price = manual_price(amount, market, actor)
    override = session.scalar(select(models.PriceOverride).where(
        models.PriceOverride.seller_id == row.seller_id, models.PriceOverride.sku == row.sku,
        models.PriceOverride.market == row.market))
    if override is None:
        override = models.PriceOverride(seller_id=row.seller_id, sku=row.sku, market=row.market)
        session.add(override)
    override.amount, override.currency, override.set_by = price.amount, price.currency, actor
    pending = session.scalars(select(models.Localization).where(
        models.Localization.seller_id == row.seller_id, models.Localization.sku == row.sku,
        models.Localization.market == row.market,
        models.Localization.status == Status.PENDING_REVIEW.value)).all()
    for localization in pending:
        before = (localization.data.get("price") or {}).get("display")
        flags = [flag for flag in localization.data.get("flags", []) if flag["rule"] not in ANSWERED]
        localization.data = {**localization.data, "price": price.model_dump(mode="json"), "flags": flags}
        index_flags(localization, [Flag.model_validate(flag) for flag in flags])
        session.add(models.ReviewEvent(localization_id=localization.id, actor=actor, action="priced",
                                       changes={"price": [before, price.display]}))
    return price
