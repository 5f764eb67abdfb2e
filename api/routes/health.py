"""`/healthz`: the process answers, and whether the store and the broker (when there is one) do."""

from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from kombu.connection import Connection
from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from api.deps import SessionDep, SettingsDep

router = APIRouter(tags=["health"])
Reachable = Literal["ok", "unavailable"]


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    store: Reachable
    broker: Reachable | Literal["none"] = Field(description="`none`: no broker configured; batches run in the "
                                                            "server's own worker thread")


@router.get("/healthz", response_model=Health, summary="Liveness, store and broker reachability",
            responses={503: {"model": Health, "description": "The store or the broker does not answer"}})
def healthz(session: SessionDep, settings: SettingsDep) -> JSONResponse:
    try:
        session.execute(text("SELECT 1"))
        store: Reachable = "ok"
    except SQLAlchemyError:
        store = "unavailable"
    broker = broker_health(settings.broker_url) if settings.broker_url else "none"
    up = store == "ok" and broker != "unavailable"
    health = Health(status="ok" if up else "unavailable", store=store, broker=broker)
    return JSONResponse(health.model_dump(), status_code=200 if up else 503)


def broker_health(url: str) -> Reachable:
    try:
        with Connection(url, connect_timeout=1, transport_options={"socket_timeout": 1}) as connection:
            connection.ensure_connection(max_retries=1, timeout=1)
    except Exception:  # noqa: BLE001 (any failure to reach it is the answer, not an error of ours)
        return "unavailable"
    return "ok"
