"""Screenshots of the deals board and of a deal's form on the demo workspace (README).

    python tools/screenshot_deals.py [--lang fr|en] [--out docs]

Runs offscreen in a throw-away home folder, so it never touches your own workspaces.
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
    from ekocrm_desktop.services.preferences import Preferences
    from ekocrm_desktop.services.workspaces import WorkspaceRegistry, ensure_demo_workspace
    from ekocrm_desktop.ui.app import make_application
    from ekocrm_desktop.ui.i18n import install_translators
    from ekocrm_desktop.ui.main_window import MainWindow
    from ekocrm_desktop.ui.pages.deals_page import DealsPage

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
    page = window.show_page("deals")
    assert isinstance(page, DealsPage)
    page.reload_board()
    third = page.board.columns[2]
    third.cards.setCurrentRow(0)
    for _ in range(5):
        app.processEvents()
    args.out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.out / "screenshot-deals.png"))
    deal_id = third.cards.deal_ids()[0]
    dialog = page.open_deal(deal_id)
    assert dialog is not None
    for _ in range(5):
        app.processEvents()
    dialog.grab().save(str(args.out / "screenshot-deal-form.png"))
    dialog.close()
    page.show_view(1)
    page.table.selectRow(1)
    for _ in range(5):
        app.processEvents()
    window.grab().save(str(args.out / "screenshot-deals-list.png"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
