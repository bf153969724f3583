"""Helpers for driving the real window offscreen: typing accented text, waiting for workers,
answering modal boxes."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QEvent, Qt, QThreadPool, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.preferences import Preferences
from ekocrm_desktop.services.workspaces import SQLITE, Workspace, WorkspaceRegistry, new_workspace_id
from ekocrm_desktop.ui.app import make_application
from ekocrm_desktop.ui.i18n import install_translators
from ekocrm_desktop.ui.main_window import MainWindow


def type_text(widget: QWidget, text: str) -> None:
    """Type text key by key, accents included (qtbot.keyClicks aborts on non-ASCII)."""
    widget.setFocus()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))


def when_modal(action: Callable[[QWidget], None], *, timeout_ms: int = 5000) -> None:
    """Run `action` on the next modal dialog that opens (exec() blocks the test otherwise)."""
    waited = [0]

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None:
            action(widget)
        elif waited[0] < timeout_ms:
            waited[0] += 20
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


@pytest.fixture(autouse=True)
def english_ui(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Tests read English texts unless they switch language themselves."""
    make_application()
    install_translators(qapp, "en")
    yield
    QThreadPool.globalInstance().waitForDone(10_000)
    install_translators(qapp, "en")
    # The test's widgets caught in reference cycles go now, on this (the GUI) thread.
    gc.collect()


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer "Yes" (or "Discard") to questions and OK to message boxes; record their texts.

    Autouse: a real modal box would wait forever offscreen, also when pytest-qt closes the
    windows a test left with unsaved forms.
    """
    seen: list[str] = []

    def question(_parent: Any, _title: str, text: str, *args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        seen.append(text)
        buttons = args[0] if args else kwargs.get("buttons")
        if buttons is not None and buttons & QMessageBox.StandardButton.Discard:
            return QMessageBox.StandardButton.Discard
        return QMessageBox.StandardButton.Yes

    def box_exec(self: QMessageBox) -> int:
        seen.append(self.text())
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QMessageBox, "exec", box_exec)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda _p, _t, text, *a, **k: seen.append(text)))
    return seen


def make_workspace(tmp_path: Path, name: str, color: str) -> Workspace:
    return Workspace(new_workspace_id(), name, color, SQLITE, path=str(tmp_path / f"{name}.sqlite"))


@pytest.fixture
def registry(tmp_path: Path) -> WorkspaceRegistry:
    registry = WorkspaceRegistry()
    registry.add(make_workspace(tmp_path, "Bureau", "#1e88e5"))
    registry.add(make_workspace(tmp_path, "Association", "#43a047"))
    return registry


@pytest.fixture
def window(qtbot, registry: WorkspaceRegistry) -> MainWindow:  # type: ignore[no-untyped-def]
    """The real main window, opened on the "Bureau" workspace."""
    return open_window(qtbot, registry)


def open_window(qtbot, registry: WorkspaceRegistry) -> MainWindow:  # type: ignore[no-untyped-def]
    """A real main window on the "Bureau" workspace (for tests that change a setting first)."""
    main = MainWindow(registry=registry, secrets=SecretStore(), preferences=Preferences())
    qtbot.addWidget(main)
    main.show()
    main.open_workspace(registry.get("Bureau"))
    qtbot.waitUntil(lambda: main.session is not None, timeout=15_000)
    return main
