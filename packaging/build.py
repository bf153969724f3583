"""Build the one-folder desktop bundle with PyInstaller: `python packaging/build.py`.

Needs `pip install pyinstaller`. The result is dist/EkoCRM/ (run dist/EkoCRM/EkoCRM). On Linux,
packaging/linux/ holds the desktop entry and AppStream metadata to install beside it; Windows
(Inno Setup) and macOS (.app, notarisation) builds run on their own systems.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    spec = ROOT / "packaging" / "pyinstaller" / "ekocrm.spec"
    return subprocess.call([sys.executable, "-m", "PyInstaller", "--noconfirm", str(spec)], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
