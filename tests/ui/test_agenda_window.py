"""The agenda through the real window: select a week-view slot with the mouse to create an
appointment, drag it to another day and time, stretch it, see it in the collaborator's column
side by side with another one; a recurring one asks "this occurrence or the series"; month view;
.ics export and an import that reports what it skipped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.services.agenda import Recurrence
from ekocrm_desktop.services.contacts import EmailEntry, PartyDraft, RoleEntry
from ekocrm_desktop.ui.dialogs.activity_dialog import ActivityDialog
from ekocrm_desktop.ui.dialogs.agenda_dialogs import IcsReportDialog, RecurrenceDialog, ScopeDialog
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.agenda_page import AgendaPage
from tests.ui.conftest import type_text, when_modal

MONDAY = dt.date(2026, 3, 23)


def _collaborator(window: MainWindow, first: str, last: str) -> object:
    assert window.session is not None
    roles = (RoleEntry(RoleKind.COLLABORATOR.value, dt.date(2020, 1, 1)),)
    email = (EmailEntry(f"{first.lower()}@exemple.fr"),)
    return window.session.contacts.create(PartyDraft(first_name=first, last_name=last, roles=roles, emails=email)).id


def _at(page: AgendaPage, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), page.tz)


def _point(page: AgendaPage, day: dt.date, hour: int, minute: int = 0, person: object = None) -> QPoint:
    column = page.view.column_of(day, person)  # type: ignore[arg-type]
    return page.view.point_for(column, _at(page, day, hour, minute)).toPoint()


def test_create_by_selecting_a_slot_then_drag_and_resize(window: MainWindow, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    camille = _collaborator(window, "Camille", "Commerciale")
    david = _collaborator(window, "David", "Vendeur")
    page = window.show_page("agenda")
    assert isinstance(page, AgendaPage)
    page.show_people([camille])
    page.go_to(MONDAY)
    assert page.period() == (MONDAY, MONDAY + dt.timedelta(days=7))
    assert len(page.view.columns) == 7
    view = page.view
    opened: list[object] = []
    page.dialog_opened.connect(opened.append)

    # A real mouse gesture across Tuesday 10:00 → 11:00 opens the appointment form, prefilled.
    tuesday = MONDAY + dt.timedelta(days=1)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=_point(page, tuesday, 10))
    qtbot.mouseMove(view, _point(page, tuesday, 10, 30))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=_point(page, tuesday, 11))
    [dialog] = opened
    assert isinstance(dialog, ActivityDialog)
    draft = dialog.draft()
    assert draft.type == "appointment"
    assert draft.starts_at == _at(page, tuesday, 10) and draft.ends_at == _at(page, tuesday, 11)
    assert draft.owner_id == camille
    type_text(dialog.subject, "Rendez-vous chez Hélène")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(view.blocks) == 1)
    [block] = view.blocks
    assert block.occurrence.subject == "Rendez-vous chez Hélène"
    assert block.column == view.column_of(tuesday)
    activity_id = block.occurrence.activity_id

    # Drag it (through the same path as the mouse) to Thursday 14:00: it keeps its hour-long length.
    thursday = MONDAY + dt.timedelta(days=3)
    grab = QPointF(block.rect.center().x(), block.rect.top() + 3)
    view.press(grab)
    view.drag_to(QPointF(_point(page, thursday, 12)))
    view.release(QPointF(_point(page, thursday, 14)))
    qtbot.waitUntil(lambda: view.blocks and view.blocks[0].column == view.column_of(thursday))
    moved = view.blocks[0].occurrence
    assert (moved.start, moved.end) == (_at(page, thursday, 14), _at(page, thursday, 15))

    # Stretch its bottom edge with the real mouse to 16:30.
    rect = view.blocks[0].rect
    edge = QPoint(int(rect.center().x()), int(rect.bottom()) - 2)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(view, _point(page, thursday, 16))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=_point(page, thursday, 16, 30))
    qtbot.waitUntil(lambda: view.blocks[0].occurrence.end == _at(page, thursday, 16, 30))
    assert view.blocks[0].occurrence.start == _at(page, thursday, 14)
    assert window.session is not None
    saved = window.session.activities.get(activity_id).draft
    assert (saved.starts_at, saved.ends_at) == (_at(page, thursday, 14), _at(page, thursday, 16, 30))

    # Side by side: Camille's and David's columns for each day; the appointment only in Camille's.
    page.show_people([camille, david])
    assert len(view.columns) == 14
    assert [b.column for b in view.blocks] == [view.column_of(thursday, camille)]  # type: ignore[arg-type]
    header_height = page.header.height()
    assert header_height > page.header.fontMetrics().height() * 2
    # A slot in David's column creates an appointment for David.
    opened.clear()
    view.press(QPointF(_point(page, tuesday, 9, 0, david)))
    view.release(QPointF(_point(page, tuesday, 9, 45, david)))
    [david_dialog] = opened
    assert isinstance(david_dialog, ActivityDialog)
    assert david_dialog.draft().owner_id == david
    david_dialog.close()

    # Dragged into David's column (same day and time): the appointment is now David's.
    [block] = view.blocks
    view.press(QPointF(block.rect.center().x(), block.rect.top() + 3))
    view.release(QPointF(_point(page, thursday, 14, 0, david)))
    qtbot.waitUntil(lambda: [b.column for b in view.blocks] == [view.column_of(thursday, david)])  # type: ignore[arg-type]
    assert window.session.activities.get(activity_id).draft.owner_id == david
    assert view.blocks[0].occurrence.start == _at(page, thursday, 14)

    # The month view lists it on its day; double-click on a free spot of a day opens that day.
    qtbot.mouseClick(page.mode_buttons["month"], Qt.MouseButton.LeftButton)
    assert page.mode == "month" and len(view.month_days) == 42
    assert [b.occurrence.activity_id for b in view.blocks] == [activity_id]
    cell = view._month_cell(view.month_days.index(thursday))
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=QPoint(int(cell.center().x()), int(cell.bottom()) - 3))
    assert page.mode == "day" and page.period() == (thursday, thursday + dt.timedelta(days=1))
    qtmodeltester.check(page.people_list.model())

    # By keyboard: click to select, Enter opens, Delete moves it to the trash, Undo brings it back.
    [block] = view.blocks
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=block.rect.center().toPoint())
    assert page.selected() is not None and page.delete_button.isEnabled()
    opened.clear()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    [editor] = opened
    assert isinstance(editor, ActivityDialog) and editor.subject.text() == "Rendez-vous chez Hélène"
    editor.close()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: view.blocks == [])
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(view.blocks) == 1)


def test_recurring_series_asks_which_occurrences_and_ics_round_trip(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    camille = _collaborator(window, "Camille", "Commerciale")
    page = window.show_page("agenda")
    assert isinstance(page, AgendaPage)
    page.show_people([camille])
    page.go_to(MONDAY)
    agenda = page.agenda
    agenda.create_appointment(
        "Point hebdo",
        _at(page, MONDAY, 9),
        _at(page, MONDAY, 10),
        owner_id=camille,  # type: ignore[arg-type]
        recurrence=Recurrence("weekly"),
    )
    view = page.view
    qtbot.waitUntil(lambda: len(view.blocks) == 1)
    assert view.blocks[0].occurrence.recurring

    # Dragging one occurrence: the scope dialog asks; "this occurrence only" leaves next week alone.
    wednesday = MONDAY + dt.timedelta(days=2)
    when_modal(lambda dialog: isinstance(dialog, ScopeDialog) and dialog.occurrence_button.click())
    block = view.blocks[0]
    view.press(QPointF(block.rect.center().x(), block.rect.top() + 3))
    view.release(QPointF(_point(page, wednesday, 11)))
    qtbot.waitUntil(lambda: view.blocks and view.blocks[0].occurrence.exception)
    assert view.blocks[0].occurrence.start == _at(page, wednesday, 11)
    page.step(1)
    assert [b.occurrence.start for b in view.blocks] == [_at(page, MONDAY + dt.timedelta(days=7), 9)]

    # "The whole series": every Monday moves to Tuesday 8:00.
    when_modal(lambda dialog: isinstance(dialog, ScopeDialog) and dialog.series_button.click())
    block = view.blocks[0]
    view.press(QPointF(block.rect.center().x(), block.rect.top() + 3))
    view.release(QPointF(_point(page, MONDAY + dt.timedelta(days=8), 8)))
    qtbot.waitUntil(lambda: view.blocks and view.blocks[0].occurrence.start.weekday() == 1)
    assert view.blocks[0].occurrence.start == _at(page, MONDAY + dt.timedelta(days=8), 8)

    # Export the agenda shown, then import a file with one good event and two it must skip.
    path = tmp_path / "agenda.ics"
    assert page.export_to(path) == 1
    assert b"RRULE:FREQ=WEEKLY" in path.read_bytes() and b"RECURRENCE-ID" in path.read_bytes()
    incoming = tmp_path / "entrant.ics"
    incoming.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//FR\r\n"
        b"BEGIN:VEVENT\r\nUID:x1\r\nDTSTART:20260325T150000Z\r\nDTEND:20260325T160000Z\r\nSUMMARY:Import\xc3\xa9\r\n"
        b"ATTENDEE;CN=Camille:mailto:camille@exemple.fr\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:x2\r\nSUMMARY:Sans date\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:x3\r\nDTSTART;TZID=Nowhere/Land:20260326T090000\r\nSUMMARY:Ailleurs\r\nEND:VEVENT\r\n"
        b"END:VCALENDAR\r\n"
    )
    page.go_to(MONDAY)
    with qtbot.waitSignal(page.imported, timeout=15_000) as done:
        page.import_from(incoming)
    report = done.args[0]
    assert len(report.created) == 2 and [i.uid for i in report.skipped] == ["x2"]
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, IcsReportDialog) and w.isVisible()]
    [report_dialog] = dialogs
    texts = [report_dialog.table.item(r, 2).text() for r in range(report_dialog.table.rowCount())]
    assert texts == [
        "The event has no readable start date.",
        "Unknown time zone “Nowhere/Land”: the times were read as UTC.",
    ]
    assert "Importé" in {b.occurrence.subject for b in view.blocks}
    report_dialog.close()

    # Opening one occurrence alone: a form for it; saved, it leaves the series (which goes on).
    page.go_to(MONDAY + dt.timedelta(days=14))
    [block] = view.blocks
    opened: list[object] = []
    page.dialog_opened.connect(opened.append)
    when_modal(lambda dialog: isinstance(dialog, ScopeDialog) and dialog.occurrence_button.click())
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=block.rect.center().toPoint())
    qtbot.waitUntil(lambda: len(opened) == 1)
    [editor] = opened
    assert isinstance(editor, ActivityDialog)
    editor.subject.clear()
    type_text(editor.subject, "Point hebdo déplacé chez le client")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [b.occurrence.subject for b in view.blocks] == ["Point hebdo déplacé chez le client"])
    assert not view.blocks[0].occurrence.recurring
    page.step(1)
    assert [(b.occurrence.subject, b.occurrence.recurring) for b in view.blocks] == [("Point hebdo", True)]


def test_make_an_appointment_repeat_from_the_agenda(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    camille = _collaborator(window, "Camille", "Commerciale")
    page = window.show_page("agenda")
    assert isinstance(page, AgendaPage)
    page.show_people([camille])
    page.go_to(MONDAY)
    atelier = page.agenda.create_appointment(
        "Atelier",
        _at(page, MONDAY, 14),
        _at(page, MONDAY, 15),
        owner_id=camille,  # type: ignore[arg-type]
    )
    view = page.view
    qtbot.waitUntil(lambda: len(view.blocks) == 1)
    assert not page.repeat_button.isEnabled()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.blocks[0].rect.center().toPoint())
    assert page.repeat_button.isEnabled()

    def fill(dialog: object) -> None:
        assert isinstance(dialog, RecurrenceDialog)
        assert dialog.days[0].isChecked()  # the appointment's own day, ready for a weekly rule
        dialog.frequency.setCurrentIndex(dialog.frequency.findData("weekly"))
        dialog.days[2].setChecked(True)  # and Wednesdays
        dialog.after.setChecked(True)
        dialog.count.setValue(4)
        dialog.ok_button.click()

    when_modal(fill)
    qtbot.mouseClick(page.repeat_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(view.blocks) == 2)
    assert [b.occurrence.start for b in view.blocks] == [
        _at(page, MONDAY, 14),
        _at(page, MONDAY + dt.timedelta(days=2), 14),
    ]
    page.step(1)
    next_monday = MONDAY + dt.timedelta(days=7)
    assert [b.occurrence.start for b in view.blocks] == [
        _at(page, next_monday, 14),
        _at(page, next_monday + dt.timedelta(days=2), 14),
    ]
    page.step(1)
    assert view.blocks == []  # four in all
    assert page.agenda.series(atelier).recurrence == Recurrence("weekly", weekdays=(0, 2), count=4)
