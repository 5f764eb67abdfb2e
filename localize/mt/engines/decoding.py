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

from collections.abc import Sequence

import torch
from transformers import LogitsProcessor

from localize.mt.engines.vocabulary import NOTHING_WRITTEN, Step, TargetVocabulary, advance

NEG_INF = float("-inf")


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
        self._states = [NOTHING_WRITTEN] * len(self.required)
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

    def __init__(self, vocabulary: TargetVocabulary, max_span: int = 8, device: torch.device | str = "cpu"):
        # Copied to the model's device once per generate(), not at every step.
        self.folded = vocabulary.folded.to(device)
        self.case_variants = vocabulary.case_variants.to(device)
        self.kinds = (vocabulary.word_starts * self._WORD + vocabulary.word_starts_after_space * self._LETTER
                      + vocabulary.spaces * self._SPACE).to(device)
        self.window = 3 * max_span
        spans = torch.arange(1, max_span + 1, device=device)
        self._spans = spans
        self._later = self.window - (2 * max_span - 1) + torch.arange(2 * max_span - 1, device=device)[None, :].expand(
            max_span, -1)
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
        folded = torch.where(known, self.folded[tokens], recent)  # " Gray" is " gray"
        same = folded[:, self._later] == folded[:, self._earlier]
        run = same.flip(-1).cumprod(dim=-1).sum(dim=-1)  # matches in a row up to the newest token, per k
        spans = self._spans
        repeats = (run >= 2 * spans - 1) | ((run >= spans - 1) & self._starts_word(tokens, known))
        rows, span_index = repeats.nonzero(as_tuple=True)
        if rows.numel():  # the repeated token in every case: after "gray", "Gray" repeats it too
            repeated = recent[rows, self._next[span_index]]
            scores[rows[:, None], self.case_variants[repeated]] = NEG_INF
        return scores

    def _starts_word(self, tokens: torch.Tensor, known: torch.Tensor) -> torch.Tensor:
        """Whether the doubled span of each length k would start a word: a word-start token there, or
        a letter after a lone space, or a lone space before a letter (for k = 1 the token after it
        is the one being chosen: a lone space repeated starts no word)."""
        around = self._around
        kinds = self.kinds[tokens[:, around]] * known[:, around]
        before, here, after = kinds[:, 0], kinds[:, 1], kinds[:, 2] * self._has_after

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
