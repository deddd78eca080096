"""Locate and load the data files shipped in `resources/`.

In a built wheel the folder is installed as `integrate/resources`; in a source
checkout it sits at the repository root. Both are found without configuration.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGED = Path(__file__).resolve().parent / "resources"
_CHECKOUT = Path(__file__).resolve().parents[2] / "resources"


class ResourceError(ValueError):
    """A resource file is missing or does not parse."""


@cache
def resource_root() -> Path:
    """The folder holding Integrate's data files."""
    for candidate in (_PACKAGED, _CHECKOUT):
        if candidate.is_dir():
            return candidate
    raise ResourceError("Integrate's resources folder is missing from this installation.")


def resource_path(*parts: str) -> Path:
    """Path of a file or folder inside `resources/`."""
    return resource_root().joinpath(*parts)


@cache
def load_toml(*parts: str) -> dict[str, Any]:
    """Parse one TOML file from `resources/` (cached: resources are read-only)."""
    path = resource_path(*parts)
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ResourceError(f"Missing resource file: {'/'.join(parts)}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ResourceError(f"Resource file {'/'.join(parts)} does not parse: {exc}") from exc
