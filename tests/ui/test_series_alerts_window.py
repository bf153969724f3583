"""Through the real window: "15 minutes before" set in the appointment dialog on a weekly series
reminds before each occurrence (the alert panel shows the second week's after the first was
dismissed); the agenda's "today" follows the session's clock; "Plan tasks…" on a group."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.services.activities import ActivityQuery
from ekocrm_desktop.services.agenda import Recurrence
from ekocrm_desktop.services.alerts import AlertRequest
from ekocrm_desktop.services.contacts import PartyDraft, RoleEntry
from ekocrm_desktop.ui.dialogs.activity_dialog import ActivityDialog
from ekocrm_desktop.ui.dialogs.agenda_dialogs import ScopeDialog
from ekocrm_desktop.ui.formatting import local_datetime_text
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.agenda_page import AgendaPage
from ekocrm_desktop.ui.pages.groups_page import GroupsPage
from ekocrm_desktop.ui.pages.tasks_page import TasksPage
from tests.ui.conftest import type_text, when_modal

MONDAY = dt.date(2026, 3, 23)


def _shot(widget: QWidget, name: str) -> None:
    """Keep a picture of the widget when EKOCRM_SCREENSHOTS names a folder (to look at changes)."""
    folder = os.environ.get("EKOCRM_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def _collaborator(window: MainWindow, first: str, last: str) -> uuid.UUID:
    assert window.session is not None
    roles = (RoleEntry(RoleKind.COLLABORATOR.value, dt.date(2020, 1, 1)),)
    return window.session.contacts.create(PartyDraft(first_name=first, last_name=last, roles=roles)).id


def test_an_alert_set_in_the_dialog_reminds_before_each_occurrence_of_a_series(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    page = window.show_page("agenda")
    assert isinstance(page, AgendaPage)
    tz = page.tz

    def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tz)

    # The session's clock says Monday 23 March, 8:00: the agenda's "today" is that day.
    moment = {"now": at(MONDAY, 8).astimezone(dt.UTC)}
    session.db.clock = lambda: moment["now"]  # type: ignore[method-assign]
    camille = _collaborator(window, "Camille", "Commerciale")
    page.show_people([camille])
    page.go_today()
    assert page.anchor == MONDAY and page.view.today() == MONDAY
    first, after = page.period()
    assert first <= MONDAY < after
    weekly = page.agenda.create_appointment(
        "Point hebdo", at(MONDAY, 9), at(MONDAY, 10), owner_id=camille, recurrence=Recurrence("weekly")
    )
    view = page.view
    qtbot.waitUntil(lambda: len(view.blocks) == 1)
    _shot(page, "agenda_today_from_session_clock")

    # Open the series and choose "15 minutes before" in the appointment dialog.
    when_modal(lambda dialog: isinstance(dialog, ScopeDialog) and dialog.series_button.click())
    dialog = page.open_occurrence(view.blocks[0].occurrence)
    assert isinstance(dialog, ActivityDialog)
    assert dialog.alert.isEnabled()
    dialog.alert.setCurrentIndex(dialog.alert.findText("15 minutes before"))
    _shot(dialog, "appointment_dialog_alert")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert session.activities.get(weekly).draft.alert == AlertRequest(minutes_before=15)
    assert page.agenda.series(weekly).rule  # still a series

    scheduler = session.alert_scheduler
    qtbot.waitUntil(lambda: not scheduler.busy)
    scheduler.check_now()
    qtbot.waitUntil(lambda: not scheduler.busy)
    assert window.alert_button.count == 0

    # 8:45: the first occurrence's alert pops up; dismissed, the bell clears.
    moment["now"] = at(MONDAY, 8, 45).astimezone(dt.UTC)
    with qtbot.waitSignal(scheduler.fired, timeout=10_000) as fired:
        scheduler.check_now()
    assert [(a.subject, a.starts_at) for a in fired.args[0]] == [("Point hebdo", at(MONDAY, 9))]
    popup = window.alert_button.popup
    qtbot.waitUntil(lambda: window.alert_button.count == 1 and popup.isVisible())
    qtbot.mouseClick(popup.dismiss_button, Qt.MouseButton.LeftButton)
    assert window.alert_button.count == 0

    # Later that day and the rest of the week: nothing more.
    for later in (at(MONDAY, 9, 30), at(MONDAY + dt.timedelta(days=3), 12)):
        moment["now"] = later.astimezone(dt.UTC)
        scheduler.check_now()
        qtbot.waitUntil(lambda: not scheduler.busy)
        assert window.alert_button.count == 0

    # Next Monday 8:45: the second occurrence's alert, with its own start.
    next_monday = MONDAY + dt.timedelta(days=7)
    moment["now"] = at(next_monday, 8, 45).astimezone(dt.UTC)
    with qtbot.waitSignal(scheduler.fired, timeout=10_000) as fired:
        scheduler.check_now()
    assert [a.starts_at for a in fired.args[0]] == [at(next_monday, 9)]
    qtbot.waitUntil(lambda: window.alert_button.count == 1 and popup.isVisible())
    assert popup.list.count() == 1
    assert popup.list.item(0).text() == f"Point hebdo\nStarts {local_datetime_text(at(next_monday, 9))}"
    _shot(popup, "alert_panel_second_occurrence")
    # The agenda, moved on with the clock, highlights the new today (in the month view too).
    page.go_today()
    assert page.anchor == next_monday and view.today() == next_monday
    page.set_mode("month")
    assert page.period()[0] <= next_monday < page.period()[1]
    _shot(page, "agenda_month_today_from_session_clock")


def test_the_tasks_page_today_follows_the_session_clock(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    local = dt.datetime(2026, 6, 10, 15, 0).astimezone()  # a Wednesday afternoon, local time
    session.db.clock = lambda: local.astimezone(dt.UTC)  # type: ignore[method-assign]
    from ekocrm_desktop.services.activities import ActivityDraft, TaskFields

    for subject, due in (
        ("Ce soir", local.replace(hour=18)),
        ("Vendredi", local + dt.timedelta(days=2)),
        ("Le mois prochain", local + dt.timedelta(days=30)),
    ):
        session.tasks.create(ActivityDraft(type="call_out", subject=subject), TaskFields(due_at=due))
    page = window.show_page("tasks")
    assert isinstance(page, TasksPage)
    page.set_view("today")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row_at(0).subject == "Ce soir"
    page.set_view("week")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert {page.model.row_at(r).subject for r in range(2)} == {"Ce soir", "Vendredi"}


def test_plan_a_follow_up_call_for_every_member_of_a_group(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    seller = _collaborator(window, "Camille", "Commerciale")
    members = [
        session.contacts.create(PartyDraft(first_name=first, last_name=last)).id
        for first, last in (("Anne", "Lyonnaise"), ("Basile", "Villeurbannais"))
    ]
    outsider = session.contacts.create(PartyDraft(first_name="Chloé", last_name="Parisienne")).id
    bureau = session.groups.create("Bureau 2026")
    session.groups.add(bureau.id, members)
    session.groups.create("Vide")

    page = window.show_page("groups")
    assert isinstance(page, GroupsPage)
    assert page.select_group("Vide")
    assert page.plan_button.isVisible() and page.plan_button.isEnabled()
    assert page.select_group("Bureau 2026")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    _shot(page, "groups_page_plan_tasks")
    qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "plan_dialog", None) is not None, timeout=10_000)
    dialog = page.plan_dialog
    assert page.plan_button.isEnabled()
    assert sorted(dialog.party_ids) == sorted(members)
    assert "Bureau 2026" in dialog.count_label.text()
    type_text(dialog.subject, "Appel de relance")
    dialog.one_radio.setChecked(True)
    dialog.one_combo.setCurrentIndex(dialog.one_combo.findText("Camille Commerciale"))
    assert dialog.one_combo.currentData() == seller
    _shot(dialog, "group_bulk_task_dialog")
    with qtbot.waitSignal(dialog.done, timeout=10_000) as done:
        qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    assert done.args[0].created == 2
    for party_id in members:
        assert session.activities.count(ActivityQuery(party_id=party_id, tasks_only=True)) == 1
    assert session.activities.count(ActivityQuery(party_id=outsider, tasks_only=True)) == 0
    # An empty group: the dialog opens with nobody and cannot plan anything.
    page.plan_dialog = None
    assert page.select_group("Vide")
    page.plan_tasks()
    qtbot.waitUntil(lambda: page.plan_dialog is not None, timeout=10_000)
    assert page.plan_dialog.party_ids == [] and not page.plan_dialog.plan_button.isEnabled()
    page.plan_dialog.close()
