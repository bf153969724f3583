"""Screenshots of the actions (issue 5): a person's Timeline tab, the Tasks page, the alerts pop-up.

    python tools/screenshot_actions.py [--lang fr|en] [--out docs]

Runs offscreen on the demo workspace in a throw-away home folder; writes
screenshot-actions.png (the Tasks page), screenshot-timeline.png, screenshot-task.png and screenshot-alerts.png.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs")
    args = parser.parse_args()
    os.environ["EKOCRM_HOME"] = tempfile.mkdtemp(prefix="ekocrm-shots-")

    from PySide6.QtCore import QThreadPool

    from ekocrm_desktop.secrets import SecretStore
    from ekocrm_desktop.services.activities import ActivityQuery
    from ekocrm_desktop.services.paging import PageRequest
    from ekocrm_desktop.services.preferences import Preferences
    from ekocrm_desktop.services.workspaces import WorkspaceRegistry, ensure_demo_workspace
    from ekocrm_desktop.ui.app import make_application
    from ekocrm_desktop.ui.i18n import install_translators
    from ekocrm_desktop.ui.main_window import MainWindow
    from ekocrm_desktop.ui.pages.tasks_page import TasksPage

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
    session = window.session
    for _ in range(20):  # the first alert check runs in a worker
        app.processEvents()
        QThreadPool.globalInstance().waitForDone(50)
    args.out.mkdir(parents=True, exist_ok=True)

    page = window.show_page("tasks")
    assert isinstance(page, TasksPage)
    page.set_view("all")
    window.alert_button.popup.hide()
    app.processEvents()
    window.grab().save(str(args.out / "screenshot-actions.png"))

    if page.model.rowCount():
        dialog = page.open_task(page.model.id_at(0))
        app.processEvents()
        dialog.grab().save(str(args.out / "screenshot-task.png"))
        dialog.close()

    if os.environ.get("EKOCRM_SHOTS_ALL"):  # the other forms, to look at them (not in the README)
        bulk = page.plan_for_people([], label="Prospects PME")
        app.processEvents()
        bulk.grab().save(str(args.out / "screenshot-bulk.png"))
        bulk.close()

    if os.environ.get("EKOCRM_SHOTS_ALL"):
        window.show_page("journal")
        app.processEvents()
        window.grab().save(str(args.out / "screenshot-journal.png"))

    popup = window.alert_button.popup
    window.alert_button.show_popup()
    app.processEvents()
    popup.grab().save(str(args.out / "screenshot-alerts.png"))
    popup.hide()

    # The person with the longest timeline among the latest activities.
    rows = session.activities.page(ActivityQuery(), PageRequest(0, 50, 0))
    people = {p for row in rows for p in session.activities.get(row.id).draft.party_ids}
    busiest = max(people, key=lambda p: session.activities.count(ActivityQuery(party_id=p)))
    editor = window.edit_party(busiest)
    assert editor is not None and editor.timeline is not None
    editor.tabs.setCurrentWidget(editor.timeline)
    editor.resize(900, 560)
    app.processEvents()
    editor.grab().save(str(args.out / "screenshot-timeline.png"))
    if os.environ.get("EKOCRM_SHOTS_ALL"):
        call = editor.timeline.new_activity("call_out")
        app.processEvents()
        call.grab().save(str(args.out / "screenshot-call.png"))
        call.close()
    editor.close()
    session.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
