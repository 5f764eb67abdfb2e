"""Triage in the web queue: a reviewer acknowledges a `warn` or `info` flag with a reason, and
approves at once every pending item of a queue view whose flags left unacknowledged are no worse
than a chosen severity. A block flag is never acknowledged: only an edit clears it."""

from dataclasses import replace
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from api.deps import db, reviewer_scope
from api.errors import ApiError
from api.web import OPEN_LABELS, TRIAGE_LIMIT, Page, page, redirect, require_csrf, view_filters
from localize.store.queue import OPEN_LEVELS, SORTS, NotFound, approvable, get_localization
from localize.store.review import ReviewError, acknowledge, approve

router = APIRouter(prefix="/review", include_in_schema=False)
# The notice a refused acknowledgement comes back with (web.REFUSALS), by the `ReviewError`'s field.
REFUSED = {"flags": "ack-block", "rule": "ack-gone", "reason": "ack-reason", "status": "decided"}


@router.post("/items/{localization_id}/acknowledge")
def acknowledge_flag(localization_id: str, rule: str = Form(""), field: str = Form(""), reason: str = Form(""),
                     view: str = Form("", max_length=2_000), csrf_token: str = Form(""),
                     current: Page = Depends(page), session: Session = Depends(db)) -> Response:
    """Acknowledge the item's flags of `rule` in `field`, then back to the item (post/redirect/get),
    with a notice that says what was done or why not."""
    require_csrf(current, csrf_token)
    try:
        row = get_localization(session, localization_id, reviewer_scope(current.reviewer))
    except NotFound as exc:
        raise ApiError(404, "no such item in your queue", field="id") from exc
    try:
        acknowledge(session, row, current.reviewer.username, rule, field, reason)
    except ReviewError as exc:
        session.rollback()
        notice = REFUSED[exc.field or "rule"]
    else:
        session.commit()
        notice = "acknowledged"
    return redirect(f"/review/items/{localization_id}?" + urlencode({"view": view, "notice": notice}) + "#flags")


@router.post("/approve-filtered")
def approve_filtered(request: Request, level: str = Form(""), view: str = Form("", max_length=2_000),
                     csrf_token: str = Form(""), current: Page = Depends(page),
                     session: Session = Depends(db)) -> Response:
    """Approve the pending items of the queue view (`view`: its query string) whose flags left
    unacknowledged are at most `level`, `TRIAGE_LIMIT` at a time, each through `approve` (the memory
    learns, the audit log names the reviewer); then back to the view, saying how many."""
    require_csrf(current, csrf_token)
    if level not in OPEN_LEVELS:
        raise ApiError(422, f"level must be one of {', '.join(OPEN_LEVELS)}", field="level")
    filters = replace(view_filters(view), open_at_most=level)
    rows = session.scalars(approvable(reviewer_scope(current.reviewer), filters).order_by(*SORTS[filters.sort])
                           .limit(TRIAGE_LIMIT)).all()
    localizer = request.app.state.localizer
    for row in rows:
        approve(session, row, current.reviewer.username, localizer.market(row.market), localizer.memory,
                comment=f"approved by filter, leaving {OPEN_LABELS[level]} unacknowledged", by_reviewer=True)
    session.commit()
    return redirect("/review?" + "&".join(part for part in (view, f"notice=triaged:{len(rows)}") if part))
