"""Where the shipped resources are: inside the package once installed, beside it in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The `resources/` folder (translations, fonts, icons)."""
    installed = _PACKAGE / "resources"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "resources"


def translations_dir() -> Path:
    """Compiled `.qm` translations and their `.ts` sources."""
    return resources_dir() / "translations"
