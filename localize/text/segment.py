"""Splitting a field into sentences for MT and joining the translations back with the markup intact.

Block tags (`p`, `li`, `br`, ...) separate segments and stay where they are; inline tags (`b`, `em`,
`span`, ...) stay inside their sentence, where protection turns them into placeholders.
"""

import re
from dataclasses import dataclass

from localize.text import TAG_PATTERN, UNSPACED_LANGUAGES

BLOCK_TAGS = frozenset({"p", "ul", "ol", "li", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6",
                        "table", "thead", "tbody", "tr", "td", "th", "hr"})

_TAG = re.compile(f"({TAG_PATTERN})")  # split keeps the tags
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9]*)")
# A sentence ends at CJK full stops anywhere, at Latin ones only before a space or the end, so
# decimals (1.5kg) and model numbers (v2.1) never split.
_SENTENCE_END = re.compile(r"(?:[。！？]+|[.!?]+(?=\s|$))[\"'”’」』）)]*")


@dataclass(frozen=True)
class Sentence:
    """Source text to translate; it may carry inline tags."""

    text: str


Part = str | Sentence


def split_field(text: str) -> list[Part]:
    """Split `text` into literal markup/whitespace (str) and sentences to translate.

    >>> split_field("<p>好用。耐用！</p>")
    ['<p>', Sentence(text='好用。'), '', Sentence(text='耐用！'), '</p>']
    """
    parts: list[Part] = []
    run: list[str] = []
    for chunk in _TAG.split(text):
        if _is_block_tag(chunk):
            parts.extend(_split_sentences("".join(run)))
            run = []
            parts.append(chunk)
        elif chunk:
            run.append(chunk)
    parts.extend(_split_sentences("".join(run)))
    return parts


def join_field(parts: list[Part], translations: list[str], target_lang: str) -> str:
    """Put translated sentences back between the literal parts, in order.

    Sentence separators follow the target: Chinese sentences abut, English ones need a space.
    """
    spaced = target_lang not in UNSPACED_LANGUAGES
    pending = iter(translations)
    out: list[str] = []
    for index, part in enumerate(parts):
        if isinstance(part, Sentence):
            out.append(next(pending))
            continue
        between_sentences = (
            0 < index < len(parts) - 1
            and isinstance(parts[index - 1], Sentence)
            and isinstance(parts[index + 1], Sentence)
        )
        if between_sentences and not part.strip():
            part = " " if spaced else ""
        out.append(part)
    return "".join(out)


def _is_block_tag(chunk: str) -> bool:
    if not (chunk.startswith("<") and chunk.endswith(">")):
        return False
    name = _TAG_NAME.match(chunk)
    return name is not None and name.group(1).lower() in BLOCK_TAGS


def _split_sentences(run: str) -> list[Part]:
    parts: list[Part] = []
    start = 0
    bounds = [m.end() for m in _SENTENCE_END.finditer(run)]
    for end in [*bounds, len(run)]:
        chunk = run[start:end]
        start = end
        if not chunk:
            continue
        core = chunk.strip()
        if not core:
            parts.append(chunk)
            continue
        lead = chunk[: len(chunk) - len(chunk.lstrip())]
        trail = chunk[len(chunk.rstrip()):]
        if lead:
            parts.append(lead)
        elif parts and isinstance(parts[-1], Sentence):
            parts.append("")
        parts.append(Sentence(core))
        if trail:
            parts.append(trail)
    return parts
