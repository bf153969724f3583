"""Per-user folders (data, configuration, logs), Qt-free so the core and the CLI share them.

`EKOCRM_HOME` (or `--data-dir`) puts everything under one folder: tests and portable
installs use it. Otherwise the platform's conventions apply (platformdirs): the SQLite
files go to the local, not roaming, data folder on Windows.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

from ekocrm_desktop import APP_NAME

HOME_ENV = "EKOCRM_HOME"

_dirs = PlatformDirs(appname=APP_NAME, appauthor=False, roaming=False)


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser() if value else None


def set_home(path: Path | str) -> None:
    """Put every per-user folder under `path` for this process (the `--data-dir` option)."""
    os.environ[HOME_ENV] = str(Path(path).expanduser().resolve())


def data_dir() -> Path:
    """Where workspace databases and their backups live."""
    home = _home()
    path = home / "data" if home else Path(_dirs.user_data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Where the configuration (workspaces, preferences) lives. Never holds a secret."""
    home = _home()
    path = home / "config" if home else Path(_dirs.user_config_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """Where the rotating log file lives."""
    home = _home()
    path = home / "logs" if home else Path(_dirs.user_log_dir)
    path.mkdir(parents=True, exist_ok=True)
    return path


def resources_dir() -> Path:
    """The shipped `resources/` folder (translations, fonts, icons): inside the package once
    installed or frozen, beside it in a source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "resources"
    return installed if installed.is_dir() else package.parent / "resources"


def workspaces_dir() -> Path:
    """Default folder for new SQLite workspace files."""
    path = data_dir() / "workspaces"
    path.mkdir(parents=True, exist_ok=True)
    return path
