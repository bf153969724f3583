"""Screenshots of the groups and segments pages on the demo workspace (README).

    python tools/screenshot_segments.py [--lang fr|en] [--out docs]

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
    os.environ["EKOCRM_HOME"] = tempfile.mkdtemp(prefix="ekocrm-shots-")

    from PySide6.QtCore import QThreadPool

    from ekocrm_desktop.secrets import SecretStore
    from ekocrm_desktop.services.preferences import Preferences
    from ekocrm_desktop.services.segments import leaf
    from ekocrm_desktop.services.workspaces import WorkspaceRegistry, ensure_demo_workspace
    from ekocrm_desktop.ui.app import make_application
    from ekocrm_desktop.ui.i18n import install_translators
    from ekocrm_desktop.ui.main_window import MainWindow
    from ekocrm_desktop.ui.pages.groups_page import GroupsPage
    from ekocrm_desktop.ui.pages.segments_page import SegmentsPage

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
            QThreadPool.globalInstance().waitForDone(100)
            app.processEvents()

    page = window.show_page("segments")
    assert isinstance(page, SegmentsPage)
    page.select_segment("Prospects PME du Rhône")
    settle()
    # Show nesting and an exclusion too: (PME prospect in the Rhône) except those tagged "À rappeler".
    definition = page.definition()
    tags = {name: code for code, name in page.builder.choices().tags}
    definition["exclude"] = [leaf("tag", "has", tags.get("À rappeler", ""), "À rappeler")]
    definition["children"].append(
        {
            "op": "or",
            "children": [leaf("city", "equals", "Lyon"), leaf("city", "equals", "Villeurbanne")],
            "exclude": [],
        }
    )
    page.builder.set_definition(definition)
    page._mark_dirty()
    settle()
    page._start_live_count()
    settle()
    page.table.selectRow(0)
    settle()
    args.out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(args.out / "screenshot-segments.png"))

    groups = window.show_page("groups")
    assert isinstance(groups, GroupsPage)
    groups.select_group("Salon de Lyon 2026")
    settle()
    window.grab().save(str(args.out / "screenshot-groups.png"))
    print(f"screenshots written to {args.out}")
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
