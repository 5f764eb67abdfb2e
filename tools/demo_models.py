"""Small Marian models trained here on the project's own listing corpus, so that the demo and the
tests run offline through the same `from_pretrained` path as real opus-mt models.

The corpus (`localize/data/corpus/<src>-<tgt>.tsv`) is protected exactly as the pipeline protects
listings, so the model learns to copy `[Xn X]` placeholders, and 10% is held out for chrF.
"""

import json
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sacrebleu
import sentencepiece as spm
import torch
from transformers import MarianConfig, MarianMTModel, MarianTokenizer, PreTrainedModel

from localize.mt.corpus import CORPUS_DIR as CORPUS_DIR  # the corpus's names, where the build's users import them
from localize.mt.corpus import corpus_brands as corpus_brands
from localize.mt.corpus import protect_training_pairs
from localize.mt.corpus import read_corpus as read_corpus
from localize.mt.engines import Engine, LanguagePair
from localize.mt.engines.models import ModelCatalog
from localize.mt.engines.transformers_engine import TransformersEngine
from localize.pipeline import assemble_field, prepare_field
from localize.text.protect import PLACEHOLDER, PLACEHOLDER_PATTERN, protector_for

DEMO_PAIRS = ("zh-en", "en-de")
PLACEHOLDER_SYMBOLS = [PLACEHOLDER.format(i) for i in range(100)]  # whole tokens: the constraint can always write them
MAX_TOKENS = 96
MAX_POSITIONS = 256


@dataclass(frozen=True)
class ModelSize:
    """How big a model to train and for how long; FULL for the demo, TINY for the test suite."""

    d_model: int
    layers: int
    heads: int
    ffn: int
    vocab_size: int
    steps: int
    batch_size: int
    learning_rate: float
    max_pairs: int | None = None


# FULL trains in about 2.5 minutes per pair on 2 idle CPU cores (held out: chrF ~72 zh-en, ~90 en-de).
FULL = ModelSize(d_model=256, layers=2, heads=4, ffn=1024, vocab_size=4000, steps=1000, batch_size=32,
                 learning_rate=1e-3)
TINY = ModelSize(d_model=64, layers=1, heads=2, ffn=256, vocab_size=1000, steps=400, batch_size=32,
                 learning_rate=3e-3, max_pairs=1200)


@dataclass(frozen=True)
class BuildReport:
    pair: str
    directory: Path
    train_pairs: int
    held_out_pairs: int
    chrf: float
    placeholders_kept: float
    seconds: float


def split_held_out(pairs: list[tuple[str, str]], fraction: float = 0.1
                   ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    shuffled = pairs[:]
    random.Random(0).shuffle(shuffled)
    cut = max(1, int(len(shuffled) * fraction))
    return shuffled[cut:], shuffled[:cut]


def augment_placeholders(pairs: list[tuple[str, str]], seed: int = 0) -> list[tuple[str, str]]:
    """One extra pair per pair, teaching the model to copy placeholders wherever listings put them:
    the sentence wrapped in a tag pair (`<b>...</b>`), led by a value (a brand) or followed by one
    (a model number). Ids stay in source order, as `Protector` numbers them at run time."""
    rng = random.Random(seed)
    extra = []
    for source, target in pairs:
        count = len(set(PLACEHOLDER_PATTERN.findall(source)))
        if count + 2 <= len(PLACEHOLDER_SYMBOLS):
            kind = rng.choice(("wrap", "lead", "follow"))
            extra.append((_add_placeholders(source, kind, count), _add_placeholders(target, kind, count)))
    return extra


def _add_placeholders(text: str, kind: str, count: int) -> str:
    if kind == "follow":
        return f"{text} {PLACEHOLDER.format(count)}"
    shifted = PLACEHOLDER_PATTERN.sub(lambda m: PLACEHOLDER.format(int(m.group(1)) + 1), text)
    if kind == "wrap":
        return PLACEHOLDER.format(0) + shifted + PLACEHOLDER.format(count + 1)
    return f"{PLACEHOLDER.format(0)} {shifted}"


def train_tokenizer(texts: list[str], directory: Path, vocab_size: int) -> MarianTokenizer:
    """One sentencepiece model shared by both sides, saved the way opus-mt ships its tokenizers."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "spm"
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(texts),
            model_prefix=str(prefix),
            vocab_size=vocab_size,
            character_coverage=0.9995,
            model_type="unigram",
            user_defined_symbols=PLACEHOLDER_SYMBOLS,
            bos_id=-1,
            eos_id=-1,
            hard_vocab_limit=False,
            minloglevel=2,
        )
        processor = spm.SentencePieceProcessor(model_file=f"{prefix}.model")
        pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
        # Marian's layout: </s> first, <unk> next, the pieces, <pad> last.
        vocab = {"</s>": 0, "<unk>": 1}
        for piece in pieces:
            vocab.setdefault(piece, len(vocab))
        vocab["<pad>"] = len(vocab)
        (Path(tmp) / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
        tokenizer = MarianTokenizer(
            source_spm=f"{prefix}.model", target_spm=f"{prefix}.model", vocab=str(Path(tmp) / "vocab.json"),
            model_max_length=MAX_POSITIONS,
        )
        tokenizer.save_pretrained(directory)
    reloaded: MarianTokenizer = MarianTokenizer.from_pretrained(directory)
    return reloaded


def train_model(tokenizer: MarianTokenizer, pairs: list[tuple[str, str]], size: ModelSize,
                log: Callable[[str], None]) -> MarianMTModel:
    torch.manual_seed(0)
    config = MarianConfig(
        vocab_size=len(tokenizer), d_model=size.d_model,
        encoder_layers=size.layers, decoder_layers=size.layers,
        encoder_attention_heads=size.heads, decoder_attention_heads=size.heads,
        encoder_ffn_dim=size.ffn, decoder_ffn_dim=size.ffn,
        max_position_embeddings=MAX_POSITIONS, dropout=0.1, attention_dropout=0.0, activation_dropout=0.0,
        pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.pad_token_id, forced_eos_token_id=tokenizer.eos_token_id,
        scale_embedding=True, share_encoder_decoder_embeddings=True,
    )
    model = MarianMTModel(config)
    encoded = tokenizer([s for s, _ in pairs], text_target=[t for _, t in pairs], truncation=True,
                        max_length=MAX_TOKENS)
    train(model, list(zip(encoded["input_ids"], encoded["labels"], strict=True)), size, tokenizer.pad_token_id, log)
    generation = model.generation_config
    assert generation is not None
    generation.bad_words_ids = [[tokenizer.pad_token_id]]
    generation.num_beams = 1
    generation.max_length = MAX_TOKENS * 2
    return model


def train(model: PreTrainedModel, examples: list[tuple[list[int], list[int]]], size: ModelSize, pad_token_id: int,
          log: Callable[[str], None]) -> None:
    """Teacher-forced training on (input ids, label ids) examples: AdamW, warm-up then inverse square
    root decay, label smoothing; the model is left in eval mode."""
    rng = random.Random(0)
    optimizer = torch.optim.AdamW(model.parameters(), lr=size.learning_rate, weight_decay=0.01)
    warmup = max(1, size.steps // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, (warmup / (step + 1)) ** 0.5)
    )
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=0.1)
    model.train()
    for step in range(1, size.steps + 1):
        batch = rng.sample(examples, min(size.batch_size, len(examples)))
        inputs = _pad([ids for ids, _ in batch], pad_token_id)
        labels = _pad([ids for _, ids in batch], -100)
        logits = model(input_ids=inputs, attention_mask=inputs.ne(pad_token_id), labels=labels).logits
        loss = loss_fn(logits.view(-1, logits.size(-1)), labels.view(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        if step % max(1, size.steps // 5) == 0:
            log(f"  step {step}/{size.steps}  loss {loss.item():.3f}")
    model.eval()


def _pad(rows: list[list[int]], value: int) -> torch.Tensor:
    width = max(len(row) for row in rows)
    return torch.tensor([row + [value] * (width - len(row)) for row in rows])


def held_out_scores(
    engine: Engine, pair: LanguagePair, held_out: list[tuple[str, str]], brands: list[str]
) -> tuple[float, float]:
    """chrF of the engine on held-out pairs, through the pipeline's own protect/translate/restore,
    and the share of held-out segments with placeholders that came back with all of them."""
    protector = protector_for(terms=brands)
    prepared = [prepare_field("segment", source, protector) for source, _ in held_out]
    todo = list(dict.fromkeys(seg.text for field in prepared for seg in field.segments if seg.translatable))
    translations = dict(zip(todo, engine.translate(pair, todo), strict=True))
    assembled = [assemble_field(field, translations, pair.target) for field in prepared]
    chrf = sacrebleu.corpus_chrf([field.text for field in assembled], [[target for _, target in held_out]]).score
    with_values = [result.flags for field, result in zip(prepared, assembled, strict=True)
                   if any(seg.values for seg in field.segments)]
    kept = sum(not flags for flags in with_values) / len(with_values) if with_values else 1.0
    return chrf, kept


def build_model(pair: str, directory: Path, size: ModelSize = FULL, corpus_dir: Path = CORPUS_DIR,
                log: Callable[[str], None] = print) -> BuildReport:
    started = time.perf_counter()
    brands = corpus_brands(corpus_dir)
    train, held_out = split_held_out(read_corpus(pair, corpus_dir))
    if size.max_pairs:
        train = train[: size.max_pairs]
    protected = protect_training_pairs(train, protector_for(terms=brands))
    protected += augment_placeholders(protected)
    directory.mkdir(parents=True, exist_ok=True)
    tokenizer = train_tokenizer([text for both in protected for text in both], directory, size.vocab_size)
    log(f"{pair}: {len(protected)} training pairs, vocabulary {len(tokenizer)}")
    model = train_model(tokenizer, protected, size, log)
    model.save_pretrained(directory)
    language_pair = LanguagePair.parse(pair)
    engine = TransformersEngine(ModelCatalog.of({language_pair: str(directory)}))
    chrf, kept = held_out_scores(engine, language_pair, held_out, brands)
    seconds = time.perf_counter() - started
    log(f"{pair}: chrF {chrf:.1f} on {len(held_out)} held-out pairs, placeholders kept in {kept:.0%} "
        f"of those that have them ({seconds:.0f} s)")
    return BuildReport(pair, directory, len(protected), len(held_out), chrf, kept, seconds)


def build_demo_models(out_dir: Path, size: ModelSize = FULL, pairs: tuple[str, ...] = DEMO_PAIRS,
                      corpus_dir: Path = CORPUS_DIR, log: Callable[[str], None] = print) -> list[BuildReport]:
    """Train one model per pair under `out_dir` and write `out_dir/models.toml` for LOCALIZE_MODELS."""
    reports = [build_model(pair, out_dir / pair, size, corpus_dir, log) for pair in pairs]
    lines = ['# Written by `localize models build-demo`; point LOCALIZE_MODELS at this file.',
             '# No fallback to the hub: pairs not listed here pivot through English or fail.',
             'default = ""']
    lines += [f'"{report.pair}" = "./{report.pair}"' for report in reports]
    (out_dir / "models.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return reports
