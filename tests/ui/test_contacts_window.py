"""Contacts through the real window, as a user would work: create, find, edit, delete, restore,
switch workspace, resolve a conflict."""

from __future__ import annotations

import dataclasses
import uuid

import pytest

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from ekocrm_desktop.services.contacts import EmailEntry, PartyDraft, PartyQuery, PhoneEntry
from ekocrm_desktop.ui import workers
from ekocrm_desktop.ui.dialogs.conflict_dialog import ConflictDialog
from ekocrm_desktop.ui.dialogs.party_dialog import PartyDialog
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.contacts_page import ContactsPage
from ekocrm_desktop.ui.widgets.repeating import PhoneRow

from .conftest import open_window, type_text, when_modal


def contacts_page(window: MainWindow) -> ContactsPage:
    page = window.show_page("contacts")
    assert isinstance(page, ContactsPage)
    return page


def new_dialog(window: MainWindow) -> PartyDialog:
    dialogs = [d for d in window.editors.values() if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def select_row(page: ContactsPage, row: int) -> None:
    index = page.model.index(row, 0)
    page.table.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )


def test_create_find_edit_delete_and_restore_a_person(window: MainWindow, qtbot, answers) -> None:  # type: ignore[no-untyped-def]
    page = contacts_page(window)
    assert page.model.rowCount() == 0
    assert page.table_stack.currentWidget() is page.empty  # the empty page says what to do

    qtbot.mouseClick(page.new_person_button, Qt.MouseButton.LeftButton)
    dialog = new_dialog(window)
    type_text(dialog.first_name, "Hélène")
    type_text(dialog.last_name, "Dupré-Lefèvre")
    dialog.tabs.setCurrentIndex(1)
    qtbot.mouseClick(dialog.phones.add_button, Qt.MouseButton.LeftButton)
    phone_row = dialog.phones.rows[0]
    assert isinstance(phone_row, PhoneRow)
    type_text(phone_row.edit, "06 12 34 56 78")
    qtbot.mouseClick(dialog.emails.add_button, Qt.MouseButton.LeftButton)
    type_text(dialog.emails.rows[0].edit, "helene.dupre@orange.fr")  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    # Found by typing without accents, in the search box.
    type_text(page.search_edit, "helene dupre")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0) is not None)
    row = page.model.row_at(0)
    assert row.display_name == "Hélène Dupré-Lefèvre"
    assert page.model.index(0, 3).data() == "06 12 34 56 78"
    assert page.count_label.text() == "1 contact"

    # Edit the phone: double-click, change, Ctrl+S.
    rect = page.table.visualRect(page.model.index(0, 0))
    # Qt 6 item views open on a double-click only after the press that selected the row.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = window.editors[row.id]
    editor.tabs.setCurrentIndex(1)
    phone_edit = editor.phones.rows[0].edit  # type: ignore[attr-defined]
    phone_edit.clear()
    type_text(phone_edit, "07 81 22 33 44")
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(phone_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.isVisible())
    stored = window.session.contacts.get(row.id)  # type: ignore[union-attr]
    assert [p.number for p in stored.draft.phones] == ["+33781223344"]
    qtbot.waitUntil(lambda: page.model.index(0, 3).data() == "07 81 22 33 44")

    # Delete (the question names the record), then undo from the status bar.
    select_row(page, 0)
    window.delete_action.trigger()
    assert answers[-1] == "Move “Hélène Dupré-Lefèvre” to the trash?"
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert window.undo_button.isVisible()
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)

    # Delete again and restore from the trash page.
    select_row(page, 0)
    window.delete_action.trigger()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    trash = window.show_page("trash")
    assert isinstance(trash, ContactsPage)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 1)
    select_row(trash, 0)
    qtbot.mouseClick(trash.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: trash.model.rowCount() == 0)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)


def test_validation_messages_appear_next_to_the_field_as_you_type(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = window.new_party("person")
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.errors["last_name"].isVisible())
    assert dialog.errors["last_name"].text() == "This field is required."
    type_text(dialog.last_name, "Martin")
    dialog.tabs.setCurrentIndex(1)
    qtbot.mouseClick(dialog.emails.add_button, Qt.MouseButton.LeftButton)
    type_text(dialog.emails.rows[0].edit, "martin@")  # type: ignore[attr-defined]
    row = dialog.emails.rows[0]
    qtbot.waitUntil(lambda: row.error.isVisible())
    assert row.error.text() == "“martin@” is not a valid e-mail address."
    assert not dialog.errors["last_name"].isVisible()
    assert dialog.save() is False
    assert window.session.contacts.count(PartyQuery()) == 0  # type: ignore[union-attr]
    assert dialog.summary.text() == "1 field to correct before saving."


def test_escape_with_unsaved_changes_asks_before_closing(window: MainWindow, qtbot, answers) -> None:  # type: ignore[no-untyped-def]
    dialog = window.new_party("organisation")
    assert dialog is not None
    type_text(dialog.name, "Atelier Œuvre")
    assert dialog.windowTitle().startswith("* ")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answers[-1] == "Close this form and lose your changes?"
    assert not dialog.isVisible()


def test_switching_workspace_changes_the_bar_and_the_data(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.session.contacts.create(PartyDraft(first_name="Léa", last_name="Bureau"))  # type: ignore[union-attr]
    page = contacts_page(window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert window.workspace_bar.name_label.text() == "Bureau"
    assert "#1e88e5" in window.workspace_bar.styleSheet()

    window._fill_workspace_menu()
    actions = {a.text(): a for a in window.workspace_menu.actions()}
    assert actions["Bureau"].isChecked()
    actions["Association"].trigger()
    qtbot.waitUntil(lambda: window.session is not None and window.session.workspace.name == "Association")
    assert window.workspace_bar.name_label.text() == "Association"
    assert "#43a047" in window.workspace_bar.styleSheet()
    assert window.windowTitle().startswith("Association")
    assert contacts_page(window).model.rowCount() == 0
    assert window.registry.last_used().name == "Association"

    window.open_workspace(window.registry.get("Bureau"))
    qtbot.waitUntil(lambda: window.session.workspace.name == "Bureau")  # type: ignore[union-attr]
    # The list reads its rows in a worker once the workspace is open: wait for them.
    qtbot.waitUntil(lambda: contacts_page(window).model.rowCount() == 1)


def test_a_read_ending_after_a_switch_leaves_the_new_sidebar_alone(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A page of the workspace just left may finish its last read (unread count) after the switch:
    its sidebar entry is gone, and the count is not the new workspace's."""

    def news_entry() -> str:
        texts = [window.sidebar.item(r).text() for r in range(window.sidebar.count())]
        return next(t for t in texts if t.startswith("News"))

    old_news = window.show_page("news")
    window._fill_workspace_menu()
    {a.text(): a for a in window.workspace_menu.actions()}["Association"].trigger()
    qtbot.waitUntil(lambda: window.session is not None and window.session.workspace.name == "Association")
    qtbot.waitUntil(lambda: "news" in window.pages)
    # What the old page's signal calls when its read ends now (it used to set the text of a deleted item).
    window._show_unread("news", old_news, 7)
    assert news_entry() == "News"
    window._show_unread("news", window.pages["news"], 2)
    assert news_entry() == "News (2)"


def test_two_editors_on_one_record_never_overwrite_silently(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    created = session.contacts.create(
        PartyDraft(
            first_name="Jean",
            last_name="Dupont",
            emails=(EmailEntry("jean@ex.fr"),),
            phones=(PhoneEntry("0612345678"),),
        )
    )
    first = PartyDialog(session, party_id=created.id)
    second = PartyDialog(session, party_id=created.id)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    first.show()
    second.show()

    first.job_title.setText("Gérant")
    assert first.save() is True

    second.notes.setPlainText("Rappeler en janvier")
    second.tabs.setCurrentIndex(1)
    second.emails.rows[0].edit.setText("j.dupont@ex.fr")  # type: ignore[attr-defined]

    seen: dict[str, object] = {}

    def merge(widget: object) -> None:
        assert isinstance(widget, ConflictDialog)
        seen["fields"] = widget.differing_fields()
        seen["intro"] = widget.findChildren(QPushButton)
        widget.merge_button.click()

    when_modal(merge)
    assert second.save() is True
    # Only the fields that differ are shown; their job title was kept, my e-mail and note too.
    assert set(seen["fields"]) == {"job_title", "emails", "notes"}  # type: ignore[arg-type]
    final = session.contacts.get(created.id)
    assert final.draft.job_title == "Gérant"
    assert final.draft.emails[0].address == "j.dupont@ex.fr"
    assert final.draft.notes == "Rappeler en janvier"
    assert final.version == created.version + 2


def test_conflict_take_their_version_reloads_the_form(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    created = session.contacts.create(PartyDraft(first_name="Ana", last_name="Conflit"))
    mine = PartyDialog(session, party_id=created.id)
    qtbot.addWidget(mine)
    session.contacts.update(created.id, created.version, dataclasses.replace(created.draft, job_title="Leur titre"))
    mine.job_title.setText("Mon titre")
    when_modal(lambda w: w.reload_button.click())  # type: ignore[attr-defined]
    assert mine.save() is False
    assert mine.job_title.text() == "Leur titre"
    assert not mine.is_dirty()


def test_the_open_form_survives_an_unexpected_error(window: MainWindow, qtbot, answers, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    from ekocrm_desktop.ui.errors import install_excepthook

    dialog = window.new_party("person")
    assert dialog is not None
    type_text(dialog.last_name, "Précieux")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert any("nothing you typed was lost" in text for text in answers)
    assert dialog.isVisible() and dialog.last_name.text() == "Précieux"


def test_an_action_that_finds_the_server_gone_says_so_not_unexpected(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, answers, monkeypatch, caplog
) -> None:
    import logging
    import sys

    import psycopg

    from ekocrm_desktop.ui.errors import install_excepthook

    dialog = window.new_party("person")
    assert dialog is not None
    type_text(dialog.last_name, "Précieux")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    with caplog.at_level(logging.WARNING, logger="ekocrm_desktop.ui.errors"):
        try:
            raise psycopg.OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')
        except psycopg.OperationalError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    assert any("could not be reached, so this was not done" in text for text in answers)
    assert not any("Something went wrong" in text for text in answers)
    assert "found the server unreachable" in caplog.text and "unexpected error" not in caplog.text
    assert dialog.isVisible() and dialog.last_name.text() == "Précieux"


def test_a_save_while_another_program_writes_says_the_workspace_is_busy_and_keeps_the_form(  # type: ignore[no-untyped-def]
    registry, qtbot, answers, monkeypatch, caplog
) -> None:
    import logging
    import sqlite3
    import sys

    from ekocrm_desktop.db import engine
    from ekocrm_desktop.ui.errors import install_excepthook

    # Another program (a big import in a second window) holds the workspace's write lock; the
    # app waits 0.2 s for it instead of 5 s here.
    monkeypatch.setattr(engine, "SQLITE_BUSY_TIMEOUT_MS", 200)
    main = open_window(qtbot, registry)
    dialog = main.new_party("person")
    assert dialog is not None
    type_text(dialog.last_name, "Précieux")
    other = sqlite3.connect(registry.get("Bureau").path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    with caplog.at_level(logging.WARNING, logger="ekocrm_desktop.ui.errors"):
        try:
            dialog.save()
        except Exception:  # what the save's slot would hand to the excepthook
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
        else:
            raise AssertionError("the save went through a locked workspace")
    assert any("Another window or program is writing to this workspace" in text for text in answers)
    assert not any("Something went wrong" in text for text in answers)
    assert "found the workspace busy" in caplog.text and "unexpected error" not in caplog.text
    assert dialog.isVisible() and dialog.last_name.text() == "Précieux"
    # A background job (an alert check, a page's refresh) that finds it busy says so in one line.
    session = main.session
    assert session is not None
    failures: list[Exception] = []
    with caplog.at_level(logging.WARNING, logger="ekocrm_desktop.ui.workers"):
        workers.start(
            lambda _report, _token: session.contacts.create(PartyDraft(first_name="En", last_name="Tâche")),
            on_error=lambda exc, _details: failures.append(exc),
        )
        qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert "a background job found the workspace busy: " in caplog.text
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    # Once the other program is done, the same form saves, once.
    other.execute("ROLLBACK")
    other.close()
    assert dialog.save() is True
    assert session.contacts.count(PartyQuery(text="précieux")) == 1


def test_party_table_model_passes_the_qt_model_tester(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    session.contacts.create_many([PartyDraft(first_name=f"Prénom{i}", last_name=f"Nom{i:03d}") for i in range(450)])
    page = contacts_page(window)
    page.apply_filters()
    assert page.model.rowCount() == 450
    qtmodeltester.check(page.model, force_py=True)
    # The last rows come from the end of the list, not from a full read.
    assert page.model.row_at(449).display_name == "Prénom449 Nom449"
    assert page.model.loaded_pages() <= 3


def test_sorting_by_clicking_a_header(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    for name, city in (("Zoé", "Annecy"), ("Ana", "Lyon"), ("Émile", "Bron")):
        from ekocrm_desktop.services.contacts import AddressEntry

        session.contacts.create(PartyDraft(first_name=name, last_name="X", addresses=(AddressEntry(city=city),)))
    page = contacts_page(window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    page.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert [page.model.index(r, 4).data() for r in range(3)] == ["Lyon", "Bron", "Annecy"]
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [page.model.index(r, 0).data() for r in range(3)] == ["Ana X", "Émile X", "Zoé X"]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_opens_the_selected_record(window: MainWindow, qtbot, key) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    created = session.contacts.create(PartyDraft(first_name="Enter", last_name="Key"))
    page = contacts_page(window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    select_row(page, 0)
    page.table.setFocus()
    qtbot.keyClick(page.table, key)
    assert created.id in window.editors
    assert isinstance(window.editors[created.id], PartyDialog)
    assert uuid.UUID(str(created.id)) == created.id
    QApplication.processEvents()


def test_a_search_shows_the_first_rows_at_once_then_the_count(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    session.contacts.create_many([PartyDraft(first_name=f"Prénom{i}", last_name="Martin") for i in range(450)])
    session.contacts.create(PartyDraft(first_name="Zoé", last_name="Autre"))
    page = contacts_page(window)
    type_text(page.search_edit, "martin")
    qtbot.waitUntil(lambda: page.model.is_count_exact() and page.model.rowCount() == 450, timeout=10_000)
    assert page.count_label.text() == "450 contacts"
    assert page.model.row_at(449) is not None


def test_the_list_grows_as_it_scrolls_while_the_count_runs(window: MainWindow, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    import threading

    from ekocrm_desktop.services.paging import PageRequest
    from ekocrm_desktop.ui.tablemodels.party_table_model import PartyTableModel

    session = window.session
    assert session is not None
    session.contacts.create_many([PartyDraft(first_name=f"P{i:03d}", last_name="Lent") for i in range(450)])
    query = PartyQuery(text="lent")
    release = threading.Event()

    def slow_count() -> int:
        release.wait(10)  # a count that takes its time, as on a big server
        return session.contacts.count(query)  # type: ignore[union-attr]

    def page(sort: str, descending: bool, request: PageRequest) -> list[object]:
        return list(session.contacts.page(query, sort, descending, request))  # type: ignore[union-attr]

    model = PartyTableModel()
    pending: list[int] = []
    model.count_pending.connect(pending.append)
    model.set_source(slow_count, page, count_in_background=True)
    assert pending == [200] and model.rowCount() == 200 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400 and not model.is_count_exact()
    qtmodeltester.check(model, force_py=True)
    release.set()
    qtbot.waitUntil(model.is_count_exact, timeout=10_000)
    assert model.rowCount() == 450
    assert [model.row_at(r).display_name for r in (0, 449)] == ["P000 Lent", "P449 Lent"]
