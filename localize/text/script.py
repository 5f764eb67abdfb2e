"""Chinese script for the market: Simplified text (how mainland sellers write) converted with
OpenCC for markets that read Traditional, with the region's own words (`s2twp`: 软件 → 軟體,
鼠标 → 滑鼠 for Taiwan)."""

from collections.abc import Callable
from functools import cache

from opencc import OpenCC


@cache
def chinese_converter(config: str | None) -> Callable[[str], str]:
    """The converter for an OpenCC config, or no change when the market needs none.

    >>> chinese_converter("s2twp")("这款台灯适合书房，鼠标另售")
    '這款檯燈適合書房，滑鼠另售'
    """
    if config is None:
        return str
    converter: Callable[[str], str] = OpenCC(config).convert
    return converter
