"""`/v1/markets`: the markets, their settings and their rules. Open to all: no key needed."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import KnownMarkets
from api.errors import ApiError
from api.responses import errors, send
from api.schemas.markets import MarketPublic, MarketSummary
from localize.markets import Market, market_code, unknown_market

router = APIRouter(prefix="/v1/markets", tags=["markets"])


def summary(market: Market) -> dict[str, Any]:
    """A market's settings with the number of its rules (`MarketSummary`)."""
    return {**market.model_dump(mode="json", exclude={"rules", "include"}), "rules": len(market.rules)}


def public(market: Market) -> dict[str, Any]:
    """A market's settings with a summary of each rule (`MarketPublic`)."""
    data = market.model_dump(mode="json", exclude={"rules"})
    data["rules"] = [{"id": r.id, "kind": r.kind, "severity": r.severity.value, "message": r.message,
                      "suggestion": r.suggestion, "why": r.why, "categories": list(r.categories)} for r in market.rules]
    return data


@router.get("", response_model=list[MarketSummary], summary="The markets and their settings")
def list_markets(known: KnownMarkets) -> JSONResponse:
    return send([summary(market) for market in known.values()])


@router.get("/{code}", response_model=MarketPublic, summary="One market's settings and rules",
            responses=errors(404, e404="No market of that code (`not_found`); the message names the likely ones"))
def read_market(code: str, known: KnownMarkets) -> JSONResponse:
    if market_code(code) not in known:
        raise ApiError(404, unknown_market(code, known), field="code")
    return send(public(known[market_code(code)]))
