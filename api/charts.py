"""Charts drawn on the server as SVG markup, so pages need no script and no library: every label and
attribute value is escaped here, and the result is marked safe only then."""

from collections.abc import Callable

from markupsafe import Markup, escape

from localize.store.overview import FlagTable

# Dark enough for 3:1 against white (graphics) and told apart by hue; a legend names each.
PALETTE = ("#1f5fbf", "#b54708", "#067647", "#9e2a7f", "#5b4bb7", "#8a6100", "#0e7490", "#3f3f46")
WIDTH = 760
LABEL_WIDTH = 250  # rule ids, right-aligned against the bars
LABEL_CHARACTERS = 34  # what fits in LABEL_WIDTH at the chart's font size; longer ids are shortened
TOTAL_WIDTH = 50  # the count after each bar
ROW = 26
BAR = 18
LEGEND_ITEM = 95
LEGEND_ROW = 22


def market_colours(markets: list[str]) -> dict[str, str]:
    return {market: PALETTE[index % len(PALETTE)] for index, market in enumerate(markets)}


def flags_chart(table: FlagTable, link: Callable[[str, str], str | None]) -> Markup:
    """Horizontal bars, one per rule, stacked by market; `link(rule, market)` is where a part of a
    bar leads (None: nowhere). Each part carries `data-rule`, `data-market` and `data-count`."""
    colours = market_colours(table.markets)
    per_row = max(1, WIDTH // LEGEND_ITEM)
    legend_height = LEGEND_ROW * -(-len(table.markets) // per_row) + 8
    height = legend_height + ROW * len(table.rules)
    longest = max((table.rule_total(rule) for rule in table.rules), default=0)
    scale = (WIDTH - LABEL_WIDTH - TOTAL_WIDTH) / max(longest, 1)
    # A labelled group, not an image: its bars are links, which an image's children could not be.
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="group" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" aria-label="{escape(summary(table))}">']
    for index, market in enumerate(table.markets):
        left, top = LEGEND_ITEM * (index % per_row), LEGEND_ROW * (index // per_row)
        parts.append(f'<g class="legend"><rect x="{left}" y="{top + 3}" width="12" height="12" '
                     f'fill="{colours[market]}"/><text x="{left + 17}" y="{top + 13}">{escape(market)}</text></g>')
    for row, rule in enumerate(table.rules):
        y = legend_height + ROW * row
        shown = rule if len(rule) <= LABEL_CHARACTERS else rule[:LABEL_CHARACTERS - 1] + "…"
        parts.append(f'<text class="rule" x="{LABEL_WIDTH - 8}" y="{y + BAR - 5}" text-anchor="end">'
                     f'<title>{escape(rule)}</title>{escape(shown)}</text>')
        x = float(LABEL_WIDTH)
        for market in table.markets:
            count = table.count(rule, market)
            if not count:
                continue
            width = count * scale
            parts.append(_bar_part(rule, market, count, x, y, width, colours[market], link(rule, market)))
            x += width
        parts.append(f'<text class="total" x="{x + 6:.1f}" y="{y + BAR - 5}">{table.rule_total(rule)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _bar_part(rule: str, market: str, count: int, x: float, y: int, width: float, colour: str,
              href: str | None) -> str:
    noun = "item" if count == 1 else "items"
    label = f"{escape(rule)} · {escape(market)}: {count} {noun}"
    rect = (f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR}" fill="{colour}" '
            f'data-rule="{escape(rule)}" data-market="{escape(market)}" data-count="{count}">'
            f'<title>{label}</title></rect>')
    return f'<a href="{escape(href)}" aria-label="{label}">{rect}</a>' if href else rect


def summary(table: FlagTable) -> str:
    """What the chart shows, in a sentence: its accessible name."""
    if not table.rules:
        return "No flags on items pending review."
    top = table.rules[0]
    return (f"Items pending review by flagging rule and market: {len(table.rules)} rules over "
            f"{', '.join(table.markets)}; most often {top} ({table.rule_total(top)} items).")
