"""Which model serves which language pair: configuration, not code.

`LOCALIZE_MODELS` names a TOML file of `"zh-en" = "hub-id-or-local-dir"` entries, or inline tables
`"zh-en" = { model = "...", size_mb = 312 }`. Relative paths are read from the file's folder.
`default` is an optional pattern for pairs not listed (`"Helsinki-NLP/opus-mt-{src}-{tgt}"`); none
by default, since such a guess names models that often do not exist. Without `LOCALIZE_MODELS`
the shipped recipe `models/recommended.toml` is used: a real public checkpoint for Chinese and
English into every market language.
"""

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from localize.mt.engines import LanguagePair
from localize.settings import PROJECT_ROOT

RECOMMENDED_FILE = PROJECT_ROOT / "models" / "recommended.toml"


class ModelConfigError(ValueError):
    """The models file cannot be read or has a bad entry; the message names the file and key."""


@dataclass(frozen=True)
class ModelEntry:
    ref: str  # a hub id or an absolute directory
    size_mb: int | None = None
    note: str = ""

    @property
    def is_local(self) -> bool:
        return self.ref.startswith("/")


@dataclass(frozen=True)
class ModelCatalog:
    pairs: dict[LanguagePair, ModelEntry] = field(default_factory=dict)
    default: str = ""
    source: Path | None = None

    def lookup(self, pair: LanguagePair) -> str | None:
        """The model reference for `pair`: configured, else the default pattern, else None."""
        if pair in self.pairs:
            return self.pairs[pair].ref
        return self.default.format(src=pair.source, tgt=pair.target) if self.default else None

    @classmethod
    def of(cls, pairs: dict[LanguagePair, str]) -> "ModelCatalog":
        """A catalog of the given references and nothing else."""
        return cls(pairs={pair: ModelEntry(ref) for pair, ref in pairs.items()})

    @classmethod
    def from_file(cls, path: Path) -> "ModelCatalog":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ModelConfigError(f"{path}: cannot read models file: {exc.strerror or exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ModelConfigError(f"{path}: invalid TOML: {exc}") from exc
        default = data.pop("default", "")
        if not isinstance(default, str):
            raise ModelConfigError(f"{path}: default: must be a string pattern like 'org/opus-mt-{{src}}-{{tgt}}'")
        pairs: dict[LanguagePair, ModelEntry] = {}
        for key, value in data.items():
            try:
                pair = LanguagePair.parse(key)
            except ValueError as exc:
                raise ModelConfigError(f"{path}: {key}: {exc}") from exc
            pairs[pair] = _entry(value, path, key)
        return cls(pairs=pairs, default=default, source=path)


def _entry(value: object, path: Path, key: str) -> ModelEntry:
    table = value if isinstance(value, dict) else {"model": value}
    ref, size, note = table.get("model"), table.get("size_mb"), table.get("note", "")
    unknown = set(table) - {"model", "size_mb", "note"}
    if unknown:
        raise ModelConfigError(f"{path}: {key}.{sorted(unknown)[0]}: unknown key; use model, size_mb, note")
    if not isinstance(ref, str) or not ref.strip():
        raise ModelConfigError(f"{path}: {key}: must be a hub id or a directory path")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size <= 0):
        raise ModelConfigError(f"{path}: {key}.size_mb: must be a positive whole number of megabytes")
    if not isinstance(note, str):
        raise ModelConfigError(f"{path}: {key}.note: must be a string")
    return ModelEntry(_resolve(ref.strip(), path.parent), size, note)


def _resolve(ref: str, base: Path) -> str:
    """Paths are relative to the models file; anything else is a hub id (`org/name`)."""
    if ref.startswith((".", "/", "~")):
        return str((base / Path(ref).expanduser()).resolve())
    local = base / ref
    return str(local.resolve()) if local.is_dir() else ref


@cache
def recommended() -> ModelCatalog:
    """The shipped recipe: a public checkpoint for zh->X and en->X of every market language."""
    return ModelCatalog.from_file(RECOMMENDED_FILE)


def configured_catalog(models_file: Path | None) -> ModelCatalog:
    """The catalog the engine uses: the file LOCALIZE_MODELS names, else the recipe."""
    return ModelCatalog.from_file(models_file) if models_file else recommended()


def download_command(ref: str) -> str:
    return f"hf download {ref}"


@dataclass(frozen=True)
class PairStatus:
    pair: LanguagePair
    entry: ModelEntry | None  # what serves the pair, None when nothing is configured
    recommended: ModelEntry | None
    present: bool  # a local directory that exists, or a hub id in the local cache

    @property
    def to_get(self) -> str:
        """What to run to make the pair work, or "" when it does."""
        if self.present:
            return ""
        if self.entry is None:
            wanted = self.recommended.ref if self.recommended else None
            return f'add "{self.pair}" = "{wanted}" and {download_command(wanted)}' if wanted else "configure a model"
        if self.entry.is_local:
            return f"copy the model into {self.entry.ref}"
        return download_command(self.entry.ref)


def is_present(ref: str) -> bool:
    """Whether a model can load without the hub: a directory with a config, or a cached hub id."""
    if ref.startswith("/"):
        return (Path(ref) / "config.json").is_file()
    from huggingface_hub import try_to_load_from_cache

    return isinstance(try_to_load_from_cache(ref, "config.json"), str)


def pair_statuses(catalog: ModelCatalog) -> list[PairStatus]:
    """Every pair the catalog or the recipe names, with what serves it and whether it is here."""
    recipe = recommended()
    statuses = []
    for pair in sorted(set(catalog.pairs) | set(recipe.pairs)):
        ref = catalog.lookup(pair)
        entry = catalog.pairs.get(pair) or (ModelEntry(ref) if ref else None)
        statuses.append(PairStatus(pair, entry, recipe.pairs.get(pair), entry is not None and is_present(entry.ref)))
    return statuses


def how_to_get(pair: LanguagePair, catalog: ModelCatalog) -> str:
    """What to do when no model serves `pair`, pointing at the recipe rather than guessing an id."""
    entry = recommended().pairs.get(pair)
    if entry is None:
        return (f'no model for {pair} is recommended in {RECOMMENDED_FILE.name}; add "{pair}" = "hub-id-or-directory" '
                "to the models file LOCALIZE_MODELS names (README: Models)")
    size = f", {entry.size_mb:,} MB" if entry.size_mb else ""
    advice = f"{RECOMMENDED_FILE.name} recommends {entry.ref} for {pair}{size}: `{download_command(entry.ref)}`"
    if catalog.source == RECOMMENDED_FILE:
        return advice + " on a machine with hub access (`localize models list` shows every pair)"
    return (advice + f', then add "{pair}" = "{entry.ref}" to {catalog.source or "your models file"} or unset '
            "LOCALIZE_MODELS to use the recipe (`localize models list` shows every pair)")
