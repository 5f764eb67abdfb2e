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
from urllib.parse import urlencode

from babel.numbers import NumberFormatError, parse_decimal
from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import and_, or_
from sqlalchemy.orm import Session

from api.deps import SESSION_COOKIE, csrf_ok, current_reviewer, db, reviewer_scope
from api.errors import ApiError
from api.review_text import at, field_view, word_diff
from api.routes.exports import chosen, export_response
from localize.catalog.profiles import DEFAULT_PROFILE, shipped_names
from localize.listing import LIST_FIELDS
from localize.localization import Localization, Status
from localize.markets import MarketCode, load_markets, market_code
from localize.store import models
from localize.store.accounts import SESSION_HOURS, Lockout, Reviewer, end_session, sign_in, start_session
from localize.store.memory import memory_suggestions
from localize.store.prices import set_price
from localize.store.queue import (
    NEEDS,
    SORTS,
    Filters,
    NotFound,
    export_items,
    get_localization,
    history,
    list_localizations,
    query,
    queue_counts,
    source_listing,
)
from localize.store.review import EDITABLE, ReviewError, approve, edit, reject

router = APIRouter(prefix="/review", include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
LOGIN_COOKIE = "localize_login"
PAGE_SIZE = 50
SEVERITIES = ("block", "warn", "info", "none")
STATUSES = ("pending_review", "stale", "approved", "rejected")
SORT_LABELS = {"created": "oldest first", "confidence": "least confident first", "-confidence": "most confident first"}
NOTICES = {"approved": "Approved.", "rejected": "Rejected.", "saved": "Edits saved; rules and checks ran again.",
           "priced": "Price set; it is used for this SKU in this market from now on.", "signed_out": "Signed out."}
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
    match = re.fullmatch(r"(/review/items/[^/]+)/(?:approve|reject|edit)", path)
    return match.group(1) if match else "/review"


def _local(url: str) -> str:
    """Only paths inside the queue: never an open redirect."""
    return url if url == "/review" or url.startswith(("/review/", "/review?")) else "/review"


# --- the queue ------------------------------------------------------------------------------------

def _filters(market: str | None, status: str | None, severity: str | None, batch: str | None, sku: str | None,
             needs: str | None, sort: str | None, page_number: int) -> Filters:
    return Filters(market=market_code(market) if market else None, status=status if status in STATUSES else None,
                   needs=needs if needs in NEEDS else None,
                   severity=severity if severity in SEVERITIES else None, batch_id=batch or None,
                   sku=(sku or "").strip() or None, sort=sort if sort in SORTS else "created", limit=PAGE_SIZE,
                   offset=(page_number - 1) * PAGE_SIZE)


@router.get("", response_class=HTMLResponse)
def queue(request: Request, market: str | None = Query(None, max_length=10),
          status: str | None = Query("pending_review", max_length=20),
          severity: str | None = Query(None, max_length=10),
          batch: str | None = Query(None, max_length=64, pattern=r"^[^\x00]*$"),
          sku: str | None = Query(None, max_length=200, pattern=r"^[^\x00]*$"),
          needs: str | None = Query(None, max_length=20),
          sort: str | None = Query(None, max_length=20),
          page_number: int = Query(1, alias="page", ge=1, le=100_000), notice: str | None = None,
          current: Page = Depends(page), session: Session = Depends(db)) -> HTMLResponse:
    scope = reviewer_scope(current.reviewer)
    filters = _filters(market, status, severity, batch, sku, needs, sort, page_number)
    rows, total = list_localizations(session, scope, filters)
    items = [_summary(row) for row in rows]
    params = {"market": market or "", "status": status or "", "severity": severity or "", "batch": batch or "",
              "sku": sku or "", "needs": filters.needs or "", "sort": filters.sort}
    markets = _reviewer_markets(request, current.reviewer)
    return render(request, "queue.html", page=current, items=items, total=total, filters=params,
                  counts=queue_counts(session, scope), markets=markets, statuses=STATUSES, severities=SEVERITIES,
                  export_profiles=shipped_names(), default_profile=DEFAULT_PROFILE,
                  sorts=SORT_LABELS, confidence_threshold=request.app.state.settings.confidence_threshold,
                  page_number=page_number, pages=max(1, -(-total // PAGE_SIZE)), notice=NOTICES.get(notice or ""),
                  bulk_count=_bulk_count(notice), query_string=urlencode(params))


def _bulk_count(notice: str | None) -> int | None:
    match = re.fullmatch(r"bulk:(\d+)", notice or "")
    return int(match.group(1)) if match else None


def _reviewer_markets(request: Request, reviewer: Reviewer) -> list[str]:
    known = load_markets(request.app.state.settings.market_rules)
    return [code for code in known if reviewer.may_review(code)]


def _summary(row: models.Localization) -> dict[str, Any]:
    flags = row.data.get("flags", [])
    engine = row.data.get("engine", {})
    return {"id": row.id, "sku": row.sku, "market": row.market, "status": row.status, "title": row.data.get("title"),
            "severity": row.severity, "flags": len(flags), "engine": engine.get("name"),
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


@router.get("/items/{localization_id}", response_class=HTMLResponse)
def item(request: Request, localization_id: str, notice: str | None = None, current: Page = Depends(page),
         session: Session = Depends(db)) -> HTMLResponse:
    row = _item(session, localization_id, current)
    return _item_page(request, session, row, current, notice=NOTICES.get(notice or ""))


def _item_page(request: Request, session: Session, row: models.Localization, current: Page, status: int = 200,
               notice: str | None = None, error: str | None = None, draft: dict[str, Any] | None = None
               ) -> HTMLResponse:
    localization = Localization.model_validate(row.data)
    listing = source_listing(session, row)
    flags = localization.flags
    fields = []
    for name in EDITABLE:
        if name in LIST_FIELDS:
            source_values, target_values = getattr(listing, name), getattr(localization, name)
            for index in range(max(len(source_values), len(target_values))):
                key = f"{name}[{index}]"
                fields.append(field_view(key, at(source_values, index), at(target_values, index), flags))
        else:
            fields.append(field_view(name, getattr(listing, name), getattr(localization, name), flags))
    neighbours = _neighbours(session, row, current)
    events = [{"actor": e.actor, "action": e.action, "comment": e.comment, "at": e.created_at,
               "changes": {name: word_diff(before, after) for name, (before, after) in (e.changes or {}).items()}}
              for e in history(session, row.id)]
    edit_values = draft or {name: getattr(localization, name) for name in EDITABLE}
    localizer = request.app.state.localizer
    suggestions = []
    if Status(row.status).reviewable:
        suggestions = memory_suggestions(session, row, localizer.market(row.market), localizer.memory,
                                         request.app.state.settings.memory_threshold)
    source_changes = {name: word_diff(before, after) for name, (before, after) in (row.source_changes or {}).items()}
    return render(request, "item.html", status=status, page=current, row=row, loc=localization, listing=listing,
                  suggestions=suggestions, source_changes=source_changes, reviewable=Status(row.status).reviewable,
                  fields=[f for f in fields if f["source"] or f["target"]], flags=flags,
                  confidence_threshold=request.app.state.settings.confidence_threshold,
                  market_currency=request.app.state.localizer.market(row.market).currency,
                  listing_flags=[f for f in flags if f.field == "listing" or f.span is None],
                  blocking=[f for f in flags if f.severity == "block"], events=events, neighbours=neighbours,
                  edit_values=edit_values, list_fields=LIST_FIELDS, notice=notice, error=error)


def _neighbours(session: Session, row: models.Localization, current: Page) -> dict[str, str | None]:
    """The previous and next pending items of the reviewer's queue (in queue order), for the `j`
    and `k` keys and for where to go after approving or rejecting."""
    pending = query(reviewer_scope(current.reviewer), Filters(status="pending_review"))
    table = models.Localization
    after = or_(table.created_at > row.created_at, and_(table.created_at == row.created_at, table.id > row.id))
    before = or_(table.created_at < row.created_at, and_(table.created_at == row.created_at, table.id < row.id))
    following = session.scalar(pending.with_only_columns(table.id).where(after)
                               .order_by(table.created_at, table.id).limit(1))
    previous = session.scalar(pending.with_only_columns(table.id).where(before)
                              .order_by(table.created_at.desc(), table.id.desc()).limit(1))
    return {"previous": previous, "next": following}


async def _edits(request: Request) -> dict[str, Any]:
    """The edit form's fields: text fields as they are, list fields one item per line."""
    form = await request.form()
    edits: dict[str, Any] = {}
    for name in EDITABLE:
        if name not in form:
            continue
        value = str(form[name]).replace("\r\n", "\n")
        edits[name] = [line.strip() for line in value.split("\n") if line.strip()] if name in LIST_FIELDS else value
    return edits


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
               csrf_token: str = Form(""), current: Page = Depends(page), session: Session = Depends(db)) -> Response:
    """Set the SKU's price for the market by hand: where no rate converts the seller's price."""
    require_csrf(current, csrf_token)
    row = _item(session, localization_id, current)
    market = request.app.state.localizer.market(row.market)
    try:
        # As the market writes numbers: "1,480" yen, "24,99" euros.
        value = parse_decimal(amount.strip(), locale=market.locale, strict=True)
        if not value.is_finite() or value <= 0 or value >= 10**12:
            raise InvalidOperation
        set_price(session, row, value, current.reviewer.username, market)
    except (InvalidOperation, NumberFormatError):
        return _item_page(request, session, row, current, status=422,
                          error=f"{amount!r} is not a price: write a positive amount such as 2980 or 24.99")
    except ReviewError as exc:
        session.rollback()
        return _item_page(request, session, _item(session, localization_id, current), current, status=409,
                          error=str(exc))
    session.commit()
    return redirect(f"/review/items/{row.id}?notice=priced")


async def _act(request: Request, localization_id: str, current: Page, session: Session, action: str) -> Response:
    form = await request.form()
    require_csrf(current, str(form.get("csrf_token", "")))
    row = _item(session, localization_id, current)
    edits = await _edits(request)
    comment = str(form.get("comment", "")).strip()[:2000] or None
    localizer = request.app.state.localizer
    try:
        if action == "edit":
            edit(session, row, current.reviewer.username, edits, localizer.market(row.market), comment)
        elif action == "approve":
            approve(session, row, current.reviewer.username, localizer.market(row.market), localizer.memory, edits,
                    comment, by_reviewer=True)
        else:
            reject(session, row, current.reviewer.username, str(form.get("reason", ""))[:2000])
    except ReviewError as exc:
        session.rollback()
        row = _item(session, localization_id, current)
        draft = {**{name: row.data.get(name) for name in EDITABLE}, **edits}
        return _item_page(request, session, row, current, status=409, error=str(exc), draft=draft)
    session.commit()
    if action == "edit":
        return redirect(f"/review/items/{row.id}?notice=saved")
    following = _neighbours(session, row, current)["next"]
    notice = "approved" if action == "approve" else "rejected"
    return redirect(f"/review/items/{following}?notice={notice}" if following else f"/review?notice={notice}")
