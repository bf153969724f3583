"""Workspaces, language and first start through the real window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt

from ekocrm_desktop.secrets import SecretStore
from ekocrm_desktop.services.contacts import PartyQuery
from ekocrm_desktop.services.preferences import Preferences, load_preferences
from ekocrm_desktop.services.workspaces import SQLITE, Workspace, WorkspaceRegistry, new_workspace_id
from ekocrm_desktop.ui.app import Controller
from ekocrm_desktop.ui.dialogs.settings_dialog import SettingsDialog
from ekocrm_desktop.ui.dialogs.workspace_dialog import WorkspaceDialog
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.contacts_page import ContactsPage

from .conftest import type_text, when_modal


def test_first_start_shows_the_welcome_page_then_opens_the_demo(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(registry=WorkspaceRegistry(), secrets=SecretStore(), preferences=Preferences())
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.welcome
    assert window.workspace_bar.name_label.text() == "No workspace open"
    assert not window.new_person_action.isEnabled()
    qtbot.mouseClick(window.welcome.findChild(type(window.undo_button), "openDemoButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None, timeout=30_000)
    assert window.workspace_bar.name_label.text() == "Démo"
    page = window.current_page()
    assert isinstance(page, ContactsPage)
    assert page.model.rowCount() == 2300
    assert page.count_label.text() == "2300 contacts"
    assert window.new_person_action.isEnabled()


def test_creating_a_sqlite_workspace_in_the_dialog(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    registry = WorkspaceRegistry()
    window = MainWindow(registry=registry, secrets=SecretStore(), preferences=Preferences())
    qtbot.addWidget(window)
    window.show()
    target = tmp_path / "association.sqlite"

    def fill(dialog: object) -> None:
        assert isinstance(dialog, WorkspaceDialog)
        type_text(dialog.name_edit, "Amicale Laïque")
        assert dialog.path_edit.text().endswith("amicale-laique.sqlite")
        dialog.path_edit.setText(str(target))
        dialog.create()

    when_modal(fill)
    window.new_workspace()
    qtbot.waitUntil(lambda: window.session is not None, timeout=15_000)
    assert window.workspace_bar.name_label.text() == "Amicale Laïque"
    assert target.exists()
    assert registry.get("amicale laïque").path == str(target)


def test_the_workspace_dialog_refuses_a_duplicate_name(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    registry = WorkspaceRegistry()
    registry.add(Workspace(new_workspace_id(), "Bureau", "#000000", SQLITE, path=str(tmp_path / "b.sqlite")))
    dialog = WorkspaceDialog(registry, SecretStore())
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("bureau")
    dialog.create()
    assert dialog.created is None
    assert dialog.error_label.text() == "A workspace named “bureau” already exists."
    dialog.postgres_radio.setChecked(True)
    assert dialog.postgres_box.isVisibleTo(dialog) and not dialog.sqlite_box.isVisibleTo(dialog)


def test_switching_to_french_rebuilds_the_window_on_the_same_workspace(qtbot, qapp, registry) -> None:  # type: ignore[no-untyped-def]
    controller = Controller(qapp, registry=registry, secrets=SecretStore(), preferences=Preferences(language="en"))
    window = controller.window
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(registry.get("Bureau"))
    qtbot.waitUntil(lambda: window.session is not None, timeout=15_000)
    assert window.new_person_action.text() == "New person…"

    def choose_french(dialog: object) -> None:
        assert isinstance(dialog, SettingsDialog)
        dialog.language.setCurrentIndex(dialog.language.findData("fr"))
        dialog.accept()

    when_modal(choose_french)
    window.edit_settings()
    french = controller.window
    qtbot.addWidget(french)
    assert french is not window
    assert french.session is not None and french.session.workspace.name == "Bureau"
    assert french.new_person_action.text() == "Nouvelle personne…"
    page = french.current_page()
    assert isinstance(page, ContactsPage)
    assert page.count_label.text() == "0 contact"
    assert page.search_edit.placeholderText().startswith("Rechercher nom")
    assert load_preferences().language == "fr"


def test_a_newer_workspace_opens_read_only_and_says_so(qtbot, answers, tmp_path: Path, sqlite_path: Path) -> None:  # type: ignore[no-untyped-def]
    with sqlite3.connect(sqlite_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'f00d'")
    registry = WorkspaceRegistry()
    registry.add(Workspace(new_workspace_id(), "Futur", "#6d4c41", SQLITE, path=str(sqlite_path)))
    window = MainWindow(registry=registry, secrets=SecretStore(), preferences=Preferences())
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(registry.get("Futur"))
    qtbot.waitUntil(lambda: window.session is not None, timeout=15_000)
    assert window.session.read_only  # type: ignore[union-attr]
    assert window.workspace_bar.badge.text() == "READ-ONLY"
    assert not window.new_person_action.isEnabled()
    assert any("newer version of EkoCRM" in text for text in answers)
    assert window.session.contacts.count(PartyQuery()) == 0  # type: ignore[union-attr]


def test_a_failed_open_explains_and_keeps_the_welcome_page(qtbot, answers, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    foreign = tmp_path / "not-ours.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    registry = WorkspaceRegistry()
    registry.add(Workspace(new_workspace_id(), "Étranger", "#000000", SQLITE, path=str(foreign)))
    window = MainWindow(registry=registry, secrets=SecretStore(), preferences=Preferences())
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.workspace_opened, timeout=15_000) as signal:
        window.open_workspace(registry.get("Étranger"))
    assert signal.args == [None]
    assert window.session is None and window.stack.currentWidget() is window.welcome
    assert "“Étranger” is not an EkoCRM database: it was left untouched." in answers
    with sqlite3.connect(foreign) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["t"]
