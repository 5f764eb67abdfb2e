"""Market rules: every rule of every market fires on its examples and stays silent on the
look-alikes its data gives; the matching a linguist expects; rule files validated on load."""


import shutil
from datetime import date
from pathlib import Path

import pytest

from localize.markets import MarketError, load_markets
from localize.review.rules import RULE_KINDS, Example, ListingText, evaluate_rules, example_text
from localize.review.rules.kinds import ColourRule, count_regex
from localize.review.rules.matching import TermMatcher
from localize.review.rules.text import text_fields
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


@pytest.mark.parametrize(
    ("lang", "term", "matches", "misses"),
    [
        ("en", "green", ["Green hat", "two greens"], ["greenhouse", "evergreen"]),
        ("en", "eco-friendly", ["eco friendly bag", "Eco-Friendly"], ["eco-friendlyish"]),
        ("de", "umweltfreundlich", ["umweltfreundliche Flasche", "Umweltfreundlichen"], ["umweltfreundlichkeit"]),
        ("de", "weiß", ["weiße Box", "in Weiß"], ["Weißwein", "weißlich"]),
        ("de", "*wein", ["Weißwein", "Rotwein", "Wein"], ["Weinberg"]),
        ("fr", "vert", ["chapeau vert", "robe verte", "verts", "vertes"], ["vertical", "ouvert"]),
        ("es", "blanco", ["blanca", "blancos", "Blancas"], ["blanquear", "emblanco"]),
        ("it", "bianco", ["bianca", "bianchi", "bianche"], ["biancheria"]),
        ("pt", "roxo", ["roxa", "roxos"], ["roxinho"]),
        ("ru", "белый", ["белая", "белого", "белым", "белые"], ["белка", "бельё"]),
        ("pl", "biały", ["biała", "białego", "białym"], ["białko"]),
        ("ar", "خمر", ["الخمر", "والخمر", "خمر"], ["خمرية"]),
        ("ko", "흰색", ["흰색의 상자", "흰색"], ["하얀흰색"]),
        ("ja", "白", ["白いギフト"], ["黒いギフト"]),
        ("en", "knife", ["kitchen knives", "a knife's edge"], ["knifepoint"]),
        ("en", "FDA approved", ["FDA-approved", "FDA approved"], ["FDA approval"]),
        ("en", "%", ["100% cotton"], ["per cent"]),
        ("nl", "klimaatneutraal", ["Klimaatneutrale rugzak", "klimaatneutraal"], ["klimaatneutraliteit"]),
        ("pt", "sustentável", ["produtos sustentáveis"], ["sustentabilidade"]),
        ("pt", "promoção", ["promoções"], ["promocional"]),
        ("ar", "خمر", ["للخمر", "خَمر", "خمــر"], ["مخمر"]),
        ("ar", "بيرة", ["بيره", "البيرة"], ["بيروت"]),
        ("ru", "чёрный", ["черный", "чёрная", "черными"], ["чернила"]),
        ("pl", "leczy", ["leczy", "leczą"], ["lecz także"]),
        ("pl", "chryzantema", ["bukiet chryzantem", "chryzantemy"], ["chryzantemowy"]),
        ("ko", "KC", ["KC 인증", "인증KC"], ["KCAL 200"]),
        ("ja", "PSE", ["PSE認証済み"], ["PSEUDO"]),
    ],
)
def test_terms_match_like_a_linguist_expects(lang: str, term: str, matches: list[str], misses: list[str]) -> None:
    matcher = TermMatcher({lang: [term]})
    for text in matches:
        assert matcher.search(text, lang), text
    for text in misses:
        assert not matcher.search(text, lang), text


@pytest.mark.parametrize(
    ("lang", "phrase", "spelled", "matches", "misses"),
    [
        ("en", "pack of {n}", ("four",), ["Pack of 4", "pack of four"], ["pack of 14", "pack of 4.5", "pack of 40"]),
        ("ja", "{n}枚組", ("四",), ["タオル4枚組", "四枚組"], ["十四枚組", "14枚組"]),
        ("zh", "{n}入", ("四",), ["四入禮盒"], ["十四入", "二十四入"]),
        ("ko", "{n}매", ("네",), ["호텔수건4매 선물세트", "4매"], ["14매", "4매입니다만"]),
    ],
)
def test_counts_match_the_number_and_not_a_bigger_one(lang: str, phrase: str, spelled: tuple[str, ...],
                                                      matches: list[str], misses: list[str]) -> None:
    regex = count_regex((phrase,), 4, spelled, lang)
    for text in matches:
        assert regex.search(text), text
    for text in misses:
        assert not regex.search(text), text


def test_span_points_into_the_stored_field_even_inside_html() -> None:
    rule = ColourRule(id="t.colour", kind="colour", severity="warn", message="m", why="a reason of length",
                      colours={"en": ["white"]}, examples={"fires": ["white"], "silent": ["black"]})
    text = ListingText(sku="A", market="en-US", target_lang="en", fields=text_fields(
        "Mug", '<p class="white">A <b>white</b> mug</p>', colors=["White"]))
    flags = rule.evaluate(text)
    # The "white" inside the tag's attribute is not text; the one in <b> is.
    assert [(f.field, f.span, f.match) for f in flags] == [("description", (22, 27), "white"),
                                                           ("colors[0]", (0, 5), "White")]


def _market_dir(tmp_path: Path, rules_yaml: str) -> Path:
    shutil.copytree(RULES / "sizes", tmp_path / "sizes")
    shutil.copytree(RULES / "shared", tmp_path / "shared")
    base = (RULES / "ja-JP.yaml").read_text(encoding="utf-8").split("\nrules:")[0]
    (tmp_path / "ja-JP.yaml").write_text(base + "\n" + rules_yaml, encoding="utf-8")
    return tmp_path


COMMON = "message: m, examples: {fires: [a], silent: [b]}"
WHY = "why: long enough reason"


@pytest.mark.parametrize(
    ("rules_yaml", "message"),
    [
        (f"rules:\n  - {{id: x, kind: omen, severity: warn, {WHY}, {COMMON}}}",
         r"ja-JP.yaml: rules.0: Input tag 'omen' found using 'kind' does not match any of the expected tags"),
        (f"rules:\n  - {{id: x, kind: colour, severity: warn, colours: {{ja: [白]}}, {COMMON}}}",
         r"ja-JP.yaml: rules.0.colour.why: Field required"),
        (f"rules:\n  - {{id: x, kind: colour, severity: fatal, {WHY}, colours: {{ja: [白]}}, {COMMON}}}",
         r"ja-JP.yaml: rules.0.colour.severity: Input should be 'info', 'warn' or 'block'"),
        (f"rules:\n  - {{id: x, kind: number, severity: warn, number: 4, counts: {{ja: [個]}}, {WHY}, {COMMON}}}",
         r"ja-JP.yaml: rules.0.number.counts: ja: '個' has no \{n\} for the number"),
        (f"rules:\n  - {{id: x, kind: taboo, severity: warn, terms: {{ja: ['re:[abc']}}, {WHY}, {COMMON}}}",
         r"ja-JP.yaml: rules.0.taboo.terms.ja.0: invalid regular expression 're:\[abc'"),
        ("include: [asean]\n", r"ja-JP.yaml: include: no shared rule set shared/asean.yaml"),
        (f"include: [eu]\nrules:\n  - {{id: eu.required.weee, kind: required, severity: warn, any_of: {{ja: [x]}}, "
         f"{WHY}, {COMMON}}}", r"ja-JP.yaml: rules: the id 'eu.required.weee' is used twice"),
    ],
)
def test_invalid_rules_name_the_file_and_the_path(tmp_path: Path, rules_yaml: str, message: str) -> None:
    with pytest.raises(MarketError, match=message):
        load_markets(_market_dir(tmp_path, rules_yaml))


def test_invalid_shared_rule_set_names_its_file(tmp_path: Path) -> None:
    folder = _market_dir(tmp_path, "include: [eu]\n")
    (folder / "shared" / "eu.yaml").write_text("description: x\nrules:\n  - {id: Bad Id}\n", encoding="utf-8")
    with pytest.raises(MarketError, match=r"shared/eu.yaml: rules.0: Unable to extract tag using discriminator 'kind'"):
        load_markets(folder)


def test_calendar_rule_fires_only_in_its_window() -> None:
    [rule] = [r for r in MARKETS["ja-JP"].rules if r.id == "ja.calendar.gift-seasons"]
    for day, fires in [(date(2026, 11, 10), False), (date(2026, 11, 11), True), (date(2026, 12, 20), True),
                       (date(2026, 12, 21), False)]:
        text = ListingText(sku="A", market="ja-JP", target_lang="ja", fields=text_fields("タオルギフト"), day=day)
        assert bool(rule.evaluate(text)) is fires, day


SOURCE_VOCABULARY = {"colour": "colours", "taboo": "terms", "claim": "terms", "number": "counts"}


def _source_only(example: Example | str, lang: str) -> bool:
    """An example of a listing no model translated: the seller's text in `lang`, no target text."""
    return (isinstance(example, Example) and example.source_lang == lang and not example.title
            and not example.description and not example.bullets and not example.colors)


@pytest.mark.parametrize("code", sorted(MARKETS))
def test_rules_read_the_sellers_chinese_and_english(code: str) -> None:
    """A problem plain in the seller's own text is seen there, before MT and without it: every term
    rule that reads the source has Chinese and English terms, and examples of a Chinese and an
    English source with no translation that fire, and of a source look-alike that stays silent."""
    for rule in MARKETS[code].rules:
        if rule.kind not in SOURCE_VOCABULARY or "source" not in rule.look_in:
            continue
        vocabulary = getattr(rule, SOURCE_VOCABULARY[rule.kind])
        assert {"zh", "en"} <= vocabulary.keys() or "*" in vocabulary, f"{rule.id}: no zh or en terms"
        for lang in ("zh", "en"):
            assert any(_source_only(example, lang) for example in rule.examples.fires), \
                f"{rule.id}: no {lang} source example that fires"
        assert any(isinstance(example, Example) and example.source_lang for example in rule.examples.silent), \
            f"{rule.id}: no source look-alike that stays silent"
