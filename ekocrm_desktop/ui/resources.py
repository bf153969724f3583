"""Where the shipped resources are (see ekocrm_desktop.paths.resources_dir)."""

from __future__ import annotations

from pathlib import Path

from ekocrm_desktop.paths import resources_dir

__all__ = ["resources_dir", "translations_dir"]


def translations_dir() -> Path:
    """Compiled `.qm` translations and their `.ts` sources."""
    return resources_dir() / "translations"
