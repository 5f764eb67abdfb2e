"""Data files (market rules, size charts) read and validated into pydantic models, with errors that
name the file and the path of the bad key inside it."""

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)
# libyaml when present: the rule files are read by every command, and it parses them ten times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_data_file(model: type[ModelT], path: Path, name: str, error: type[ValueError]) -> ModelT:
    """`path` as `model`; any problem raises `error` as `name: key.path: reason`."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise error(f"{name}: cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise error(f"{name}: must be a mapping")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise error(f"{name}: {where}: {first['msg'].removeprefix('Value error, ')}") from exc
