"""Starting the window: application object, translations, error handling, first workspace."""

from __future__ import annotations

import gc
import logging
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ekocrm_desktop import APP_ID, APP_NAME, __version__
from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.preferences import Preferences, load_preferences
from ekocrm_desktop.services.workspaces import WorkspaceRegistry
from ekocrm_desktop.ui.errors import install_excepthook
from ekocrm_desktop.ui.i18n import install_translators, resolve_language
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.resources import resources_dir

log = logging.getLogger(__name__)


class MainThreadCollector(QObject):
    """Runs Python's cyclic garbage collector on the GUI thread only.

    Left automatic, the collector runs in whichever thread allocates when a threshold is
    crossed: a worker thread may then destroy a widget or another Qt object caught in a
    reference cycle, which crashes the process. The thresholds are checked every half second
    from a timer on the GUI thread instead (the approach of Calibre's and Spyder's collectors).
    """

    INTERVAL_MS = 500

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        gc.disable()
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose threshold was crossed since the last check.

        The thresholds are read each time: an import raises them while it runs
        (`bulk.fewer_collections`), and the window must not walk its rows twice a second.
        """
        thresholds = gc.get_threshold()
        counts = gc.get_count()
        if counts[0] <= thresholds[0]:
            return
        generation = 0
        if counts[1] > thresholds[1]:
            generation = 1
            if counts[2] > thresholds[2]:
                generation = 2
        gc.collect(generation)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused if one exists, as under pytest-qt), collecting garbage on its thread."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv)
    if app.findChild(MainThreadCollector) is None:
        MainThreadCollector(app)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    # Wayland matches the window to its desktop file (and icon) by this name.
    QApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "ekocrm.svg")))
    return app


class Controller(QObject):
    """Owns the main window; rebuilds it when the language changes, keeping the open workspace."""

    def __init__(
        self,
        app: QApplication,
        *,
        registry: WorkspaceRegistry,
        secrets: SecretStore,
        preferences: Preferences,
        language_override: str | None = None,
    ) -> None:
        super().__init__()
        self.app = app
        self.registry = registry
        self.secrets = secrets
        self.preferences = preferences
        self.language_override = language_override
        install_translators(app, resolve_language(language_override or preferences.language))
        self.window = self._new_window()

    def _new_window(self, **kwargs: Any) -> MainWindow:
        window = MainWindow(registry=self.registry, secrets=self.secrets, preferences=self.preferences, **kwargs)
        window.restart_requested.connect(self.rebuild)
        return window

    def rebuild(self) -> None:
        """Apply a new language: a fresh window on the same workspace."""
        old = self.window
        self.preferences = old.preferences
        self.language_override = None
        install_translators(self.app, resolve_language(self.preferences.language))
        session = old.take_session()
        self.window = self._new_window(session=session, editors=old.editors)
        self.window.setGeometry(old.geometry())
        self.window.show()
        old.editors = {}
        old.close()
        old.deleteLater()


def run_gui(*, demo: bool = False, workspace: str | None = None, language: str | None = None) -> int:
    """Show the window on the demo, the named or the last workspace; returns the exit code."""
    app = make_application()
    install_excepthook()
    registry = WorkspaceRegistry()
    controller = Controller(
        app,
        registry=registry,
        secrets=SecretStore(),
        preferences=load_preferences(),
        language_override=language,
    )
    window = controller.window
    window.show()
    if demo:
        window.open_demo()
    else:
        target = registry.find(workspace) if workspace else registry.last_used()
        if workspace and target is None:
            log.warning("no workspace named %s", workspace)
        if target is not None:
            window.open_workspace(target)
    return app.exec()
