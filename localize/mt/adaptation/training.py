"""Fine-tuning a copy of a serving model on approved segments: a small learning rate, the base
corpus mixed into every batch, early stopping on the held-out loss, a bound on the time it takes,
the GPU when there is one. The best checkpoint by held-out loss is the one written."""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import torch
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer, PreTrainedTokenizerBase

from localize.mt.engines import LanguagePair
from localize.mt.engines.families import Prompt, family_of

Example = tuple[list[int], list[int]]  # encoder input ids, label ids


@dataclass(frozen=True)
class TrainingOptions:
    learning_rate: float = 5e-5
    batch_size: int = 16
    max_steps: int = 2000
    max_seconds: float = 1800
    eval_every: int = 25  # steps between two measures of the held-out loss
    patience: int = 3  # measures without a better held-out loss before stopping


@dataclass(frozen=True)
class TrainingReport:
    steps: int
    best_step: int  # the step of the checkpoint written (0: the base model was best)
    loss_before: float  # on the held-out approvals
    loss_after: float
    seconds: float
    device: str
    stopped: str  # why training ended


def fine_tune(base_dir: Path, out_dir: Path, pair: LanguagePair, approved: list[tuple[str, str]],
              base: list[tuple[str, str]], held_out: list[tuple[str, str]], options: TrainingOptions,
              log: Callable[[str], None] = lambda _: None) -> TrainingReport:
    """Train a copy of the model in `base_dir` on `approved` (each batch half approvals, half `base`
    pairs when there are any) and write the checkpoint with the lowest loss on `held_out` into
    `out_dir`, with its tokenizer."""
    started = time.monotonic()
    torch.manual_seed(0)
    ref = str(base_dir)
    tokenizer = AutoTokenizer.from_pretrained(ref)
    model = cast(Any, AutoModelForSeq2SeqLM.from_pretrained(ref))  # transformers types the classes loosely
    prompt = family_of(model.config.model_type, tokenizer, ref).prompt(pair)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model.to(device)
    train, mix, dev = (encode(tokenizer, prompt, pairs) for pairs in (approved, base, held_out))
    optimizer = torch.optim.AdamW(model.parameters(), lr=options.learning_rate, weight_decay=0.01)
    pad = tokenizer.pad_token_id
    rng = random.Random(0)
    loss_before = best_loss = held_out_loss(model, dev, pad, options.batch_size)
    best_state, best_step, waited, step, stopped = _snapshot(model), 0, 0, 0, "max steps"
    log(f"  held-out loss {loss_before:.3f} before training, on {device}")
    while step < options.max_steps:
        if time.monotonic() - started > options.max_seconds:
            stopped = "time limit"
            break
        step += 1
        half = options.batch_size // 2 if mix else options.batch_size
        batch = rng.sample(train, min(half, len(train))) + rng.sample(mix, min(options.batch_size - half, len(mix)))
        model.train()
        inputs, labels = _padded([ids for ids, _ in batch], pad, device), _padded([ids for _, ids in batch], -100,
                                                                                   device)
        loss = model(input_ids=inputs, attention_mask=inputs.ne(pad), labels=labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad()
        if step % options.eval_every == 0:
            current = held_out_loss(model, dev, pad, options.batch_size)
            log(f"  step {step}: held-out loss {current:.3f}")
            if current < best_loss:
                best_loss, best_state, best_step, waited = current, _snapshot(model), step, 0
            else:
                waited += 1
                if waited >= options.patience:
                    stopped = "held-out loss stopped improving"
                    break
    model.load_state_dict(best_state)
    model.eval()
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return TrainingReport(step, best_step, loss_before, best_loss, time.monotonic() - started, device, stopped)


def encode(tokenizer: PreTrainedTokenizerBase, prompt: Prompt, pairs: list[tuple[str, str]]) -> list[Example]:
    """Each pair as the engine feeds the model (the family's source prefix, the end token) and the
    labels it should produce (the forced target-language token, the text, the end token)."""
    if not pairs:
        return []
    eos, room = tokenizer.eos_token_id, tokenizer.model_max_length - 2
    sources = tokenizer([source for source, _ in pairs], add_special_tokens=False)["input_ids"]
    targets = tokenizer(text_target=[target for _, target in pairs], add_special_tokens=False)["input_ids"]
    forced = [prompt.forced_bos_token_id] if prompt.forced_bos_token_id is not None else []
    return [([*prompt.source_prefix, *source[:room], eos], [*forced, *target[:room], eos])
            for source, target in zip(sources, targets, strict=True)]


def held_out_loss(model: Any, examples: list[Example], pad: int, batch_size: int) -> float:
    """The mean token loss of the model on `examples`."""
    model.eval()
    total, tokens = 0.0, 0
    with torch.inference_mode():
        for start in range(0, len(examples), batch_size):
            batch = examples[start : start + batch_size]
            inputs = _padded([ids for ids, _ in batch], pad, model.device)
            labels = _padded([ids for _, ids in batch], -100, model.device)
            count = int(labels.ne(-100).sum())
            total += float(model(input_ids=inputs, attention_mask=inputs.ne(pad), labels=labels).loss) * count
            tokens += count
    return total / max(1, tokens)


def _padded(rows: list[list[int]], value: int, device: str | torch.device) -> torch.Tensor:
    width = max(len(row) for row in rows)
    return torch.tensor([row + [value] * (width - len(row)) for row in rows], device=device)


def _snapshot(model: Any) -> dict[str, torch.Tensor]:
    return {name: tensor.detach().to("cpu", copy=True) for name, tensor in model.state_dict().items()}
