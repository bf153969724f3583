"""Measure the contacts page in a fresh process: first paint, jump to the last row, memory.

python bench/ui_contacts_probe.py WORKSPACE.sqlite   → prints one JSON line
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def own_peak_mb() -> float:
    """This process's own peak resident memory, in MB (`common.status_mb`)."""
    from common import status_mb

    peak = status_mb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    path = Path(sys.argv[1])
    from PySide6.QtWidgets import QApplication

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.services.preferences import Preferences
    from ekocrm_desktop.services.workspaces import SQLITE, OpenedWorkspace, Workspace
    from ekocrm_desktop.ui.pages.contacts_page import ContactsPage
    from ekocrm_desktop.ui.session import WorkspaceSession

    app = QApplication([])
    # The app shows its window before it opens a workspace: fonts, icons and styles are loaded
    # by then. The figure is the page opening on the workspace, as the user sees it.
    from ekocrm_desktop.secrets import SecretStore
    from ekocrm_desktop.services.workspaces import WorkspaceRegistry
    from ekocrm_desktop.ui.main_window import MainWindow

    shell = MainWindow(
        registry=WorkspaceRegistry(Path(sys.argv[1]).with_suffix(".probe.json")),
        secrets=SecretStore(),
        preferences=Preferences(),
    )
    shell.show()
    app.processEvents()
    workspace = Workspace("bench", "Bench", "#1e88e5", SQLITE, path=str(path))
    session = WorkspaceSession(
        OpenedWorkspace(workspace, Database(make_engine(sqlite_url(path)), actor="bench")), Preferences()
    )

    started = time.perf_counter()
    page = ContactsPage(session)
    page.resize(1280, 720)
    page.show()
    app.processEvents()
    page.table.viewport().grab()
    first_paint = (time.perf_counter() - started) * 1000
    rows = page.model.rowCount()

    jumps = []
    for _ in range(3):
        page.table.scrollToTop()
        app.processEvents()
        page.model.refresh()  # cold caches: the jump must fetch the last page
        app.processEvents()
        started = time.perf_counter()
        page.table.scrollToBottom()
        app.processEvents()
        page.table.viewport().grab()
        jumps.append((time.perf_counter() - started) * 1000)
    last_visible = page.model.index(rows - 1, 0).data()

    page_downs = []
    page.table.scrollToTop()
    app.processEvents()
    for _ in range(20):
        started = time.perf_counter()
        scroll = page.table.verticalScrollBar()
        scroll.setValue(scroll.value() + scroll.pageStep())
        app.processEvents()
        page.table.viewport().grab()
        page_downs.append((time.perf_counter() - started) * 1000)

    rss_mb = own_peak_mb()
    print(
        json.dumps(
            {
                "rows": rows,
                "first_paint_ms": first_paint,
                "jump_last_ms": sorted(jumps)[len(jumps) // 2],
                "page_down_ms": sorted(page_downs)[len(page_downs) // 2],
                "last_row": last_visible,
                "rss_mb": rss_mb,
            }
        )
    )


if __name__ == "__main__":
    main()
