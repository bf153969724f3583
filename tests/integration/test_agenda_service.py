"""The agenda service on SQLite and PostgreSQL: windows for one or several collaborators or a
team, appointments and due tasks, move and resize, recurring series expanded in Paris time across
both DST changes, exceptions (one occurrence moved or cancelled) and whole-series moves."""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from pathlib import Path

import pytest

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.services.activities import ActivityDraft, ActivityService, TaskFields
from ekocrm_desktop.services.agenda import MAX_PER_WINDOW, AgendaService, Recurrence, rule_problem
from ekocrm_desktop.services.errors import ConflictError
from tests.integration.actions_helpers import Clock, person, team

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def paris(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


def week(monday: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    return monday, monday + dt.timedelta(days=7)


def test_window_per_collaborator_attendee_and_team(db: Database) -> None:
    camille = person(db, "Camille", "Commerciale", collaborator=True)
    david = person(db, "David", "Vendeur", collaborator=True)
    eve = person(db, "Ève", "Ailleurs", collaborator=True)
    client = person(db, "Hélène", "Cliente")
    rhone = team(db, "Rhône", [camille, david])
    agenda = AgendaService(db, me=camille, clock=Clock(paris(2026, 3, 23)))
    seen: list[Changes] = []
    db.add_listener(seen.append)

    agenda.create_appointment("Visite", paris(2026, 3, 24, 10), paris(2026, 3, 24, 11), party_ids=[client])
    agenda.create_appointment(
        "Réunion commune", paris(2026, 3, 25, 14), paris(2026, 3, 25, 15), owner_id=david, party_ids=[camille]
    )
    agenda.create_appointment("Chez Ève", paris(2026, 3, 26, 9), paris(2026, 3, 26, 10), owner_id=eve)
    agenda.create_appointment("Semaine d'après", paris(2026, 3, 31, 9), paris(2026, 3, 31, 10))
    # Across midnight Sunday → Monday: overlaps the window, so it shows.
    agenda.create_appointment("Nuit", paris(2026, 3, 22, 23), paris(2026, 3, 23, 1))
    ActivityService(db, me=camille).log(
        ActivityDraft(
            type="call_out", subject="Rappeler", task=TaskFields(assignee_id=david, due_at=paris(2026, 3, 27, 16))
        )
    )
    assert seen and seen[-1].touches("activity")

    start, end = week(paris(2026, 3, 23))
    mine = agenda.occurrences(start, end, [camille])
    assert [o.subject for o in mine] == ["Nuit", "Visite", "Réunion commune"]
    assert mine[1].start == paris(2026, 3, 24, 10) and mine[1].end == paris(2026, 3, 24, 11)
    assert mine[1].kind == "appointment" and not mine[1].recurring
    # An attendee (linked collaborator) sees the meeting in their own column.
    assert mine[2].people == (camille,)

    side_by_side = agenda.occurrences(start, end, [camille, david])
    common = next(o for o in side_by_side if o.subject == "Réunion commune")
    assert common.people == (camille, david)
    task = next(o for o in side_by_side if o.subject == "Rappeler")
    assert task.kind == "task" and task.start == paris(2026, 3, 27, 16) and task.people == (david,)

    by_team = agenda.occurrences(start, end, agenda.team_members(rhone))
    assert "Chez Ève" not in {o.subject for o in by_team}
    assert {o.subject for o in agenda.occurrences(start, end, None)} >= {"Chez Ève", "Visite", "Rappeler"}
    # Tasks can be left out.
    assert "Rappeler" not in {o.subject for o in agenda.occurrences(start, end, [david], tasks=False)}


def test_move_and_resize_keep_links_and_versions(db: Database) -> None:
    camille = person(db, "Camille", "Commerciale", collaborator=True)
    client = person(db, "Hélène", "Cliente")
    agenda = AgendaService(db, me=camille)
    activity_id = agenda.create_appointment("Visite", paris(2026, 5, 4, 10), paris(2026, 5, 4, 11), party_ids=[client])
    version = ActivityService(db).get(activity_id).version

    agenda.move(activity_id, paris(2026, 5, 6, 14), paris(2026, 5, 6, 15), expected_version=version)
    detail = ActivityService(db).get(activity_id)
    assert detail.draft.starts_at == paris(2026, 5, 6, 14) and detail.draft.occurred_at == paris(2026, 5, 6, 14)
    assert detail.draft.party_ids == (client,)
    # A stale version is refused instead of silently overwriting someone else's move.
    with pytest.raises(ConflictError):
        agenda.move(activity_id, paris(2026, 5, 7, 9), paris(2026, 5, 7, 10), expected_version=version)

    agenda.move(activity_id, paris(2026, 5, 6, 14), paris(2026, 5, 6, 16, 30))  # resize
    (occurrence,) = agenda.occurrences(*week(paris(2026, 5, 4)), [camille])
    assert (occurrence.start, occurrence.end) == (paris(2026, 5, 6, 14), paris(2026, 5, 6, 16, 30))
    with pytest.raises(ValueError, match="before"):
        agenda.move(activity_id, paris(2026, 5, 6, 14), paris(2026, 5, 6, 13))


@pytest.mark.parametrize(
    ("first_monday", "change_monday"),
    [(paris(2026, 3, 16), paris(2026, 3, 30)), (paris(2026, 10, 12), paris(2026, 10, 26))],
    ids=["spring", "autumn"],
)
def test_weekly_series_stays_at_nine_local_across_dst(
    db: Database, first_monday: dt.datetime, change_monday: dt.datetime
) -> None:
    camille = person(db, "Camille", "Commerciale", collaborator=True)
    agenda = AgendaService(db, me=camille)
    start = first_monday.replace(hour=9)
    activity_id = agenda.create_appointment(
        "Point hebdo", start, start + dt.timedelta(hours=1), recurrence=Recurrence("weekly", weekdays=(0, 3), count=8)
    )
    assert agenda.series(activity_id).recurrence == Recurrence("weekly", weekdays=(0, 3), count=8)

    window = agenda.occurrences(first_monday, first_monday + dt.timedelta(days=28), [camille])
    assert len(window) == 8
    assert {o.start.astimezone(PARIS).time() for o in window} == {dt.time(9)}
    assert {o.end.astimezone(PARIS).time() for o in window} == {dt.time(10)}
    # The UTC hour does change at the DST boundary: the series is not a fixed UTC interval.
    before = [o for o in window if o.start < change_monday]
    after = [o for o in window if o.start >= change_monday]
    assert before and after
    assert before[0].start.astimezone(dt.UTC).hour != after[0].start.astimezone(dt.UTC).hour
    assert all(o.recurring and o.original_start == o.start for o in window)
    # Past its COUNT nothing appears.
    assert (
        agenda.occurrences(first_monday + dt.timedelta(days=28), first_monday + dt.timedelta(days=60), [camille]) == []
    )


def test_exceptions_move_or_cancel_one_occurrence_and_whole_series(db: Database) -> None:
    camille = person(db, "Camille", "Commerciale", collaborator=True)
    agenda = AgendaService(db, me=camille)
    start = paris(2026, 3, 23, 9)
    activity_id = agenda.create_appointment(
        "Point hebdo", start, start + dt.timedelta(hours=1), recurrence=Recurrence("weekly")
    )
    span = (paris(2026, 3, 23), paris(2026, 4, 13))  # three Mondays: 23/3, 30/3 (after DST), 6/4

    second = agenda.occurrences(*span, [camille])[1]
    agenda.move(
        activity_id,
        paris(2026, 4, 1, 15),
        paris(2026, 4, 1, 16, 30),
        original_start=second.original_start,
        scope="occurrence",
    )
    moved = agenda.occurrences(*span, [camille])
    assert [o.start.astimezone(PARIS) for o in moved] == [
        paris(2026, 3, 23, 9),
        paris(2026, 4, 1, 15),
        paris(2026, 4, 6, 9),
    ]
    assert moved[1].exception and moved[1].original_start == second.original_start

    agenda.delete_occurrence(activity_id, paris(2026, 4, 6, 9))
    assert [o.start.astimezone(PARIS) for o in agenda.occurrences(*span, [camille])] == [
        paris(2026, 3, 23, 9),
        paris(2026, 4, 1, 15),
    ]
    agenda.restore_occurrence(activity_id, paris(2026, 4, 6, 9))
    assert len(agenda.occurrences(*span, [camille])) == 3

    # The whole series one day later and an hour later: Tuesdays 10:00 local, on both sides of DST.
    first = agenda.occurrences(*span, [camille])[0]
    agenda.move(
        activity_id,
        paris(2026, 3, 24, 10),
        paris(2026, 3, 24, 11),
        original_start=first.original_start,
        scope="series",
    )
    shifted = agenda.occurrences(paris(2026, 3, 23), paris(2026, 4, 13), [camille])
    assert [o.start.astimezone(PARIS) for o in shifted if not o.exception] == [
        paris(2026, 3, 24, 10),
        paris(2026, 4, 7, 10),
    ]
    # The moved occurrence moved with its series key, it stays where the user put it.
    assert [o.start.astimezone(PARIS) for o in shifted if o.exception] == [paris(2026, 4, 1, 15)]


def test_weekly_byday_series_moved_to_another_day_keeps_its_days(db: Database) -> None:
    camille = person(db, "Camille", "Commerciale", collaborator=True)
    agenda = AgendaService(db, me=camille)
    activity_id = agenda.create_appointment(
        "Lundi", paris(2026, 6, 1, 9), paris(2026, 6, 1, 10), recurrence=Recurrence("weekly", weekdays=(0,))
    )
    first = agenda.occurrences(paris(2026, 6, 1), paris(2026, 6, 8), [camille])[0]
    agenda.move(
        activity_id, paris(2026, 6, 3, 9), paris(2026, 6, 3, 10), original_start=first.original_start, scope="series"
    )
    assert agenda.series(activity_id).recurrence == Recurrence("weekly", weekdays=(2,))
    days = agenda.occurrences(paris(2026, 6, 1), paris(2026, 6, 22), [camille])
    assert [o.start.astimezone(PARIS).date() for o in days] == [
        dt.date(2026, 6, 3),
        dt.date(2026, 6, 10),
        dt.date(2026, 6, 17),
    ]


def test_daily_monthly_until_and_window_cap(db: Database) -> None:
    camille = person(db, "Camille", "Commerciale", collaborator=True)
    agenda = AgendaService(db, me=camille)
    daily = agenda.create_appointment(
        "Café",
        paris(2026, 1, 5, 8),
        paris(2026, 1, 5, 8, 15),
        recurrence=Recurrence("daily", interval=2, until=dt.date(2026, 1, 15)),
    )
    monthly = agenda.create_appointment(
        "Bureau", paris(2026, 1, 31, 18), paris(2026, 1, 31, 20), recurrence=Recurrence("monthly")
    )
    january = agenda.occurrences(paris(2026, 1, 1), paris(2026, 2, 1), [camille])
    assert [o.start.astimezone(PARIS).day for o in january if o.activity_id == daily] == [5, 7, 9, 11, 13, 15]
    # RFC 5545: the 31st of a month skips months without one.
    year = agenda.occurrences(paris(2026, 1, 1), paris(2027, 1, 1), [camille])
    assert [o.start.astimezone(PARIS).month for o in year if o.activity_id == monthly] == [1, 3, 5, 7, 8, 10, 12]
    assert agenda.series(daily).recurrence == Recurrence("daily", interval=2, until=dt.date(2026, 1, 15))

    endless = agenda.create_appointment("Sans fin", paris(2020, 1, 1, 7), paris(2020, 1, 1, 8))
    agenda.set_recurrence(endless, "FREQ=DAILY")
    decade = agenda.occurrences(paris(2020, 1, 1), paris(2030, 1, 1), [camille])
    assert len([o for o in decade if o.activity_id == endless]) == MAX_PER_WINDOW
    # Stopping the repetition leaves the first appointment alone.
    agenda.set_recurrence(endless, None)
    assert (
        len(
            [o for o in agenda.occurrences(paris(2020, 1, 1), paris(2030, 1, 1), [camille]) if o.activity_id == endless]
        )
        == 1
    )


def test_rule_problems() -> None:
    start = paris(2026, 1, 1, 9)
    assert rule_problem("FREQ=WEEKLY;BYDAY=MO", start, PARIS) is None
    assert rule_problem("FREQ=MINUTELY", start, PARIS) == "frequency"
    assert rule_problem("FREQ=DAILY;COUNT=100000", start, PARIS) == "count"
    assert rule_problem("FREQ=DAILY;BYHOUR=" + ",".join(str(h) for h in range(24)), start, PARIS) == "dense"
    assert rule_problem("FREQ=DAILY;INTERVAL=deux", start, PARIS) == "invalid"


def test_demo_week_has_the_team_meeting_and_appointments_for_each_collaborator(db: Database) -> None:
    from ekocrm_desktop.services.demo_agenda import generate_agenda_demo

    camille = person(db, "Camille", "Commerciale", collaborator=True)
    david = person(db, "David", "Vendeur", collaborator=True)
    person(db, "Hélène", "Cliente")
    db.clock = Clock(paris(2026, 3, 25, 12).astimezone(dt.UTC))  # a Wednesday
    written = generate_agenda_demo(db, per_collaborator=4)
    assert written == 2 + 2 * 4
    agenda = AgendaService(db)
    week_of = agenda.occurrences(*week(paris(2026, 3, 23)), [camille, david])
    meeting = [o for o in week_of if o.subject == "Réunion d'équipe"]
    assert len(meeting) == 1 and meeting[0].recurring
    assert meeting[0].start == paris(2026, 3, 23, 9) and meeting[0].people == (camille, david)
    # Next week, after the change to summer time, still at 9:00 in Paris.
    (next_meeting,) = [
        o for o in agenda.occurrences(*week(paris(2026, 3, 30)), [david]) if o.subject == "Réunion d'équipe"
    ]
    assert next_meeting.start == paris(2026, 3, 30, 9)
    for someone in (camille, david):
        own = [o for o in week_of if someone in o.people and not o.recurring]
        assert len(own) == 4
        assert all(8 <= o.start.astimezone(PARIS).hour < 18 for o in own)


def test_a_counted_series_moved_later_by_the_form_still_shows(db: Database) -> None:
    camille = person(db, "Camille", "Commerciale", collaborator=True)
    agenda = AgendaService(db, me=camille)
    series = agenda.create_appointment(
        "Formation", paris(2026, 1, 5, 14), paris(2026, 1, 5, 16), recurrence=Recurrence("weekly", count=3)
    )
    activities = ActivityService(db, me=camille)
    detail = activities.get(series)
    # The activity form knows nothing of recurrences: it saves a new start three months later.
    later = dataclasses.replace(detail.draft, starts_at=paris(2026, 4, 6, 14), ends_at=paris(2026, 4, 6, 16))
    activities.update(series, detail.version, later)
    april = agenda.occurrences(paris(2026, 4, 1), paris(2026, 5, 1), [camille])
    assert [o.start for o in april] == [paris(2026, 4, 6, 14), paris(2026, 4, 13, 14), paris(2026, 4, 20, 14)]


def test_reassign_an_appointment_to_another_collaborator(db: Database) -> None:
    camille = person(db, "Camille", "Commerciale", collaborator=True)
    david = person(db, "David", "Vendeur", collaborator=True)
    eve = person(db, "Ève", "Ailleurs", collaborator=True)
    client = person(db, "Hélène", "Cliente")
    agenda = AgendaService(db, me=camille)
    visit = agenda.create_appointment(
        "Visite", paris(2026, 5, 4, 10), paris(2026, 5, 4, 11), owner_id=camille, party_ids=[client, eve]
    )
    agenda.reassign(visit, camille, david)  # from the owner's column
    detail = ActivityService(db).get(visit)
    assert detail.draft.owner_id == david and set(detail.draft.party_ids) == {client, eve}
    agenda.reassign(visit, eve, camille)  # from an attendee's column
    assert set(ActivityService(db).get(visit).draft.party_ids) == {client, camille}
    window = agenda.occurrences(paris(2026, 5, 4), paris(2026, 5, 5), [camille, david, eve])
    assert [o.people for o in window] == [(camille, david)]


def test_the_window_reads_indexes_never_a_whole_journal(sqlite_path: Path) -> None:
    """A collaborator's years of calls and e-mails must not be walked to draw one week.

    SQLite's plan only: PostgreSQL plans by its statistics, so there is nothing fixed to check.
    """
    from sqlalchemy import select

    from ekocrm_desktop.db.engine import make_engine, sqlite_url
    from ekocrm_desktop.services.agenda import _ROW_COLUMNS

    db = Database(make_engine(sqlite_url(sqlite_path)), actor="tester")
    agenda = AgendaService(db)
    start, end = week(paris(2026, 3, 23))
    stmt = select(*_ROW_COLUMNS).where(agenda._window(start, end, tasks=True))
    with db.session() as session:
        connection = session.connection()
        sql = str(stmt.compile(connection, compile_kwargs={"literal_binds": True}))
        plan = [row[3] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    db.dispose()
    assert not [step for step in plan if step.startswith("SCAN")], plan
    assert any("ix_activity_agenda" in step for step in plan)
    assert any("ix_activity_task_due" in step for step in plan)
