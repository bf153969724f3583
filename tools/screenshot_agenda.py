"""Regenerate the agenda screenshot of the README: the demo's week, two collaborators side by side.

    python tools/screenshot_agenda.py [--lang fr|en] [--out docs]

Runs offscreen in a throw-away home folder (as tools/screenshot.py), in Paris time.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "Europe/Paris")
time.tzset()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs")
    args = parser.parse_args()
    os.environ["EKOCRM_HOME"] = tempfile.mkdtemp(prefix="ekocrm-shots-")

    from PySide6.QtCore import QThreadPool

    from ekocrm_desktop.secrets import SecretStore
    from ekocrm_desktop.services.preferences import Preferences
    from ekocrm_desktop.services.workspaces import WorkspaceRegistry, ensure_demo_workspace
    from ekocrm_desktop.ui.app import make_application
    from ekocrm_desktop.ui.i18n import install_translators
    from ekocrm_desktop.ui.main_window import MainWindow
    from ekocrm_desktop.ui.pages.agenda_page import AgendaPage

    app = make_application([])
    install_translators(app, args.lang)
    registry = WorkspaceRegistry()
    demo = ensure_demo_workspace(registry)
    window = MainWindow(registry=registry, secrets=SecretStore(), preferences=Preferences(language=args.lang))
    window.resize(1280, 760)
    window.show()
    window.open_workspace(demo)
    while window.session is None:
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(50)
    page = window.show_page("agenda")
    assert isinstance(page, AgendaPage)
    people = [page.people_list.item(row).data(0x0100) for row in range(min(2, page.people_list.count()))]
    page.show_people(people)
    page.set_mode("week")
    for _ in range(5):
        app.processEvents()
    page.scroll_area.verticalScrollBar().setValue(8 * 44 - 4)
    app.processEvents()
    args.out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.out / "screenshot-agenda.png"))
    QThreadPool.globalInstance().waitForDone(5000)
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
