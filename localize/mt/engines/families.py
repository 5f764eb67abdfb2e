"""Model families: how each kind of seq2seq checkpoint is told which languages to translate between.

The family is read from the model's own files, its config's `model_type` and the language tokens of
its vocabulary, never from its name: a fine-tuned copy in a local folder may be called anything.

| family | recognised by | source led by | target |
|---|---|---|---|
| `marian` | `model_type: marian`, no `>>xxx<<` tokens | nothing | the model's one target |
| `marian-multi` | `model_type: marian`, `>>xxx<<` tokens | `>>deu<<` | the token's |
| `nllb` | `model_type: m2m_100` / `nllb-moe`, FLORES-200 codes | `zho_Hans` | forced first token `deu_Latn` |
| `m2m100` | `model_type: m2m_100`, `__en__` codes | `__zh__` | forced first token `__de__` |

Each family is one small class registered by id; adding one is one class. Language codes per
family are data (`localize/data/language_codes.yaml`).
"""

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pydantic import BaseModel, Field

from localize.datafile import load_data_file
from localize.mt.engines import LanguagePair, ModelUnavailable, UnsupportedPair
from localize.settings import DATA_DIR

if TYPE_CHECKING:  # transformers is imported by the engines, when one is used
    from transformers import PreTrainedTokenizerBase

LANGUAGE_CODES_FILE = DATA_DIR / "language_codes.yaml"


class FamilyLanguage(BaseModel):
    marian: list[str] = Field(min_length=1, description="target tokens a multi-target Marian model may know")
    nllb: str = Field(pattern=r"^[a-z]{3}_[A-Z][a-z]{3}$", description="FLORES-200 code")
    m2m100: str | None = Field(default=None, description="M2M100 code when not the ISO 639-1 code")


class LanguageCodes(BaseModel):
    languages: dict[str, FamilyLanguage]


class LanguageCodesError(ValueError):
    """The language code table is invalid; the message names the file and key."""


@cache
def language_codes(path: Path = LANGUAGE_CODES_FILE) -> dict[str, FamilyLanguage]:
    return load_data_file(LanguageCodes, path, path.name, LanguageCodesError).languages


@dataclass(frozen=True)
class Prompt:
    """What a family adds around a text for one language pair, as token ids."""

    source_prefix: tuple[int, ...] = ()  # before the source text: `>>deu<<`, `zho_Hans`, `__zh__`
    forced_bos_token_id: int | None = None  # the decoder's first token: the target language
    target_token: str | None = None  # the language token used, for messages and the model label

    @property
    def decoder_prefix(self) -> int:
        """Decoder tokens after the start token that the family forces (not the model's choice)."""
        return 1 if self.forced_bos_token_id is not None else 0


def token_id(tokenizer: "PreTrainedTokenizerBase", token: str) -> int | None:
    """The id of `token` if the tokenizer knows it as a whole: language tokens may live outside
    `get_vocab()` (M2M100 keeps them apart)."""
    found = tokenizer.convert_tokens_to_ids(token)
    return None if found is None or (found == tokenizer.unk_token_id and token != tokenizer.unk_token) else found


class ModelFamily:
    id: ClassVar[str]
    name: ClassVar[str]

    def __init__(self, tokenizer: "PreTrainedTokenizerBase"):
        self.tokenizer = tokenizer

    @classmethod
    def matches(cls, model_type: str, tokenizer: "PreTrainedTokenizerBase") -> bool:
        raise NotImplementedError

    def prompt(self, pair: LanguagePair) -> Prompt:
        """Raises UnsupportedPair when the model does not know one of the languages."""
        raise NotImplementedError

    def _token(self, token: str, language: str, side: str) -> int:
        found = token_id(self.tokenizer, token)
        if found is None:
            raise UnsupportedPair(f"the {self.name} model has no {side} language token {token!r} for {language!r}")
        return found

    def _codes(self, language: str) -> FamilyLanguage:
        codes = language_codes().get(language)
        if codes is None:
            known = ", ".join(sorted(language_codes()))
            raise UnsupportedPair(f"no {self.name} language code for {language!r} in {LANGUAGE_CODES_FILE.name} "
                                  f"(known: {known})")
        return codes


FAMILIES: dict[str, type[ModelFamily]] = {}  # tried in order: the first that matches wins


def model_family(cls: type[ModelFamily]) -> type[ModelFamily]:
    FAMILIES[cls.id] = cls
    return cls


def _marian_targets(tokenizer: "PreTrainedTokenizerBase") -> list[str]:
    return [token for token in tokenizer.get_vocab() if token.startswith(">>") and token.endswith("<<")]


@model_family
class MarianMultiTarget(ModelFamily):
    id = "marian-multi"
    name = "multi-target Marian"

    @classmethod
    def matches(cls, model_type: str, tokenizer: "PreTrainedTokenizerBase") -> bool:
        return model_type == "marian" and bool(_marian_targets(tokenizer))

    def prompt(self, pair: LanguagePair) -> Prompt:
        candidates = [f">>{code}<<" for code in self._codes(pair.target).marian]
        for token in candidates:
            found = token_id(self.tokenizer, token)
            if found is not None:
                return Prompt(source_prefix=(found,), target_token=token)
        known = " ".join(sorted(_marian_targets(self.tokenizer))[:40])
        raise UnsupportedPair(f"the {self.name} model knows none of {' '.join(candidates)} for {pair.target!r} "
                              f"(it knows {known})")


@model_family
class MarianSinglePair(ModelFamily):
    id = "marian"
    name = "Marian"

    @classmethod
    def matches(cls, model_type: str, tokenizer: "PreTrainedTokenizerBase") -> bool:
        return model_type == "marian"

    def prompt(self, pair: LanguagePair) -> Prompt:
        return Prompt()


@model_family
class Nllb(ModelFamily):
    id = "nllb"
    name = "NLLB-200"

    @classmethod
    def matches(cls, model_type: str, tokenizer: "PreTrainedTokenizerBase") -> bool:
        return model_type in ("m2m_100", "nllb-moe") and token_id(tokenizer, "eng_Latn") is not None

    def prompt(self, pair: LanguagePair) -> Prompt:
        source, target = self._codes(pair.source).nllb, self._codes(pair.target).nllb
        return Prompt(source_prefix=(self._token(source, pair.source, "source"),),
                      forced_bos_token_id=self._token(target, pair.target, "target"), target_token=target)


@model_family
class M2M100(ModelFamily):
    id = "m2m100"
    name = "M2M100"

    @classmethod
    def matches(cls, model_type: str, tokenizer: "PreTrainedTokenizerBase") -> bool:
        return model_type == "m2m_100" and token_id(tokenizer, "__en__") is not None

    def _lang_token(self, language: str, side: str) -> int:
        code = self._codes(language).m2m100 or language
        return self._token(f"__{code}__", language, side)

    def prompt(self, pair: LanguagePair) -> Prompt:
        target = self._lang_token(pair.target, "target")
        return Prompt(source_prefix=(self._lang_token(pair.source, "source"),), forced_bos_token_id=target,
                      target_token=f"__{self._codes(pair.target).m2m100 or pair.target}__")


def family_of(model_type: str, tokenizer: "PreTrainedTokenizerBase", ref: str) -> ModelFamily:
    """The family of a loaded model; ModelUnavailable for a kind no family handles."""
    for family in FAMILIES.values():
        if family.matches(model_type, tokenizer):
            return family(tokenizer)
    raise ModelUnavailable(f"{ref}: model type {model_type!r} is not a supported family "
                           f"({', '.join(FAMILIES)}); see README: Models")
