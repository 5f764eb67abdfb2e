"""Market rules (`kinds`, declared in market YAML) and the text they read (`text`)."""

from datetime import date

from localize.localization import Flag
from localize.review.rules.kinds import RULE_KINDS, AnyRule, Example, RuleBase
from localize.review.rules.text import ListingText, text_fields

__all__ = ["RULE_KINDS", "AnyRule", "Example", "ListingText", "RuleBase", "evaluate_rules", "example_text"]


def evaluate_rules(rules: tuple[RuleBase, ...], text: ListingText) -> list[Flag]:
    return [flag for rule in rules for flag in rule.evaluate(text)]


def example_text(example: Example | str, market: str, language: str) -> ListingText:
    """A rule's example as the text rules read, for the rule's own tests and `localize markets`."""
    example = Example(title=example) if isinstance(example, str) else example
    fields = text_fields(example.title, example.description, bullets=example.bullets,
                         keywords=example.keywords, colors=example.colors)
    source = text_fields(example.source_title, example.source_description, bullets=example.source_bullets,
                         colors=example.source_colors) if example.source_lang else {}
    return ListingText(sku="EXAMPLE", market=market, target_lang=example.lang or language, fields=fields,
                       source_lang=example.source_lang, source=source, category=example.category,
                       day=example.day or date.today(), seller_facts=frozenset(example.facts))
