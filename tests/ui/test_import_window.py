"""The import wizard and the export dialog through the real window: a French Excel CSV, a dry run,
the import, the undo; an export of the list read back."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox, QProgressDialog, QPushButton, QWizard

from ekocrm_desktop.models.exchange import ImportBatch
from ekocrm_desktop.services import bulk, importing
from ekocrm_desktop.services.contacts import PartyQuery
from ekocrm_desktop.services.importing import ImportService
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.tabular import SourceFile
from ekocrm_desktop.ui.dialogs.export_dialog import ExportDialog
from ekocrm_desktop.ui.dialogs.import_wizard import ImportHistoryDialog, ImportWizard, RunPage
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.tablemodels.exchange_table_models import (
    BatchTableModel,
    MappingTableModel,
    OutcomeTableModel,
    PreviewTableModel,
)
from tests.integration.test_importing import FRENCH
from tests.ui.conftest import open_window, type_text, when_modal


def names(window: MainWindow) -> set[str]:
    assert window.session is not None
    contacts = window.session.contacts
    return {r.display_name for r in contacts.page(PartyQuery(), "name", False, PageRequest(0, 100, 100))}


def drive_to_dry_run(qtbot: Any, wizard: ImportWizard, path: Path) -> None:
    wizard.file_page.path_edit.clear()
    type_text(wizard.file_page.path_edit, str(path))
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    page = wizard.preview_page
    assert "cp1252" in page.detected_label.text()
    assert page.model.headerData(1, Qt.Orientation.Horizontal) == "Prénom"
    assert page.model.index(0, 3).data() == "Œuvre d'Orient"
    # Forcing another separator re-reads the file live: one column only.
    page.separator_combo.setCurrentIndex(page.separator_combo.findData(","))
    assert page.model.columnCount() == 1
    page.separator_combo.setCurrentIndex(0)
    assert page.model.columnCount() == 12
    wizard.next()
    mapping = wizard.mapping_page.model
    assert mapping.mapping()["Courriel"] == "email"
    assert mapping.mapping()["Société"] == "organisation"
    wizard.next()
    assert wizard.options_page.match_combo.currentData() == "email"
    wizard.next()
    assert wizard.currentPage() is wizard.dry_run_page
    qtbot.waitUntil(lambda: wizard.dry_run_page.done, timeout=20_000)


@pytest.mark.parametrize("big", [False, True], ids=["small", "big"])
def test_import_wizard_dry_run_import_undo(
    qtbot: Any, window: MainWindow, tmp_path: Path, answers: list[str], monkeypatch: pytest.MonkeyPatch, big: bool
) -> None:
    writers: list[object] = []
    if big:
        # Counted as a big file: written by the writer process, started from the wizard's worker thread.
        monkeypatch.setattr(importing, "BIG_FILE_BYTES", 0)
        real_writer = bulk._ProcessWriter

        def counted(*args: Any) -> bulk._ProcessWriter:
            writers.append(args)
            return real_writer(*args)

        monkeypatch.setattr(bulk, "_ProcessWriter", counted)
    path = tmp_path / "export excel.csv"
    path.write_bytes(FRENCH.encode("cp1252"))
    seen: dict[str, Any] = {}
    steps: list[str] = []
    step_text = RunPage._step_text

    def shown(page: RunPage, step: str) -> str:
        steps.append(step)
        return step_text(page, step)

    monkeypatch.setattr(RunPage, "_step_text", shown)

    def drive(dialog: Any) -> None:
        assert isinstance(dialog, ImportWizard)
        wizard = dialog
        drive_to_dry_run(qtbot, wizard, path)
        dry = wizard.dry_run_page
        assert "8 rows read: 3 to create, 0 to update, 0 to skip, 5 in error." in dry.counts_label.text()
        assert dry.model.rowCount() == 5
        assert dry.model.index(0, 3).data() == "Invalid e-mail address: pas-une-adresse"
        seen["contacts_before"] = names(window)
        errors = tmp_path / "dry-errors.csv"
        wizard.write_errors_to(errors)
        assert len(list(SourceFile(errors).rows())) == 5
        wizard.next()  # the commit button: "Import"
        run = wizard.run_page
        qtbot.waitUntil(lambda: run.finished, timeout=20_000)
        seen["status"] = run.status_label.text()
        seen["bar"] = (run.progress.minimum(), run.progress.maximum(), run.progress.value())
        seen["contacts_after"] = names(window)
        assert run.undo_button.isEnabled()
        run.undo_button.click()
        seen["contacts_undone"] = names(window)
        wizard.accept()

    when_modal(drive, timeout_ms=20_000)
    window.import_action.trigger()
    assert seen["contacts_before"] == set()
    assert "8 rows: 3 created, 0 updated, 0 skipped, 5 in error." in seen["status"]
    assert seen["contacts_after"] == {
        "Zoé Lefèvre",
        "François Müller",
        "Mairie de Lyon",
        "Œuvre d'Orient",
        "Brasserie Æther",
    }
    assert seen["contacts_undone"] == set()
    assert any("Import undone: 5 contacts removed" in a for a in answers)
    assert len(writers) == (1 if big else 0)
    # The rows read, then the finishing step (no count: a busy bar) once every row was read;
    # done, the bar is full again, not busy.
    assert steps and steps[-1] == importing.FINISH_STEP and set(steps[:-1]) <= {""}
    assert seen["bar"] == (0, 8, 8)

    # The history lists it, undone.
    def check_history(dialog: Any) -> None:
        assert isinstance(dialog, ImportHistoryDialog)
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
        assert dialog.model.index(0, 0).data() == "export excel.csv"
        assert dialog.model.index(0, 6).data() == "Undone"
        dialog.view.selectRow(0)
        assert not dialog.undo_button.isEnabled()
        dialog.reject()

    when_modal(check_history)
    window.import_history_action.trigger()


#: Rows of the export dialog's format list.
CSV, XLSX = 0, 2


def _export_the_list(dialog: Any, format_row: int, path: Path) -> None:
    """In the export dialog: the whole list, in this format, to this file; then Export."""
    assert isinstance(dialog, ExportDialog)
    dialog.format_combo.setCurrentIndex(format_row)
    dialog.path_edit.setText(str(path))
    dialog.list_radio.setChecked(True)
    dialog.buttons.accepted.emit()


def test_export_from_the_contacts_page(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    assert window.session is not None
    source = tmp_path / "in.csv"
    source.write_bytes(FRENCH.encode("cp1252"))
    importer: ImportService = window.session.imports
    importer.run(source, _options(source))
    window.show_page("contacts")
    target = tmp_path / "sortie.xlsx"
    when_modal(lambda dialog: _export_the_list(dialog, XLSX, target))
    window.export_action.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    rows = [r.values for r in SourceFile(target).rows()]
    headers = SourceFile(target).info().headers
    assert "First name" in headers and "E-mail" in headers
    assert len(rows) == 5


def test_an_export_over_the_xlsx_limit_says_so_and_csv_goes_through(
    qtbot: Any,
    window: MainWindow,
    tmp_path: Path,
    answers: list[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    from ekocrm_desktop.services import exporting

    assert window.session is not None
    source = tmp_path / "in.csv"
    source.write_bytes(FRENCH.encode("cp1252"))
    window.session.imports.run(source, _options(source))
    window.show_page("contacts")
    monkeypatch.setattr(exporting, "XLSX_MAX_ROWS", 4)
    sheet, text = tmp_path / "sortie.xlsx", tmp_path / "sortie.csv"
    seen: dict[str, Any] = {}

    def drive(dialog: Any) -> None:
        _export_the_list(dialog, XLSX, sheet)
        qtbot.waitUntil(lambda: dialog.job is None, timeout=10_000)
        seen["still_open"] = dialog.isVisible()
        seen["ok_enabled"] = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
        _export_the_list(dialog, CSV, text)

    when_modal(drive)
    window.export_action.trigger()
    qtbot.waitUntil(text.exists, timeout=10_000)
    assert any("An Excel sheet holds at most 4 rows, and this export has 5." in a for a in answers)
    assert seen == {"still_open": True, "ok_enabled": True}
    assert not sheet.exists()
    assert not [r for r in caplog.records if r.levelname == "ERROR"]  # a refusal, not a failure to log
    assert len(list(SourceFile(text).rows())) == 5


def _options(path: Path) -> Any:
    from tests.integration.test_importing import options_for

    return options_for(path)


def test_models_pass_the_model_tester(qtmodeltester: Any, tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(FRENCH.encode("cp1252"))
    source = SourceFile(path)
    preview = PreviewTableModel()
    preview.set_rows(source.info().headers, source.preview(10))
    qtmodeltester.check(preview)
    mapping = MappingTableModel()
    mapping.set_columns(source.info().headers, ["x"] * 12, {"Nom": "last_name"})
    qtmodeltester.check(mapping)
    assert mapping.setData(mapping.index(1, 2), "first_name")
    assert not mapping.setData(mapping.index(1, 2), "shoe_size")
    assert mapping.mapping() == {"Prénom": "first_name", "Nom": "last_name"}
    outcomes = OutcomeTableModel()
    from ekocrm_desktop.services.importing import RowIssue, RowOutcome

    outcomes.set_outcomes([RowOutcome(1, 2, "error", ("a", "b"), "", (RowIssue("email_invalid", "email", "x"),))])
    qtmodeltester.check(outcomes)
    qtmodeltester.check(BatchTableModel())


def test_wizard_has_six_pages_and_the_commit_button_says_import(qtbot: Any, window: MainWindow) -> None:
    assert window.session is not None
    wizard = ImportWizard(window.session.imports, window)
    qtbot.addWidget(wizard)
    assert len(wizard.pageIds()) == 6
    assert wizard.buttonText(QWizard.WizardButton.CommitButton) == "Import"


def test_the_run_page_says_which_step_runs_and_what_a_cancel_kept(
    qtbot: Any, window: MainWindow, tmp_path: Path
) -> None:
    assert window.session is not None
    wizard = ImportWizard(window.session.imports, window)
    qtbot.addWidget(wizard)
    run = wizard.run_page
    run._progress(3, 8, "")
    assert run.status_label.text() == "Importing…" and run.progress.maximum() == 8 and run.progress.value() == 3
    run._progress(8, 8, importing.FINISH_STEP)
    assert run.status_label.text().startswith("Finishing: saving the new contacts")
    assert (run.progress.minimum(), run.progress.maximum()) == (0, 0)  # busy
    run._progress(1, 4, importing.UPDATE_STEP)
    assert run.status_label.text() == "Updating the contacts already there…" and run.progress.maximum() == 4
    # A cancelled import that wrote nothing says so (not "can be undone").
    source = tmp_path / "in.csv"
    source.write_bytes(FRENCH.encode("cp1252"))
    service = window.session.imports
    options = importing.ImportOptions(mapping=importing.suggest_mapping(SourceFile(source).info().headers))
    cancelled = service.run(source, options, cancelled=lambda: True)
    assert cancelled.cancelled and cancelled.created == 0
    run._done(cancelled)
    assert run.status_label.text() == "Import cancelled: nothing was written."  # no "0 rows" tally
    assert not run.undo_button.isEnabled()
    assert run.progress.maximum() > 0  # not left busy
    # Once cancelling, the step reports no longer replace "Cancelling…".
    run.cancel_button.setEnabled(False)
    run.status_label.setText("Cancelling…")
    run._progress(5, 8, "")
    assert run.status_label.text() == "Cancelling…"


def test_undo_from_the_import_history(qtbot: Any, window: MainWindow, tmp_path: Path, answers: list[str]) -> None:
    assert window.session is not None
    source = tmp_path / "in.csv"
    source.write_bytes(FRENCH.encode("cp1252"))
    window.session.imports.run(source, _options(source))
    assert len(names(window)) == 5

    def drive(dialog: Any) -> None:
        assert isinstance(dialog, ImportHistoryDialog)
        assert dialog.model.index(0, 2).data() == 3  # created
        assert dialog.model.index(0, 5).data() == 5  # errors
        dialog.view.selectRow(0)
        assert dialog.undo_button.isEnabled()
        dialog.undo_button.click()
        assert dialog.model.index(0, 6).data() == "Undone"
        dialog.reject()

    when_modal(drive)
    window.import_history_action.trigger()
    assert names(window) == set()
    assert any("Remove the contacts this import created" in a for a in answers)


def test_undo_runs_behind_a_progress_dialog_whose_cancel_keeps_everything(
    qtbot: Any,
    window: MainWindow,
    tmp_path: Path,
    answers: list[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A big import's undo takes minutes: it runs in a worker behind a progress dialog, and its
    Cancel rolls the whole undo back."""
    assert window.session is not None
    service = window.session.imports
    source = tmp_path / "in.csv"
    source.write_bytes(FRENCH.encode("cp1252"))
    service.run(source, _options(source))
    assert len(names(window)) == 5
    monkeypatch.setattr(importing, "UNDO_PAGE", 2)
    # The real undo, held after its first page until the test has pressed Cancel.
    pressed = threading.Event()
    real_undo = service.undo

    def held_undo(batch_id: Any, report: Any = None, cancelled: Any = None) -> Any:
        def report_then_wait(done: int, total: int, text: str) -> None:
            report(done, total, text)
            pressed.wait(10)

        return real_undo(batch_id, report=report_then_wait, cancelled=cancelled)

    monkeypatch.setattr(service, "undo", held_undo)
    seen: dict[str, Any] = {}

    def press_cancel(dialog: ImportHistoryDialog) -> None:
        progress = dialog.findChild(QProgressDialog, "undoProgress")
        if progress is None or progress.value() < 1:
            QTimer.singleShot(20, lambda: press_cancel(dialog))
            return
        seen["progress"] = (progress.value(), progress.maximum(), progress.labelText())
        cancel = progress.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        cancel.click()
        seen["cancelling"] = (progress.labelText(), progress.findChild(QPushButton))
        pressed.set()

    def drive(dialog: Any) -> None:
        assert isinstance(dialog, ImportHistoryDialog)
        dialog.view.selectRow(0)
        QTimer.singleShot(0, lambda: press_cancel(dialog))
        dialog.undo_button.click()  # returns once the undo has ended (here: cancelled)
        seen["after_cancel"] = names(window)
        seen["status_after_cancel"] = dialog.model.index(0, 6).data()
        dialog.undo_button.click()  # again, to the end
        seen["status"] = dialog.model.index(0, 6).data()
        dialog.reject()

    when_modal(drive, timeout_ms=30_000)
    window.import_history_action.trigger()
    assert seen["progress"] == (2, 5, "Undoing the import… 2 of 5 contacts")
    assert seen["cancelling"] == ("Cancelling: putting everything back…", None)  # no second Cancel
    everyone = {"Zoé Lefèvre", "François Müller", "Mairie de Lyon", "Œuvre d'Orient", "Brasserie Æther"}
    assert seen["after_cancel"] == everyone
    assert seen["status_after_cancel"] != "Undone"
    assert "Undo cancelled: nothing was changed." in answers
    assert not [r for r in caplog.records if r.levelname == "ERROR"]  # a cancel, not a failure to log
    assert seen["status"] == "Undone"
    assert names(window) == set()
    assert any("Import undone: 5 contacts removed" in a for a in answers)


def test_import_wizard_members_with_subscriptions(
    qtbot: Any, window: MainWindow, tmp_path: Path, answers: list[str]
) -> None:
    from decimal import Decimal

    from ekocrm_desktop.services.membership import TypeDraft
    from tests.integration.test_importing_records import MEMBERS

    assert window.session is not None
    membership = window.session.membership
    membership.save_type(TypeDraft(name="Membre actif", category="active", fee=Decimal("30")))
    membership.save_type(TypeDraft(name="Bienfaiteur", category="benefactor", fee=Decimal("100")))
    path = tmp_path / "adhérents.csv"
    path.write_bytes(MEMBERS.encode("cp1252"))
    seen: dict[str, Any] = {}

    def drive(dialog: Any) -> None:
        assert isinstance(dialog, ImportWizard)
        wizard = dialog
        type_text(wizard.file_page.path_edit, str(path))
        combo = wizard.file_page.target_combo
        combo.setCurrentIndex(combo.findData("members"))
        assert "One row per subscription" in wizard.file_page.target_hint.text()
        wizard.next()
        wizard.next()
        mapping = wizard.mapping_page.model
        assert mapping.mapping()["Type d'adhésion"] == "membership_type"
        assert mapping.mapping()["Reçu"] == "receipt_number"
        assert mapping.index(3, 2).data() == "Membership type (name or category)"
        wizard.next()
        wizard.next()
        dry = wizard.dry_run_page
        qtbot.waitUntil(lambda: dry.done, timeout=20_000)
        seen["dry"] = dry.counts_label.text()
        seen["reasons"] = {dry.model.index(r, 3).data() for r in range(dry.model.rowCount())}
        wizard.next()
        run = wizard.run_page
        qtbot.waitUntil(lambda: run.finished, timeout=20_000)
        seen["status"] = run.status_label.text()
        seen["bar"] = (run.progress.minimum(), run.progress.maximum(), run.progress.value())
        seen["members"] = names(window)
        seen["subscriptions"] = sum(
            len(membership.subscriptions_of(r.id))
            for r in window.session.contacts.page(PartyQuery(), "name", False, PageRequest(0, 50, 50))  # type: ignore[union-attr]
        )
        run.undo_button.click()
        seen["undone"] = names(window)
        wizard.accept()

    when_modal(drive, timeout_ms=30_000)
    window.import_action.trigger()
    assert "11 rows read: 2 to create, 1 to update, 0 to skip, 8 in error." in seen["dry"]
    assert "Unknown membership type: Platine" in seen["reasons"]
    assert "Invalid amount: 3O,00" in seen["reasons"]
    assert "11 rows: 2 created, 1 updated, 0 skipped, 8 in error." in seen["status"]
    assert seen["members"] == {"Zoé Lefèvre", "François Müller", "Œuvre"}
    assert seen["subscriptions"] == 3
    assert seen["undone"] == set()
    assert any("3 subscriptions or articles removed" in a for a in answers)


def test_an_import_into_a_workspace_another_program_writes_to_says_so_and_writes_nothing(
    qtbot: Any, registry: Any, tmp_path: Path, answers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from ekocrm_desktop.db import engine

    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 200)  # the app waits 0.2 s for the lock, not 5 s
    window = open_window(qtbot, registry)
    path = tmp_path / "export excel.csv"
    path.write_bytes(FRENCH.encode("cp1252"))
    seen: dict[str, str] = {}

    def drive(dialog: Any) -> None:
        assert isinstance(dialog, ImportWizard)
        drive_to_dry_run(qtbot, dialog, path)  # reading goes on while another program writes
        other = sqlite3.connect(registry.get("Bureau").path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            dialog.next()
            qtbot.waitUntil(lambda: dialog.run_page.finished, timeout=20_000)
        finally:
            other.execute("ROLLBACK")
            other.close()
        seen["status"] = dialog.run_page.status_label.text()
        seen["undo"] = str(dialog.run_page.undo_button.isEnabled())
        dialog.reject()

    when_modal(drive, timeout_ms=30_000)
    window.import_action.trigger()
    assert seen["status"].startswith("Another window or program is writing to this workspace, so nothing was imported")
    assert seen["undo"] == "False"
    assert any("nothing was imported" in text for text in answers)
    assert names(window) == set()
    with window.session.db.session() as session:  # type: ignore[union-attr]
        assert session.scalars(select(ImportBatch.id)).first() is None
