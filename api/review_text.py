"""What changed in an item's text (a reviewer's edit, the seller's new version), word by word."""

import difflib
import re
from typing import Any


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
