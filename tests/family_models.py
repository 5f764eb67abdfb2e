"""Tiny models of each family the engine drives (multi-target Marian, NLLB-200, M2M100), trained
in seconds to translate English into German or Chinese, saved as their real checkpoints are and
loaded back through `from_pretrained`.

Each learns the target from its family's language token alone, trained on the very prompt layout
the engine builds (`>>deu<<` leading the source; a forced `deu_Latn` / `__de__` decoder token), so
a test that gets German for one language code and Chinese for the other shows the engine chose
the language, not the model by luck.
"""

import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import sentencepiece as spm
import torch
from transformers import (
    M2M100Config,
    M2M100ForConditionalGeneration,
    M2M100Tokenizer,
    MarianConfig,
    MarianMTModel,
    MarianTokenizer,
    NllbTokenizer,
    PreTrainedModel,
    PreTrainedTokenizerBase,
)

from localize.mt.engines import LanguagePair
from localize.mt.engines.families import family_of
from localize.text.protect import Protector
from tools.demo_models import (
    PLACEHOLDER_SYMBOLS,
    ModelSize,
    corpus_brands,
    protect_training_pairs,
    read_corpus,
    train,
)

# The smallest that learns, in about 20 s, to follow a multi-target Marian's source-side token.
SIZE = ModelSize(d_model=128, layers=1, heads=2, ffn=512, vocab_size=1200, steps=400, batch_size=32,
                 learning_rate=2e-3)
PAIRS_PER_TARGET = 900
TARGETS = ("de", "zh")
MARIAN_TOKENS = {"de": ">>deu<<", "zh": ">>cmn_Hans<<"}


def training_pairs() -> dict[str, list[tuple[str, str]]]:
    """English sources with German and with Chinese targets, protected as the pipeline protects them."""
    protector = Protector(corpus_brands())
    en_de = read_corpus("en-de")[:PAIRS_PER_TARGET]
    en_zh = [(en, zh) for zh, en in read_corpus("zh-en")[:PAIRS_PER_TARGET]]
    return {"de": protect_training_pairs(en_de, protector), "zh": protect_training_pairs(en_zh, protector)}


def _sentencepiece(texts: list[str], folder: Path, extra_symbols: list[str], placeholders_whole: bool = True,
                   **options: int) -> Path:
    prefix = folder / "spm"
    # 32 placeholder tokens are plenty for these tests, and leave the small vocabulary room for words.
    symbols = (PLACEHOLDER_SYMBOLS[:32] if placeholders_whole else []) + extra_symbols
    spm.SentencePieceTrainer.train(sentence_iterator=iter(texts), model_prefix=str(prefix),
                                   vocab_size=SIZE.vocab_size, character_coverage=1.0, model_type="unigram",
                                   user_defined_symbols=symbols,
                                   hard_vocab_limit=False, minloglevel=2, **options)
    return prefix.with_suffix(".model")


def marian_tokenizer(texts: list[str], folder: Path, placeholders_whole: bool = True) -> MarianTokenizer:
    """A Marian tokenizer over `texts` with the target tokens; with `placeholders_whole` off the
    vocabulary spells `[X0X]` in pieces, as opus-mt's do."""
    model = _sentencepiece(texts, folder, list(MARIAN_TOKENS.values()), placeholders_whole, bos_id=-1, eos_id=-1)
    processor = spm.SentencePieceProcessor(model_file=str(model))
    vocab = {"</s>": 0, "<unk>": 1}
    for index in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(index), len(vocab))
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    return MarianTokenizer(source_spm=str(model), target_spm=str(model), vocab=str(folder / "vocab.json"))


def _marian_model(tokenizer: PreTrainedTokenizerBase) -> PreTrainedModel:
    return MarianMTModel(MarianConfig(
        vocab_size=len(tokenizer), d_model=SIZE.d_model, encoder_layers=SIZE.layers, decoder_layers=SIZE.layers,
        encoder_attention_heads=SIZE.heads, decoder_attention_heads=SIZE.heads, encoder_ffn_dim=SIZE.ffn,
        decoder_ffn_dim=SIZE.ffn, max_position_embeddings=256, pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id, decoder_start_token_id=tokenizer.pad_token_id,
        forced_eos_token_id=tokenizer.eos_token_id, share_encoder_decoder_embeddings=True, scale_embedding=True))


def _m2m_model(tokenizer: PreTrainedTokenizerBase) -> PreTrainedModel:
    # M2M100's tokenizer numbers its language tokens after its vocabulary, outside len(tokenizer).
    languages = getattr(tokenizer, "lang_token_to_id", {}).values()
    return M2M100ForConditionalGeneration(M2M100Config(
        vocab_size=max([len(tokenizer) - 1, *languages]) + 1, d_model=SIZE.d_model,
        encoder_layers=SIZE.layers, decoder_layers=SIZE.layers,
        encoder_attention_heads=SIZE.heads, decoder_attention_heads=SIZE.heads, encoder_ffn_dim=SIZE.ffn,
        decoder_ffn_dim=SIZE.ffn, max_position_embeddings=256, pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id, scale_embedding=True))


def _nllb_tokenizer(texts: list[str], folder: Path) -> PreTrainedTokenizerBase:
    model = _sentencepiece(texts, folder, [])
    return NllbTokenizer(vocab_file=str(model))


def _m2m_tokenizer(texts: list[str], folder: Path) -> PreTrainedTokenizerBase:
    model = _sentencepiece(texts, folder, [])
    processor = spm.SentencePieceProcessor(model_file=str(model))
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for index in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(index), len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    return M2M100Tokenizer(vocab_file=str(folder / "vocab.json"), spm_file=str(model))


BUILDERS = {
    "marian-multi": (marian_tokenizer, _marian_model),
    "nllb": (_nllb_tokenizer, _m2m_model),
    "m2m100": (_m2m_tokenizer, _m2m_model),
}


def build_family_model(family: str, directory: Path, log: Callable[[str], None] = lambda _: None) -> Path:
    """Train and save a tiny `family` model translating en->de and en->zh; returns `directory`."""
    pairs = training_pairs()
    make_tokenizer, make_model = BUILDERS[family]
    with tempfile.TemporaryDirectory() as tmp:
        texts = [text for target in TARGETS for pair in pairs[target] for text in pair]
        tokenizer = make_tokenizer(texts, Path(tmp))
        tokenizer.save_pretrained(directory)
    torch.manual_seed(0)
    model = make_model(tokenizer)
    # The engine's own prompt for each pair: what the model learns is what the engine sends.
    prompts = {target: family_of(model.config.model_type, tokenizer, family).prompt(
        LanguagePair("en", target)) for target in TARGETS}
    examples = []
    for target in TARGETS:
        prompt = prompts[target]
        forced = [prompt.forced_bos_token_id] if prompt.forced_bos_token_id is not None else []
        for source, translation in pairs[target]:
            source_ids = tokenizer(source, add_special_tokens=False)["input_ids"][:60]
            target_ids = tokenizer(translation, add_special_tokens=False)["input_ids"][:60]  # one vocabulary
            examples.append(([*prompt.source_prefix, *source_ids, tokenizer.eos_token_id],
                             [*forced, *target_ids, tokenizer.eos_token_id]))
    train(model, examples, SIZE, tokenizer.pad_token_id, log)
    model.save_pretrained(directory)
    return directory
