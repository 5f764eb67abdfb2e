"""Who may do what: sellers and their API keys, reviewers and admins with passwords, web sessions.

Passwords are hashed with argon2; API keys and session tokens are long random strings, so a
SHA-256 of each is enough to look them up without keeping them."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from localize.store.models import AccountEvent, ApiKey, Seller, User, WebSession

ROLES = ("reviewer", "admin")
KEY_ROLES = ("submit", "approve")  # approve: may also approve through the API (and teach the seller's memory)
KEY_PREFIX = "lk_"
SESSION_HOURS = 12
_HASHER = PasswordHasher()


class AccountError(ValueError):
    """A user, seller or key cannot be created or found as asked."""


@dataclass(frozen=True)
class Reviewer:
    """A signed-in user, as the web queue sees them."""

    id: int
    username: str
    role: str
    markets: tuple[str, ...]

    def may_review(self, market: str) -> bool:
        return self.role == "admin" or market in self.markets


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(session: Session, username: str, password: str, role: str, markets: list[str]) -> User:
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < 8:
        raise AccountError("the password must have at least 8 characters")
    if session.scalar(select(User).where(User.username == username)):
        raise AccountError(f"user {username!r} exists")
    user = User(username=username, password_hash=_HASHER.hash(password), role=role, markets=sorted(markets))
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, username: str, password: str) -> None:
    """A new password; every session of the user ends and any lockout is lifted."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise AccountError(f"no user {username!r}")
    user.password_hash = _HASHER.hash(password)
    user.failed_logins, user.locked_until = 0, None
    _end_sessions(session, user)
    session.add(AccountEvent(username=username, action="password-changed"))


@dataclass(frozen=True)
class Lockout:
    """How many failed sign-ins in a row lock an account, and for how long."""

    attempts: int = 5
    minutes: int = 15


@dataclass(frozen=True)
class SignIn:
    user: User | None
    locked_until: datetime | None = None  # set when the account is locked (now or already)


def sign_in(session: Session, username: str, password: str, address: str | None, lockout: Lockout) -> SignIn:
    """Check a password with the lockout: `lockout.attempts` failures in a row lock the account for
    `lockout.minutes` (a locked account is refused even with the right password); each failure and
    each lockout is written to the accounts' audit."""
    user = session.scalar(select(User).where(User.username == username))
    now = datetime.now(UTC)
    if user is not None and user.locked_until is not None and aware(user.locked_until) > now:
        _HASHER.hash(password)  # the same work as a check: a locked account answers no faster
        session.add(AccountEvent(username=username[:100], action="login-refused", address=address,
                                 detail="locked"))
        return SignIn(None, aware(user.locked_until))
    checked = check_password(session, username, password)
    if checked is not None:
        checked.failed_logins, checked.locked_until = 0, None
        return SignIn(checked)
    session.add(AccountEvent(username=username[:100], action="login-failed", address=address))
    if user is None:
        return SignIn(None)
    user.failed_logins += 1
    if user.failed_logins < lockout.attempts:
        return SignIn(None)
    user.failed_logins, user.locked_until = 0, now + timedelta(minutes=lockout.minutes)
    session.add(AccountEvent(username=username, action="locked", address=address,
                             detail=f"{lockout.attempts} failed sign-ins in a row; locked for {lockout.minutes} min"))
    return SignIn(None, user.locked_until)


def check_password(session: Session, username: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        _HASHER.hash(password)  # the same work as a real check: no timing hint that the name is unknown
        return None
    try:
        _HASHER.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    return user


def seller_named(session: Session, name: str, create: bool = False) -> Seller:
    seller = session.scalar(select(Seller).where(Seller.name == name))
    if seller is None:
        if not create:
            raise AccountError(f"no seller {name!r}")
        seller = Seller(name=name)
        session.add(seller)
        session.flush()
    return seller


def create_api_key(session: Session, seller_name: str, label: str = "", role: str = "submit") -> str:
    """A new key for the seller (created if new); the key is shown once and only its hash is kept."""
    if role not in KEY_ROLES:
        raise AccountError(f"a key's role must be one of {', '.join(KEY_ROLES)}")
    seller = seller_named(session, seller_name, create=True)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiKey(seller_id=seller.id, prefix=key[:10], key_hash=token_hash(key), label=label, role=role))
    session.flush()
    return key


def key_holder(session: Session, key: str) -> tuple[Seller, str] | None:
    """The seller an active key acts for, and the key's role."""
    api_key = session.scalar(select(ApiKey).where(ApiKey.key_hash == token_hash(key), ApiKey.revoked_at.is_(None)))
    seller = session.get(Seller, api_key.seller_id) if api_key else None
    return (seller, api_key.role) if seller is not None and api_key is not None else None


def revoke_api_key(session: Session, prefix: str) -> int:
    keys = session.scalars(select(ApiKey).where(ApiKey.prefix == prefix, ApiKey.revoked_at.is_(None))).all()
    for key in keys:
        key.revoked_at = datetime.now(UTC)
    return len(keys)


def start_session(session: Session, user: User) -> tuple[str, str]:
    """A new web session: (token for the cookie, CSRF token for the forms)."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(WebSession(token_hash=token_hash(token), user_id=user.id, csrf_token=csrf,
                           expires_at=datetime.now(UTC) + timedelta(hours=SESSION_HOURS)))
    return token, csrf


def session_user(session: Session, token: str) -> tuple[Reviewer, str] | None:
    """The reviewer and CSRF token of a live session, or None."""
    web = session.scalar(select(WebSession).where(WebSession.token_hash == token_hash(token)))
    if web is None or aware(web.expires_at) < datetime.now(UTC):
        return None
    user = session.get(User, web.user_id)
    if user is None:
        return None
    return Reviewer(user.id, user.username, user.role, tuple(user.markets)), web.csrf_token


def end_session(session: Session, token: str) -> None:
    web = session.scalar(select(WebSession).where(WebSession.token_hash == token_hash(token)))
    if web is not None:
        session.delete(web)


def aware(moment: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def change_password(session: Session, username: str, password: str) -> None:
    """A new password for an existing user, held to the rule a new user's is."""
    if len(password) < 8:
        raise AccountError("the password must have at least 8 characters")
    set_password(session, username, password)


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def remove_user(session: Session, username: str) -> None:
    """Delete a user and end their web sessions; what they reviewed keeps their name."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise AccountError(f"no user {username!r}")
    _end_sessions(session, user)
    session.flush()  # the sessions go before the user they point at
    session.delete(user)
    session.add(AccountEvent(username=username, action="removed"))


def _end_sessions(session: Session, user: User) -> None:
    for web in session.scalars(select(WebSession).where(WebSession.user_id == user.id)):
        session.delete(web)


def list_api_keys(session: Session, seller_name: str | None = None) -> list[tuple[ApiKey, str]]:
    """Every key (or one seller's) with its seller's name, oldest first; only the prefix identifies a key."""
    query = select(ApiKey, Seller.name).join(Seller, Seller.id == ApiKey.seller_id).order_by(ApiKey.id)
    if seller_name is not None:
        query = query.where(ApiKey.seller_id == seller_named(session, seller_name).id)
    return [(key, name) for key, name in session.execute(query)]


def account_events(session: Session, username: str | None = None, limit: int = 50) -> list[AccountEvent]:
    """The newest entries of the accounts' audit (one user's, or everyone's), newest first."""
    query = select(AccountEvent).order_by(AccountEvent.id.desc()).limit(limit)
    if username is not None:
        query = query.where(AccountEvent.username == username)
    return list(session.scalars(query))
