"""Alerts with an injected clock on SQLite and PostgreSQL: fire once, snooze, dismiss, catch-up
after the app was closed, a clock moved backwards and a DST change; and the fired-alerts ledger
with two clients of the same person racing on one PostgreSQL team database."""

from __future__ import annotations

import datetime as dt
import threading
import zoneinfo

import pytest
from sqlalchemy import func, select, text

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.activities import AlertDelivery
from ekocrm_desktop.services.activities import ActivityDraft, ActivityService, TaskFields
from ekocrm_desktop.services.alerts import AlertRequest, AlertService, snooze_times
from ekocrm_desktop.services.tasks import TaskService
from tests.conftest import TeamDatabase
from tests.integration.actions_helpers import T0, Clock, person

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _task(db: Database, me, clock: Clock, subject: str, due: dt.datetime, request: AlertRequest):  # type: ignore[no-untyped-def]
    return TaskService(db, me=me, clock=clock).create(
        ActivityDraft(type="call_out", subject=subject, alert=request), TaskFields(assignee_id=me, due_at=due)
    )


def test_an_alert_fires_once_then_snooze_and_dismiss(db: Database) -> None:
    clock = Clock()
    me = person(db, "Camille", "Commerciale", collaborator=True)
    alerts = AlertService(db, me=me, clock=clock, machine="bureau")
    task = _task(db, me, clock, "Rappeler Hélène", T0 + dt.timedelta(hours=1), AlertRequest(minutes_before=15))

    assert alerts.due_alerts() == []
    assert alerts.pending_count() == 1
    clock.advance(minutes=44)
    assert alerts.due_alerts() == []
    clock.advance(minutes=1)  # 9:45, the due time minus 15 minutes
    fired = alerts.due_alerts()
    assert [(f.activity_id, f.subject, f.fire_at) for f in fired] == [
        (task.id, "Rappeler Hélène", T0 + dt.timedelta(minutes=45))
    ]
    assert alerts.due_alerts() == []  # never twice
    clock.advance(days=2)
    assert alerts.due_alerts() == []
    assert [a.alert_id for a in alerts.open_alerts()] == [fired[0].alert_id]

    # Snoozed: a new occurrence fires once at its time.
    alerts.snooze([fired[0].alert_id], clock.now + dt.timedelta(minutes=10))
    assert alerts.open_alerts() == []
    clock.advance(minutes=9)
    assert alerts.due_alerts() == []
    clock.advance(minutes=1)
    again = alerts.due_alerts()
    assert [a.occurrence for a in again] == [2]
    assert alerts.due_alerts() == []
    alerts.dismiss([again[0].alert_id])
    assert alerts.open_alerts() == [] and alerts.pending_count() == 0
    clock.advance(days=30)
    assert alerts.due_alerts() == []
    with db.session() as session:
        assert session.execute(select(func.count()).select_from(AlertDelivery)).scalar_one() == 2


def test_alerts_missed_while_closed_fire_at_next_start_and_a_clock_moved_back_does_not_refire(db: Database) -> None:
    clock = Clock()
    me = person(db, "Camille", "Commerciale", collaborator=True)
    for hours in (1, 2, 30):
        _task(db, me, clock, f"Tâche {hours}", T0 + dt.timedelta(hours=hours), AlertRequest(minutes_before=0))
    # The app was closed for two days: at the next start, everything missed fires once, oldest first.
    clock.advance(days=2)
    started = AlertService(db, me=me, clock=clock)
    assert [a.subject for a in started.due_alerts()] == ["Tâche 1", "Tâche 2", "Tâche 30"]
    # The system clock is corrected backwards by a day, then comes forwards again: nothing fires twice.
    clock.advance(days=-1)
    assert started.due_alerts() == []
    clock.advance(days=3)
    assert started.due_alerts() == []
    assert len(started.open_alerts()) == 3


def test_daylight_saving_change_neither_skips_nor_doubles(db: Database) -> None:
    # Paris moves from 02:00 to 03:00 on 29 March 2026; alerts are compared in UTC.
    clock = Clock(dt.datetime(2026, 3, 29, 0, 30, tzinfo=dt.UTC))  # 01:30 in Paris, before the change
    me = person(db, "Camille", "Commerciale", collaborator=True)
    at = dt.datetime(2026, 3, 29, 3, 15, tzinfo=PARIS)  # 01:15 UTC, just after the change
    _task(db, me, clock, "Après le changement", at + dt.timedelta(hours=1), AlertRequest(at=at))
    alerts = AlertService(db, me=me, clock=clock)
    clock.now = dt.datetime(2026, 3, 29, 1, 14, tzinfo=dt.UTC)
    assert alerts.due_alerts() == []
    clock.now = dt.datetime(2026, 3, 29, 1, 15, tzinfo=dt.UTC)
    assert [a.subject for a in alerts.due_alerts()] == ["Après le changement"]
    # Tomorrow at 9:00 local time after the change is 07:00 UTC (summer time).
    assert snooze_times(clock.now, PARIS)["tomorrow"] == dt.datetime(2026, 3, 30, 7, 0, tzinfo=dt.UTC)


def test_alerts_are_per_person_and_follow_their_task(db: Database) -> None:
    clock = Clock()
    camille = person(db, "Camille", "Commerciale", collaborator=True)
    david = person(db, "David", "Vendeur", collaborator=True)
    activities = ActivityService(db, me=camille, clock=clock)
    # Camille plans a task for David: the alert is David's.
    task = TaskService(db, me=camille, clock=clock).create(
        ActivityDraft(type="call_out", subject="Pour David", alert=AlertRequest(minutes_before=60)),
        TaskFields(assignee_id=david, due_at=T0 + dt.timedelta(hours=2)),
    )
    # An appointment's alert counts from its start and reminds its owner.
    meeting = activities.log(
        ActivityDraft(
            type="appointment",
            subject="Réunion",
            starts_at=T0 + dt.timedelta(hours=3),
            alert=AlertRequest(minutes_before=24 * 60),
        )
    )
    clock.advance(hours=1)
    assert [a.subject for a in AlertService(db, me=camille, clock=clock).due_alerts()] == ["Réunion"]
    assert [a.subject for a in AlertService(db, me=david, clock=clock).due_alerts()] == ["Pour David"]
    # Moving the due time schedules a new occurrence, which fires once more.
    moved = activities.update(
        task.id,
        task.version,
        ActivityDraft(
            type="call_out",
            subject="Pour David",
            task=TaskFields(assignee_id=david, due_at=T0 + dt.timedelta(hours=5)),
            alert=AlertRequest(minutes_before=60),
        ),
    )
    assert moved.draft.alert == AlertRequest(minutes_before=60)
    david_alerts = AlertService(db, me=david, clock=clock)
    assert david_alerts.due_alerts() == []
    clock.advance(hours=3)
    assert [a.occurrence for a in david_alerts.due_alerts()] == [2]
    # Saving the form again unchanged never re-fires; a task in the trash never fires.
    again = activities.get(task.id)
    activities.update(task.id, again.version, again.draft)
    assert david_alerts.due_alerts() == []
    activities.trash([meeting.id])
    assert all(a.activity_id != meeting.id for a in AlertService(db, me=camille, clock=clock).open_alerts())


# ---------------------------------------------------------------------------- two machines, one person
@pytest.mark.postgres
def test_two_machines_of_the_same_person_show_each_alert_exactly_once(team: TeamDatabase) -> None:
    bob = team.party_ids["bob"]
    clock = Clock()
    setup = team.database("bob")
    tasks = [
        _task(setup, bob, clock, f"Alerte {i}", T0 + dt.timedelta(minutes=i), AlertRequest(minutes_before=0))
        for i in range(30)
    ]
    setup.dispose()
    clock.advance(hours=1)
    machines = {name: team.database("bob") for name in ("bureau", "portable")}
    services = {name: AlertService(db, me=bob, clock=clock, machine=name) for name, db in machines.items()}
    start = threading.Barrier(2)
    shown: dict[str, list] = {}
    errors: list[BaseException] = []

    def run(name: str) -> None:
        try:
            start.wait()
            shown[name] = services[name].due_alerts()
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(name,)) for name in services]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    bureau = {a.activity_id for a in shown["bureau"]}
    portable = {a.activity_id for a in shown["portable"]}
    assert bureau.isdisjoint(portable)
    assert bureau | portable == {t.id for t in tasks}
    # And afterwards neither machine shows any of them again.
    assert services["bureau"].due_alerts() == [] and services["portable"].due_alerts() == []
    # Cléo's own check never claims Bob's alerts; the ledger holds one row per alert.
    cleo = team.database("cleo")
    assert AlertService(cleo, me=team.party_ids["cleo"], clock=clock).due_alerts() == []
    cleo.dispose()
    admin = team.superuser()
    with admin.session() as session:
        assert session.execute(select(func.count()).select_from(AlertDelivery)).scalar_one() == 30
    admin.dispose()
    for db in machines.values():
        db.dispose()


@pytest.mark.postgres
def test_on_a_team_database_tasks_and_alerts_reach_their_assignee_and_private_ones_stay_private(
    team: TeamDatabase,
) -> None:
    clock = Clock()
    bob_db = team.database("bob")
    bob = team.party_ids["bob"]
    activities = ActivityService(bob_db, me=bob, clock=clock)
    # Bob plans a task for Rita (a reader): she sees it and its alert fires for her.
    for_rita = TaskService(bob_db, me=bob, clock=clock).create(
        ActivityDraft(type="call_out", subject="Pour Rita", alert=AlertRequest(minutes_before=0)),
        TaskFields(assignee_id=team.party_ids["rita"], due_at=T0 + dt.timedelta(minutes=5)),
    )
    secret = activities.log(
        ActivityDraft(
            type="appointment",
            subject="Rendez-vous privé",
            private=True,
            party_ids=(bob,),
            starts_at=T0 + dt.timedelta(hours=2),
            alert=AlertRequest(minutes_before=30),
        )
    )
    bob_db.dispose()
    clock.advance(minutes=5)
    rita_db = team.database("rita")
    rita = AlertService(rita_db, me=team.party_ids["rita"], clock=clock)
    assert [a.activity_id for a in rita.due_alerts()] == [for_rita.id]
    rita.dismiss([a.alert_id for a in rita.open_alerts()])
    assert rita.open_alerts() == []
    rita_db.dispose()
    cleo_db = team.database("cleo")
    from ekocrm_desktop.services.activities import ActivityQuery
    from ekocrm_desktop.services.errors import NotFoundError

    cleo_activities = ActivityService(cleo_db, clock=clock)
    assert cleo_activities.count(ActivityQuery(party_id=bob)) == 0
    with pytest.raises(NotFoundError):
        cleo_activities.get(secret.id)
    # Its links and its alert follow it, also for someone with a SQL console.
    with cleo_db.engine.connect() as conn:
        for table in ("activity", "activity_link", "alert"):
            column = "id" if table == "activity" else "activity_id"
            seen = conn.execute(text(f"SELECT count(*) FROM {table} WHERE {column} = :i"), {"i": secret.id}).scalar()
            assert seen == 0, table
        # Bob's public task (and its alert) is seen with the default "all" scope.
        public = conn.execute(text("SELECT count(*) FROM alert WHERE activity_id = :i"), {"i": for_rita.id}).scalar()
        assert public == 1
    cleo_db.dispose()


def test_an_alert_in_the_trash_never_fires_nor_takes_the_write_lock(sqlite_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from ekocrm_desktop.db.engine import make_engine, sqlite_url

    db = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    try:
        clock = Clock()
        me = person(db, "Camille", "Commerciale", collaborator=True)
        alerts = AlertService(db, me=me, clock=clock, machine="bureau")
        task = _task(db, me, clock, "Rappeler Hélène", T0 + dt.timedelta(hours=1), AlertRequest(minutes_before=15))
        ActivityService(db, me=me, clock=clock).trash([task.id])
        clock.advance(hours=2)
        # Another program holds the write lock: a check that finds nothing due must not wait for it.
        other = sqlite3.connect(sqlite_path, timeout=0)
        other.execute("BEGIN IMMEDIATE")
        try:
            assert alerts.due_alerts() == []
        finally:
            other.rollback()
            other.close()
        assert alerts.open_alerts() == []
    finally:
        db.dispose()
