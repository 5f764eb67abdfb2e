"""`/healthz`: the process answers and the store is reachable."""

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from api.deps import SessionDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: Literal["ok"] = "ok"


@router.get("/healthz", response_model=Health, summary="Liveness and store reachability")
def healthz(session: SessionDep) -> Health:
    session.execute(text("SELECT 1"))
    return Health()
