"""The store's tables (SQLAlchemy 2). Alembic migrations in `migrations/` create them; the models
here are what the code reads and writes."""

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, String, Text, UniqueConstraint, false, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, column_property, mapped_column


def now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, list[str]: JSON, datetime: DateTime(timezone=True)}


class Seller(Base):
    __tablename__ = "sellers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Opt-in: read the shared memory layer (reviewers' approvals) and let reviewers' approvals of
    # this seller's items feed it. Off, the seller's memory is theirs alone.
    shares_memory: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The seller's profile (`localize.seller_profile.SellerProfile`): facts that satisfy `required` rules.
    profile: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=now)


class User(Base):
    """A person who signs in to the web queue: a reviewer for some markets, or an admin."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # reviewer | admin
    markets: Mapped[list[str]] = mapped_column(default=list)
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")  # in a row; reset by a success
    locked_until: Mapped[datetime | None] = mapped_column(default=None)  # sign-in refused until then
    created_at: Mapped[datetime] = mapped_column(default=now)


class AccountEvent(Base):
    """The accounts' audit: failed sign-ins, lockouts, password changes, removals."""

    __tablename__ = "account_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), index=True)
    action: Mapped[str] = mapped_column(String(30))  # login-failed | locked | password-changed | removed
    address: Mapped[str | None] = mapped_column(String(64), default=None)  # the client's, where there is one
    detail: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(default=now)


class ApiKey(Base):
    """A seller's API key; only its SHA-256 is kept (keys are long random strings, not passwords)."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"))
    prefix: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(20), default="submit", server_default="submit")  # submit | approve
    created_at: Mapped[datetime] = mapped_column(default=now)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class WebSession(Base):
    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=now)
    expires_at: Mapped[datetime]


class Batch(Base):
    __tablename__ = "batches"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"))
    filename: Mapped[str] = mapped_column(String(300))
    markets: Mapped[list[str]] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued | running | done | failed
    total: Mapped[int] = mapped_column(default=0)  # listings accepted into the batch
    processed: Mapped[int] = mapped_column(default=0)  # listings whose localisations are all stored
    rejected: Mapped[list[str]] = mapped_column(default=list)  # "file:line: field: reason" of unusable rows
    unchanged: Mapped[int] = mapped_column(default=0, server_default="0")  # rows whose SKU's source was already there
    failures: Mapped[list[Any]] = mapped_column(default=list)  # listings that could not be localised
    error: Mapped[str | None] = mapped_column(Text, default=None)
    as_of: Mapped[date | None] = mapped_column(default=None)  # rates and calendar rules of this day; None: today
    created_at: Mapped[datetime] = mapped_column(default=now)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)


class Listing(Base):
    """One version of a seller's listing: a seller has one listing per SKU, and each submission that
    changes its source is a new version (`version` 1, 2, ...) sharing the first version's id."""

    __tablename__ = "listings"
    __table_args__ = (Index("ix_listings_seller_sku", "seller_id", "sku", "version"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    batch_id: Mapped[str | None] = mapped_column(ForeignKey("batches.id"), index=True, default=None)
    position: Mapped[int] = mapped_column(default=0)  # order in its batch
    sku: Mapped[str] = mapped_column(String(200))
    markets: Mapped[list[str]] = mapped_column()
    data: Mapped[dict[str, Any]] = mapped_column()  # the listing as submitted (input contract)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    first_id: Mapped[str | None] = mapped_column(String(32), default=None)  # the listing's id: its first version's
    superseded_at: Mapped[datetime | None] = mapped_column(default=None)  # when a newer version arrived
    created_at: Mapped[datetime] = mapped_column(default=now)


class Localization(Base):
    __tablename__ = "localizations"
    __table_args__ = (
        UniqueConstraint("listing_id", "market"),  # a resumed batch never stores one twice
        Index("ix_localizations_queue", "market", "status"),
        Index("ix_localizations_confidence", "market", "status", "confidence"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    listing_id: Mapped[str] = mapped_column(ForeignKey("listings.id"))
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), index=True)
    batch_id: Mapped[str | None] = mapped_column(ForeignKey("batches.id"), index=True, default=None)
    sku: Mapped[str] = mapped_column(String(200), index=True)
    market: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default="pending_review")
    severity: Mapped[str | None] = mapped_column(String(10), default=None)  # the worst flag's, for filters
    confidence: Mapped[float | None] = mapped_column(Float, default=None)  # the lowest field confidence, for sorting
    needs_translation: Mapped[bool] = mapped_column(default=False, server_default=false())  # no model: a person's
    needs_price: Mapped[bool] = mapped_column(default=False, server_default=false())  # no FX rate: a person's
    data: Mapped[dict[str, Any]] = mapped_column()  # the localisation (output contract)
    # The seller's edits since the text was last approved: source field -> [before, after].
    source_changes: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    # Warn and info flags a reviewer let stand, each {rule, field, match, by, reason, at}; one lasts
    # while a flag of its rule, field and match does.
    acknowledgements: Mapped[list[Any]] = mapped_column(default=list, server_default=text("'[]'"))
    open_severity: Mapped[str | None] = mapped_column(String(10), default=None)  # the worst flag not acknowledged
    flag_rules: Mapped[str] = mapped_column(Text, default="", server_default="")  # " rule.a rule.b ", for LIKE
    # The source's and the target's text, casefolded, for search (JSON keeps non-ASCII escaped).
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now)
    reviewed_by: Mapped[str | None] = mapped_column(String(100), default=None)
    reviewed_at: Mapped[datetime | None] = mapped_column(default=None)
    # The listing it belongs to as the API names it (the first version's id), and the version it follows.
    listing_first_id: Mapped[str | None] = column_property(
        select(Listing.first_id).where(Listing.id == listing_id).correlate_except(Listing).scalar_subquery())
    listing_version: Mapped[int] = column_property(
        select(Listing.version).where(Listing.id == listing_id).correlate_except(Listing).scalar_subquery())


class ReviewEvent(Base):
    """The audit log: every review action, with what it changed."""

    __tablename__ = "review_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    localization_id: Mapped[str] = mapped_column(ForeignKey("localizations.id"), index=True)
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(20))  # created | edited | acknowledged | approved | rejected | ...
    comment: Mapped[str | None] = mapped_column(Text, default=None)
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)  # field -> [before, after]
    created_at: Mapped[datetime] = mapped_column(default=now)


class MemoryEntry(Base):
    """A translation unit: a protected source segment and its approved translation, per language pair,
    in one seller's memory or in the shared layer (`seller_id` None)."""

    __tablename__ = "memory_entries"
    __table_args__ = (
        Index("uq_memory_entries_seller", "seller_id", "source_lang", "target_lang", "source_key", unique=True),
        Index("uq_memory_entries_shared", "source_lang", "target_lang", "source_key", unique=True,
              sqlite_where=text("seller_id IS NULL"), postgresql_where=text("seller_id IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id"), default=None)
    source_lang: Mapped[str] = mapped_column(String(10))
    target_lang: Mapped[str] = mapped_column(String(10))
    source_key: Mapped[str] = mapped_column(String(64))  # SHA-256 of the normalised source: indexes any length
    source_text: Mapped[str] = mapped_column(Text)
    target_text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(20), default="review")  # review | import
    created_by: Mapped[str | None] = mapped_column(String(120), default=None)
    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now)


class GlossaryEntry(Base):
    """A glossary term kept in the store (imported, or added through the API); the files in
    `glossaries/` are read beside these."""

    __tablename__ = "glossary_terms"
    __table_args__ = (Index("ix_glossary_terms_languages", "source_lang", "target_lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id"), default=None)  # None: every seller
    source_lang: Mapped[str] = mapped_column(String(5))
    target_lang: Mapped[str] = mapped_column(String(5))
    source: Mapped[str] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(String(200), default="")
    market: Mapped[str | None] = mapped_column(String(10), default=None)
    do_not_translate: Mapped[bool] = mapped_column(default=False)
    case_sensitive: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=now)


class PriceOverride(Base):
    """A market price set by hand for one of a seller's SKUs: used instead of FX from then on."""

    __tablename__ = "price_overrides"
    __table_args__ = (UniqueConstraint("seller_id", "sku", "market"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"))
    sku: Mapped[str] = mapped_column(String(200))
    market: Mapped[str] = mapped_column(String(10))
    amount: Mapped[str] = mapped_column(String(40))  # a decimal, in the market's currency
    currency: Mapped[str] = mapped_column(String(3))
    set_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=now)


class Webhook(Base):
    """Where a seller wants batch events POSTed, and the secret they are signed with."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("sellers.id"), unique=True)
    url: Mapped[str] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=now)
