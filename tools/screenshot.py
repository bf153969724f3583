"""Regenerate the README screenshots: the main window, a contact form, the membership and assemblies pages,
the prospects and the settings lists.

    python tools/screenshot.py [--lang fr|en] [--out docs]

Runs offscreen in a throw-away home folder, so it never touches your own workspaces.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="fr", choices=("fr", "en"))
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent.parent / "docs")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="ekocrm-shots-")
    os.environ["EKOCRM_HOME"] = home

    from PySide6.QtCore import QItemSelectionModel, QThreadPool

    from ekocrm_desktop.secrets import SecretStore
    from ekocrm_desktop.services.contacts import PartyQuery
    from ekocrm_desktop.services.preferences import Preferences
    from ekocrm_desktop.services.workspaces import WorkspaceRegistry, ensure_demo_workspace
    from ekocrm_desktop.ui.app import make_application
    from ekocrm_desktop.ui.i18n import install_translators
    from ekocrm_desktop.ui.main_window import MainWindow
    from ekocrm_desktop.ui.pages.contacts_page import ContactsPage

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
    page = window.current_page()
    assert isinstance(page, ContactsPage)
    page.search_edit.setText("lyon")
    page.apply_filters()
    index = page.model.index(2, 0)
    page.table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    app.processEvents()
    args.out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.out / "screenshot-main.png"))

    member = window.session.contacts.page(PartyQuery(role="member", text="lyon"), "name", False, _first())[0]
    dialog = window.edit_party(member.id)
    assert dialog is not None
    dialog.resize(720, 620)
    app.processEvents()
    dialog.grab().save(str(args.out / "screenshot-contact.png"))
    dialog.tabs.setCurrentIndex(2)
    app.processEvents()
    dialog.grab().save(str(args.out / "screenshot-roles.png"))
    dialog.close()

    # Association life: the members with their dues, and the coming general assembly.
    membership = window.show_page("membership")
    membership.table.selectRow(4)  # type: ignore[attr-defined]
    _settle(app)
    window.grab().save(str(args.out / "screenshot-membership.png"))
    assemblies = window.show_page("assemblies")
    assemblies.list.selectRow(0)  # type: ignore[attr-defined]
    _settle(app)
    window.grab().save(str(args.out / "screenshot-assembly.png"))

    # Domains: the prospects with their state and category, and the settings lists.
    prospects = window.show_page("prospects")
    prospects.table.selectRow(1)  # type: ignore[attr-defined]
    _settle(app)
    window.grab().save(str(args.out / "screenshot-domains.png"))
    settings = window.show_page("settings_lists")
    settings.roles_tab.show_role("prospect")  # type: ignore[attr-defined]
    _settle(app)
    window.grab().save(str(args.out / "screenshot-settings-lists.png"))
    print(f"screenshots written to {args.out}")
    window.close()
    return 0


def _settle(app) -> None:  # type: ignore[no-untyped-def]
    """Let background counts and refreshes finish before the picture."""
    from PySide6.QtCore import QThreadPool

    for _ in range(20):
        QThreadPool.globalInstance().waitForDone(100)
        app.processEvents()


def _first():  # type: ignore[no-untyped-def]
    from ekocrm_desktop.services.paging import PageRequest

    return PageRequest(0, 1, 1)


if __name__ == "__main__":
    sys.exit(main())
