"""Screenshots of duplicates and merge: the Duplicates page, the merge dialog, the warning in a new form.

    python tools/screenshot_merge.py [--lang fr|en] [--out docs]

Runs offscreen in a throw-away home folder on the demo workspace (which has planted duplicates).
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
    from PySide6.QtWidgets import QApplication

    from ekocrm_desktop.secrets import SecretStore
    from ekocrm_desktop.services.contacts import EmailEntry
    from ekocrm_desktop.services.preferences import Preferences
    from ekocrm_desktop.services.workspaces import WorkspaceRegistry, ensure_demo_workspace
    from ekocrm_desktop.ui.app import make_application
    from ekocrm_desktop.ui.i18n import install_translators
    from ekocrm_desktop.ui.main_window import MainWindow
    from ekocrm_desktop.ui.pages.duplicates_page import DuplicatesPage
    from ekocrm_desktop.ui.widgets.repeating import EmailRow

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

    def settle() -> None:
        for _ in range(20):
            app.processEvents()
            QThreadPool.globalInstance().waitForDone(50)

    args.out.mkdir(parents=True, exist_ok=True)
    page = window.show_page("duplicates")
    assert isinstance(page, DuplicatesPage)
    page.scan()
    while page.job is not None:
        settle()
    page.table.selectRow(0)
    settle()
    window.grab().save(str(args.out / "screenshot-duplicates.png"))

    # The merge dialog on a pair whose loser has linked records (subscriptions…), when the demo has one.
    assert window.session is not None
    for row, pair in enumerate(page.pairs.pairs[:80]):
        if window.session.merges.preview(pair.first.id, pair.second.id).moves:
            page.table.selectRow(row)
            break
    dialog = page.merge_selected()
    assert dialog is not None
    dialog.resize(940, 620)
    settle()
    dialog.grab().save(str(args.out / "screenshot-merge.png"))
    # While the merge runs in the background: the button says so, the choices wait.
    dialog._set_merging(True)
    settle()
    dialog.grab().save(str(args.out / "screenshot-merge-running.png"))
    dialog._set_merging(False)
    dialog.reject()

    pair = page.pairs.pairs[0]
    email = pair.first.email
    form = window.new_party("person")
    assert form is not None
    form.last_name.setText(pair.first.display_name.split()[-1])
    form.emails.set_values((EmailEntry(email.upper()),))
    row = form.emails.rows[0]
    assert isinstance(row, EmailRow)
    form.validate()
    form.check_duplicates()
    settle()
    form.grab().save(str(args.out / "screenshot-duplicate-warning.png"))
    form.reject()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
