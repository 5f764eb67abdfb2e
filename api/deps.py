"""Request dependencies: the store session, the seller behind an API key, the reviewer behind a
session cookie."""

import secrets
from collections.abc import Iterator

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from api.errors import ApiError
from localize.store.accounts import Reviewer, seller_for_key, session_user
from localize.store.models import Seller
from localize.store.queue import Scope

SESSION_COOKIE = "localize_session"


def db(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def seller(request: Request) -> Seller:
    """The seller whose API key is in `Authorization: Bearer ...`; 401 without a valid one.

    Looked up in a session of its own, closed at once: a request that then waits its turn for MT
    must not hold a pooled connection meanwhile (40 waiting submissions would drain the pool and
    starve the one localising)."""
    header = request.headers.get("authorization", "")
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise ApiError(401, "send your API key as 'Authorization: Bearer <key>'", field="Authorization",
                       headers={"WWW-Authenticate": "Bearer"})
    with request.app.state.sessions() as session:
        found = seller_for_key(session, key.strip())
    if found is None:
        raise ApiError(401, "the API key is not valid", field="Authorization", headers={"WWW-Authenticate": "Bearer"})
    return found


def seller_scope(current: Seller = Depends(seller)) -> Scope:
    return Scope(seller_id=current.id)


def current_reviewer(request: Request, session: Session) -> tuple[Reviewer, str] | None:
    token = request.cookies.get(SESSION_COOKIE)
    return session_user(session, token) if token else None


def reviewer_scope(reviewer: Reviewer) -> Scope:
    return Scope(markets=None if reviewer.role == "admin" else reviewer.markets)


def csrf_ok(expected: str, given: str | None) -> bool:
    return bool(given) and secrets.compare_digest(expected, given)
