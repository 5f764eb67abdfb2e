"""`/v1/memory`: search the translation memory for a sentence, as reviewers are offered matches."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from api.deps import CurrentSeller, LocalizerDep, SessionDep, SettingsDep
from api.responses import errors, send
from api.schemas.terms import MemorySearch, MemorySharing
from localize.mt.engines import LanguagePair
from localize.mt.glossary import enforcement
from localize.store.models import Seller
from localize.store.terms import run_glossary
from localize.text.protect import protector_for

router = APIRouter(prefix="/v1/memory", tags=["memory"])
Language = Annotated[str, Query(pattern=r"^[a-z]{2}$", description="ISO 639-1")]


@router.get("", response_model=MemorySearch, responses=errors(401, 422),
            summary="Search the translation memory: exact and fuzzy matches with their score")
def search_memory(current: CurrentSeller, settings: SettingsDep, localizer: LocalizerDep,
                  q: Annotated[str, Query(min_length=1, max_length=2000)], source_lang: Language,
                  target_lang: Language, threshold: Annotated[float | None, Query(ge=0, le=100)] = None,
                  limit: Annotated[int, Query(ge=1, le=50)] = 10) -> JSONResponse:
    """`q` is source text as a listing has it; it is protected like a listing (numbers, codes, the
    glossary's terms) before matching, so those do not lower the score."""
    pair = LanguagePair(source_lang, target_lang)
    with localizer.sessions() as session:
        glossary = run_glossary(session, settings.glossaries)
    terms = enforcement(glossary, source_lang, target_lang, [""], current.name)  # terms of every market
    protected = protector_for(terms=terms.protected, any_case=terms.case_insensitive).protect(q)
    if threshold is None:
        threshold = settings.memory_threshold
    suggestions = localizer.memory.for_seller(current).suggest(pair, protected.text, threshold, limit)
    return send({"query": protected.text, "items": [s.__dict__ for s in suggestions]})


@router.get("/sharing", response_model=MemorySharing, responses=errors(401),
            summary="Whether you share the memory's shared layer (opt-in)")
def read_sharing(current: CurrentSeller) -> MemorySharing:
    return MemorySharing(shared=current.shares_memory)


@router.put("/sharing", response_model=MemorySharing, responses=errors(400, 401, 413, 422),
            summary="Opt in to (or out of) the shared memory layer",
            description="Your own memory (what your approvals taught) is never read by another seller. Sharing "
                        "adds the layer that reviewers' approvals of sharing sellers' items feed.")
def set_sharing(body: MemorySharing, current: CurrentSeller, session: SessionDep) -> MemorySharing:
    session.get_one(Seller, current.id).shares_memory = body.shared
    session.commit()
    return body
