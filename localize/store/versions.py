"""One listing per seller and SKU, with versions: a submission that changes the source is a new
version of the same listing, one that changes nothing is a no-op, and the localisations of the
listing follow its newest version (an approved one becomes `stale` until a reviewer approves the
new text, with the source's changes beside it)."""

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from localize.listing import Listing
from localize.review.rules.text import text_fields
from localize.store import models

Changes = dict[str, list[Any]]  # field -> [before, after]; None where the field was absent


def listing_data(listing: Listing) -> dict[str, Any]:
    """The listing as stored: the input contract's JSON, without the fields it leaves out."""
    return listing.model_dump(mode="json", exclude_none=True)


def current_versions(session: Session, seller_id: int, skus: Iterable[str]) -> dict[str, models.Listing]:
    """The newest version of each of the seller's listings with these SKUs."""
    wanted = list(dict.fromkeys(skus))
    current: dict[str, models.Listing] = {}
    for start in range(0, len(wanted), 500):  # SQL parameter limits
        for row in session.scalars(select(models.Listing).where(
                models.Listing.seller_id == seller_id, models.Listing.sku.in_(wanted[start : start + 500]))
                .order_by(models.Listing.version)):
            current[row.sku] = row
    return current


def localized_markets(session: Session, listing_ids: Sequence[str]) -> dict[str, set[str]]:
    """The markets each of these listing versions has a localisation for."""
    markets: dict[str, set[str]] = {listing_id: set() for listing_id in listing_ids}
    for start in range(0, len(listing_ids), 500):
        for listing_id, market in session.execute(select(
                models.Localization.listing_id, models.Localization.market).where(
                models.Localization.listing_id.in_(listing_ids[start : start + 500]))):
            markets[listing_id].add(market)
    return markets


def is_unchanged(current: models.Listing | None, listing: Listing, markets: Iterable[str],
                 localized: set[str]) -> bool:
    """Whether submitting `listing` for `markets` would change nothing: the same source, already
    localised for each of the markets."""
    return current is not None and current.data == listing_data(listing) and set(markets) <= localized


def add_version(session: Session, seller_id: int, listing: Listing, markets: Sequence[str],
                current: models.Listing | None, batch_id: str | None = None, position: int = 0) -> models.Listing:
    """Store `listing` as the next version of the seller's listing of its SKU (the first when
    `current` is None); the version before it is marked superseded."""
    row = models.Listing(seller_id=seller_id, batch_id=batch_id, position=position, sku=listing.sku,
                         markets=list(markets), data=listing_data(listing),
                         version=current.version + 1 if current else 1)
    session.add(row)
    session.flush()
    row.first_id = (current.first_id or current.id) if current else row.id
    if current is not None:
        current.superseded_at = datetime.now(UTC)
    return row


def versions(session: Session, seller_id: int, first_id: str) -> list[models.Listing]:
    """Every version of one of the seller's listings, oldest first."""
    return list(session.scalars(select(models.Listing).where(
        models.Listing.seller_id == seller_id, models.Listing.first_id == first_id).order_by(models.Listing.version)))


def source_changes(before: dict[str, Any], after: dict[str, Any]) -> Changes:
    """What the seller changed between two versions of a listing: text by field and list item
    (`title`, `bullets[2]`), any other field (`price`, `weight`) as a whole."""
    changes: Changes = {}
    texts_before, texts_after = _texts(before), _texts(after)
    for name in dict.fromkeys([*texts_before, *texts_after]):
        old, new = texts_before.get(name), texts_after.get(name)
        if (old or "") != (new or ""):
            changes[name] = [old, new]
    text_keys = {"title", "description", "bullets", "keywords", "colors"}
    for name in dict.fromkeys([*before, *after]):
        if name not in text_keys and before.get(name) != after.get(name):
            changes[name] = [before.get(name), after.get(name)]
    return changes


def _texts(data: dict[str, Any]) -> dict[str, str]:
    fields = text_fields(data.get("title", ""), data.get("description", ""), bullets=data.get("bullets", []),
                         keywords=data.get("keywords", []), colors=data.get("colors", []))
    return {name: value for name, value in fields.items() if value}


def merge_changes(earlier: Changes | None, later: Changes) -> Changes:
    """Changes since the text was approved: the first `before` and the last `after` of each field,
    and none where the seller changed it back."""
    merged = dict(earlier or {})
    for name, (before, after) in later.items():
        first = merged[name][0] if name in merged else before
        merged[name] = [first, after]
        if (first or "") == (after or ""):
            del merged[name]
    return merged
