"""`/v1/glossary`: the terms a seller's listings are translated with. A seller sees the shipped and
global terms and their own, and adds or deletes only their own."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError

from api.deps import CurrentSeller, SessionDep, SettingsDep
from api.errors import ApiError
from api.responses import errors, send
from api.schemas.terms import LANG, GlossaryPublic, GlossaryTermPublic, TermCreate
from localize.mt.glossary import GlossaryTerm, load_glossary_folder
from localize.store.terms import add_terms, delete_term, stored_terms

router = APIRouter(prefix="/v1/glossary", tags=["glossary"])
Language = Annotated[str | None, Query(pattern=LANG, description="ISO 639-1, or `*`")]


def public(term_id: int | None, term: GlossaryTerm, origin: str) -> dict[str, Any]:
    """A term with where it comes from (`GlossaryTermPublic`)."""
    return {"id": term_id, "origin": origin, **term.model_dump()}


def _speaks(language: str | None, term_language: str) -> bool:
    return not language or term_language in (language, "*")


@router.get("", response_model=GlossaryPublic, summary="Glossary terms: the shipped ones, the global stored ones "
            "and yours", responses=errors(401, 422))
def list_terms(session: SessionDep, current: CurrentSeller, settings: SettingsDep,
               source_lang: Language = None, target_lang: Language = None) -> JSONResponse:
    items = [public(None, term, "file") for term in load_glossary_folder(settings.glossaries)]
    items += [public(term_id, term, "store") for term_id, term in stored_terms(session, current.id)]
    items = [item for item in items
             if _speaks(source_lang, item["source_lang"]) and _speaks(target_lang, item["target_lang"])]
    return send({"total": len(items), "items": items})


@router.post("", status_code=201, response_model=GlossaryTermPublic, summary="Add a term to your glossary",
             responses=errors(400, 401, 413, 422))
def add_term(body: TermCreate, session: SessionDep, current: CurrentSeller) -> JSONResponse:
    try:
        term = GlossaryTerm(**body.model_dump(), seller=current.name)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        field = ".".join(str(part) for part in first["loc"]) or "target"
        raise ApiError(422, first["msg"].removeprefix("Value error, "), field=field) from exc
    [entry] = add_terms(session, [term])
    session.commit()
    return send(public(entry.id, term, "store"), status_code=201)


@router.delete("/{term_id}", status_code=204, response_class=Response, summary="Delete one of your terms",
               responses=errors(401, 404, 422, e404="No term of that id among yours (`not_found`)",
                                e422="The id is not a number in range (`invalid`)"))
def remove_term(term_id: Annotated[int, Path(ge=1, le=2**31 - 1, description="a term's id")], session: SessionDep,
                current: CurrentSeller) -> Response:
    if not delete_term(session, term_id, current.id):
        raise ApiError(404, f"no term {term_id} of yours", field="id")
    session.commit()
    return Response(status_code=204)
