"""Reviewing a localisation: edits, acknowledgements, approval and rejection, each in the audit log;
every edit runs the market's rules and the QA checks again, and a `block` flag stops approval until
an edit clears it (a `warn` or `info` flag can be acknowledged instead, with a reason)."""

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.orm import Session

from localize.listing import LIST_FIELDS, TEXT_FIELDS, Listing
from localize.localization import Flag, Localization, Severity, Status
from localize.markets import Market
from localize.pipeline import NO_MODEL
from localize.review.checks import check_text, listing_text
from localize.review.qa import QA_CHECKS
from localize.review.qa.fidelity import awaiting_translation
from localize.review.rules.text import text_fields
from localize.seller_profile import SellerProfile
from localize.settings import get_settings
from localize.store import models
from localize.store.memory import StoreMemory, approval_units
from localize.store.queue import acknowledgement, index_flags, search_text
from localize.store.sellers import seller_profile

EDITABLE = TEXT_FIELDS + LIST_FIELDS  # title, description, bullets, keywords, colors


class ReviewError(ValueError):
    """The action is not allowed in the item's state (approving with a block flag, editing a field
    that does not exist, ...). `field` names what to fix."""

    def __init__(self, message: str, field: str | None = None, flags: Sequence[Flag] = ()):
        super().__init__(message)
        self.field = field
        self.flags = list(flags)


def _rechecked_flags(row: models.Localization, listing: Listing, market: Market, edited: set[str],
                     day: date, profile: SellerProfile | None) -> list[Flag]:
    """Flags for the text as it now stands: rules and QA run again; flags no check re-derives from
    text (size, price) are kept, and a kept-source `qa.placeholder` stays until its field is edited."""
    current = Localization.model_validate(row.data)
    fresh = check_text(listing_text(current, market, listing, current.as_of or day,
                                    confidence_threshold=get_settings().confidence_threshold, profile=profile),
                       market)
    rechecked = {rule.id for rule in market.rules} | set(QA_CHECKS)
    # A missing model's flag stays until the text is all there, and stands for each empty field.
    waiting = any(flag.rule == NO_MODEL for flag in current.flags) and _text_waiting(current, listing)
    kept = [flag for flag in current.flags
            if (flag.rule not in rechecked and (flag.rule != NO_MODEL or waiting))
            or (flag.rule == "qa.placeholder" and flag.field not in edited
                and flag.span is None and "source text was kept" in flag.message)]
    fresh = [flag for flag in fresh if not (waiting and awaiting_translation(flag))]
    unique = {(flag.rule, flag.field, flag.span): flag for flag in kept + fresh}
    return list(unique.values())


def _text_waiting(current: Localization, listing: Listing) -> bool:
    """Whether a field the seller wrote is still empty in the localisation (text left for a person)."""
    target = text_fields(current.title, current.description, bullets=current.bullets, keywords=current.keywords,
                         colors=current.colors)
    source = text_fields(listing.title, listing.description, bullets=listing.bullets, keywords=listing.keywords,
                         colors=listing.colors)
    return any(value.strip() and not target.get(name, "").strip() for name, value in source.items())


def apply_edits(row: models.Localization, edits: dict[str, Any]) -> dict[str, list[Any]]:
    """Change the text fields in `edits`; returns field -> [before, after] for those that changed."""
    changes: dict[str, list[Any]] = {}
    data = dict(row.data)
    for name, value in edits.items():
        if name not in EDITABLE:
            raise ReviewError(f"{name!r} cannot be edited; editable: {', '.join(EDITABLE)}", field=f"edits.{name}")
        if name in LIST_FIELDS:
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ReviewError(f"{name} must be a list of strings", field=f"edits.{name}")
        elif not isinstance(value, str):
            raise ReviewError(f"{name} must be a string", field=f"edits.{name}")
        if name == "title" and not value.strip():
            raise ReviewError("the title cannot be empty", field="edits.title")
        if data.get(name) != value:
            changes[name] = [data.get(name), value]
            data[name] = value
    if changes:
        # The reviewer's words replace the machine's: its confidence no longer speaks for them.
        edited = _edited_fields(changes)
        confidence = {field: value for field, value in data.get("field_confidence", {}).items() if field not in edited}
        data["field_confidence"] = confidence
        data["confidence"] = row.confidence = min(confidence.values()) if confidence else None
    row.data = data
    return changes


def _edited_fields(changes: dict[str, list[Any]]) -> set[str]:
    """Flag field names touched by the changes: `bullets` touches `bullets[0]`, `bullets[1]`, ..."""
    touched = set()
    for name, (before, after) in changes.items():
        if name in LIST_FIELDS:
            touched |= {f"{name}[{i}]" for i in range(max(len(before or []), len(after or [])))}
        else:
            touched.add(name)
    return touched


ACTOR_LENGTH = 100  # the width of reviewed_by


def edit(session: Session, row: models.Localization, actor: str, edits: dict[str, Any], market: Market,
         comment: str | None = None, day: date | None = None) -> dict[str, list[Any]]:
    """Save a reviewer's edits: rules and checks run again on the new text."""
    actor = actor[:ACTOR_LENGTH]
    if not Status(row.status).reviewable:
        raise ReviewError(f"the localisation is {row.status}; only items waiting for review can be edited",
                          field="status")
    changes = apply_edits(row, edits)
    if changes:
        source = session.get_one(models.Listing, row.listing_id).data
        flags = _rechecked_flags(row, Listing.model_validate(source), market, _edited_fields(changes),
                                 day or date.today(), seller_profile(session, row.seller_id))
        row.data = {**row.data, "flags": [flag.model_dump(mode="json") for flag in flags]}
        index_flags(row, flags)
        row.search_text = search_text(source, row.data)
        row.updated_at = datetime.now(UTC)
        session.add(models.ReviewEvent(localization_id=row.id, actor=actor, action="edited", comment=comment,
                                       changes=changes))
    return changes


def approve(session: Session, row: models.Localization, actor: str, market: Market, memory: "StoreMemory",
            edits: dict[str, Any] | None = None, comment: str | None = None, day: date | None = None, *,
            by_reviewer: bool) -> None:
    """Approve, after any edits; refused while a `block` flag stands. The approved sentences enter
    the seller's translation memory; a reviewer's approval (`by_reviewer`) also feeds the shared
    layer when the seller shares it. A seller approving through the API teaches only their own."""
    if not Status(row.status).reviewable:
        raise ReviewError(f"the localisation is already {row.status}", field="status")
    actor = actor[:ACTOR_LENGTH]
    edit(session, row, actor, edits or {}, market, day=day)
    blocking = [Flag.model_validate(flag) for flag in row.data.get("flags", []) if flag["severity"] == "block"]
    if blocking:
        what = "; ".join(f"{flag.rule} in {flag.field}" for flag in blocking)
        raise ReviewError(f"cannot approve while block flags stand ({what}); edit the text so they clear",
                          field="flags", flags=blocking)
    moment = datetime.now(UTC)
    row.status = Status.APPROVED.value
    row.reviewed_by, row.reviewed_at, row.updated_at = actor, moment, moment
    row.source_changes = None  # the text now answers the source as it stands
    row.data = {**row.data, "status": row.status, "reviewed_by": actor, "reviewed_at": moment.isoformat()}
    session.add(models.ReviewEvent(localization_id=row.id, actor=actor, action="approved", comment=comment))
    units = approval_units(session, row, market, memory.glossary_folder)
    memory.learn_in(session, units, actor, seller_id=row.seller_id)
    if by_reviewer and session.get_one(models.Seller, row.seller_id).shares_memory:
        memory.learn_in(session, units, actor, seller_id=None)


MAX_REASON = 2000


def acknowledge(session: Session, row: models.Localization, actor: str, rule: str, field: str, reason: str) -> None:
    """Let the item's `warn` or `info` flags of `rule` in `field` stand, for a reason: approving by
    filter then weighs only the flags left. Never a `block` flag: only an edit clears one. Acknowledging
    again replaces the reason; the audit log keeps each."""
    actor = actor[:ACTOR_LENGTH]
    if not Status(row.status).reviewable:
        raise ReviewError(f"the localisation is {row.status}; only items waiting for review have flags to acknowledge",
                          field="status")
    reason = reason.strip()
    if not reason or len(reason) > MAX_REASON:
        raise ReviewError(f"give a reason for acknowledging the flag (1 to {MAX_REASON} characters)", field="reason")
    flags = Localization.model_validate(row.data).flags
    chosen = [flag for flag in flags if (flag.rule, flag.field) == (rule, field)]
    if not chosen:
        raise ReviewError(f"the item has no {rule!r} flag in {field!r}", field="rule")
    if any(flag.severity == Severity.BLOCK for flag in chosen):
        raise ReviewError(f"{rule} in {field} is a block flag: it cannot be acknowledged; edit the text so it clears",
                          field="flags", flags=chosen)
    moment = datetime.now(UTC)
    matches = sorted({flag.match for flag in chosen}, key=lambda match: match or "")
    row.acknowledgements = [ack for ack in row.acknowledgements if (ack["rule"], ack["field"]) != (rule, field)] + [
        {"rule": rule, "field": field, "match": match, "by": actor, "reason": reason, "at": moment.isoformat()}
        for match in matches]
    index_flags(row, flags)
    row.updated_at = moment
    quoted = ", ".join(f"“{match}”" for match in matches if match)
    session.add(models.ReviewEvent(localization_id=row.id, actor=actor, action="acknowledged",
                                   comment=f"{rule} in {field}{f' ({quoted})' if quoted else ''}: {reason}"))


def acknowledgeable(flag: Flag, row: models.Localization) -> bool:
    """Whether the flag can be acknowledged now: a warn or info flag not yet acknowledged, on an item
    waiting for review."""
    return Status(row.status).reviewable and flag.severity != Severity.BLOCK and acknowledgement(row, flag) is None


def reject(session: Session, row: models.Localization, actor: str, reason: str) -> None:
    actor = actor[:ACTOR_LENGTH]
    if not Status(row.status).reviewable:
        raise ReviewError(f"the localisation is already {row.status}", field="status")
    if not reason.strip():
        raise ReviewError("give a reason for the rejection", field="reason")
    moment = datetime.now(UTC)
    row.status = Status.REJECTED.value
    row.reviewed_by, row.reviewed_at, row.updated_at = actor, moment, moment
    row.data = {**row.data, "status": row.status, "reviewed_by": actor, "reviewed_at": moment.isoformat()}
    session.add(models.ReviewEvent(localization_id=row.id, actor=actor, action="rejected", comment=reason))
