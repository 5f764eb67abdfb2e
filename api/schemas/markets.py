"""Markets as the API shows them: `/v1/markets` and `/v1/markets/{code}`.

The settings are `localize.markets.Market`'s own fields, taken from it so the two never drift; the
rules are summarised (what fires, how severe, why), not sent with their terms and examples."""

from typing import Any

from pydantic import BaseModel, Field, create_model

from localize.localization import Severity
from localize.markets import Market
from localize.review.rules.kinds import RULE_KINDS


def _market_fields(*leave_out: str) -> dict[str, Any]:
    return {name: (field.annotation, field) for name, field in Market.model_fields.items() if name not in leave_out}


class RuleSummary(BaseModel):
    id: str = Field(examples=["us.claim.made-in-usa"])
    kind: str = Field(description="one of " + ", ".join(f"`{kind}`" for kind in RULE_KINDS))
    severity: Severity
    message: str = Field(description="what the reviewer is told")
    suggestion: str | None = Field(description="what to write or do instead")
    why: str = Field(description="the cultural or legal reason, with a citation")
    categories: list[str] = Field(description="category prefixes it applies to; all if empty")


MarketSummary = create_model(
    "MarketSummary", __doc__="A market's settings, with how many rules it carries.",
    **_market_fields("rules", "include"), rules=(int, Field(description="how many rules the market carries")))

MarketPublic = create_model(
    "MarketPublic", __doc__="A market's settings and its rules, those of the shared sets it includes among them.",
    **_market_fields("rules"), rules=(list[RuleSummary], ...))
