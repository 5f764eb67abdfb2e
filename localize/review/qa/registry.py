"""The QA check registry: one class per check with an id, a name, a description and a severity,
the way Weblate declares its checks; `@qa_check` registers it by id."""

from collections.abc import Iterator
from typing import ClassVar

from localize.localization import Flag, Severity
from localize.markets import Market
from localize.review.rules.text import ListingText

QA_CHECKS: dict[str, "type[QACheck]"] = {}


class QACheck:
    id: ClassVar[str]
    name: ClassVar[str]
    description: ClassVar[str]
    severity: ClassVar[Severity]
    needs_source: ClassVar[bool] = False

    def run(self, text: ListingText, market: Market) -> Iterator[Flag]:
        raise NotImplementedError

    def flag(self, field: str, message: str, suggestion: str | None = None,
             span: tuple[int, int] | None = None, match: str | None = None) -> Flag:
        return Flag(rule=self.id, severity=self.severity, field=field, message=message, suggestion=suggestion,
                    span=span, match=match)


def qa_check(cls: type[QACheck]) -> type[QACheck]:
    QA_CHECKS[cls.id] = cls
    return cls


def source_and_target(text: ListingText, empty_targets: bool = False) -> Iterator[tuple[str, str, str]]:
    """(field, source, target) for each field that has both; a field not translated yet (empty, left
    for a person) only with `empty_targets`: it has nothing to compare, and qa.untranslated says so."""
    for name, target in text.fields.items():
        if name in text.source and (empty_targets or target.strip()):
            yield name, text.source[name], target
