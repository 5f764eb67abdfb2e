"""Clothing and shoe sizes: charts as data (`market_rules/sizes/<kind>.yaml`), converted row by row.

A chart row is one body or foot size and lists each system's labels for it. A size converts when
the rows it names agree on one label in the target system; a size the chart does not cover, or
covers ambiguously, is kept as the seller wrote it and gets a `warn` flag. Sizes are never guessed.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from localize.datafile import load_data_file
from localize.localization import Flag, Severity, SizeOut

Kind = Literal["shoe", "clothing"]
Group = Literal["men", "women", "children"]
GROUP_NAMES: dict[str, str] = {"men": "men's", "women": "women's", "children": "children's"}


class SizeChartError(ValueError):
    """A size chart file is invalid."""


def _labels(value: object) -> object:
    """YAML gives 42, 8.5 and [230, 36]; a chart cell is always a list of label strings."""
    values = value if isinstance(value, list) else [value]
    return [str(item) if isinstance(item, int | float) else item for item in values]


Labels = Annotated[list[Annotated[str, Field(min_length=1)]], BeforeValidator(_labels), Field(min_length=1)]


class SizeGroup(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str = Field(min_length=1, description="the standards and conversions the rows follow")
    rows: list[dict[str, Labels]] = Field(min_length=1)


class SizeChart(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Kind
    groups: dict[Group, SizeGroup] = Field(min_length=1)

    @property
    def systems(self) -> frozenset[str]:
        return frozenset(system for group in self.groups.values() for row in group.rows for system in row)


_SUFFIX = re.compile(r"(码|碼|号|號|CM|MM)$")


def normalize_label(label: str) -> str:
    """How labels are compared: `8½`, ` 8.50 ` and `8.5` are one size; `40码` is `40`.

    >>> [normalize_label(s) for s in ["8½", "42.0", " xl ", "40码", "24.5cm", "175/92a"]]
    ['8.5', '42', 'XL', '40', '24.5', '175/92A']
    """
    text = label.strip().upper().replace("½", ".5").replace(" ", "")
    text = _SUFFIX.sub("", text)
    if re.fullmatch(r"\d+\.\d+", text):
        text = text.rstrip("0").rstrip(".")
    return text


def load_size_chart(path: Path) -> SizeChart:
    chart = load_data_file(SizeChart, path, path.name, SizeChartError)
    if chart.kind != path.stem:
        raise SizeChartError(f"{path.name}: kind: {chart.kind!r} does not match the file name")
    return chart


@cache
def load_size_charts(folder: Path) -> dict[str, SizeChart]:
    """The charts in `folder` (`shoe.yaml`, `clothing.yaml`), by kind."""
    charts: dict[str, SizeChart] = {chart.kind: chart for chart in map(load_size_chart, sorted(folder.glob("*.yaml")))}
    missing = {"shoe", "clothing"} - set(charts)
    if missing:
        files = ", ".join(f"{kind}.yaml" for kind in sorted(missing))
        raise SizeChartError(f"{files}: missing (every market folder needs the clothing and shoe size charts)")
    return charts


_GROUP_WORDS: dict[str, re.Pattern[str]] = {
    "children": re.compile(r"\b(kids?|child|children|baby|babies|toddlers?|boys?|girls?|youth)\b|童|宝宝|婴", re.I),
    "women": re.compile(r"\b(women'?s?|womens|ladies|lady|female)\b|女", re.I),
    "men": re.compile(r"\b(men'?s?|mens|male)\b|男", re.I),
}
_UNISEX = re.compile(r"\bunisex\b|男女|中性", re.I)


def size_group(explicit: str | None, *texts: str) -> str | None:
    """Whose size it is: the seller's `size.group`, else the one group the category path or
    title names (children's wins: `女童` is a girls' size). None when unnamed or unisex.

    >>> size_group(None, "apparel/shoes", "TORNEX 男士网面跑步鞋")
    'men'
    >>> size_group(None, "apparel/kids/dresses", "Girls' summer dress")
    'children'
    >>> size_group(None, "apparel/shoes", "男女同款帆布鞋") is None
    True
    """
    if explicit:
        return explicit
    text = " ".join(texts)
    if _UNISEX.search(text):
        return None
    if _GROUP_WORDS["children"].search(text):
        return "children"
    named = [group for group in ("women", "men") if _GROUP_WORDS[group].search(text)]
    return named[0] if len(named) == 1 else None


@dataclass(frozen=True)
class SizeConversion:
    size: SizeOut
    flag: Flag | None = None


def convert_size(chart: SizeChart, system: str, value: str, group: str | None, target: str) -> SizeConversion:
    """`value` in `system` as labelled in the `target` system, or kept with a warn flag.

    With no group, every group of the chart is consulted and they must agree (EU 42 women's and
    men's shoes are different US sizes, so that one needs the group)."""
    kept = SizeOut(system=system, value=value)
    if system == target:
        return SizeConversion(kept)
    groups = [name for name in ([group] if group else chart.groups) if name in chart.groups]
    wanted = normalize_label(value)
    found: set[str] = set()
    matched = False
    for name in groups:
        for row in chart.groups[name].rows:
            if any(normalize_label(label) == wanted for label in row.get(system, ())):
                matched = True
                found.add(row[target][0] if target in row else "")
    whose = f"{GROUP_NAMES[group]} " if group else ""
    if len(found) == 1 and "" not in found:
        return SizeConversion(SizeOut(system=target, value=found.pop()))
    if not matched:
        reason = f"{system} {value} is not in the {whose}{chart.kind} size chart"
    elif "" in found:
        reason = f"the {whose}{chart.kind} size chart has no {target} size for {system} {value}"
    elif group:
        reason = f"{system} {value} spans several {target} sizes ({', '.join(sorted(found))}) in the {whose}chart"
    else:
        reason = (f"{system} {value} is {', '.join(sorted(found))} in {target} depending on whose size it is; "
                  "the listing does not say men's, women's or children's")
    return SizeConversion(kept, Flag(
        rule="size.uncovered",
        severity=Severity.WARN,
        field="size",
        message=f"{reason}; the size was kept as {system} {value}",
        suggestion=f"give the {target} size by hand" + ("" if group else ", or set size.group"),
    ))
