"""One cold start, as a user double-clicks: prints READY when the contacts page is painted.

EKOCRM_HOME=DIR python bench/startup_probe.py   (DIR holds a demo workspace)
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    # The same order as `ekocrm` itself: the app's modules first, then PySide6 (see ekocrm_desktop/ui/__init__.py).
    from ekocrm_desktop.services.workspaces import WorkspaceRegistry
    from ekocrm_desktop.ui.app import Controller, make_application

    app = make_application([])
    from PySide6.QtCore import QTimer

    from ekocrm_desktop.secrets import SecretStore
    from ekocrm_desktop.services.preferences import load_preferences

    registry = WorkspaceRegistry()
    controller = Controller(app, registry=registry, secrets=SecretStore(), preferences=load_preferences())
    window = controller.window
    window.show()

    def ready(workspace: object) -> None:
        page = window.current_page()
        assert page is not None and workspace is not None
        app.processEvents()
        window.grab()
        print(f"READY {time.perf_counter():.6f}", flush=True)
        QTimer.singleShot(0, app.quit)

    window.workspace_opened.connect(ready)
    last = registry.last_used()
    assert last is not None, "no workspace: run with a prepared EKOCRM_HOME"
    window.open_workspace(last)
    app.exec()


if __name__ == "__main__":
    main()
