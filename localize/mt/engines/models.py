"""Which model serves which language pair: configuration, not code.

`LOCALIZE_MODELS` names a TOML file of `"zh-en" = "hub-id-or-local-dir"` entries, or inline tables
`"zh-en" = { model = "...", size_mb = 312 }`. Relative paths are read from the file's folder. A
`[scopes."seller:acme"]` or `[scopes."category:home/lighting"]` table maps pairs to the models that
serve that seller's listings, or that category's (and its subcategories'), elsewhere the file's own.
An entry's `previous` lists the models it replaced, oldest first ("" where none of its own was):
what `localize models rollback` restores.
`default` is an optional pattern for pairs not listed (`"Helsinki-NLP/opus-mt-{src}-{tgt}"`); none
by default, since such a guess names models that often do not exist. Without `LOCALIZE_MODELS`
the shipped recipe `models/recommended.toml` is used: a real public checkpoint for Chinese and
English into every market language.
"""

import os
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from localize.mt.engines import LanguagePair
from localize.settings import PROJECT_ROOT

RECOMMENDED_FILE = PROJECT_ROOT / "models" / "recommended.toml"


class ModelConfigError(ValueError):
    """The models file cannot be read or has a bad entry; the message names the file and key."""


SCOPE_KINDS = ("seller", "category")
ENTRY_KEYS = ("model", "size_mb", "note", "previous")


@dataclass(frozen=True, order=True)
class Scope:
    """Whose listings a model serves: one seller's (`seller:acme`), or one category's and its
    subcategories' (`category:home/lighting`)."""

    kind: str
    name: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}"

    @classmethod
    def parse(cls, text: str) -> "Scope":
        kind, sep, name = text.partition(":")
        if not sep or kind not in SCOPE_KINDS or not name.strip():
            raise ValueError(f"{text!r} is not a scope like 'seller:acme' or 'category:home/lighting'")
        return cls(kind, name.strip())


def scopes_of(seller: str | None, category: str | None) -> Iterator[Scope]:
    """The scopes a listing falls in, the most specific first: its seller, then its category and
    each category above it (`home/lighting`, then `home`)."""
    if seller:
        yield Scope("seller", seller)
    parts = category.strip("/").split("/") if category else []
    for end in range(len(parts), 0, -1):
        yield Scope("category", "/".join(parts[:end]))


@dataclass(frozen=True)
class ModelEntry:
    ref: str  # a hub id or an absolute directory
    size_mb: int | None = None
    note: str = ""
    previous: tuple[str, ...] = ()  # the references this one replaced, oldest first; "" for none

    @property
    def is_local(self) -> bool:
        return self.ref.startswith("/")


@dataclass(frozen=True)
class ModelCatalog:
    pairs: dict[LanguagePair, ModelEntry] = field(default_factory=dict)
    default: str = ""
    source: Path | None = None
    scopes: dict[Scope, dict[LanguagePair, ModelEntry]] = field(default_factory=dict)

    def scoped(self, seller: str | None, category: str | None) -> "ModelCatalog":
        """The catalog as a listing of this seller and category sees it: each pair a scope maps
        served by the most specific such scope's model, the rest as before (this very catalog when
        no scope applies)."""
        chosen: dict[LanguagePair, ModelEntry] = {}
        for scope in scopes_of(seller, category):
            for pair, entry in self.scopes.get(scope, {}).items():
                chosen.setdefault(pair, entry)
        return replace(self, pairs={**self.pairs, **chosen}, scopes={}) if chosen else self

    def entry(self, pair: LanguagePair, scope: Scope | None = None) -> ModelEntry | None:
        """The file's own entry for `pair` in `scope` (None: the file's top level)."""
        return (self.scopes.get(scope, {}) if scope else self.pairs).get(pair)

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
        scope_tables = data.pop("scopes", {})
        if not isinstance(scope_tables, dict):
            raise ModelConfigError(f'{path}: scopes: must be tables like [scopes."seller:acme"]')
        scopes: dict[Scope, dict[LanguagePair, ModelEntry]] = {}
        for key, table in scope_tables.items():
            try:
                scope = Scope.parse(key)
            except ValueError as exc:
                raise ModelConfigError(f"{path}: scopes.{key}: {exc}") from exc
            if not isinstance(table, dict):
                raise ModelConfigError(f'{path}: scopes.{key}: must be a table of "zh-en" = "model" entries')
            scopes[scope] = _pairs(table, path, f'scopes."{key}".')
        return cls(pairs=_pairs(data, path, ""), default=default, source=path, scopes=scopes)


def _pairs(table: dict[str, object], path: Path, where: str) -> dict[LanguagePair, ModelEntry]:
    pairs: dict[LanguagePair, ModelEntry] = {}
    for key, value in table.items():
        try:
            pair = LanguagePair.parse(key)
        except ValueError as exc:
            raise ModelConfigError(f"{path}: {where}{key}: {exc}") from exc
        pairs[pair] = _entry(value, path, where + key)
    return pairs


def _entry(value: object, path: Path, key: str) -> ModelEntry:
    table = value if isinstance(value, dict) else {"model": value}
    ref, size, note = table.get("model"), table.get("size_mb"), table.get("note", "")
    previous = table.get("previous", [])
    unknown = set(table) - set(ENTRY_KEYS)
    if unknown:
        raise ModelConfigError(f"{path}: {key}.{sorted(unknown)[0]}: unknown key; use {', '.join(ENTRY_KEYS)}")
    if not isinstance(ref, str) or not ref.strip():
        raise ModelConfigError(f"{path}: {key}: must be a hub id or a directory path")
    if size is not None and (not isinstance(size, int) or isinstance(size, bool) or size <= 0):
        raise ModelConfigError(f"{path}: {key}.size_mb: must be a positive whole number of megabytes")
    if not isinstance(note, str):
        raise ModelConfigError(f"{path}: {key}.note: must be a string")
    if not isinstance(previous, list) or not all(isinstance(item, str) for item in previous):
        raise ModelConfigError(f"{path}: {key}.previous: must be a list of hub ids or directory paths")
    return ModelEntry(_resolve(ref.strip(), path.parent), size, note,
                      tuple(_resolve(item.strip(), path.parent) if item.strip() else "" for item in previous))


def _resolve(ref: str, base: Path) -> str:
    """Paths are relative to the models file; anything else is a hub id (`org/name`)."""
    if ref.startswith((".", "/", "~")):
        return str((base / Path(ref).expanduser()).resolve())
    local = base / ref
    return str(local.resolve()) if local.is_dir() else ref


def save_catalog(catalog: ModelCatalog) -> None:
    """Write `catalog` back to its file, the comment lines that open the file kept; directories
    under the file's folder are written relative to it. Atomic: a reader sees the old file or the new."""
    path = catalog.source
    assert path is not None, "only a catalog read from a file is saved"
    try:
        old = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        old = []
    lines = [*_leading_comments(old), f"default = {_string(catalog.default)}"]
    lines += _entries_toml(catalog.pairs, path.parent)
    for scope, pairs in sorted(catalog.scopes.items()):
        lines += ["", f"[scopes.{_string(str(scope))}]", *_entries_toml(pairs, path.parent)]
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise ModelConfigError(f"{path}: cannot write models file: {exc.strerror or exc}") from exc


def _leading_comments(lines: list[str]) -> Iterator[str]:
    for line in lines:
        if not line.startswith("#"):
            return
        yield line


def _entries_toml(pairs: dict[LanguagePair, ModelEntry], base: Path) -> list[str]:
    return [f"{_string(str(pair))} = {_entry_toml(entry, base)}" for pair, entry in sorted(pairs.items())]


def _entry_toml(entry: ModelEntry, base: Path) -> str:
    ref = _relative(entry.ref, base)
    if entry.size_mb is None and not entry.note and not entry.previous:
        return _string(ref)
    parts = [f"model = {_string(ref)}"]
    if entry.size_mb is not None:
        parts.append(f"size_mb = {entry.size_mb}")
    if entry.note:
        parts.append(f"note = {_string(entry.note)}")
    if entry.previous:
        parts.append("previous = [" + ", ".join(_string(_relative(item, base)) for item in entry.previous) + "]")
    return "{ " + ", ".join(parts) + " }"


def _relative(ref: str, base: Path) -> str:
    """A directory under `base` as `./name`, so the folder can move; anything else as it is."""
    if not ref.startswith("/"):
        return ref
    path = Path(ref)
    return f"./{path.relative_to(base.resolve()).as_posix()}" if path.is_relative_to(base.resolve()) else ref


def _string(text: str) -> str:
    """A TOML basic string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(f"\\u{ord(ch):04x}" if ord(ch) < 0x20 or ord(ch) == 0x7F else ch for ch in escaped) + '"'


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
