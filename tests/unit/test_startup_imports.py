"""What starting the window imports: heavy libraries wait until they are used (issue 2's start-up
budget), and SQLAlchemy is loaded before PySide6's import hook would read its sources."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
import ekocrm_desktop.ui.app, ekocrm_desktop.ui.main_window, ekocrm_desktop.ui.session
hook = sys.modules["shibokensupport.feature"]
print(json.dumps({"modules": sorted(sys.modules), "hooked": sorted(hook.pyside_feature_dict)}))
"""


def _startup_imports() -> dict[str, list[str]]:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120)
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_heavy_libraries_are_not_imported_to_open_the_window() -> None:
    modules = set(_startup_imports()["modules"])
    for heavy in ("reportlab", "icalendar", "qtawesome", "qtpy", "openpyxl", "pypdfium2", "PySide6.QtCharts"):
        assert heavy not in modules, f"{heavy} is imported at start-up"


def test_sqlalchemy_loads_before_pyside6() -> None:
    # PySide6's hook reads the source of each module imported after it (what it saw is in its
    # dict): SQLAlchemy's few hundred modules must have been loaded before it was installed.
    hooked = _startup_imports()["hooked"]
    assert not [name for name in hooked if name.startswith("sqlalchemy")]
    assert any(name.startswith("ekocrm_desktop.ui.") for name in hooked)  # the hook was there to see
