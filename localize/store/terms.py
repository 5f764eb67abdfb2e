"""Glossary terms in the store, and the glossary a run uses: the files in `glossaries/` plus the
terms imported or added through the API."""

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from localize.mt.glossary import GlossaryTerm, load_glossary_folder
from localize.store.accounts import seller_named
from localize.store.models import GlossaryEntry, Seller


def _term(entry: GlossaryEntry, seller: str | None) -> GlossaryTerm:
    return GlossaryTerm(source_lang=entry.source_lang, target_lang=entry.target_lang, source=entry.source,
                        target=entry.target, market=entry.market, seller=seller,
                        do_not_translate=entry.do_not_translate, case_sensitive=entry.case_sensitive, note=entry.note)


def stored_terms(session: Session, seller_id: int | None = None, only_seller: bool = False
                 ) -> list[tuple[int, GlossaryTerm]]:
    """(id, term) of the stored terms: all of them; or, for a seller, the global ones and theirs
    (`only_seller`: theirs alone)."""
    statement = select(GlossaryEntry, Seller.name).outerjoin(Seller, GlossaryEntry.seller_id == Seller.id)
    if seller_id is not None:
        mine = GlossaryEntry.seller_id == seller_id
        statement = statement.where(mine if only_seller else (mine | GlossaryEntry.seller_id.is_(None)))
    return [(entry.id, _term(entry, name)) for entry, name in session.execute(statement.order_by(GlossaryEntry.id))]


def add_terms(session: Session, terms: Iterable[GlossaryTerm]) -> list[GlossaryEntry]:
    entries = []
    for term in terms:
        seller_id = seller_named(session, term.seller, create=True).id if term.seller else None
        entry = GlossaryEntry(seller_id=seller_id, source_lang=term.source_lang, target_lang=term.target_lang,
                              source=term.source, target=term.target, market=term.market,
                              do_not_translate=term.do_not_translate, case_sensitive=term.case_sensitive,
                              note=term.note)
        session.add(entry)
        entries.append(entry)
    session.flush()
    return entries


def delete_term(session: Session, term_id: int, seller_id: int | None) -> bool:
    """Delete a stored term; a seller may delete only their own."""
    entry = session.get(GlossaryEntry, term_id)
    if entry is None or (seller_id is not None and entry.seller_id != seller_id):
        return False
    session.delete(entry)
    return True


def run_glossary(session: Session, folder: Path) -> list[GlossaryTerm]:
    """Everything a localisation run may apply (scopes are applied per listing and market)."""
    return load_glossary_folder(folder) + [term for _, term in stored_terms(session)]
