"""Which model serves which language pair: configuration, not code.

`LOCALIZE_MODELS` names a TOML file of `"zh-en" = "hub-id-or-local-dir"` entries. Relative paths are
read from the file's folder. `default` is the pattern for pairs not listed
(`Helsinki-NLP/opus-mt-{src}-{tgt}` unless the file sets it; `""` turns the fallback off).
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from localize.engines import LanguagePair

DEFAULT_PATTERN = "Helsinki-NLP/opus-mt-{src}-{tgt}"


class ModelConfigError(ValueError):
    """The models file cannot be read or has a bad entry; the message names the file and key."""


@dataclass(frozen=True)
class ModelCatalog:
    pairs: dict[LanguagePair, str] = field(default_factory=dict)
    default: str = DEFAULT_PATTERN
    source: Path | None = None

    def lookup(self, pair: LanguagePair) -> str | None:
        """The model reference for `pair`: configured, else the default pattern, else None."""
        if pair in self.pairs:
            return self.pairs[pair]
        return self.default.format(src=pair.source, tgt=pair.target) if self.default else None

    @classmethod
    def from_file(cls, path: Path) -> "ModelCatalog":
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ModelConfigError(f"{path}: cannot read models file: {exc.strerror or exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ModelConfigError(f"{path}: invalid TOML: {exc}") from exc
        default = data.pop("default", DEFAULT_PATTERN)
        if not isinstance(default, str):
            raise ModelConfigError(f"{path}: default: must be a string pattern like {DEFAULT_PATTERN!r}")
        pairs: dict[LanguagePair, str] = {}
        for key, ref in data.items():
            try:
                pair = LanguagePair.parse(key)
            except ValueError as exc:
                raise ModelConfigError(f"{path}: {key}: {exc}") from exc
            if not isinstance(ref, str) or not ref.strip():
                raise ModelConfigError(f"{path}: {key}: must be a hub id or a directory path")
            pairs[pair] = _resolve(ref.strip(), path.parent)
        return cls(pairs=pairs, default=default, source=path)


def _resolve(ref: str, base: Path) -> str:
    """Paths are relative to the models file; anything else is a hub id (`org/name`)."""
    if ref.startswith((".", "/", "~")):
        return str((base / Path(ref).expanduser()).resolve())
    local = base / ref
    return str(local.resolve()) if local.is_dir() else ref
