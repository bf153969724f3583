"""Screenshots of the reports (issue 7): the Dashboard page, the Reports page with a preview, and
the first page of an activity report and of the demo's campaign report.

    python tools/screenshot_reports.py [--lang fr|en] [--out docs]

Runs offscreen on the demo workspace in a throw-away home folder; writes screenshot-dashboard.png,
screenshot-reports.png, report-activity.png and report-campaign.png.
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
    from ekocrm_desktop.ui.pages.reports_page import render_pages

    app = make_application([])
    install_translators(app, args.lang)
    registry = WorkspaceRegistry()
    demo = ensure_demo_workspace(registry)
    window = MainWindow(registry=registry, secrets=SecretStore(), preferences=Preferences(language=args.lang))
    window.resize(1280, 760)
    window.show()
    window.open_workspace(demo)

    def settle(condition: object = None, rounds: int = 600) -> None:
        for _ in range(rounds):
            app.processEvents()
            QThreadPool.globalInstance().waitForDone(50)
            if callable(condition) and condition():
                break

    settle(lambda: window.session is not None)
    window.alert_button.popup.hide()
    args.out.mkdir(parents=True, exist_ok=True)

    dashboard = window.show_page("dashboard")
    settle(lambda: dashboard.job is None and dashboard.status_job is None and dashboard.data is not None)
    settle(rounds=5)
    window.grab().save(str(args.out / "screenshot-dashboard.png"))

    reports = window.show_page("reports")
    reports.set_kind("activity")
    reports.generate()
    settle(lambda: reports.job is None and reports.pdf is not None)
    settle(rounds=5)
    window.grab().save(str(args.out / "screenshot-reports.png"))
    if reports.pdf is not None:
        (args.out / "report-activity.png").write_bytes(render_pages(reports.pdf, dpi=60, limit=1)[0])
    # The latest campaign sent (drafts have no results to show).
    campaigns = reports.reporting.latest_campaigns(1)
    if campaigns:
        reports.pdf = None
        reports.set_campaign(campaigns[0].id)
        reports.generate()
        settle(lambda: reports.job is None and reports.pdf is not None)
        if reports.pdf is not None:
            (args.out / "report-campaign.png").write_bytes(render_pages(reports.pdf, dpi=60, limit=1)[0])
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
