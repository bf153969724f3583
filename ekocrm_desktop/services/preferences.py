"""User preferences that are not UI geometry: interface language, phone region.

Stored as JSON in the configuration folder; the UI keeps window state in QSettings.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from pathlib import Path

from ekocrm_desktop.paths import config_dir

log = logging.getLogger(__name__)

LANGUAGES = ("auto", "fr", "en")


@dataclasses.dataclass(frozen=True)
class Preferences:
    """What the settings dialog edits."""

    #: "auto" follows the system: French on a French system, English otherwise.
    language: str = "auto"
    #: Region used to read phone numbers typed without a country code.
    phone_region: str = "FR"


def preferences_path() -> Path:
    """Where preferences are stored."""
    return config_dir() / "preferences.json"


def load_preferences(path: Path | None = None) -> Preferences:
    """Read preferences; defaults when the file is missing or damaged."""
    path = path or preferences_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Preferences()
    except (OSError, ValueError):
        log.warning("preferences file %s unreadable; using defaults", path)
        return Preferences()
    language = data.get("language", "auto")
    region = str(data.get("phone_region", "FR")).upper()[:2] or "FR"
    return Preferences(language=language if language in LANGUAGES else "auto", phone_region=region)


def save_preferences(preferences: Preferences, path: Path | None = None) -> None:
    """Write preferences."""
    path = path or preferences_path()
    path.write_text(json.dumps(dataclasses.asdict(preferences), indent=2), encoding="utf-8")
