"""How the review queue shows an item's text: each flag marked where it fired, in the source and
the target side by side, and what a reviewer changed, word by word."""

import difflib
import re
from typing import Any

from localize.localization import Flag


def at(values: list[str], index: int) -> str:
    """The item of a list field at `index`, or empty where that side has fewer."""
    return values[index] if index < len(values) else ""


def field_view(name: str, source: str, target: str, flags: list[Flag]) -> dict[str, Any]:
    """One field's row on the item page: both sides, each with its flags marked."""
    return {"name": name, "source": source, "target": target,
            "source_marked": marked(source, [f for f in flags if f.field == f"source.{name}"]),
            "target_marked": marked(target, [f for f in flags if f.field == name]),
            "flags": [f for f in flags if f.field in (name, f"source.{name}")]}


def marked(text: str, flags: list[Flag]) -> list[tuple[str, Flag | None]]:
    """`text` cut into pieces, each with the flag whose span covers it (None for plain text);
    the template escapes every piece."""
    pieces: list[tuple[str, Flag | None]] = []
    position = 0
    spans = sorted(((flag.span, flag) for flag in flags if flag.span is not None), key=lambda pair: pair[0][0])
    for (start, end), flag in spans:
        if start < position or end > len(text):
            continue
        pieces += [(text[position:start], None), (text[start:end], flag)]
        position = end
    pieces.append((text[position:], None))
    return [(piece, flag) for piece, flag in pieces if piece]


def word_diff(before: Any, after: Any) -> list[tuple[str, str]]:
    """(op, text) pieces, op one of equal, delete, insert: what a reviewer changed, word by word."""
    def words(value: Any) -> list[str]:
        text = "\n".join(value) if isinstance(value, list) else str(value or "")
        return re.findall(r"\s+|[^\s]+", text)

    old, new = words(before), words(after)
    pieces: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("equal", "".join(old[a1:a2])))
        else:
            if a2 > a1:
                pieces.append(("delete", "".join(old[a1:a2])))
            if b2 > b1:
                pieces.append(("insert", "".join(new[b1:b2])))
    return pieces
