"""Activities, tasks and alerts through the real window: log a call on a contact's timeline,
plan a task with an alert, move the clock, see the pop-up and the badge, dismiss; the tasks
page's views; every new item model under qtmodeltester."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from ekocrm_desktop.models.enums import RoleKind
from ekocrm_desktop.services.activities import ActivityDraft, ActivityQuery, TaskFields
from ekocrm_desktop.services.alerts import AlertRequest
from ekocrm_desktop.services.contacts import PartyDraft, PhoneEntry, RoleEntry
from ekocrm_desktop.ui.dialogs.activity_dialog import ActivityDialog, to_qt
from ekocrm_desktop.ui.dialogs.party_dialog import PartyDialog
from ekocrm_desktop.ui.main_window import MainWindow
from ekocrm_desktop.ui.pages.journal_page import JournalPage
from ekocrm_desktop.ui.pages.tasks_page import TasksPage

from .conftest import type_text


def _dialogs() -> list[ActivityDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ActivityDialog) and w.isVisible()]


def test_log_a_call_on_a_contacts_timeline(window: MainWindow, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    helene = session.contacts.create(
        PartyDraft(first_name="Hélène", last_name="Durand", phones=(PhoneEntry("06 12 34 56 78"),))
    )
    editor = window.edit_party(helene.id)
    assert isinstance(editor, PartyDialog)
    timeline = editor.timeline
    assert timeline is not None
    editor.tabs.setCurrentWidget(timeline)
    assert timeline.model.rowCount() == 0 and timeline.empty.isVisible()

    # One click on her phone number opens the call, timed now, with the number in its subject.
    [phone] = timeline.phone_buttons
    assert phone.text() == "06 12 34 56 78"
    qtbot.mouseClick(phone, Qt.MouseButton.LeftButton)
    [dialog] = _dialogs()
    assert dialog.subject.text() == "Call to 06 12 34 56 78"
    dialog.subject.clear()
    assert dialog.type_combo.currentData() == "call_out"
    assert dialog.call_widget.isVisibleTo(dialog) and not dialog.place.isVisibleTo(dialog)
    assert [dialog.links.item(i).text() for i in range(dialog.links.count())] == ["Hélène Durand"]
    type_text(dialog.subject, "Relance du devis, très intéressée")
    dialog.duration.setValue(7)
    dialog.outcome.setCurrentIndex(dialog.outcome.findText("Reached"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    qtbot.waitUntil(lambda: timeline.model.rowCount() == 1)
    row = timeline.model.row_at(0)
    assert row.subject == "Relance du devis, très intéressée"
    assert timeline.model.index(0, 1).data() == "Outgoing call"
    assert timeline.model.index(0, 5).data() == "7 min 00 s · Reached"
    qtmodeltester.check(timeline.model)

    # A note too; the type filter keeps calls only.
    timeline.note_button.click()
    [note] = _dialogs()
    type_text(note.subject, "Préfère le matin")
    note.save()
    qtbot.waitUntil(lambda: timeline.model.rowCount() == 2)
    assert timeline.model.row_at(0).type == "note"  # newest first
    timeline.type_filter.setCurrentIndex(timeline.type_filter.findData("calls"))
    assert timeline.model.rowCount() == 1 and timeline.model.row_at(0).type == "call_out"

    # The journal shows both, filtered by type too.
    journal = window.show_page("journal")
    assert isinstance(journal, JournalPage)
    qtbot.waitUntil(lambda: journal.model.rowCount() == 2)
    journal.type_filter.setCurrentIndex(journal.type_filter.findData("note"))
    assert journal.model.rowCount() == 1
    qtmodeltester.check(journal.model)

    # Moved to the trash from its form, and back with "Undo".
    timeline.type_filter.setCurrentIndex(0)
    rect = timeline.table.visualRect(timeline.model.index(1, 2))
    qtbot.mouseClick(timeline.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(timeline.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    [opened] = _dialogs()
    assert opened.subject.text() == "Relance du devis, très intéressée"
    qtbot.mouseClick(opened.trash_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: timeline.model.rowCount() == 1)
    assert timeline.undo_button.isVisible()
    assert timeline.undo_button.text() == "“Relance du devis, très intéressée” moved to the trash — Undo"
    qtbot.mouseClick(timeline.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: timeline.model.rowCount() == 2)
    # From the journal, the window's status bar offers the undo.
    journal.type_filter.setCurrentIndex(0)
    journal.open_activity(journal.model.id_at(0)).move_to_trash()
    assert window.message_label.text() == "“Préfère le matin” moved to the trash."
    qtbot.waitUntil(lambda: journal.model.rowCount() == 1)
    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journal.model.rowCount() == 2)
    editor.close()


def test_task_with_an_alert_pops_up_once_and_is_dismissed(window: MainWindow, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    scheduler = session.alert_scheduler
    camille = session.contacts.create(
        PartyDraft(
            first_name="Camille",
            last_name="Commerciale",
            roles=(RoleEntry(RoleKind.COLLABORATOR.value, dt.date(2020, 1, 1)),),
        )
    )
    page = window.show_page("tasks")
    assert isinstance(page, TasksPage)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    [dialog] = _dialogs()
    assert dialog.task_box.isChecked()
    type_text(dialog.subject, "Rappeler l'association Échanges")
    dialog.assignee.setCurrentIndex(dialog.assignee.findText("Camille Commerciale"))
    dialog.priority.setCurrentIndex(dialog.priority.findData("high"))
    dialog.alert.setCurrentIndex(dialog.alert.findText("15 minutes before"))
    due = dialog.due.dateTime()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.row_at(0).assignee_name == "Camille Commerciale"
    assert page.model.index(0, 1).data() == "High"

    # Not yet: the check at "now" fires nothing; the bell shows no count.
    qtbot.waitUntil(lambda: not scheduler.busy)
    scheduler.check_now()
    qtbot.waitUntil(lambda: not scheduler.busy)
    assert window.alert_button.count == 0 and not window.alert_button.popup.isVisible()

    # Fifteen minutes before the due time: the pop-up opens, the badge says 1.
    due_utc = dt.datetime.fromtimestamp(due.toSecsSinceEpoch(), dt.UTC)
    scheduler.clock = lambda: due_utc - dt.timedelta(minutes=15)
    with qtbot.waitSignal(scheduler.fired, timeout=10_000) as fired:
        scheduler.check_now()
    assert [a.subject for a in fired.args[0]] == ["Rappeler l'association Échanges"]
    qtbot.waitUntil(lambda: window.alert_button.count == 1)
    popup = window.alert_button.popup
    assert popup.isVisible() and popup.list.count() == 1
    assert window.alert_button.text() == "1"
    assert popup.list.item(0).text().startswith("Rappeler l'association Échanges\nDue ")

    # Checking again (even later) fires nothing new: exactly once.
    scheduler.clock = lambda: due_utc + dt.timedelta(hours=1)
    scheduler.check_now()
    qtbot.waitUntil(lambda: not scheduler.busy)
    assert window.alert_button.count == 1

    # Snooze 10 minutes: the badge clears, and it comes back once at its new time.
    popup.snooze("10min")
    assert window.alert_button.count == 0
    scheduler.clock = lambda: due_utc + dt.timedelta(hours=1, minutes=10)
    with qtbot.waitSignal(scheduler.fired, timeout=10_000):
        scheduler.check_now()
    qtbot.waitUntil(lambda: window.alert_button.count == 1)
    qtbot.mouseClick(popup.dismiss_button, Qt.MouseButton.LeftButton)
    assert window.alert_button.count == 0 and window.alert_button.text() == ""
    assert session.alerts.open_alerts() == []

    # Mark done from the tasks page.
    page.table.selectionModel().setCurrentIndex(
        page.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    page.closed_check.setChecked(True)
    assert page.model.rowCount() == 1 and page.model.index(0, 5).data() == "Done"
    qtmodeltester.check(page.model)
    assert camille.id  # the collaborator stays


def test_tasks_page_views_and_an_alert_missed_while_closed(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    assert session is not None
    now = session.tasks.now()
    helene = session.contacts.create(PartyDraft(first_name="Hélène", last_name="Durand"))

    def task(subject: str, due: dt.datetime, alert: bool = False) -> None:
        session.tasks.create(
            ActivityDraft(
                type="call_out",
                subject=subject,
                party_ids=(helene.id,),
                alert=AlertRequest(minutes_before=0) if alert else None,
            ),
            TaskFields(due_at=due),
        )

    task("En retard", now - dt.timedelta(days=2), alert=True)
    task("Dans un mois", now + dt.timedelta(days=40))
    # Due later today whatever the hour the suite runs at (only the day's last minute would miss).
    late_today = dt.datetime.combine(now.astimezone().date(), dt.time(23, 59)).astimezone()
    task("Aujourd'hui", late_today.astimezone(dt.UTC))
    page = window.show_page("tasks")
    assert isinstance(page, TasksPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    page.set_view("overdue")
    assert [page.model.row_at(r).subject for r in range(page.model.rowCount())] == ["En retard"]
    assert page.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # red
    page.set_view("today")
    assert "Aujourd'hui" in [page.model.row_at(r).subject for r in range(page.model.rowCount())]
    page.set_view("all")
    assert page.model.rowCount() == 3
    assert page.view_tabs.tabText(2) == "Overdue (1)"
    # The alert of the overdue task fell due "while the app was closed": the next check shows it.
    scheduler = session.alert_scheduler
    with qtbot.waitSignal(scheduler.fired, timeout=10_000) as fired:
        scheduler.check_now()
    assert [a.subject for a in fired.args[0]] == ["En retard"]
    assert session.activities.count(ActivityQuery(party_id=helene.id)) == 3
    # An alert at a chosen time, on the task due in a month.
    page.set_view("all")
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).subject == "Dans un mois")
    form = page.open_task(page.model.id_at(row))
    assert not form.alert_at.isVisible()
    form.alert.setCurrentIndex(form.alert.findData("at"))
    assert form.alert_at.isVisible()
    remind = (now + dt.timedelta(days=3)).replace(second=0, microsecond=0)
    form.alert_at.setDateTime(to_qt(remind))
    assert form.save()
    saved = session.activities.get(page.model.id_at(row))
    assert saved.draft.alert == AlertRequest(at=remind)
    reopened = page.open_task(saved.id)
    assert reopened.alert.currentData() == "at" and reopened.draft().alert == AlertRequest(at=remind)
    reopened.close()

    # The journal shows what happened up to now by default; what is planned under "to come".
    journal = window.show_page("journal")
    assert isinstance(journal, JournalPage)
    subjects = {journal.model.row_at(r).subject for r in range(journal.model.rowCount())}
    assert "En retard" in subjects and "Dans un mois" not in subjects
    journal.period_filter.setCurrentIndex(journal.period_filter.findData("future"))
    assert "Dans un mois" in {journal.model.row_at(r).subject for r in range(journal.model.rowCount())}


def test_plan_a_follow_up_call_for_a_list_of_people(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    # "A follow-up call for all prospects of category PME in Rhône": the list comes from a
    # segment (here the people's ids, as the segments page will pass them), each task to the
    # person's account owner, the others to one collaborator.
    session = window.session
    assert session is not None
    collaborator = (RoleEntry(RoleKind.COLLABORATOR.value, dt.date(2020, 1, 1)),)
    camille = session.contacts.create(PartyDraft(first_name="Camille", last_name="Commerciale", roles=collaborator))
    david = session.contacts.create(PartyDraft(first_name="David", last_name="Vendeur", roles=collaborator))
    prospects = [
        session.contacts.create(
            PartyDraft(first_name=f"Prospect{i}", last_name="PME", owner_id=david.id if i < 2 else None)
        ).id
        for i in range(5)
    ]
    page = window.show_page("tasks")
    assert isinstance(page, TasksPage)
    dialog = page.plan_for_people(prospects[:4], label="Prospects PME Rhône")
    assert dialog.count_label.text() == "Prospects PME Rhône — 4 people will each get a task."
    # One more, added by name.
    type_text(dialog.picker, "Prospect4")
    dialog.picker.refresh()
    dialog.picker.choose_row(0)
    assert "5 people" in dialog.count_label.text()
    type_text(dialog.subject, "Appel de relance PME")
    dialog.owner_radio.setChecked(True)
    dialog.fallback_combo.setCurrentIndex(dialog.fallback_combo.findText("Camille Commerciale"))
    with qtbot.waitSignal(dialog.done, timeout=10_000) as done:
        qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    assert done.args[0].per_assignee == {david.id: 2, camille.id: 3}
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    assignees = sorted(page.model.row_at(r).assignee_name for r in range(5))
    assert assignees == ["Camille Commerciale"] * 3 + ["David Vendeur"] * 2
    for prospect in prospects:
        assert session.activities.count(ActivityQuery(party_id=prospect, tasks_only=True)) == 1


def test_a_task_changed_by_someone_else_meanwhile_is_merged_not_overwritten(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from ekocrm_desktop.ui.dialogs.conflict_dialog import ConflictDialog

    from .conftest import when_modal

    session = window.session
    assert session is not None
    task = session.tasks.create(
        ActivityDraft(type="call_out", subject="Rappeler"),
        TaskFields(due_at=session.tasks.now() + dt.timedelta(days=1)),
    )
    page = window.show_page("tasks")
    assert isinstance(page, TasksPage)
    dialog = page.open_task(task.id)
    # Someone else renames it while the form is open; here the priority is raised.
    current = session.activities.get(task.id)
    session.activities.update(task.id, current.version, dataclasses.replace(current.draft, subject="Rappeler demain"))
    dialog.priority.setCurrentIndex(dialog.priority.findData("high"))
    seen: list[list[str]] = []

    def merge(widget) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(widget, ConflictDialog)
        seen.append(widget.differing_fields())
        widget.merge_button.click()

    when_modal(merge)
    assert dialog.save()
    assert seen == [["subject", "task"]]
    saved = session.activities.get(task.id)
    assert saved.draft.subject == "Rappeler demain"  # theirs, changed on their side only
    assert saved.draft.task is not None and saved.draft.task.priority == "high"  # mine


def test_a_deal_has_its_timeline_too(window: MainWindow, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    # The deals page (issue 3) embeds the same panel; here it is shown on its own.
    from ekocrm_desktop.ui.widgets.timeline_panel import TimelinePanel
    from tests.integration.actions_helpers import deal

    session = window.session
    assert session is not None
    acme = session.contacts.create(PartyDraft(kind="organisation", name="ACME"))
    renewal = deal(session.db, "Renouvellement parc", acme.id)
    panel = TimelinePanel(session, deal_id=renewal, label="Renouvellement parc")
    qtbot.addWidget(panel)
    assert panel.phone_buttons == [] and panel.model.rowCount() == 0
    dialog = panel.new_activity("email_out", subject="Envoi du devis")
    assert [dialog.links.item(i).text() for i in range(dialog.links.count())] == ["Renouvellement parc"]
    assert dialog.save()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.row_at(0).links_label == "Renouvellement parc"
    qtmodeltester.check(panel.model)
