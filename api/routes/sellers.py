"""`/v1/seller/profile`: the facts a seller states once instead of in every listing (the EU
responsible person, WEEE and packaging registration numbers, conformity declarations by
category); a `required` rule they satisfy does not fire on the seller's listings."""

from fastapi import APIRouter
from fastapi.responses import Response

from api.deps import CurrentSeller, SessionDep
from api.errors import ApiError
from api.responses import errors
from localize.seller_profile import SellerProfile
from localize.store.sellers import seller_profile, set_seller_profile

router = APIRouter(prefix="/v1/seller/profile", tags=["seller"])
NONE_YET = "You have no profile (`not_found`)"


@router.get("", response_model=SellerProfile, summary="Your seller profile", responses=errors(401, 404, e404=NONE_YET))
def read_profile(session: SessionDep, current: CurrentSeller) -> SellerProfile:
    profile = seller_profile(session, current.id)
    if profile is None:
        raise ApiError(404, "no profile; PUT /v1/seller/profile sets one", field="profile")
    return profile


@router.put("", response_model=SellerProfile, summary="Set or replace your seller profile",
            description="Listings localised from now on are checked with it: a `required` rule that names a fact "
                        "the profile states (`satisfied_by`) does not fire.",
            responses=errors(400, 401, 413, 422))
def put_profile(body: SellerProfile, session: SessionDep, current: CurrentSeller) -> SellerProfile:
    set_seller_profile(session, current.id, body)
    session.commit()
    return body


@router.delete("", status_code=204, response_class=Response, summary="Remove your seller profile",
               responses=errors(401, 404, e404=NONE_YET))
def delete_profile(session: SessionDep, current: CurrentSeller) -> Response:
    if seller_profile(session, current.id) is None:
        raise ApiError(404, "no profile to remove", field="profile")
    set_seller_profile(session, current.id, None)
    session.commit()
    return Response(status_code=204)
