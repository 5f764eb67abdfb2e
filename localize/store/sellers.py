"""Sellers' profiles in the store: the facts that satisfy `required` rules."""

from sqlalchemy.orm import Session

from localize.seller_profile import SellerProfile
from localize.store import models


def seller_profile(session: Session, seller_id: int) -> SellerProfile | None:
    """The seller's profile; None when they have not set one."""
    stored = session.get_one(models.Seller, seller_id).profile
    return SellerProfile.model_validate(stored) if stored else None


def set_seller_profile(session: Session, seller_id: int, profile: SellerProfile | None) -> None:
    """Replace the seller's profile (None clears it). Localisations made before keep their flags
    until they are localised again or edited."""
    seller = session.get_one(models.Seller, seller_id)
    seller.profile = profile.model_dump(mode="json", exclude_defaults=True) if profile else None
