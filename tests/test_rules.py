"""Market rules: every rule of every market fires on its examples and stays silent on the
look-alikes its data gives; the matching a linguist expects; rule files validated on load."""


import pytest

from localize.markets import load_markets
from localize.rules import RULE_KINDS, Example, evaluate_rules, example_text
from localize.settings import get_settings

RULES = get_settings().market_rules
MARKETS = load_markets(RULES)


def _lang(example: Example | str, default: str) -> str:
    return default if isinstance(example, str) else (example.lang or default)


def _cases(outcome: str) -> list:
    cases = []
    for market in MARKETS.values():
        for rule in market.rules:
            for i, example in enumerate(getattr(rule.examples, outcome)):
                if _lang(example, market.language) == market.language:
                    cases.append(pytest.param(market.code, rule.id, example, id=f"{market.code}-{rule.id}-{i}"))
    return cases


def fired(code: str, example: Example | str) -> dict[str, list]:
    market = MARKETS[code]
    flags = evaluate_rules(market.rules, example_text(example, code, market.language))
    by_rule: dict[str, list] = {}
    for flag in flags:
        by_rule.setdefault(flag.rule, []).append(flag)
    return by_rule


@pytest.mark.parametrize(("code", "rule_id", "example"), _cases("fires"))
def test_rule_fires_on_its_examples(code: str, rule_id: str, example: Example | str) -> None:
    assert rule_id in fired(code, example)


@pytest.mark.parametrize(("code", "rule_id", "example"), _cases("silent"))
def test_rule_is_silent_on_look_alikes(code: str, rule_id: str, example: Example | str) -> None:
    assert rule_id not in fired(code, example)


@pytest.mark.parametrize("code", sorted(MARKETS))
def test_every_market_carries_substantial_rules_with_examples_in_its_language(code: str) -> None:
    market = MARKETS[code]
    kinds = {rule.kind for rule in market.rules}
    assert len(market.rules) >= 8 and len(kinds) >= 5, (len(market.rules), kinds)
    for rule in market.rules:
        for outcome in ("fires", "silent"):
            langs = {_lang(example, market.language) for example in getattr(rule.examples, outcome)}
            assert market.language in langs, f"{rule.id}: no {outcome} example in {market.language}"


def test_every_rule_kind_is_used_by_some_market() -> None:
    used = {rule.kind for market in MARKETS.values() for rule in market.rules}
    assert used == set(RULE_KINDS)
