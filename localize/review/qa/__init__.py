"""QA checks on localised text, run after translation: one registered class per check, with an id,
a name, a description and a severity, the way Weblate declares its checks.

A check reads a `ListingText` (the target fields, and the source fields when known) for a market
and yields flags with the field and the character span. Checks that compare with the source skip
a listing whose source is not known (`localize check` without `--source`). Adding a check is one
class with `@qa_check`.
"""

from localize.localization import Flag
from localize.markets import Market
from localize.review.qa import fidelity, fluency, style  # noqa: F401  (each module registers its checks)
from localize.review.qa.registry import QA_CHECKS, QACheck, qa_check
from localize.review.rules.text import ListingText

__all__ = ["QA_CHECKS", "QACheck", "qa_check", "run_qa_checks"]


def run_qa_checks(text: ListingText, market: Market) -> list[Flag]:
    return [flag for check in QA_CHECKS.values() if text.source or not check.needs_source
            for flag in check().run(text, market)]
