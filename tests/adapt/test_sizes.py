"""Clothing and shoe sizes: converted by the charts in market_rules/sizes, never guessed."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from localize.adapt.fx import RateTable
from localize.adapt.sizes import SizeChartError, convert_size, load_size_chart, load_size_charts
from localize.catalog.read import read_catalog
from localize.listing import Listing
from localize.markets import MarketError, get_market, load_markets
from localize.pipeline import market_values
from localize.settings import get_settings

RULES = get_settings().market_rules
CHARTS = load_size_charts(RULES / "sizes")


def localized_size(code: str, **size: str) -> tuple[str, list[str]]:
    listing = Listing(sku="A", title=size.pop("title", "Sneaker"), category=size.pop("category", None), size=size)
    values, flags = market_values(listing, get_market(code, RULES), RateTable(), date.today(), CHARTS)
    return f"{values['size'].system} {values['size'].value}", [flag.rule for flag in flags]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en-US", "US 8.5"), ("en-GB", "UK 8"), ("de-DE", "EU 42"), ("fr-FR", "EU 42"), ("es-ES", "EU 42"),
        ("it-IT", "EU 42"), ("ja-JP", "JP 26"), ("ko-KR", "KR 260"), ("zh-TW", "JP 26"), ("ar-SA", "EU 42"),
        ("ru-RU", "RU 41"), ("pt-BR", "BR 40"),
    ],
)
def test_mens_eu_shoe_size_in_each_market(code: str, expected: str) -> None:
    assert localized_size(code, system="EU", value="42", kind="shoe", group="men") == (expected, [])


@pytest.mark.parametrize(
    ("size", "group", "expected"),
    [
        (("EU", "38", "shoe"), "women", {"en-US": "US 7.5", "en-GB": "UK 5", "ja-JP": "JP 24"}),
        (("CN", "40码", "shoe"), "men", {"en-US": "US 7", "de-DE": "EU 40", "ko-KR": "KR 250"}),
        (("CN", "250", "shoe"), "women", {"en-US": "US 9", "de-DE": "EU 40", "ja-JP": "JP 25"}),
        (("US", "8½", "shoe"), "women", {"de-DE": "EU 39", "en-GB": "UK 6"}),
        (("EU", "28", "shoe"), "children", {"en-US": "US 11C", "en-GB": "UK 10", "ja-JP": "JP 17"}),
        (("CN", "M", "clothing"), "women", {"en-US": "US 4", "en-GB": "UK 8", "de-DE": "EU 36", "ja-JP": "JP 7"}),
        (("CN", "165/88A", "clothing"), "women", {"de-DE": "EU 38", "ko-KR": "KR 66", "ru-RU": "RU 44"}),
        (("CN", "175/92A", "clothing"), "men", {"en-US": "US 36", "de-DE": "EU 46", "ja-JP": "JP M"}),
        (("US", "M", "clothing"), "women", {"de-DE": "EU 40", "en-GB": "UK 12", "en-US": "US M"}),
        (("CN", "120", "clothing"), "children", {"en-US": "US 6", "en-GB": "UK 6-7", "de-DE": "EU 122"}),
    ],
)
def test_sizes_follow_the_chart(size: tuple[str, str, str], group: str, expected: dict[str, str]) -> None:
    system, value, kind = size
    for code, shown in expected.items():
        assert localized_size(code, system=system, value=value, kind=kind, group=group) == (shown, []), code


def test_group_is_read_from_category_and_title_when_not_given() -> None:
    assert localized_size("en-US", system="EU", value="38", kind="shoe", title="女士雪地靴")[0] == "US 7.5"
    assert localized_size("en-US", system="EU", value="42", kind="shoe", title="Running shoe",
                          category="apparel/men/shoes")[0] == "US 8.5"


def test_size_the_chart_does_not_cover_is_kept_with_a_warn_flag() -> None:
    listing = Listing(sku="A", title="Boot", size={"system": "EU", "value": "49", "kind": "shoe", "group": "men"})
    values, flags = market_values(listing, get_market("en-US", RULES), RateTable(), date.today(), CHARTS)
    assert (values["size"].system, values["size"].value) == ("EU", "49")
    [flag] = flags
    assert (flag.rule, flag.severity, flag.field) == ("size.uncovered", "warn", "size")
    assert "EU 49 is not in the men's shoe size chart" in flag.message


def test_size_without_a_group_converts_only_where_groups_agree() -> None:
    # EU 42 is US 10 for women and US 8.5 for men: without the group that is a guess.
    assert localized_size("en-US", system="EU", value="42", kind="shoe") == ("EU 42", ["size.uncovered"])
    # A unisex title names no group either.
    unisex = localized_size("en-US", system="EU", value="42", kind="shoe", title="男女同款帆布鞋")
    assert unisex == ("EU 42", ["size.uncovered"])
    # 46 exists only in the men's rows, so it is unambiguous.
    assert localized_size("en-US", system="EU", value="46", kind="shoe") == ("US 12", [])


def test_label_spanning_rows_with_different_targets_is_not_guessed() -> None:
    # JIS men's M spans chest 88-96 cm: EU 44 and EU 46.
    chart = CHARTS["clothing"]
    result = convert_size(chart, "JP", "M", "men", "EU")
    assert (result.size.system, result.size.value) == ("JP", "M")
    assert "spans several EU sizes (44, 46)" in result.flag.message


def test_target_system_missing_from_the_row_is_flagged() -> None:
    result = convert_size(CHARTS["clothing"], "CN", "175/92A", "men", "BR")
    assert result.size.system == "CN" and "has no BR size for CN 175/92A" in result.flag.message


def test_size_group_column_is_read_from_csv(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("sku,title,size_system,size_value,size_kind,size_group\nA,Boot,EU,38,shoe,women\n")
    [row] = read_catalog(path).rows
    assert row.listing.size.group == "women"


def test_bad_size_chart_names_the_file_and_path(tmp_path: Path) -> None:
    path = tmp_path / "shoe.yaml"
    path.write_text("kind: shoe\ngroups:\n  men:\n    source: x\n    rows:\n      - {EU: []}\n", encoding="utf-8")
    with pytest.raises(SizeChartError, match=r"shoe.yaml: groups.men.rows.0.EU: Value should have at least 1 item"):
        load_size_chart(path)
    path.write_text("kind: shoe\ngroups:\n  teens: {source: x, rows: [{EU: 40}]}\n", encoding="utf-8")
    with pytest.raises(SizeChartError, match=r"shoe.yaml: groups.teens"):
        load_size_chart(path)


def test_market_with_an_unknown_size_system_names_the_file_and_key(tmp_path: Path) -> None:
    shutil.copytree(RULES / "sizes", tmp_path / "sizes")
    shutil.copytree(RULES / "shared", tmp_path / "shared")
    text = (RULES / "de-DE.yaml").read_text(encoding="utf-8").replace("shoe_sizes: EU", "shoe_sizes: MX")
    (tmp_path / "de-DE.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(MarketError, match=r"de-DE.yaml: shoe_sizes: the shoe size chart has no system 'MX'"):
        load_markets(tmp_path)


def test_a_market_folder_without_a_size_chart_names_the_missing_file(tmp_path: Path) -> None:
    (tmp_path / "sizes").mkdir()
    shutil.copy(RULES / "sizes" / "shoe.yaml", tmp_path / "sizes")
    shutil.copy(RULES / "en-US.yaml", tmp_path)
    with pytest.raises(MarketError, match=r"^sizes/clothing.yaml: missing \(every market folder needs"):
        load_markets(tmp_path)
