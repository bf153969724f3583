"""Measure the dashboard page opening in a fresh process: time to the first paint with figures
(every chart but the dues statuses, which come aside), and to every chart drawn.

python bench/ui_dashboard_probe.py WORKSPACE.sqlite   → prints one JSON line
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    path = Path(sys.argv[1])
    from PySide6.QtWidgets import QApplication

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.secrets import SecretStore
    from ekocrm_desktop.services.preferences import Preferences
    from ekocrm_desktop.services.workspaces import SQLITE, OpenedWorkspace, Workspace, WorkspaceRegistry
    from ekocrm_desktop.ui.main_window import MainWindow
    from ekocrm_desktop.ui.pages.dashboard_page import DashboardPage
    from ekocrm_desktop.ui.session import WorkspaceSession

    app = QApplication([])
    # The window is up before a page opens (fonts, styles loaded): the figure is the page.
    shell = MainWindow(
        registry=WorkspaceRegistry(path.with_suffix(".probe.json")),
        secrets=SecretStore(),
        preferences=Preferences(),
    )
    shell.show()
    app.processEvents()
    workspace = Workspace("bench", "Bench", "#1e88e5", SQLITE, path=str(path))
    session = WorkspaceSession(
        OpenedWorkspace(workspace, Database(make_engine(sqlite_url(path)), actor="bench")), Preferences()
    )
    firsts, fulls = [], []
    for _ in range(4):
        marks: dict[str, float] = {}
        started = time.perf_counter()
        page = DashboardPage(session)
        page.resize(1280, 800)

        def painted(
            _data: object, page: DashboardPage = page, marks: dict[str, float] = marks, started: float = started
        ) -> None:
            page.grab()  # the charts drawn, as the screen would
            marks.setdefault("first", time.perf_counter() - started)

        def done(
            _data: object, page: DashboardPage = page, marks: dict[str, float] = marks, started: float = started
        ) -> None:
            page.grab()
            marks["full"] = time.perf_counter() - started

        page.first_painted.connect(painted)
        page.loaded.connect(done)
        page.show()
        deadline = time.perf_counter() + 120
        while "full" not in marks and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.001)
        firsts.append(marks.get("first", float("nan")) * 1000)
        fulls.append(marks.get("full", float("nan")) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    # The first opening warms SQLite's page cache as a window already in use would have.
    first = sorted(firsts[1:])[1]
    full = sorted(fulls[1:])[1]
    print(json.dumps({"first_paint_ms": first, "full_ms": full, "cold_first_ms": firsts[0], "cold_full_ms": fulls[0]}))


if __name__ == "__main__":
    main()
