"""Glossary terms and translation-memory search under /v1, with the same API keys: a seller sees
the global terms and their own, and adds or deletes only their own."""

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.orm import Session

from api.deps import db, seller
from api.errors import ApiError
from localize.markets import MarketCode
from localize.mt.engines import LanguagePair
from localize.mt.glossary import GlossaryTerm, enforcement, load_glossary_folder
from localize.store.models import Seller
from localize.store.terms import add_terms, delete_term, run_glossary, stored_terms
from localize.text.protect import Protector

router = APIRouter(prefix="/v1", tags=["glossary and memory"])
LANG = r"^([a-z]{2}|\*)$"


class NewTerm(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source_lang: str = Field(pattern=LANG)
    target_lang: str = Field(pattern=LANG)
    source: str = Field(min_length=1, max_length=200)
    target: str = Field(default="", max_length=200)
    market: MarketCode | None = None
    do_not_translate: bool = False
    case_sensitive: bool = False
    note: str = Field(default="", max_length=1000)


def _json(term_id: int | None, term: GlossaryTerm, origin: str) -> dict[str, Any]:
    return {"id": term_id, "origin": origin, **term.model_dump()}


@router.get("/glossary", summary="Glossary terms: the shipped ones, the global stored ones and yours")
def list_terms(request: Request, source_lang: str | None = Query(None, pattern=LANG),
               target_lang: str | None = Query(None, pattern=LANG), session: Session = Depends(db),
               current: Seller = Depends(seller)) -> dict[str, Any]:
    items = [_json(None, term, "file") for term in load_glossary_folder(request.app.state.settings.glossaries)]
    items += [_json(term_id, term, "store") for term_id, term in stored_terms(session, current.id)]
    items = [item for item in items if (not source_lang or item["source_lang"] in (source_lang, "*"))
             and (not target_lang or item["target_lang"] in (target_lang, "*"))]
    return {"total": len(items), "items": items}


@router.post("/glossary", status_code=201, summary="Add a term to your glossary")
def add_term(body: NewTerm, session: Session = Depends(db), current: Seller = Depends(seller)) -> dict[str, Any]:
    try:
        term = GlossaryTerm(**body.model_dump(), seller=current.name)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        field = ".".join(str(part) for part in first["loc"]) or "target"
        raise ApiError(422, first["msg"].removeprefix("Value error, "), field=field) from exc
    [entry] = add_terms(session, [term])
    session.commit()
    return _json(entry.id, term, "store")


@router.delete("/glossary/{term_id}", status_code=204, summary="Delete one of your terms")
def remove_term(term_id: int, session: Session = Depends(db), current: Seller = Depends(seller)) -> Response:
    if not delete_term(session, term_id, current.id):
        raise ApiError(404, f"no term {term_id} of yours", field="id")
    session.commit()
    return Response(status_code=204)


@router.get("/memory", summary="Search the translation memory: exact and fuzzy matches with their score")
def search_memory(request: Request, q: str = Query(min_length=1, max_length=2000),
                  source_lang: str = Query(pattern=r"^[a-z]{2}$"), target_lang: str = Query(pattern=r"^[a-z]{2}$"),
                  threshold: float | None = Query(None, ge=0, le=100), limit: int = Query(10, ge=1, le=50),
                  current: Seller = Depends(seller)) -> dict[str, Any]:
    """`q` is source text as a listing has it; it is protected like a listing (numbers, codes, the
    glossary's terms) before matching, so those do not lower the score."""
    pair = LanguagePair(source_lang, target_lang)
    with request.app.state.sessions() as session:
        glossary = run_glossary(session, request.app.state.settings.glossaries)
    terms = enforcement(glossary, source_lang, target_lang, [""], current.name)  # terms of every market
    protected = Protector(terms.protected, case_insensitive=terms.case_insensitive).protect(q)
    if threshold is None:
        threshold = request.app.state.settings.memory_threshold
    suggestions = request.app.state.localizer.memory.suggest(pair, protected.text, threshold, limit)
    return {"query": protected.text, "items": [s.__dict__ for s in suggestions]}
