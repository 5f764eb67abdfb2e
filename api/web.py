"""The reviewers' web queue at /review: sign in, filter the queue, open an item, edit, approve or
reject, bulk-approve flag-free items, export. Server-rendered with Jinja2 (autoescaped); every form
carries a CSRF token; a reviewer sees and acts on their own markets only (others are 404)."""

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import InvalidOperation
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode

from babel.numbers import NumberFormatError, parse_decimal
from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from api.deps import SESSION_COOKIE, csrf_ok, current_reviewer, db, reviewer_scope
from api.errors import ApiError
from api.review_text import word_diff
from api.routes.exports import chosen, export_response
from api.segments import segment_edits, segment_rows
from localize.catalog.profiles import DEFAULT_PROFILE, shipped_names
from localize.localization import Localization, Status
from localize.markets import MarketCode, load_markets, market_code
from localize.mt.engines import EngineError
from localize.store import models
from localize.store.accounts import SESSION_HOURS, Lockout, Reviewer, end_session, sign_in, start_session
from localize.store.memory import item_terms, memory_suggestions
from localize.store.prices import set_price
from localize.store.queue import (
    NEEDS,
    SORTS,
    Filters,
    NotFound,
    acknowledgement,
    export_items,
    get_localization,
    history,
    list_localizations,
    open_counts,
    query,
    queue_counts,
    source_listing,
)
from localize.store.review import ReviewError, acknowledgeable, approve, edit, reject

router = APIRouter(prefix="/review", include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
templates.env.filters["acknowledgement"] = acknowledgement  # row | acknowledgement(flag): who let it stand, why
templates.env.tests["acknowledgeable"] = acknowledgeable  # flag is acknowledgeable(row)
LOGIN_COOKIE = "localize_login"
PAGE_SIZE = 50
TRIAGE_LIMIT = 500  # items approved by filter in one request
SEVERITIES = ("block", "warn", "info", "none")
# What approving by filter may leave unacknowledged, by `OPEN_LEVELS`.
OPEN_LABELS = {"none": "no flag", "info": "info flags only", "warn": "warn and info flags"}
STATUSES = ("pending_review", "stale", "approved", "rejected")
SORT_LABELS = {"created": "oldest first", "confidence": "least confident first", "-confidence": "most confident first"}
NOTICES = {"approved": "Approved.", "rejected": "Rejected.", "saved": "Edits saved; rules and checks ran again.",
           "priced": "Price set; it is used for this SKU in this market from now on.", "signed_out": "Signed out.",
           "acknowledged": "Flag acknowledged: approving by filter no longer counts it."}
# Why an action on an item was refused, shown on the item it redirects back to.
REFUSALS = {"blocked": "Not approved: block flags stand (marked below); edit the text so they clear, then approve.",
            "decided": "Nothing done: the item was already approved or rejected.",
            "no-reason": "Not rejected: give a reason for the rejection.",
            "bad-price": "Not a price: write a positive amount such as 2980 or 24.99.",
            "invalid": "Not saved: an edit was not valid (a title cannot be empty).",
            "ack-block": "Not acknowledged: a block flag cannot be; edit the text so it clears.",
            "ack-gone": "Not acknowledged: the flag is no longer on the item.",
            "ack-reason": "Not acknowledged: give a reason (at most 2000 characters)."}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class SignInRequired(Exception):
    pass


@dataclass
class Page:
    reviewer: Reviewer
    csrf: str


def page(request: Request, session: Session = Depends(db)) -> Page:
    found = current_reviewer(request, session)
    if found is None:
        raise SignInRequired
    return Page(*found)


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(request, template, context, status_code=status)
    response.headers.update(SECURITY_HEADERS)
    return response


def redirect(url: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    response.headers.update(SECURITY_HEADERS)
    return response


def require_csrf(current: Page, token: str | None) -> None:
    if not csrf_ok(current.csrf, token):
        raise ApiError(403, "the form is out of date or not from this site; reload the page", field="csrf_token",
                       code="csrf")


# --- signing in and out ---------------------------------------------------------------------------

@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/review") -> HTMLResponse:
    return _login_page(request, next=next)


def _login_page(request: Request, status: int = 200, **context: Any) -> HTMLResponse:
    """The sign-in form with a fresh login token in the form and in its cookie."""
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", status=status, login_token=token,
                      **{**context, "next": _local(context.get("next", "/review"))})
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", path="/review",
                        secure=request.app.state.settings.cookie_secure)
    return response


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, username: str = Form(..., max_length=100), password: str = Form(..., max_length=200),
          login_token: str = Form(""), next: str = Form("/review"), session: Session = Depends(db)) -> Response:
    if not csrf_ok(request.cookies.get(LOGIN_COOKIE, ""), login_token):
        # a fresh token: the form on this page works (the old one may have been replaced by another tab)
        return _login_page(request, status=403, error="The sign-in form expired; please try again.", next=next,
                           username=username)
    settings = request.app.state.settings
    attempt = sign_in(session, username, password, request.client.host if request.client else None,
                      Lockout(settings.login_attempts, settings.lockout_minutes))
    session.commit()
    if attempt.locked_until is not None:
        wait = max(1, int((attempt.locked_until - datetime.now(UTC)).total_seconds()))
        locked = render(request, "login.html", status=429, login_token=login_token, next=_local(next),
                        username=username, error=f"Too many failed sign-ins: this account is locked for "
                        f"{(wait + 59) // 60} more minute(s). An admin can lift it with `localize users passwd`.")
        locked.headers["Retry-After"] = str(wait)
        return locked
    user = attempt.user
    if user is None:
        return render(request, "login.html", status=401, error="Wrong username or password.",
                      login_token=login_token, next=_local(next), username=username)
    token, _ = start_session(session, user)
    session.commit()
    response = redirect(_local(next))
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="lax", path="/",
                        secure=request.app.state.settings.cookie_secure, max_age=SESSION_HOURS * 3600)
    response.delete_cookie(LOGIN_COOKIE, path="/review")
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form(""), current: Page = Depends(page),
           session: Session = Depends(db)) -> Response:
    require_csrf(current, csrf_token)
    end_session(session, request.cookies.get(SESSION_COOKIE, ""))
    session.commit()
    response = redirect("/review/login?" + urlencode({"notice": "signed_out"}))
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


def page_of_form(path: str) -> str:
    """The page a form posted to `path` sits on: an item's actions are on the item's page."""
    match = re.fullmatch(r"(/review/items/[^/]+)/(?:approve|reject|edit|acknowledge)", path)
    return match.group(1) if match else "/review"


def _local(url: str) -> str:
    """Only paths inside the queue: never an open redirect."""
    return url if url == "/review" or url.startswith(("/review/", "/review?")) else "/review"


# --- the queue ------------------------------------------------------------------------------------

def _filters(market: str | None, status: str | None, severity: str | None, batch: str | None, sku: str | None,
             needs: str | None, sort: str | None, page_number: int, *, rule: str | None = None,
             confidence_below: str | None = None, q: str | None = None) -> Filters:
    return Filters(market=market_code(market) if market else None, status=status if status in STATUSES else None,
                   needs=needs if needs in NEEDS else None,
                   severity=severity if severity in SEVERITIES else None, batch_id=batch or None,
                   sku=(sku or "").strip() or None, rule=(rule or "").strip() or None,
                   confidence_below=_percent(confidence_below), q=(q or "").strip() or None,
                   sort=sort if sort in SORTS else "created", limit=PAGE_SIZE, offset=(page_number - 1) * PAGE_SIZE)


def _percent(value: str | None) -> float | None:
    """A confidence as the filter form gives it (0 to 100); None for an empty or an unreadable one."""
    try:
        number = float(value or "")
    except ValueError:
        return None
    return number if 0 <= number <= 100 else None


@router.get("", response_class=HTMLResponse)
def queue(request: Request, market: str | None = Query(None, max_length=10),
          status: str | None = Query("pending_review", max_length=20),
          severity: str | None = Query(None, max_length=10),
          batch: str | None = Query(None, max_length=64, pattern=r"^[^\x00]*$"),
          sku: str | None = Query(None, max_length=200, pattern=r"^[^\x00]*$"),
          needs: str | None = Query(None, max_length=20),
          sort: str | None = Query(None, max_length=20),
          rule: str | None = Query(None, max_length=100, pattern=r"^[^\x00]*$"),
          confidence_below: str | None = Query(None, max_length=20),
          q: str | None = Query(None, max_length=200, pattern=r"^[^\x00]*$"),
          page_number: int = Query(1, alias="page", ge=1, le=100_000), notice: str | None = None,
          current: Page = Depends(page), session: Session = Depends(db)) -> HTMLResponse:
    scope = reviewer_scope(current.reviewer)
    filters = _filters(market, status, severity, batch, sku, needs, sort, page_number, rule=rule,
                       confidence_below=confidence_below, q=q)
    rows, total = list_localizations(session, scope, filters)
    items = [_summary(row) for row in rows]
    params = {"market": market or "", "status": status or "", "severity": severity or "", "batch": batch or "",
              "sku": sku or "", "needs": filters.needs or "", "rule": rule or "",
              "confidence_below": confidence_below or "", "q": q or "", "sort": filters.sort}
    markets = _reviewer_markets(request, current.reviewer)
    return render(request, "queue.html", page=current, items=items, total=total, filters=params,
                  counts=queue_counts(session, scope), markets=markets, statuses=STATUSES, severities=SEVERITIES,
                  export_profiles=shipped_names(), default_profile=DEFAULT_PROFILE,
                  sorts=SORT_LABELS, confidence_threshold=request.app.state.settings.confidence_threshold,
                  page_number=page_number, pages=max(1, -(-total // PAGE_SIZE)), notice=NOTICES.get(notice or ""),
                  bulk_count=_counted(notice, "bulk"), triaged=_counted(notice, "triaged"),
                  triage=open_counts(session, scope, filters), open_labels=OPEN_LABELS, triage_limit=TRIAGE_LIMIT,
                  query_string=urlencode(params))


def _counted(notice: str | None, kind: str) -> int | None:
    """How many items a bulk action (`kind`) approved, from its notice (`bulk:3`)."""
    match = re.fullmatch(rf"{kind}:(\d+)", notice or "")
    return int(match.group(1)) if match else None


def _reviewer_markets(request: Request, reviewer: Reviewer) -> list[str]:
    known = load_markets(request.app.state.settings.market_rules)
    return [code for code in known if reviewer.may_review(code)]


def _summary(row: models.Localization) -> dict[str, Any]:
    flags = row.data.get("flags", [])
    engine = row.data.get("engine", {})
    return {"id": row.id, "sku": row.sku, "market": row.market, "status": row.status, "title": row.data.get("title"),
            "severity": row.severity, "open": row.open_severity, "flags": len(flags), "engine": engine.get("name"),
            "from_memory": engine.get("from_memory", 0), "segments": engine.get("segments", 0),
            "confidence": row.confidence, "created_at": row.created_at}


@router.post("/bulk-approve")
def bulk_approve(request: Request, ids: list[str] = Form(default=[]), csrf_token: str = Form(""),
                 back: str = Form("/review"), current: Page = Depends(page),
                 session: Session = Depends(db)) -> Response:
    """Approve the chosen items that have no flags at all; anything flagged needs its own look."""
    require_csrf(current, csrf_token)
    scope = reviewer_scope(current.reviewer)
    approved = 0
    for localization_id in ids[:PAGE_SIZE]:
        try:
            row = get_localization(session, localization_id, scope)
        except NotFound:
            continue
        if row.status != "pending_review" or row.data.get("flags"):
            continue
        approve(session, row, current.reviewer.username, request.app.state.localizer.market(row.market),
                request.app.state.localizer.memory, comment="bulk approval of a flag-free item", by_reviewer=True)
        approved += 1
    session.commit()
    target = _local(back)
    separator = "&" if "?" in target else "?"
    return redirect(f"{target}{separator}notice=bulk:{approved}")


@router.get("/export")
def export(request: Request, market: Annotated[MarketCode, Query()],
           format: str = Query("csv", pattern="^(csv|jsonl|xlsx)$"), profile: str | None = Query(None, max_length=40),
           current: Page = Depends(page), session: Session = Depends(db)) -> Response:
    export_format, layout = chosen(format, profile)
    if not current.reviewer.may_review(market):
        raise ApiError(404, f"no market {market!r} in your queue", field="market")
    items = export_items(session, reviewer_scope(current.reviewer), market, "approved")
    response = export_response(items, export_format, layout, market, "approved")
    response.headers.update(SECURITY_HEADERS)
    return response


# --- one item -------------------------------------------------------------------------------------

def _item(session: Session, localization_id: str, current: Page) -> models.Localization:
    try:
        return get_localization(session, localization_id, reviewer_scope(current.reviewer))
    except NotFound as exc:
        raise ApiError(404, "no such item in your queue", field="id") from exc


DEFAULT_VIEW = "status=pending_review"  # an item opened from outside the queue: the pending queue around it
MAX_VIEW = 5_000  # items of a view walked for next and previous


@dataclass(frozen=True)
class Navigation:
    """Where the item sits in the queue view it was opened from (its filters and sort, carried as
    `view`): the previous and next items of that view, and the way back to it."""

    view: str
    current: str
    previous: str | None
    next: str | None
    position: int | None
    total: int

    def item_url(self, localization_id: str, **extra: str) -> str:
        return f"/review/items/{localization_id}?" + urlencode({"view": self.view, **extra})

    @property
    def self_url(self) -> str:
        return self.item_url(self.current)

    @property
    def back_url(self) -> str:
        """The item with a machine back-translation of each sentence."""
        return self.item_url(self.current, back="1")

    @property
    def queue_url(self) -> str:
        return "/review?" + self.view

    @property
    def previous_url(self) -> str | None:
        return self.item_url(self.previous) if self.previous else None

    @property
    def next_url(self) -> str | None:
        return self.item_url(self.next) if self.next else None


def view_filters(view: str) -> Filters:
    """The queue filters a view's query string names (as the queue page reads them)."""
    params = dict(parse_qsl(view))
    try:
        market = market_code(params["market"]) if params.get("market") else None
    except ValueError:
        market = None
    return _filters(market, params.get("status", "pending_review"), params.get("severity"), params.get("batch"),
                    params.get("sku"), params.get("needs"), params.get("sort"), 1, rule=params.get("rule"),
                    confidence_below=params.get("confidence_below"), q=params.get("q"))


def navigation(session: Session, row: models.Localization, current: Page, view: str | None) -> Navigation:
    view = view if view is not None and len(view) <= 2_000 else DEFAULT_VIEW
    filters = view_filters(view)
    ids = list(session.scalars(query(reviewer_scope(current.reviewer), filters)
                               .with_only_columns(models.Localization.id)
                               .order_by(*SORTS[filters.sort]).limit(MAX_VIEW)))
    if row.id not in ids:  # outside the view (approved meanwhile, say): its neighbours are the view's ends
        return Navigation(view, row.id, None, ids[0] if ids else None, None, len(ids))
    index = ids.index(row.id)
    return Navigation(view, row.id, ids[index - 1] if index else None,
                      ids[index + 1] if index + 1 < len(ids) else None, index + 1, len(ids))


@router.get("/items/{localization_id}", response_class=HTMLResponse)
def item(request: Request, localization_id: str, notice: str | None = None,
         view: str | None = Query(None, max_length=2_000), back: bool = False, current: Page = Depends(page),
         session: Session = Depends(db)) -> HTMLResponse:
    row = _item(session, localization_id, current)
    message = NOTICES.get(notice or "")
    failed = REFUSALS.get(notice or "")
    return _item_page(request, session, row, current, view, notice=message, error=failed, back=back)


def _item_page(request: Request, session: Session, row: models.Localization, current: Page, view: str | None,
               status: int = 200, notice: str | None = None, error: str | None = None, back: bool = False
               ) -> HTMLResponse:
    localization = Localization.model_validate(row.data)
    listing = source_listing(session, row)
    segments, panel_flags = segment_rows(listing, localization)
    nav = navigation(session, row, current, view)
    events = [{"actor": e.actor, "action": e.action, "comment": e.comment, "at": e.created_at,
               "changes": {name: word_diff(before, after) for name, (before, after) in (e.changes or {}).items()}}
              for e in history(session, row.id)]
    localizer = request.app.state.localizer
    market = localizer.market(row.market)
    reviewable = Status(row.status).reviewable
    suggestions = []
    if reviewable:
        suggestions = memory_suggestions(session, row, market, localizer.memory,
                                         request.app.state.settings.memory_threshold)
    back_translations, back_language, back_error = {}, "", None
    if back:
        try:
            back_language, back_translations = localizer.back_translate(
                {segment.key: segment.target for segment in segments}, localization.target_lang,
                (localization.source_lang, "en"))
        except EngineError as exc:
            back_error = f"No back-translation: {exc}"
    source_changes = {name: word_diff(before, after) for name, (before, after) in (row.source_changes or {}).items()}
    return render(request, "item.html", status=status, page=current, row=row, loc=localization, listing=listing,
                  segments=segments, panel_flags=panel_flags, nav=nav,
                  suggestions=suggestions, source_changes=source_changes, reviewable=reviewable,
                  terms=item_terms(session, row, market, localizer.memory.glossary_folder),
                  back_translations=back_translations, back_language=back_language, back_error=back_error,
                  confidence_threshold=request.app.state.settings.confidence_threshold,
                  market_currency=market.currency,
                  blocking=[f for f in localization.flags if f.severity == "block"], events=events,
                  notice=notice, error=error)


@router.post("/items/{localization_id}/edit", response_class=HTMLResponse)
async def save_edits(request: Request, localization_id: str, current: Page = Depends(page),
                     session: Session = Depends(db)) -> Response:
    return await _act(request, localization_id, current, session, "edit")


@router.post("/items/{localization_id}/approve", response_class=HTMLResponse)
async def approve_item(request: Request, localization_id: str, current: Page = Depends(page),
                       session: Session = Depends(db)) -> Response:
    return await _act(request, localization_id, current, session, "approve")


@router.post("/items/{localization_id}/reject", response_class=HTMLResponse)
async def reject_item(request: Request, localization_id: str, current: Page = Depends(page),
                      session: Session = Depends(db)) -> Response:
    return await _act(request, localization_id, current, session, "reject")


@router.post("/items/{localization_id}/price", response_class=HTMLResponse)
def price_item(request: Request, localization_id: str, amount: str = Form("", max_length=40),
               csrf_token: str = Form(""), view: str = Form("", max_length=2_000), current: Page = Depends(page),
               session: Session = Depends(db)) -> Response:
    """Set the SKU's price for the market by hand: where no rate converts the seller's price."""
    require_csrf(current, csrf_token)
    row = _item(session, localization_id, current)
    nav = navigation(session, row, current, view or DEFAULT_VIEW)
    market = request.app.state.localizer.market(row.market)
    try:
        # As the market writes numbers: "1,480" yen, "24,99" euros.
        value = parse_decimal(amount.strip(), locale=market.locale, strict=True)
        if not value.is_finite() or value <= 0 or value >= 10**12:
            raise InvalidOperation
        set_price(session, row, value, current.reviewer.username, market)
    except (InvalidOperation, NumberFormatError):
        return redirect(nav.item_url(row.id, notice="bad-price"))
    except ReviewError as exc:
        session.rollback()
        return redirect(nav.item_url(row.id, notice=_refusal(exc)))
    session.commit()
    return redirect(nav.item_url(row.id, notice="priced"))


async def _act(request: Request, localization_id: str, current: Page, session: Session, action: str) -> Response:
    """Save, approve or reject, then redirect (post/redirect/get): after a decision to the next item
    of the reviewer's view, after a save back to the item; a refusal back to the item, saying why."""
    form = await request.form()
    require_csrf(current, str(form.get("csrf_token", "")))
    row = _item(session, localization_id, current)
    view = str(form.get("view", "")) or DEFAULT_VIEW
    nav = navigation(session, row, current, view)
    comment = str(form.get("comment", "")).strip()[:2000] or None
    localizer = request.app.state.localizer
    market = localizer.market(row.market)
    try:
        if action in ("edit", "approve"):
            edits = segment_edits(form, Localization.model_validate(row.data))
            edit(session, row, current.reviewer.username, edits, market, comment if action == "edit" else None)
            session.commit()
        if action == "approve":
            approve(session, row, current.reviewer.username, market, localizer.memory, None, comment,
                    by_reviewer=True)
        elif action == "reject":
            reject(session, row, current.reviewer.username, str(form.get("reason", ""))[:2000])
    except ReviewError as exc:
        session.rollback()
        return redirect(nav.item_url(row.id, notice=_refusal(exc)) + "#flags")
    session.commit()
    if action == "edit":
        place = str(form.get("at", ""))
        return redirect(nav.item_url(row.id, notice="saved") + (f"#{place}" if re.fullmatch(r"row-[\w-]{1,200}", place)
                                                                else ""))
    notice = "approved" if action == "approve" else "rejected"
    return redirect(nav.item_url(nav.next, notice=notice) if nav.next else f"{nav.queue_url}&notice={notice}")


def _refusal(exc: ReviewError) -> str:
    """The notice a refused action comes back with (`REFUSALS`)."""
    return {"flags": "blocked", "status": "decided", "reason": "no-reason"}.get(exc.field or "", "invalid")
