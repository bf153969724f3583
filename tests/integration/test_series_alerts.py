"""Alerts on recurring appointments, with an injected clock on SQLite and PostgreSQL: each
occurrence fires once before its own start (cancelled ones never, moved ones before where they
are), dismiss and snooze act on one occurrence, only the latest occurrence missed while the app
was closed shows, DST and a clock moved backwards neither double nor skip; and two machines of
the same person on one PostgreSQL database show each occurrence once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
import zoneinfo

import pytest
from sqlalchemy import func, select, text

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.models.activities import AlertDelivery
from ekocrm_desktop.services.activities import ActivityService
from ekocrm_desktop.services.agenda import AgendaService, Recurrence
from ekocrm_desktop.services.alerts import AlertRequest, AlertService
from tests.conftest import TeamDatabase
from tests.integration.actions_helpers import Clock, person

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
UTC = dt.UTC


def paris(month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=PARIS)


def _weekly(db: Database, me, clock: Clock, start: dt.datetime, **rule) -> object:  # type: ignore[no-untyped-def]
    """A weekly one-hour meeting from `start` (Paris time), "15 minutes before"."""
    agenda = AgendaService(db, me=me, clock=clock)
    return agenda.create_appointment(
        "Point hebdo",
        start,
        start + dt.timedelta(hours=1),
        recurrence=Recurrence("weekly", **rule),
        alert=AlertRequest(minutes_before=15),
    )


def _fire(alerts: AlertService, clock: Clock, at: dt.datetime) -> list[dt.datetime | None]:
    """Move the clock to `at` and return the starts of the occurrences that popped up."""
    clock.now = at.astimezone(UTC)
    return [a.starts_at for a in alerts.due_alerts()]


def test_each_occurrence_fires_once_before_its_own_start_and_dismiss_keeps_the_series(db: Database) -> None:
    clock = Clock(paris(3, 2, 8).astimezone(UTC))  # Monday 2 March, 8:00
    me = person(db, "Camille", "Commerciale", collaborator=True)
    meeting = _weekly(db, me, clock, paris(3, 2, 9))
    alerts = AlertService(db, me=me, clock=clock, machine="bureau")

    assert _fire(alerts, clock, paris(3, 2, 8, 44)) == []
    assert _fire(alerts, clock, paris(3, 2, 8, 45)) == [paris(3, 2, 9)]
    assert _fire(alerts, clock, paris(3, 2, 8, 50)) == []  # never twice
    [shown] = alerts.open_alerts()
    assert (shown.activity_id, shown.starts_at, shown.occurrence_start) == (meeting, paris(3, 2, 9), paris(3, 2, 9))
    alerts.dismiss([shown.alert_id])
    assert alerts.open_alerts() == []
    assert alerts.pending_count() == 1  # next week's is already waiting
    # The form still shows the alert (saving it again must not remove it).
    assert ActivityService(db, me=me, clock=clock).get(meeting).draft.alert == AlertRequest(minutes_before=15)

    assert _fire(alerts, clock, paris(3, 9, 8, 44)) == []
    assert _fire(alerts, clock, paris(3, 9, 8, 45)) == [paris(3, 9, 9)]
    assert [a.starts_at for a in alerts.open_alerts()] == [paris(3, 9, 9)]
    # Not dismissed: the third week still reminds (it replaces the second in the panel).
    assert _fire(alerts, clock, paris(3, 16, 8, 45)) == [paris(3, 16, 9)]
    assert [a.starts_at for a in alerts.open_alerts()] == [paris(3, 16, 9)]
    with db.session() as session:
        rows = session.execute(select(AlertDelivery.occurrence_start, AlertDelivery.occurrence_round)).all()
    assert sorted(rows) == [(paris(3, d, 9).astimezone(UTC), 1) for d in (2, 9, 16)]


def test_cancelled_and_moved_occurrences(db: Database) -> None:
    clock = Clock(paris(3, 2, 8).astimezone(UTC))
    me = person(db, "Camille", "Commerciale", collaborator=True)
    meeting = _weekly(db, me, clock, paris(3, 2, 9))
    agenda = AgendaService(db, me=me, clock=clock)
    alerts = AlertService(db, me=me, clock=clock)
    agenda.delete_occurrence(meeting, paris(3, 2, 9))  # this week's is cancelled
    # Next week's moves to Tuesday 14:00; the one after moves earlier, to the Sunday before.
    agenda.move(meeting, paris(3, 10, 14), paris(3, 10, 15), original_start=paris(3, 9, 9))
    agenda.move(meeting, paris(3, 15, 11), paris(3, 15, 12), original_start=paris(3, 16, 9))

    assert _fire(alerts, clock, paris(3, 2, 8, 45)) == []
    assert _fire(alerts, clock, paris(3, 9, 8, 45)) == []  # the 9th's occurrence is on the 10th now
    assert _fire(alerts, clock, paris(3, 10, 13, 45)) == [paris(3, 10, 14)]
    alerts.dismiss([a.alert_id for a in alerts.open_alerts()])
    assert _fire(alerts, clock, paris(3, 15, 10, 44)) == []
    assert _fire(alerts, clock, paris(3, 15, 10, 45)) == [paris(3, 15, 11)]
    assert _fire(alerts, clock, paris(3, 16, 8, 45)) == []  # where it was: nothing
    assert [a.starts_at for a in alerts.open_alerts()] == [paris(3, 15, 11)]
    # The occurrence waited for, moved earlier before it fired, reminds before its new time.
    agenda.move(meeting, paris(3, 21, 17), paris(3, 21, 18), original_start=paris(3, 23, 9))
    assert _fire(alerts, clock, paris(3, 21, 16, 45)) == [paris(3, 21, 17)]
    # Stopping the repetition makes it a one-off again (its start is past: nothing waits).
    agenda.set_recurrence(meeting, None)
    assert _fire(alerts, clock, paris(4, 30, 9)) == []
    assert alerts.pending_count() == 0


def test_moving_the_whole_series_moves_the_alert_waiting_for_it(db: Database) -> None:
    clock = Clock(paris(3, 2, 8).astimezone(UTC))
    me = person(db, "Camille", "Commerciale", collaborator=True)
    meeting = _weekly(db, me, clock, paris(3, 2, 9))
    alerts = AlertService(db, me=me, clock=clock)
    # Every Monday 9:00 becomes every Tuesday 10:00, before the first one reminded.
    AgendaService(db, me=me, clock=clock).move(
        meeting, paris(3, 3, 10), paris(3, 3, 11), original_start=paris(3, 2, 9), scope="series"
    )
    assert _fire(alerts, clock, paris(3, 2, 8, 45)) == []
    assert _fire(alerts, clock, paris(3, 3, 9, 44)) == []
    assert _fire(alerts, clock, paris(3, 3, 9, 45)) == [paris(3, 3, 10)]
    assert _fire(alerts, clock, paris(3, 10, 9, 45)) == [paris(3, 10, 10)]


def test_only_the_latest_missed_occurrence_shows_at_the_next_start(db: Database) -> None:
    clock = Clock(paris(1, 5, 8).astimezone(UTC))
    me = person(db, "Camille", "Commerciale", collaborator=True)
    _weekly(db, me, clock, paris(1, 5, 9))
    # The app stays closed for ten weeks; at the next start (Wednesday) only last Monday's shows.
    started = AlertService(db, me=me, clock=clock)
    assert _fire(started, clock, paris(3, 18, 10)) == [paris(3, 16, 9)]
    assert _fire(started, clock, paris(3, 18, 10, 1)) == []
    assert [a.starts_at for a in started.open_alerts()] == [paris(3, 16, 9)]
    # And the series goes on normally.
    assert _fire(started, clock, paris(3, 23, 8, 45)) == [paris(3, 23, 9)]
    with db.session() as session:
        assert session.execute(select(func.count()).select_from(AlertDelivery)).scalar_one() == 2


def test_a_dst_change_and_a_clock_moved_back_neither_double_nor_skip(db: Database) -> None:
    # Saturdays at 9:00 in Paris: 08:00 UTC on 21 and 28 March (winter time), 07:00 UTC on
    # 4 April (Paris moves to summer time on Sunday 29 March).
    clock = Clock(paris(3, 20, 12).astimezone(UTC))
    me = person(db, "Camille", "Commerciale", collaborator=True)
    _weekly(db, me, clock, paris(3, 21, 9))
    alerts = AlertService(db, me=me, clock=clock)
    fired: list[dt.datetime | None] = []
    # A check every minute for three weeks would be slow: every five minutes around each 8:45 local.
    for day in (21, 28, 35):
        local = dt.datetime(2026, 3, 1, 8, 0, tzinfo=PARIS) + dt.timedelta(days=day - 1)
        for minutes in range(0, 120, 5):
            fired += _fire(alerts, clock, local + dt.timedelta(minutes=minutes))
    assert fired == [paris(3, 21, 9), paris(3, 28, 9), paris(4, 4, 9)]
    assert [f.astimezone(UTC).hour for f in fired if f] == [8, 8, 7]
    # The system clock goes back a day, then a week (corrected), then forwards: nothing again.
    for back in (1, 7, 14):
        assert _fire(alerts, clock, paris(4, 4, 9) - dt.timedelta(days=back)) == []
    assert _fire(alerts, clock, paris(4, 4, 10)) == []
    assert _fire(alerts, clock, paris(4, 11, 8, 45)) == [paris(4, 11, 9)]


def test_snooze_shows_the_same_occurrence_again_until_the_next_one_replaces_it(db: Database) -> None:
    clock = Clock(paris(3, 2, 8).astimezone(UTC))
    me = person(db, "Camille", "Commerciale", collaborator=True)
    meeting = _weekly(db, me, clock, paris(3, 2, 9))
    alerts = AlertService(db, me=me, clock=clock)
    [shown] = alerts.due_alerts(paris(3, 2, 8, 45).astimezone(UTC))
    clock.now = paris(3, 2, 8, 46).astimezone(UTC)
    alerts.snooze([shown.alert_id], clock.now + dt.timedelta(minutes=10))
    assert alerts.open_alerts() == []
    assert _fire(alerts, clock, paris(3, 2, 8, 55)) == []
    assert _fire(alerts, clock, paris(3, 2, 8, 56)) == [paris(3, 2, 9)]
    # Snoozed for ten days: next week's occurrence replaces it in time.
    [again] = alerts.open_alerts()
    alerts.snooze([again.alert_id], clock.now + dt.timedelta(days=10))
    assert _fire(alerts, clock, paris(3, 9, 8, 45)) == [paris(3, 9, 9)]
    assert _fire(alerts, clock, paris(3, 12, 9)) == []  # the old snooze is gone
    with db.session() as session:
        rounds = session.execute(
            select(AlertDelivery.occurrence_start, AlertDelivery.occurrence_round).order_by(AlertDelivery.claimed_at)
        ).all()
    assert rounds == [
        (paris(3, 2, 9).astimezone(UTC), 1),
        (paris(3, 2, 9).astimezone(UTC), 2),
        (paris(3, 9, 9).astimezone(UTC), 1),
    ]
    # Saving the form unchanged re-fires nothing; another delay counts from the occurrence to come.
    activities = ActivityService(db, me=me, clock=clock)
    detail = activities.get(meeting)
    activities.update(meeting, detail.version, detail.draft)
    assert _fire(alerts, clock, paris(3, 12, 9, 5)) == []
    detail = activities.get(meeting)
    activities.update(meeting, detail.version, dataclasses.replace(detail.draft, alert=AlertRequest(minutes_before=60)))
    assert _fire(alerts, clock, paris(3, 16, 7, 59)) == []
    assert _fire(alerts, clock, paris(3, 16, 8)) == [paris(3, 16, 9)]


# ---------------------------------------------------------------------------- two machines, one person
@pytest.mark.postgres
def test_two_machines_show_each_occurrence_once(team: TeamDatabase) -> None:
    bob = team.party_ids["bob"]
    clock = Clock(paris(3, 2, 8).astimezone(UTC))
    setup = team.database("bob")
    meetings = [_weekly(setup, bob, clock, paris(3, 2, 9) + dt.timedelta(minutes=i)) for i in range(10)]
    setup.dispose()
    machines = {name: team.database("bob") for name in ("bureau", "portable")}
    services = {name: AlertService(db, me=bob, clock=clock, machine=name) for name, db in machines.items()}
    shown: dict[str, list] = {"bureau": [], "portable": []}
    errors: list[BaseException] = []

    def race(at: dt.datetime) -> None:
        barrier = threading.Barrier(2)

        def run(name: str) -> None:
            try:
                barrier.wait()
                shown[name] += [(a.activity_id, a.starts_at) for a in services[name].due_alerts(at)]
            except BaseException as exc:  # reported by the main thread
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(name,)) for name in services]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)

    # Three weeks: each machine checks at the same instants, before, at and after each time.
    for week in range(3):
        base = paris(3, 2, 8, 40) + dt.timedelta(weeks=week)
        for minutes in (0, 6, 10, 16, 30):
            race((base + dt.timedelta(minutes=minutes)).astimezone(UTC))
    assert errors == []
    together = shown["bureau"] + shown["portable"]
    assert len(together) == len(set(together)) == 30
    assert {m for m, _ in together} == set(meetings)
    admin = team.superuser()
    with admin.session() as session:
        assert session.execute(select(func.count()).select_from(AlertDelivery)).scalar_one() == 30

    # The portable read the alerts just before the bureau wrote them (its snapshot is put back):
    # only the ledger stands between it and showing the fourth week's occurrences twice.
    columns = "occurrence, occurrence_start, occurrence_round, fire_at, next_fire_at, state, snoozed_until"
    with admin.engine.begin() as conn:
        snapshot = [dict(row._mapping) for row in conn.execute(text(f"SELECT id, {columns} FROM alert"))]
    at = paris(3, 23, 8, 50).astimezone(UTC)
    assert len(services["bureau"].due_alerts(at)) == 6  # 8:45 to 8:50
    with admin.engine.begin() as conn:
        assignments = ", ".join(f"{c} = :{c}" for c in columns.split(", "))
        for row in snapshot:
            conn.execute(text(f"UPDATE alert SET {assignments} WHERE id = :id"), row)
    assert services["portable"].due_alerts(at) == []
    assert services["bureau"].due_alerts(at) == []
    with admin.session() as session:
        assert session.execute(select(func.count()).select_from(AlertDelivery)).scalar_one() == 36
    admin.dispose()
    for db in machines.values():
        db.dispose()


@pytest.mark.parametrize(
    "rule",
    ["FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", "FREQ=WEEKLY;UNTIL=20290101T000000Z"],
)
def test_a_long_series_is_read_from_near_now_with_the_same_occurrences(rule: str) -> None:
    from ekocrm_desktop.models.activities import Activity
    from ekocrm_desktop.services.agenda import build_rule
    from ekocrm_desktop.services.alerts import _Series

    start = paris(1, 6, 9, 30) - dt.timedelta(days=3 * 365)  # three years of it, across six DST changes
    activity = Activity(recurrence_rule=rule, starts_at=start, time_zone="Europe/Paris")
    series = _Series(activity, [])
    low, high = paris(3, 20).astimezone(UTC), paris(4, 20).astimezone(UTC)
    everything = [o.astimezone(UTC) for o in build_rule(rule, start, PARIS).between(low, high)]
    assert everything and [o.start for o in series.between(low, high)] == everything
    assert series.first_after(low) is not None and series.first_after(low).start == everything[0]  # type: ignore[union-attr]
    assert all(series.find(o) is not None for o in everything)
    assert series.find(everything[0] + dt.timedelta(hours=1)) is None


def test_an_imported_weekly_event_with_an_alarm_reminds_before_each_occurrence(db: Database) -> None:
    from ekocrm_desktop.models.activities import Alert
    from ekocrm_desktop.services.ical import IcsService

    clock = Clock(paris(3, 1, 12).astimezone(UTC))
    me = person(db, "Camille", "Commerciale", collaborator=True)
    # Mondays at 9:00 Paris from 2 March, the first one cancelled, a 15-minute alarm.
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:hebdo@ailleurs\r\n"
        b"DTSTART;TZID=Europe/Paris:20260302T090000\r\nDTEND;TZID=Europe/Paris:20260302T100000\r\n"
        b"RRULE:FREQ=WEEKLY\r\nEXDATE;TZID=Europe/Paris:20260302T090000\r\nSUMMARY:Point import\xc3\xa9\r\n"
        b"BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Rappel\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    report = IcsService(db, me=me, clock=clock).import_ics(data)
    assert len(report.created) == 1 and report.skipped == ()
    # The alert waits for the first occurrence the file keeps.
    with db.session() as session:
        waiting = session.execute(select(Alert.occurrence_start, Alert.next_fire_at)).one()
    assert tuple(waiting) == (paris(3, 9, 9), paris(3, 9, 8, 45))
    alerts = AlertService(db, me=me, clock=clock)
    assert _fire(alerts, clock, paris(3, 2, 8, 45)) == []  # cancelled in the file
    assert _fire(alerts, clock, paris(3, 9, 8, 45)) == [paris(3, 9, 9)]
    assert _fire(alerts, clock, paris(3, 16, 8, 45)) == [paris(3, 16, 9)]
