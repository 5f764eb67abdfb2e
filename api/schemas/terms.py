"""Glossary terms and translation-memory matches: the JSON of `/v1/glossary` and `/v1/memory`."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from localize.markets import MarketCode
from localize.mt.glossary import GlossaryTerm

LANG = r"^([a-z]{2}|\*)$"


class TermCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source_lang: str = Field(pattern=LANG)
    target_lang: str = Field(pattern=LANG)
    source: str = Field(min_length=1, max_length=200)
    target: str = Field(default="", max_length=200)
    market: MarketCode | None = None
    do_not_translate: bool = False
    case_sensitive: bool = False
    note: str = Field(default="", max_length=1000)


class GlossaryTermPublic(GlossaryTerm):
    """A term as the glossary holds it, with where it comes from."""

    id: int | None = Field(description="the stored term's id (for DELETE); null for a term of a shipped file")
    origin: Literal["file", "store"] = Field(description="`file`: shipped in `glossaries/`; `store`: added")


class GlossaryPublic(BaseModel):
    total: int
    items: list[GlossaryTermPublic]


class MemoryMatch(BaseModel):
    source: str = Field(description="the stored source sentence, in protected form")
    target: str = Field(description="its approved translation, in protected form")
    score: float = Field(ge=0, le=100, description="rapidfuzz ratio against the query, 0-100")
    origin: str = Field(description="how it came in: `review` (an approval) or `import` (a TMX file)")


class MemorySearch(BaseModel):
    query: str = Field(description="`q` as it was matched: protected like a listing")
    items: list[MemoryMatch] = Field(description="the best first")


class MemorySharing(BaseModel):
    model_config = ConfigDict(extra="forbid")

    shared: StrictBool = Field(description="true: read the shared memory layer (reviewers' approvals) and let "
                                           "reviewers' approvals of your items feed it; false (the default): your "
                                           "memory is yours alone")
