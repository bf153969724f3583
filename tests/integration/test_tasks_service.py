"""Tasks on SQLite and PostgreSQL: the panel's views with an injected "now", status changes, and
bulk creation from a list of people with each assignment rule."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from ekocrm_desktop.db.database import Database
from ekocrm_desktop.services.activities import ActivityDraft, ActivityQuery, ActivityService, TaskFields
from ekocrm_desktop.services.alerts import AlertService
from ekocrm_desktop.services.errors import ValidationFailedError
from ekocrm_desktop.services.paging import PageRequest
from ekocrm_desktop.services.tasks import AssignmentRule, BulkTaskPlan, TaskQuery, TaskService
from tests.integration.actions_helpers import T0, Clock, person, team

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _ids(service: TaskService, query: TaskQuery) -> list:
    total = service.count(query)
    return [row.subject for row in service.page(query, PageRequest(0, 100, total))]


def test_views_mine_team_overdue_today_week(db: Database) -> None:
    clock = Clock(dt.datetime(2026, 3, 26, 10, 0, tzinfo=dt.UTC))  # Thursday 11:00 in Paris
    camille = person(db, "Camille", "Commerciale", collaborator=True)
    david = person(db, "David", "Vendeur", collaborator=True)
    eve = person(db, "Ève", "Ailleurs", collaborator=True)
    team(db, "Rhône", [camille, david])
    mine = TaskService(db, me=camille, clock=clock, tz=PARIS)

    def task(subject: str, assignee, due: dt.datetime | None, status: str = "todo") -> None:  # type: ignore[no-untyped-def]
        mine.create(
            ActivityDraft(type="call_out", subject=subject), TaskFields(assignee_id=assignee, due_at=due, status=status)
        )

    task("hier", camille, clock.now - dt.timedelta(days=1))
    task("ce soir", camille, dt.datetime(2026, 3, 26, 20, 0, tzinfo=dt.UTC))  # 21:00 Paris: today
    task("minuit passé", camille, dt.datetime(2026, 3, 26, 23, 30, tzinfo=dt.UTC))  # 00:30 Friday in Paris
    task("dimanche", camille, dt.datetime(2026, 3, 29, 18, 0, tzinfo=dt.UTC))  # Sunday, after the DST change
    task("lundi prochain", camille, dt.datetime(2026, 3, 30, 7, 0, tzinfo=dt.UTC))
    task("sans date", camille, None)
    task("faite", camille, clock.now - dt.timedelta(days=3), status="done")
    task("de David", david, clock.now - dt.timedelta(hours=1))
    task("d'Ève", eve, clock.now + dt.timedelta(hours=1))

    # Soonest first, undated last; closed tasks only when asked.
    assert _ids(mine, TaskQuery("mine")) == [
        "hier",
        "ce soir",
        "minuit passé",
        "dimanche",
        "lundi prochain",
        "sans date",
    ]
    assert _ids(mine, TaskQuery("mine", include_closed=True))[0] == "faite"
    assert _ids(mine, TaskQuery("overdue")) == ["hier"]
    assert _ids(mine, TaskQuery("today")) == ["ce soir"]
    assert _ids(mine, TaskQuery("week")) == ["hier", "ce soir", "minuit passé", "dimanche"]
    assert set(_ids(mine, TaskQuery("team"))) == {
        "hier",
        "ce soir",
        "minuit passé",
        "dimanche",
        "lundi prochain",
        "sans date",
        "de David",
    }
    assert mine.counts()["all"] == 8
    # Time moves on: "ce soir" becomes overdue, "minuit passé" becomes today's.
    clock.now = dt.datetime(2026, 3, 26, 23, 0, tzinfo=dt.UTC)  # 00:00 Friday in Paris
    assert _ids(mine, TaskQuery("overdue")) == ["hier", "ce soir"]
    assert _ids(mine, TaskQuery("today")) == ["minuit passé"]
    # David sees his own.
    assert _ids(TaskService(db, me=david, clock=clock, tz=PARIS), TaskQuery("mine")) == ["de David"]


def test_complete_cancel_reopen_stop_alerts(db: Database) -> None:
    clock = Clock()
    me = person(db, "Camille", "Commerciale", collaborator=True)
    service = TaskService(db, me=me, clock=clock)
    from ekocrm_desktop.services.alerts import AlertRequest

    created = service.create(
        ActivityDraft(type="call_out", subject="Rappeler", alert=AlertRequest(minutes_before=30)),
        TaskFields(assignee_id=me, due_at=T0 + dt.timedelta(hours=2)),
    )
    other = service.create(ActivityDraft(type="note", subject="Lire"), TaskFields(assignee_id=me))
    assert service.complete([created.id]) == 1
    assert service.complete([created.id]) == 0
    assert service.count(TaskQuery("mine")) == 1
    detail = ActivityService(db, clock=clock).get(created.id)
    assert detail.draft.task is not None and detail.draft.task.status == "done" and detail.done_at == T0
    # A done task's alert never fires.
    assert AlertService(db, me=me, clock=clock).due_alerts(T0 + dt.timedelta(days=1)) == []
    assert service.cancel([other.id]) == 1
    assert service.count(TaskQuery("mine")) == 0
    assert service.reopen([created.id, other.id]) == 2
    assert service.count(TaskQuery("mine")) == 2
    assert ActivityService(db, clock=clock).get(created.id).done_at is None


def test_bulk_creation_with_each_assignment_rule(db: Database) -> None:
    clock = Clock()
    camille = person(db, "Camille", "Commerciale", collaborator=True)
    david = person(db, "David", "Vendeur", collaborator=True)
    alice = person(db, "Alice", "Aubert", collaborator=True)
    rhone = team(db, "Rhône", [david, camille, alice])
    prospects = [person(db, f"Prospect{i}", "PME", owner_id=david if i % 2 else None) for i in range(7)]
    service = TaskService(db, me=camille, clock=clock)
    due = T0 + dt.timedelta(days=3)

    one = service.bulk_create(
        iter(prospects + prospects[:2]),  # any iterable; duplicates get one task
        BulkTaskPlan("Relance PME Rhône", AssignmentRule.ONE.value, collaborator_id=camille, due_at=due),
    )
    assert one.created == 7 and one.per_assignee == {camille: 7}
    every = ActivityService(db, clock=clock)
    for prospect in prospects:
        assert every.count(ActivityQuery(party_id=prospect, tasks_only=True)) == 1

    turns = service.bulk_create(
        prospects, BulkTaskPlan("Appel", AssignmentRule.ROUND_ROBIN.value, team_id=rhone, priority="high")
    )
    # In turn over the members, by name: Alice, Camille, David, Alice...
    assert turns.per_assignee == {alice: 3, camille: 2, david: 2}
    rows = {row.id: row for row in service.page(TaskQuery("all", assignee_id=alice), PageRequest(0, 50, 50))}
    assert len(rows) == 3

    owners = service.bulk_create(
        prospects,
        BulkTaskPlan(
            "Suivi compte", AssignmentRule.ACCOUNT_OWNER.value, fallback_id=alice, due_at=due, alert_minutes_before=60
        ),
    )
    assert owners.per_assignee == {david: 3, alice: 4}
    # Each got its alert, for its assignee.
    fired = AlertService(db, me=david, clock=clock).due_alerts(due)
    assert len(fired) == 3 and {f.subject for f in fired} == {"Suivi compte"}

    with pytest.raises(ValidationFailedError) as failed:
        service.bulk_create(prospects, BulkTaskPlan("", AssignmentRule.ONE.value))
    assert {e.field for e in failed.value.errors} == {"subject", "collaborator"}
    empty = team(db, "Vide", [])
    with pytest.raises(ValidationFailedError):
        service.bulk_create(prospects, BulkTaskPlan("x", AssignmentRule.ROUND_ROBIN.value, team_id=empty))
    assert service.count(TaskQuery("all")) == 21


@pytest.mark.postgres
def test_a_task_planned_by_someone_else_reaches_the_tasks_list_live(team) -> None:  # type: ignore[no-untyped-def]
    # Bob plans a task for Cléo: Cléo's open app hears it (the page refreshes on "activity"),
    # and when Bob marks it done the alert change is heard too.
    import queue
    import time

    from ekocrm_desktop.db.database import Changes
    from ekocrm_desktop.db.live import LiveUpdates

    cleo_party = team.party_ids["cleo"]
    bob_db, cleo_db = team.database("bob"), team.database("cleo")
    received: queue.Queue[Changes] = queue.Queue()
    cleo_db.add_listener(received.put)
    live = LiveUpdates(cleo_db, cleo_db.engine.url)
    live.start()

    def heard(predicate) -> Changes:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            try:
                changes = received.get(timeout=0.2)
            except queue.Empty:
                continue
            if predicate(changes):
                return changes
        raise AssertionError("not announced in time")

    try:
        deadline = time.monotonic() + 5
        while not live.connected and time.monotonic() < deadline:
            time.sleep(0.02)
        clock = Clock()
        from ekocrm_desktop.services.alerts import AlertRequest

        task = TaskService(bob_db, me=team.party_ids["bob"], clock=clock).create(
            ActivityDraft(type="call_out", subject="Pour Cléo", alert=AlertRequest(minutes_before=10)),
            TaskFields(assignee_id=cleo_party, due_at=T0 + dt.timedelta(hours=1)),
        )
        announced = heard(lambda c: c.remote and task.id in c.ids)
        assert announced.touches("activity")
        cleo_tasks = TaskService(cleo_db, me=cleo_party, clock=clock)
        assert [row.subject for row in cleo_tasks.page(TaskQuery("mine"), PageRequest(0, 10, 1))] == ["Pour Cléo"]
        TaskService(bob_db, me=team.party_ids["bob"], clock=clock).complete([task.id])
        heard(lambda c: c.remote and task.id in c.ids)
        assert cleo_tasks.count(TaskQuery("mine")) == 0
    finally:
        live.stop()
        bob_db.dispose()
        cleo_db.dispose()
