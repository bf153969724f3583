"""Actions (issue 5): a person's timeline with 10,000 activities (first page < 100 ms) and the
alert check over 100,000 pending alerts (< 50 ms), on SQLite; the agenda's week view of a team of
20 collaborators with 5,000 appointments that week (query and layout < 300 ms).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from common import median, report, stopwatch

ACTIVITIES = 10_000
FULL_ALERTS = 100_000
QUICK_ALERTS = 20_000
NOW = dt.datetime(2026, 12, 10, 9, 0, tzinfo=dt.UTC)


def _workspace(folder: Path, alerts: int):  # type: ignore[no-untyped-def]
    """A person with ACTIVITIES activities, and `alerts` pending alerts spread over the next year."""
    from sqlalchemy import insert

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.db.migrate import upgrade_sqlite_file
    from ekocrm_desktop.models.activities import Activity, ActivityLink, Alert
    from ekocrm_desktop.models.ids import uuid7
    from ekocrm_desktop.services.contacts import ContactService, PartyDraft, RoleEntry

    path = folder / "actions.sqlite"
    upgrade_sqlite_file(path)
    db = Database(make_engine(sqlite_url(path)), actor="bench", clock=lambda: NOW)
    contacts = ContactService(db)
    collaborator = (RoleEntry("collaborator", dt.date(2020, 1, 1)),)
    me = contacts.create(PartyDraft(first_name="Camille", last_name="Commerciale", roles=collaborator)).id
    other = contacts.create(PartyDraft(first_name="David", last_name="Vendeur", roles=collaborator)).id
    person = contacts.create(PartyDraft(first_name="Hélène", last_name="Durand")).id
    common = {"created_at": NOW, "updated_at": NOW, "created_by": "bench", "updated_by": "bench"}
    task = {"is_task": True, "priority": "normal", "status": "todo", "version": 1, "private": False}
    with db.write_session() as session:
        rows, links = [], []
        for i in range(ACTIVITIES):
            when = NOW - dt.timedelta(hours=i * 3)
            activity_id = uuid7()
            rows.append(
                {
                    "id": activity_id,
                    "type": "call_out",
                    "subject": f"Appel {i}",
                    "body": "",
                    "occurred_at": when,
                    "place": "",
                    "outcome": "reached",
                    "owner_id": me,
                    "is_task": False,
                    "priority": "normal",
                    "status": "todo",
                    "version": 1,
                    "private": False,
                    **common,
                }
            )
            links.append({"id": uuid7(), "activity_id": activity_id, "party_id": person, "occurred_at": when, **common})
        session.execute(insert(Activity), rows)
        session.execute(insert(ActivityLink), links)
        tasks, pending = [], []
        for i in range(alerts):
            due = NOW + dt.timedelta(minutes=10 + i * 5)
            task_id = uuid7()
            tasks.append(
                {
                    "id": task_id,
                    "type": "call_out",
                    "subject": f"Tâche {i}",
                    "body": "",
                    "occurred_at": due,
                    "place": "",
                    "outcome": "",
                    "owner_id": me,
                    "assignee_id": me if i % 2 else other,
                    "due_at": due,
                    **task,
                    **common,
                }
            )
            pending.append(
                {
                    "id": uuid7(),
                    "activity_id": task_id,
                    "recipient_id": me if i % 2 else other,
                    "fire_at": due,
                    "next_fire_at": due,
                    "offset_minutes": 0,
                    "state": "pending",
                    "occurrence": 1,
                    **common,
                }
            )
        for start in range(0, alerts, 10_000):
            session.execute(insert(Activity), tasks[start : start + 10_000])
            session.execute(insert(Alert), pending[start : start + 10_000])
        session.commit()
    return db, me, person


def run(quick: bool) -> None:
    from ekocrm_desktop.services.activities import ActivityQuery, ActivityService
    from ekocrm_desktop.services.alerts import AlertService
    from ekocrm_desktop.services.paging import PageRequest

    alerts = QUICK_ALERTS if quick else FULL_ALERTS
    folder = Path(tempfile.mkdtemp(prefix="ekocrm-bench-actions-"))
    try:
        db, me, person = _workspace(folder, alerts)
        activities = ActivityService(db, me=me)
        query = ActivityQuery(party_id=person)
        times = []
        for _ in range(7):
            with stopwatch() as elapsed:
                total = activities.count(query)
                first = activities.page(query, PageRequest(0, 200, total))
            times.append(elapsed())
        assert total == ACTIVITIES and len(first) == 200
        report("actions.timeline_first_page_10k", median(times), "ms", "<=", 100)

        service = AlertService(db, me=me, clock=lambda: NOW)
        times = []
        for _ in range(7):
            with stopwatch() as elapsed:
                fired = service.due_alerts(NOW)  # the 30-second tick: nothing due
                service.open_alerts()
            times.append(elapsed())
        assert fired == []
        report(f"actions.alert_check_{alerts // 1000}k_pending", median(times), "ms", "<=", 50)
        with stopwatch() as elapsed:
            fired = service.due_alerts(NOW + dt.timedelta(hours=1))
        assert len(fired) == 5  # mine among the 11 due within the hour
        report("actions.alert_check_claiming_5", elapsed(), "ms", "<=", 50)
        _series_alerts(db)
        db.dispose()
        _week_view(folder, quick)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _series_alerts(db) -> None:  # type: ignore[no-untyped-def]
    """Five daily meetings running for three years, "15 minutes before": claiming the next occurrences
    expands each rule from its start (the worst case: nothing is stored per occurrence)."""
    from ekocrm_desktop.services.agenda import AgendaService, Recurrence
    from ekocrm_desktop.services.alerts import AlertRequest, AlertService
    from ekocrm_desktop.services.contacts import ContactService, PartyDraft, RoleEntry

    # A collaborator of their own: the tasks' alerts falling due meanwhile are someone else's.
    collaborator = (RoleEntry("collaborator", dt.date(2020, 1, 1)),)
    me = ContactService(db).create(PartyDraft(first_name="Bastien", last_name="Réunions", roles=collaborator)).id
    service = AlertService(db, me=me, clock=lambda: NOW)
    agenda = AgendaService(db, me=me, clock=lambda: NOW)
    meeting = NOW + dt.timedelta(minutes=90)  # 10:30 UTC, winter time both three years ago and now
    for i in range(5):
        start = meeting.replace(year=meeting.year - 3) + dt.timedelta(minutes=i)
        agenda.create_appointment(
            f"Point quotidien {i}",
            start,
            start + dt.timedelta(minutes=30),
            recurrence=Recurrence("daily"),
            alert=AlertRequest(minutes_before=15),
        )
    times = []
    for day in range(3):  # three days running: each claims that day's five occurrences
        moment = meeting + dt.timedelta(days=day)
        with stopwatch() as elapsed:
            fired = service.due_alerts(moment)
        times.append(elapsed())
        series = [a for a in fired if a.occurrence_start is not None]
        assert len(fired) == len(series) == 5 and all(
            a.starts_at == moment + dt.timedelta(minutes=i) for i, a in enumerate(series)
        )
    report("actions.alert_check_claiming_5_series", median(times), "ms", "<=", 50)


def _week_view(folder: Path, quick: bool) -> None:
    """A team of 20 collaborators, 5,000 appointments (1,000 quick) this week: read the week and lay it out."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ekocrm_desktop.db.database import Database
    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.db.migrate import upgrade_sqlite_file
    from ekocrm_desktop.services.agenda import AgendaService
    from ekocrm_desktop.services.contacts import ContactService, PartyDraft, RoleEntry
    from ekocrm_desktop.services.demo_agenda import generate_agenda_demo
    from ekocrm_desktop.ui.widgets.agenda_view import AgendaView, Column

    app = QApplication.instance() or QApplication([])
    appointments = 1_000 if quick else 5_000
    path = folder / "agenda.sqlite"
    upgrade_sqlite_file(path)
    db = Database(make_engine(sqlite_url(path)), actor="bench", clock=lambda: NOW)
    contacts = ContactService(db)
    collaborator = (RoleEntry("collaborator", dt.date(2020, 1, 1)),)
    team = [
        contacts.create(PartyDraft(first_name=f"Collègue {i}", last_name="Équipe", roles=collaborator)).id
        for i in range(20)
    ]
    written = generate_agenda_demo(db, per_collaborator=appointments // 20, collaborator_ids=team, week_of=NOW.date())
    agenda = AgendaService(db)
    tz = agenda.tz
    today = NOW.astimezone(tz).date()
    monday = today - dt.timedelta(days=today.weekday())
    start = dt.datetime.combine(monday, dt.time(), tz)
    view = AgendaView()
    view.resize(20 * 7 * 60, 24 * 44)
    columns = [Column(monday + dt.timedelta(days=d), p, "x", i) for d in range(7) for i, p in enumerate(team)]
    times = []
    for _ in range(5):
        with stopwatch() as elapsed:
            occurrences = agenda.occurrences(start, start + dt.timedelta(days=7), team)
            view.set_content("week", columns, occurrences, tz)
        times.append(elapsed())
    assert written == appointments + 2 and len(occurrences) >= appointments
    assert len(view.blocks) >= appointments
    report(f"actions.week_view_20x{appointments}", median(times), "ms", "<=", 300)
    db.dispose()
    del app
