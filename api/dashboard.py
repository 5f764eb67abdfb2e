"""`/review/dashboard`: the overview of a batch (or of all) in the reviewer's markets: progress per
market, what is ready and what still needs review, the rules flagging what waits (a chart drawn on
the server, with a table for screen readers), and the items that have waited longest."""

from datetime import timedelta
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from api.batches_page import recent_batches
from api.charts import flags_chart
from api.deps import KnownMarkets, db, reviewer_scope
from api.errors import ApiError
from api.web import Page, page, render
from localize.markets import market_code
from localize.store.overview import OTHER_RULES, overview

router = APIRouter(prefix="/review", include_in_schema=False)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, known: KnownMarkets,
              batch: str | None = Query(None, max_length=64, pattern=r"^[^\x00]*$"),
              market: str | None = Query(None, max_length=10), current: Page = Depends(page),
              session: Session = Depends(db)) -> HTMLResponse:
    markets = [code for code in known if current.reviewer.may_review(code)]
    chosen_market = market_code(market) if market else None
    if chosen_market and chosen_market not in markets:
        raise ApiError(404, f"no market {chosen_market!r} in your queue", field="market")
    batch = batch or None
    found = overview(session, reviewer_scope(current.reviewer), batch_id=batch, market=chosen_market)

    def queue_link(rule: str, flagged_market: str) -> str | None:
        """The queue's items pending review that the rule flags (the "other rules" lead nowhere)."""
        if rule == OTHER_RULES:
            return None
        filters = {"market": flagged_market, "status": "pending_review", "rule": rule}
        if batch:
            filters["batch"] = batch
        return "/review?" + urlencode(filters)

    return render(request, "dashboard.html", page=current, overview=found, batches=recent_batches(session, current),
                  batch=batch, market=chosen_market, markets=markets, chart=flags_chart(found.flags, queue_link),
                  waited=waited)


def waited(duration: timedelta) -> str:
    """A wait as people say it, to the minute: "3 d 4 h", "2 h 5 min", "7 min"."""
    minutes = int(duration.total_seconds() // 60)
    days, minutes = divmod(max(minutes, 0), 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h"
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"
