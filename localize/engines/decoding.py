"""Decoding that keeps the pipeline's promises, as logits processors for `generate()`.

`PlaceholderConstraint` makes every output hold each placeholder of its source exactly once, by
construction: a token that would write a placeholder the source lacks, or one already written, is
never chosen; the end of the sentence is refused while one is missing, and the missing one is
written for the row where the model would have ended; and when a row's own token budget only just
fits the placeholders it still lacks, they are written for it. It reads the text the row has
spelled so far, so it works whether the vocabulary holds `[X0X]` as one token (the demo models) or
spells it `▁[`, `X`, `0`, `X`, `]` (opus-mt, NLLB), and with greedy or beam search (under beam
search what it carries between steps is found by the tokens a row holds, so beams may be reordered).

`RepeatBlocker` refuses the token that would repeat, back to back, the span of up to `max_span`
tokens just written when that span starts a word ("Silent Silent", "Boys Girls Boys Girls"), or
write a third copy of any span ("Pllllll"): the degenerate loops small and large models fall into.
A word said twice apart is left alone.

`TokenLogProbs` records the model's own probability of each token it chose, for the confidence.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import torch
from transformers import LogitsProcessor, PreTrainedTokenizerBase

from localize.protect import PLACEHOLDER, PLACEHOLDER_PATTERN

# A placeholder begun at the end of a text: `[`, `[X`, `[X1`, `[X12 `, `[X1X`.
_OPEN = re.compile(r"\[\s*(?:[Xx]\s*(?:(?P<digits>\d+)(?P<closed>\s*[Xx]?\s*))?)?$")
# Scripts written without spaces: a token of two or more of these letters starts a word on its own.
_UNSPACED_LETTER = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
NEG_INF = float("-inf")


def placeholder_ids(text: str) -> frozenset[int]:
    """The placeholder numbers a protected segment holds."""
    return frozenset(int(match.group(1)) for match in PLACEHOLDER_PATTERN.finditer(text))


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


_NOTHING = Step((), "")


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
                    options = [(*fewest[start], self._by_text[text[start:end]]) for start in range(end)
                               if fewest[start] is not None and text[start:end] in self._by_text]
                    fewest[end] = min(options, key=len) if options else None
                if fewest[-1] is not None:
                    self._spellings[number] = fewest[-1]
                    break
        return self._spellings[number]

    def needed(self, numbers: frozenset[int]) -> int | None:
        """Tokens it takes to write all of `numbers`, or None when one cannot be spelled."""
        spellings = [self.spelling(number) for number in numbers]
        return None if None in spellings else sum(len(spelling) for spelling in spellings)  # type: ignore[arg-type]


class PlaceholderConstraint(LogitsProcessor):
    """Each row writes exactly the placeholders of its source, each once; see the module docstring.

    `required[b]` and `budgets[b]` belong to batch item b: its source's placeholder numbers, and the
    length (decoder start included) at which its output is cut. Each row's state (the placeholders
    written, one begun) is carried from step to step; the bans it implies for whole-placeholder
    tokens and the end are applied to all rows at once, and only a row in the middle of a spelled-out
    placeholder, or at the end of its budget, is handled on its own."""

    def __init__(self, vocabulary: TargetVocabulary, required: Sequence[frozenset[int]], budgets: Sequence[int],
                 num_beams: int = 1):
        self.vocabulary = vocabulary
        self.required = [item for item in required for _ in range(num_beams)]  # per row
        self.budgets = [budget for budget in budgets for _ in range(num_beams)]
        self.num_beams = num_beams
        self._bans: dict[tuple[frozenset[int], tuple[int, ...], str], list[int]] = {}
        self._needed: dict[frozenset[int], int | None] = {}
        self._by_tokens: dict[tuple[int, ...], Step] = {}  # beam search: rows are found by their tokens
        # (batch item, row tokens) -> (the placeholder being written for it, tokens of it written)
        self._plans: dict[tuple[int, ...], tuple[int, int]] = {}
        self._states: list[Step] = []
        self._length = 0
        self._device: torch.device | None = None

    def _prepare(self, device: torch.device) -> None:
        """Per row: what it may write (a mask over placeholder numbers, kept up to date), the bans on
        tokens that begin a placeholder in pieces, and the length from which its budget may no longer
        fit its placeholders."""
        whole = self.vocabulary.whole
        numbers = 1 + max([*whole.values(), *(n for required in self.required for n in required), 0])
        self._numbers = numbers
        self._free = torch.tensor([self._mask(required) for required in self.required], dtype=torch.bool,
                                  device=device).reshape(len(self.required), numbers)
        self._columns = torch.tensor([*whole, self.vocabulary.eos_token_id], dtype=torch.long, device=device)
        self._column_numbers = torch.tensor(list(whole.values()), dtype=torch.long, device=device)
        fresh = [[token for token, step in self.vocabulary.steps_after("")
                  if token not in whole and not _allowed(step, required)] for required in self.required]
        columns = sorted({token for tokens in fresh for token in tokens})
        self._fresh_columns = torch.tensor(columns, dtype=torch.long, device=device)
        self._fresh_bans = torch.tensor([[token in set(tokens) for token in columns] for tokens in fresh],
                                        dtype=torch.bool, device=device).reshape(len(fresh), len(columns))
        needed = [self._needed_for(required) if required else None for required in self.required]
        self._near = [budget - n if n is not None else 1 << 30 for budget, n in zip(self.budgets, needed, strict=True)]
        self._states = [_NOTHING] * len(self.required)
        self._device = device

    def _mask(self, free: frozenset[int]) -> list[bool]:
        return [number in free for number in range(self._numbers)]

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        if self._device != input_ids.device:
            self._prepare(input_ids.device)
        length = input_ids.shape[1]
        changed = self._advance(input_ids)
        if changed:
            rows = torch.tensor(changed, device=input_ids.device)
            self._free[rows] = torch.tensor([self._mask(self.required[row].difference(self._states[row].completed))
                                             for row in changed], dtype=torch.bool, device=input_ids.device)
        eos = self.vocabulary.eos_token_id
        # A row that would end here with a placeholder missing gets it written now, rather than
        # rambling on until its budget runs out: the model considers the sentence said.
        ending = ((scores.argmax(dim=1) == eos) & self._free.any(dim=1)).tolist()
        if self._fresh_columns.numel():
            scores[:, self._fresh_columns] = scores[:, self._fresh_columns].masked_fill(self._fresh_bans, NEG_INF)
        banned = torch.cat([~self._free[:, self._column_numbers], self._free.any(dim=1, keepdim=True)], dim=1)
        scores[:, self._columns] = scores[:, self._columns].masked_fill(banned, NEG_INF)
        for row, state in enumerate(self._states):
            near = self._near[row] <= length < self.budgets[row]
            if not (state.tail or ending[row] or near):
                continue
            # Beams of one item may share a plan; other items' rows may not, even with the same tokens.
            tokens = (row // self.num_beams, *input_ids[row].tolist())
            missing = self.required[row].difference(state.completed)
            token = self._forced(tokens, missing, self.budgets[row] - length, ending[row])
            if token is not None:
                keep = scores[row, token].clamp(min=-1e4)  # finite even if an earlier processor banned it
                scores[row] = NEG_INF
                scores[row, token] = keep
            elif state.tail:  # in the middle of a placeholder: only its own tokens and free numbers
                scores[row, self._banned(self.required[row], state)] = NEG_INF
        return scores

    def _advance(self, input_ids: torch.Tensor) -> list[int]:
        """Bring each row's state up to its last token; the rows whose written placeholders changed."""
        length = input_ids.shape[1]
        changed = []
        if self.num_beams == 1 and length == self._length + 1:  # greedy search: a row stays a row
            for row, token in enumerate(input_ids[:, -1].tolist()):
                state, text = self._states[row], self.vocabulary.texts[token]
                if state.tail or "[" in text:
                    step = advance(state.tail, text)
                    self._states[row] = Step(state.completed + step.completed, step.tail, step.digits, step.closed)
                    if step.completed:
                        changed.append(row)
        else:
            for row, tokens in enumerate(input_ids.tolist()):
                state = self._state(tuple(tokens))
                if state.completed != self._states[row].completed:
                    changed.append(row)
                self._states[row] = state
        self._length = length
        return changed

    def _state(self, tokens: tuple[int, ...]) -> Step:
        """What a row has written, from the state of the same tokens one step shorter."""
        state = self._by_tokens.get(tokens)
        if state is None:
            before = self._by_tokens.get(tokens[:-1])
            text = self.vocabulary.texts[tokens[-1]] if tokens else ""
            if before is None:
                state = advance("", "".join(self.vocabulary.texts[token] for token in tokens))
            elif not before.tail and "[" not in text:
                state = before
            else:
                step = advance(before.tail, text)
                state = Step(before.completed + step.completed, step.tail, step.digits, step.closed)
            self._by_tokens[tokens] = state
        return state

    def _needed_for(self, missing: frozenset[int]) -> int | None:
        if missing not in self._needed:
            self._needed[missing] = self.vocabulary.needed(missing)
        return self._needed[missing]

    def _banned(self, required: frozenset[int], state: Step) -> list[int]:
        key = (required, state.completed, state.tail)
        if key not in self._bans:
            free = required - frozenset(state.completed)
            banned = [token for token, step in self.vocabulary.steps_after(state.tail)
                      if not _allowed(step, free)]
            if free or state.tail:  # no end while a placeholder is missing or half written
                banned.append(self.vocabulary.eos_token_id)
            self._bans[key] = banned
        return self._bans[key]

    def _forced(self, key: tuple[int, ...], missing: frozenset[int], left: int, ending: bool) -> int | None:
        """The next token to write for the row: the rest of a placeholder it is writing for the row,
        or the first of a missing one when the row would end, or when its budget only just fits
        what is missing; None to leave the choice to the model."""
        plan = self._plans.get(key)
        if plan is None:
            needed = self._needed_for(missing) if missing else None
            if needed is None or not (ending or left <= needed):
                return None  # room enough, or a vocabulary that cannot spell it (the pipeline's check catches it)
            plan = (min(missing), 0)
        number, done = plan
        spelling = self.vocabulary.spelling(number)
        assert spelling is not None
        if done + 1 < len(spelling):
            self._plans[(*key, spelling[done])] = (number, done + 1)
        return spelling[done]


def _allowed(step: Step, free: frozenset[int]) -> bool:
    """Whether a token's step writes only free placeholders, each once, and begins none but a free one."""
    if len(set(step.completed)) != len(step.completed) or not free.issuperset(step.completed):
        return False
    if step.digits is None:
        return True
    left = free - set(step.completed)
    if step.closed:
        return int(step.digits) in left
    return any(str(number).startswith(step.digits) for number in left)


class RepeatBlocker(LogitsProcessor):
    """Refuses the token that would write, back to back, a second copy of a span that starts a word
    ("Silent Silent", "gray Gray") or a third copy of any span ("Pllllll"), for spans up to
    `max_span` tokens, in any case; see the module docstring.

    With g the row's tokens and g[n] the next one: for span length k, g[n] = g[n-k] repeats the span
    when g[j] = g[j-k] for the k-1 tokens before it (a second copy) or for the 2k-1 before it (a
    third). One comparison of the last 3 x `max_span` tokens with themselves shifted by each k, and
    the run of matches at its end, answers for every k at once."""

    _WORD, _LETTER, _SPACE = 1, 2, 4  # what a token is: a word start, a letter first, a lone space

    def __init__(self, vocabulary: TargetVocabulary, max_span: int = 8):
        self.folded = vocabulary.folded
        self.case_variants = vocabulary.case_variants
        self.kinds = (vocabulary.word_starts * self._WORD + vocabulary.word_starts_after_space * self._LETTER
                      + vocabulary.spaces * self._SPACE)
        self.window = 3 * max_span
        spans = torch.arange(1, max_span + 1)
        self._spans = spans
        self._later = self.window - (2 * max_span - 1) + torch.arange(2 * max_span - 1)[None, :].expand(max_span, -1)
        self._earlier = self._later - spans[:, None]
        first = self.window - 2 * spans + 1  # where a doubled span's first copy starts
        self._around = torch.stack([first - 1, first, (first + 1).clamp(max=self.window - 1)])
        self._has_after = spans > 1  # for k = 1 the token after is the one being chosen
        self._next = self.window - spans  # the token the next one would repeat

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        device = input_ids.device
        recent = input_ids[:, -self.window:]
        if recent.shape[1] < self.window:  # distinct negative fillers match nothing and start no word
            filler = -torch.arange(self.window - recent.shape[1], 0, -1, device=device)
            recent = torch.cat([filler.expand(recent.shape[0], -1), recent], dim=1)
        known = recent >= 0
        tokens = recent.clamp(min=0)
        folded = torch.where(known, self.folded.to(device)[tokens], recent)  # " Gray" is " gray"
        same = folded[:, self._later.to(device)] == folded[:, self._earlier.to(device)]
        run = same.flip(-1).cumprod(dim=-1).sum(dim=-1)  # matches in a row up to the newest token, per k
        spans = self._spans.to(device)
        repeats = (run >= 2 * spans - 1) | ((run >= spans - 1) & self._starts_word(tokens, known))
        rows, span_index = repeats.nonzero(as_tuple=True)
        if rows.numel():  # the repeated token in every case: after "gray", "Gray" repeats it too
            repeated = recent[rows, self._next.to(device)[span_index]]
            scores[rows[:, None], self.case_variants.to(device)[repeated]] = NEG_INF
        return scores

    def _starts_word(self, tokens: torch.Tensor, known: torch.Tensor) -> torch.Tensor:
        """Whether the doubled span of each length k would start a word: a word-start token there, or
        a letter after a lone space, or a lone space before a letter (for k = 1 the token after it
        is the one being chosen: a lone space repeated starts no word)."""
        around = self._around.to(tokens.device)
        kinds = self.kinds.to(tokens.device)[tokens[:, around]] * known[:, around]
        before, here, after = kinds[:, 0], kinds[:, 1], kinds[:, 2] * self._has_after.to(tokens.device)

        def has(kind: torch.Tensor, what: int) -> torch.Tensor:
            return (kind & what) > 0

        return has(here, self._WORD) | (has(here, self._LETTER) & has(before, self._SPACE)) | (
            has(here, self._SPACE) & has(after, self._LETTER))


class TokenLogProbs(LogitsProcessor):
    """Records, under greedy search, the model's log-probability of each token it goes on to choose,
    before any ban or forcing of ours changes the scores (it runs first among our processors)."""

    def __init__(self) -> None:
        self._last: torch.Tensor | None = None
        self._chosen: list[torch.Tensor] = []

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        if self._last is not None:
            self._chosen.append(self._last.gather(1, input_ids[:, -1:]).squeeze(1))
        self._last = scores.log_softmax(dim=-1)
        return scores

    def of(self, sequences: torch.Tensor) -> torch.Tensor:
        """(rows, generated tokens): the log-probability of each token of `sequences` after the start."""
        chosen = list(self._chosen)
        if self._last is not None and len(chosen) < sequences.shape[1] - 1:
            chosen.append(self._last.gather(1, sequences[:, -1:]).squeeze(1))
        return torch.stack(chosen, dim=1) if chosen else sequences.new_zeros((sequences.shape[0], 0), dtype=torch.float)
