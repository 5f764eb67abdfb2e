"""The reviewers' overview of a batch or of everything they see: progress per market, what still
needs review and how badly, which rules flag the items waiting, and the items that have waited
longest. Counted in the store, within the caller's scope."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlalchemy.orm import Session

from localize.localization import Severity, Status
from localize.store import models
from localize.store.accounts import aware
from localize.store.queue import Filters, Scope, query

TOP_RULES = 15  # rules charted by name; the rest are summed as OTHER_RULES
OTHER_RULES = "other rules"  # not a rule id: ids are dotted lowercase without spaces
SLOWEST = 10
CHUNK = 1000  # localisations read at a time when counting their flags
REVIEWABLE = tuple(status.value for status in Status if status.reviewable)
_COUNTED = {*(status.value for status in Status), "unflagged", "minor", "blocked"}  # MarketProgress's counts


@dataclass(frozen=True)
class MarketProgress:
    """One market's localisations by status, and those still needing review by their worst flag."""

    market: str
    pending_review: int = 0
    stale: int = 0
    approved: int = 0
    rejected: int = 0
    unflagged: int = 0  # needing review, no flags at all
    minor: int = 0  # needing review, the worst flag info or warn
    blocked: int = 0  # needing review, a block flag

    @property
    def total(self) -> int:
        return self.pending_review + self.stale + self.approved + self.rejected

    @property
    def ready(self) -> int:
        return self.approved

    @property
    def needs_review(self) -> int:
        return self.pending_review + self.stale

    @property
    def decided(self) -> int:
        return self.approved + self.rejected

    @property
    def progress(self) -> float:
        """The share decided, 0 to 1 (1 when there is nothing to decide)."""
        return self.decided / self.total if self.total else 1.0


@dataclass(frozen=True)
class FlagTable:
    """Items waiting for review that a rule flags, per rule and market."""

    rules: list[str]  # most items first; OTHER_RULES last where there are more than TOP_RULES
    markets: list[str]
    counts: dict[tuple[str, str], int]  # (rule, market) -> items

    def count(self, rule: str, market: str) -> int:
        return self.counts.get((rule, market), 0)

    def rule_total(self, rule: str) -> int:
        return sum(self.count(rule, market) for market in self.markets)


@dataclass(frozen=True)
class WaitingItem:
    """A localisation waiting for review, and how long since it last changed."""

    id: str
    sku: str
    market: str
    status: str
    severity: str | None
    since: datetime
    waiting: timedelta


@dataclass(frozen=True)
class Overview:
    markets: list[MarketProgress]
    overall: MarketProgress
    flags: FlagTable
    slowest: list[WaitingItem]


def overview(session: Session, scope: Scope, *, batch_id: str | None = None, market: str | None = None,
             now: datetime | None = None) -> Overview:
    """Everything the dashboard shows, for one batch or all, one market or all the scope's."""
    filters = Filters(batch_id=batch_id, market=market)
    markets = market_progress(session, scope, filters)
    return Overview(markets=markets, overall=combined(markets), flags=flags_by_rule(session, scope, filters),
                    slowest=slowest_items(session, scope, filters, now or datetime.now(UTC)))


def market_progress(session: Session, scope: Scope, filters: Filters) -> list[MarketProgress]:
    """Per market, in code order: counted by status and worst flag in one grouped query."""
    table = models.Localization
    grouping = (table.market, table.status, table.severity)
    rows = session.execute(query(scope, filters).with_only_columns(*grouping, func.count()).group_by(*grouping)).all()
    counts: dict[str, Counter[str]] = {}
    for market, status, severity, n in rows:
        tally = counts.setdefault(market, Counter())
        tally[status] += n
        if status in REVIEWABLE:
            tally[_need(severity)] += n
    return [MarketProgress(market, **tally) for market, tally in sorted(counts.items())]


def _need(severity: str | None) -> str:
    if severity is None:
        return "unflagged"
    return "blocked" if severity == Severity.BLOCK.value else "minor"


def combined(markets: Iterable[MarketProgress]) -> MarketProgress:
    """The markets' counts added up, as one row for all of them."""
    totals: Counter[str] = Counter()
    for progress in markets:
        totals.update({name: getattr(progress, name) for name in _COUNTED})
    return MarketProgress("all", **totals)


def flags_by_rule(session: Session, scope: Scope, filters: Filters, top: int = TOP_RULES) -> FlagTable:
    """How many items pending review each rule flags, per market: an item counts once per rule
    however often the rule fires in it, as the queue's rule filter would list it. Read a chunk at a
    time, flagged items only."""
    table = models.Localization
    statement = (query(scope, filters).with_only_columns(table.market, table.data)
                 .where(table.status == Status.PENDING_REVIEW.value, table.severity.is_not(None))
                 .execution_options(yield_per=CHUNK))
    counts: Counter[tuple[str, str]] = Counter()
    for market, data in session.execute(statement):
        counts.update((rule, market) for rule in {flag["rule"] for flag in data.get("flags", [])})
    by_rule: Counter[str] = Counter()
    for (rule, _), n in counts.items():
        by_rule[rule] += n
    ranked = sorted(by_rule, key=lambda rule: (-by_rule[rule], rule))
    named = set(ranked[:top])
    kept: Counter[tuple[str, str]] = Counter()
    for (rule, market), n in counts.items():
        kept[(rule if rule in named else OTHER_RULES, market)] += n
    rules = ranked[:top] + ([OTHER_RULES] if len(ranked) > top else [])
    return FlagTable(rules=rules, markets=sorted({market for _, market in counts}), counts=dict(kept))


def slowest_items(session: Session, scope: Scope, filters: Filters, now: datetime,
                  limit: int = SLOWEST) -> list[WaitingItem]:
    """The items waiting for review that have gone longest without a change, longest first."""
    table = models.Localization
    statement = (query(scope, filters)
                 .with_only_columns(table.id, table.sku, table.market, table.status, table.severity, table.updated_at)
                 .where(table.status.in_(REVIEWABLE))
                 .order_by(table.updated_at, table.created_at, table.id).limit(limit))
    return [WaitingItem(id=id_, sku=sku, market=market, status=status, severity=severity, since=aware(updated),
                        waiting=now - aware(updated))
            for id_, sku, market, status, severity, updated in session.execute(statement)]
