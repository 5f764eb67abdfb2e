"""Request dependencies, and their `Annotated` aliases so a route's signature reads as its contract:
the store session, the seller behind an API key, the reviewer behind a session cookie, the app's
settings, localizer and batch worker, the markets."""

import secrets
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from api.errors import ApiError
from localize.markets import Market, load_markets, market_code, unknown_market
from localize.settings import Settings
from localize.store.accounts import Reviewer, key_holder, session_user
from localize.store.models import Seller
from localize.store.queue import Scope
from localize.store.service import BatchWorker, Localizer

SESSION_COOKIE = "localize_session"
CHALLENGE = {"WWW-Authenticate": "Bearer"}

# Documents the key in /openapi.json; a missing or malformed one is answered below, in the API's error shape.
api_key = HTTPBearer(scheme_name="APIKey", bearerFormat="API key", auto_error=False,
                     description="`Authorization: Bearer <key>`; `localize keys create --seller NAME` prints one")


def db(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def settings(request: Request) -> Settings:
    found: Settings = request.app.state.settings
    return found


def localizer(request: Request) -> Localizer:
    found: Localizer = request.app.state.localizer
    return found


def worker(request: Request) -> BatchWorker | None:
    found: BatchWorker | None = request.app.state.worker
    return found


def known_markets(current: Annotated[Settings, Depends(settings)]) -> dict[str, Market]:
    return load_markets(current.market_rules)


def seller(request: Request,
           credentials: Annotated[HTTPAuthorizationCredentials | None, Security(api_key)]) -> Seller:
    """The seller whose API key is in `Authorization: Bearer ...`; 401 without a valid one.

    Looked up in a session of its own, closed at once: a request that then waits its turn for MT
    must not hold a pooled connection meanwhile (40 waiting submissions would drain the pool and
    starve the one localising)."""
    if credentials is None:
        raise ApiError(401, "send your API key as 'Authorization: Bearer <key>'", field="Authorization",
                       headers=CHALLENGE)
    with request.app.state.sessions() as session:
        found = key_holder(session, credentials.credentials)
    if found is None:
        raise ApiError(401, "the API key is not valid", field="Authorization", headers=CHALLENGE)
    request.state.key_role = found[1]
    return found[0]


def approving_seller(request: Request, current: Annotated[Seller, Depends(seller)]) -> Seller:
    """The seller, if their key has the `approve` role: approving teaches the seller's memory, so
    it is a role given on purpose (`localize keys create --role approve`), not any key's right."""
    if request.state.key_role != "approve":
        raise ApiError(403, "this API key may not approve; a key created with --role approve may",
                       field="Authorization")
    return current


def seller_scope(current: Annotated[Seller, Depends(seller)]) -> Scope:
    return Scope(seller_id=current.id)


SessionDep = Annotated[Session, Depends(db)]
SettingsDep = Annotated[Settings, Depends(settings)]
LocalizerDep = Annotated[Localizer, Depends(localizer)]
WorkerDep = Annotated[BatchWorker | None, Depends(worker)]
KnownMarkets = Annotated[dict[str, Market], Depends(known_markets)]
CurrentSeller = Annotated[Seller, Depends(seller)]
ApprovingSeller = Annotated[Seller, Depends(approving_seller)]
SellerScope = Annotated[Scope, Depends(seller_scope)]


def markets_by_code(known: dict[str, Market], codes: list[str], field: str = "markets") -> list[Market]:
    """The markets named, as people type them (`de-de`, `de_DE`), each once; a 422 naming the first
    unknown one. Called in a route's body, so a request that is invalid anyway says so first."""
    for code in codes:
        if market_code(code) not in known:
            raise ApiError(422, unknown_market(code, known), field=field)
    return [known[code] for code in dict.fromkeys(market_code(code) for code in codes)]


def current_reviewer(request: Request, session: Session) -> tuple[Reviewer, str] | None:
    token = request.cookies.get(SESSION_COOKIE)
    return session_user(session, token) if token else None


def reviewer_scope(reviewer: Reviewer) -> Scope:
    return Scope(markets=None if reviewer.role == "admin" else reviewer.markets)


def csrf_ok(expected: str, given: str | None) -> bool:
    return bool(given) and secrets.compare_digest(expected, given or "")
