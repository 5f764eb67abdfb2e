"""What a model's target vocabulary spells, for decoding: each token's text, which tokens begin,
complete or spell a placeholder, which start a word, which are the same word in another case.

A placeholder is read as text (`[X12X]`, spaces allowed inside as `PLACEHOLDER_PATTERN` allows), so
whether the vocabulary holds `[X0X]` as one token (the demo models) or spells it `▁[`, `X`, `0`, `X`,
`]` (opus-mt, NLLB) makes no difference to what a row is found to have written.
"""

import re
from dataclasses import dataclass
from functools import cached_property

import torch
from transformers import PreTrainedTokenizerBase

from localize.text.protect import PLACEHOLDER, PLACEHOLDER_PATTERN

# A placeholder begun at the end of a text: `[`, `[X`, `[X1`, `[X12 `, `[X1X`.
_OPEN = re.compile(r"\[\s*(?:[Xx]\s*(?:(?P<digits>\d+)(?P<closed>\s*[Xx]?\s*))?)?$")
# Scripts written without spaces: a token of two or more of these letters starts a word on its own.
_UNSPACED_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")


@dataclass(frozen=True)
class Step:
    """What writing one token does to a row's placeholders."""

    completed: tuple[int, ...]  # placeholders the token finishes
    tail: str  # the placeholder left begun at the end ("" when none)
    digits: str | None = None  # the number in that begun placeholder, if it has one
    closed: bool = False  # whether that number is complete (`[X1 `, `[X1X`)


def advance(tail: str, text: str) -> Step:
    """Write `text` after a row whose begun placeholder is `tail`."""
    joined = tail + text
    completed, end = [], 0
    for match in PLACEHOLDER_PATTERN.finditer(joined):
        completed.append(int(match.group(1)))
        end = match.end()
    begun = _OPEN.search(joined, end)
    if begun is None:
        return Step(tuple(completed), "")
    return Step(tuple(completed), begun.group(), begun.group("digits"), bool(begun.group("closed")))


NOTHING_WRITTEN = Step((), "")


def _piece_text(piece: str) -> str:
    return piece.replace("\u2581", " ")


class TargetVocabulary:
    """What each target token spells, with the facts the processors need; built once per model."""

    def __init__(self, tokenizer: PreTrainedTokenizerBase, size: int):
        """`size` is the model's output vocabulary, which may be larger than the tokenizer's."""
        specials = set(tokenizer.all_special_ids)
        pieces = tokenizer.convert_ids_to_tokens(list(range(len(tokenizer))))
        self.texts = ["" if index in specials or piece is None else _piece_text(piece)
                      for index, piece in enumerate(pieces)]
        self.texts += [""] * (size - len(self.texts))
        self.size = len(self.texts)
        self.eos_token_id = tokenizer.eos_token_id
        self._steps: dict[str, list[tuple[int, Step]]] = {}
        self._spellings: dict[int, tuple[int, ...] | None] = {}

    @cached_property
    def opening(self) -> torch.Tensor:
        """Tokens that may begin a placeholder."""
        return torch.tensor([i for i, text in enumerate(self.texts) if "[" in text], dtype=torch.long)

    @cached_property
    def whole(self) -> dict[int, int]:
        """Tokens that are one placeholder and nothing else (`[X3X]`, `▁[X3X]`), by token: its number."""
        steps = ((token, advance("", self.texts[token])) for token in self.opening.tolist())
        return {token: step.completed[0] for token, step in steps
                if len(step.completed) == 1 and not step.tail and self.texts[token].count("[") == 1}

    @cached_property
    def whole_numbers(self) -> torch.Tensor:
        """For every token, the placeholder it is on its own, or -1."""
        numbers = torch.full((self.size,), -1, dtype=torch.long)
        for token, number in self.whole.items():
            numbers[token] = number
        return numbers

    @cached_property
    def partly_opening(self) -> torch.Tensor:
        """Tokens that may begin a placeholder without being one whole: a row holding one is read
        token by token."""
        return torch.tensor([token for token in self.opening.tolist() if token not in self.whole], dtype=torch.long)

    @cached_property
    def _continuing(self) -> list[int]:
        """Tokens that may go on with a begun placeholder: spaces, X, digits or a bracket first, or a
        bracket anywhere."""
        return [i for i, text in enumerate(self.texts)
                if text and (not text.strip() or text.lstrip()[0] in "Xx0123456789]" or "[" in text)]

    @cached_property
    def word_starts(self) -> torch.Tensor:
        """Tokens that start a word: a space then a letter or digit, or two letters of an unspaced script."""
        return torch.tensor([(text[:1] == " " and text[1:2].isalnum())
                             or bool(len(_UNSPACED_LETTER.findall(text[:2])) == 2) for text in self.texts])

    @cached_property
    def word_starts_after_space(self) -> torch.Tensor:
        """Tokens that start a word when a lone space token comes before them: a letter or digit first."""
        return torch.tensor([text[:1].isalnum() for text in self.texts])

    @cached_property
    def folded(self) -> torch.Tensor:
        """For every token, the first token spelled the same in any case (" Gray" and " gray" are one)."""
        first: dict[str, int] = {}
        return torch.tensor([first.setdefault(text.casefold(), token) if text else token
                             for token, text in enumerate(self.texts)])

    @cached_property
    def case_variants(self) -> torch.Tensor:
        """(vocabulary, most variants): row t lists the tokens spelled as token t in any case (t
        itself where there are fewer); a row for each token, so one lookup serves a whole batch."""
        variants: dict[int, list[int]] = {}
        for token, first in enumerate(self.folded.tolist()):
            variants.setdefault(first, []).append(token)
        widest = max(len(tokens) for tokens in variants.values())
        table = torch.arange(self.size)[:, None].repeat(1, widest)
        for tokens in variants.values():
            if len(tokens) > 1:
                table[tokens] = torch.tensor(tokens + tokens[:1] * (widest - len(tokens)))
        return table

    @cached_property
    def spaces(self) -> torch.Tensor:
        """Tokens that are only a space (sentencepiece's lone `▁`)."""
        return torch.tensor([bool(text) and not text.strip() for text in self.texts])

    def steps_after(self, tail: str) -> list[tuple[int, Step]]:
        """The tokens that finish a placeholder or begin one with a number, after `tail`; cached."""
        if tail not in self._steps:
            candidates = self.opening.tolist() if not tail else self._continuing
            steps = ((token, advance(tail, self.texts[token])) for token in candidates)
            self._steps[tail] = [(token, step) for token, step in steps if step.completed or step.digits]
        return self._steps[tail]

    @cached_property
    def _by_text(self) -> dict[str, int]:
        by_text: dict[str, int] = {}
        for token, text in enumerate(self.texts):
            if text:
                by_text.setdefault(text, token)
        return by_text

    def spelling(self, number: int) -> tuple[int, ...] | None:
        """The fewest tokens that write placeholder `number`, or None when the vocabulary cannot spell
        it. Without a space before it where the vocabulary allows: Chinese and Japanese want none, and
        restoring gives a value its space back in the languages that write one."""
        if number not in self._spellings:
            self._spellings[number] = None
            for text in (PLACEHOLDER.format(number), " " + PLACEHOLDER.format(number)):
                fewest: list[tuple[int, ...] | None] = [()] + [None] * len(text)  # by characters spelled
                for end in range(1, len(text) + 1):
                    options = [(*spelled, self._by_text[text[start:end]]) for start in range(end)
                               if (spelled := fewest[start]) is not None and text[start:end] in self._by_text]
                    fewest[end] = min(options, key=len) if options else None
                if fewest[-1] is not None:
                    self._spellings[number] = fewest[-1]
                    break
        return self._spellings[number]

    def needed(self, numbers: frozenset[int]) -> int | None:
        """Tokens it takes to write all of `numbers`, or None when one cannot be spelled."""
        spellings = [self.spelling(number) for number in numbers]
        return sum(len(spelling) for spelling in spellings if spelling is not None) if None not in spellings else None
