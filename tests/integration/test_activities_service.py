"""The activity journal on SQLite and PostgreSQL: logging with links, timelines (order, filters,
keyset pages), the journal, editing with optimistic locking, the trash."""

from __future__ import annotations

import datetime as dt

import pytest

from ekocrm_desktop.db.database import Changes, Database
from ekocrm_desktop.services.activities import ActivityDraft, ActivityQuery, ActivityService, TaskFields
from ekocrm_desktop.services.errors import ConflictError, NotFoundError, ValidationFailedError
from ekocrm_desktop.services.paging import PageRequest
from tests.integration.actions_helpers import T0, Clock, deal, organisation, person


def _all(service: ActivityService, query: ActivityQuery, size: int = 3) -> list:
    """Read a whole list page by page, by keyset after the first page (as the table model does)."""
    total = service.count(query)
    rows: list = []
    while len(rows) < total:
        after = rows[-1].sort_key if rows else None
        page = service.page(query, PageRequest(len(rows), size, total, after=after))
        assert page, "a page came back empty before the end"
        rows += page
    return rows


def test_log_activities_of_each_type_and_read_timelines_newest_first(db: Database) -> None:
    clock = Clock()
    me = person(db, "Camille", "Commerciale", collaborator=True)
    helene = person(db, "Hélène", "Durand")
    acme = organisation(db, "ACME")
    big_deal = deal(db, "Renouvellement parc", acme)
    heard: list[Changes] = []
    db.add_listener(heard.append)
    service = ActivityService(db, me=me, clock=clock)

    call = service.log(
        ActivityDraft(
            type="call_out",
            subject="Relance devis",
            occurred_at=T0 - dt.timedelta(days=2),
            duration_seconds=300,
            outcome="reached",
            party_ids=(helene, acme),
            deal_ids=(big_deal,),
        )
    )
    note = service.log(ActivityDraft(type="note", subject="Préfère être appelée le matin", party_ids=(helene,)))
    meeting = service.log(
        ActivityDraft(
            type="appointment",
            subject="Rendez-vous",
            starts_at=T0 - dt.timedelta(days=1),
            ends_at=T0 - dt.timedelta(days=1, hours=-1),
            place="Lyon",
            party_ids=(helene,),
        )
    )
    mail = service.log(
        ActivityDraft(type="email_in", subject="Re: devis", occurred_at=T0 - dt.timedelta(days=3), party_ids=(acme,))
    )
    assert heard[-1] == Changes.of("activity", [mail.id])

    # The call carries its duration, outcome, owner (the connected collaborator) and links.
    assert call.draft.duration_seconds == 300 and call.draft.outcome == "reached"
    assert call.owner_name == "Camille Commerciale"
    assert {(link.kind, link.label) for link in call.links} == {
        ("party", "Hélène Durand"),
        ("party", "ACME"),
        ("deal", "Renouvellement parc"),
    }
    # A note without a date happened now; an appointment sits at its start.
    assert note.draft.occurred_at == T0
    assert meeting.draft.occurred_at == T0 - dt.timedelta(days=1)

    timeline = _all(service, ActivityQuery(party_id=helene), size=2)
    assert [row.id for row in timeline] == [note.id, meeting.id, call.id]
    assert timeline[2].links_label == "ACME, Hélène Durand, Renouvellement parc"
    assert [row.id for row in _all(service, ActivityQuery(party_id=acme))] == [call.id, mail.id]
    assert [row.id for row in _all(service, ActivityQuery(deal_id=big_deal))] == [call.id]

    # Filters: by type, by period, by collaborator; the journal shows everything.
    calls = ActivityQuery(party_id=helene, types=frozenset({"call_out", "call_in"}))
    assert [row.id for row in _all(service, calls)] == [call.id]
    recent = ActivityQuery(since=T0 - dt.timedelta(days=1, hours=1))
    assert [row.id for row in _all(service, recent)] == [note.id, meeting.id]
    assert service.count(ActivityQuery()) == 4
    assert service.count(ActivityQuery(owner_id=me)) == 4
    assert service.count(ActivityQuery(owner_id=helene)) == 0
    # Jumping far (OFFSET from the nearer end) gives the same rows as keyset reading.
    total = service.count(ActivityQuery())
    last = service.page(ActivityQuery(), PageRequest(3, 1, total))
    assert [row.id for row in last] == [mail.id]


def test_edit_links_with_optimistic_locking_and_the_trash(db: Database) -> None:
    clock = Clock()
    helene = person(db, "Hélène", "Durand")
    marc = person(db, "Marc", "Petit")
    service = ActivityService(db, clock=clock)
    call = service.log(ActivityDraft(type="call_in", subject="Question facture", party_ids=(helene,)))

    moved = dataclasses_replace(call.draft, subject="Question sur la facture", party_ids=(marc,))
    saved = service.update(call.id, call.version, moved)
    assert saved.version == call.version + 1
    assert [link.label for link in saved.links] == ["Marc Petit"]
    assert service.count(ActivityQuery(party_id=helene)) == 0
    assert service.count(ActivityQuery(party_id=marc)) == 1

    # The first form, still open at the old version, cannot overwrite the change.
    with pytest.raises(ConflictError) as conflict:
        service.update(call.id, call.version, call.draft)
    assert conflict.value.current.draft.subject == "Question sur la facture"

    assert service.trash([call.id]) == 1
    assert service.count(ActivityQuery(party_id=marc)) == 0
    assert service.get(call.id).deleted
    assert service.restore([call.id]) == 1
    assert service.count(ActivityQuery(party_id=marc)) == 1
    with pytest.raises(NotFoundError):
        service.get(helene)


def test_validation_and_idempotent_logging(db: Database) -> None:
    service = ActivityService(db, clock=Clock())
    with pytest.raises(ValidationFailedError) as failed:
        service.log(ActivityDraft(type="fax"))
    assert {e.field for e in failed.value.errors} == {"type", "subject"}
    with pytest.raises(ValidationFailedError) as failed:
        service.log(ActivityDraft(type="appointment", subject="x", starts_at=T0, ends_at=T0 - dt.timedelta(hours=1)))
    assert [e.code for e in failed.value.errors] == ["before_start"]
    with pytest.raises(ValueError, match="aware"):
        service.log(ActivityDraft(type="note", subject="x", occurred_at=dt.datetime(2026, 1, 1)))
    # A retried save with the same id (the first attempt was committed) does not log twice.
    from ekocrm_desktop.models.ids import uuid7

    activity_id = uuid7()
    first = service.log(ActivityDraft(type="note", subject="Une fois"), activity_id=activity_id)
    again = service.log(ActivityDraft(type="note", subject="Une fois"), activity_id=activity_id)
    assert first.id == again.id == activity_id
    assert service.count(ActivityQuery()) == 1


def test_making_an_activity_a_task_and_back(db: Database) -> None:
    clock = Clock()
    me = person(db, "Camille", "Commerciale", collaborator=True)
    helene = person(db, "Hélène", "Durand")
    service = ActivityService(db, me=me, clock=clock)
    call = service.log(ActivityDraft(type="call_out", subject="Rappeler", party_ids=(helene,)))
    assert call.draft.task is None
    task = TaskFields(assignee_id=me, due_at=T0 + dt.timedelta(days=1), priority="high")
    saved = service.update(call.id, call.version, dataclasses_replace(call.draft, task=task))
    assert saved.draft.task == TaskFields(me, None, T0 + dt.timedelta(days=1), "high", "todo")
    assert saved.assignee_name == "Camille Commerciale"
    done = service.update(
        saved.id, saved.version, dataclasses_replace(saved.draft, task=dataclasses_replace(task, status="done"))
    )
    assert done.done_at == T0
    back = service.update(done.id, done.version, dataclasses_replace(done.draft, task=None))
    assert back.draft.task is None and back.done_at is None
    assert service.count(ActivityQuery(tasks_only=True)) == 0


def dataclasses_replace(obj, **changes):  # type: ignore[no-untyped-def]
    import dataclasses

    return dataclasses.replace(obj, **changes)


def test_the_demo_has_activities_timelines_tasks_and_alerts(db: Database) -> None:
    from ekocrm_desktop.services.alerts import AlertService
    from ekocrm_desktop.services.demo import DemoSize, generate_demo_data
    from ekocrm_desktop.services.tasks import TaskQuery, TaskService

    clock = Clock()
    db.clock = clock  # the demo lays its tasks out around "now"
    generate_demo_data(db, DemoSize(300, 30, association=False))
    service = ActivityService(db, clock=clock)
    # 400 activities and 40 tasks, and the agenda's two series and six appointments per collaborator.
    assert service.count(ActivityQuery()) == 440 + 2 + 6 * len(service.collaborators())
    page = service.page(ActivityQuery(types=frozenset({"call_out"})), PageRequest(0, 60, 0))
    calls = [row for row in page if not row.is_task]
    assert calls and all(row.owner_name and row.links_label and row.duration_seconds for row in calls)
    # Someone's timeline shows what the collaborators did with them, newest first.
    person = calls[0].id
    detail = service.get(person)
    party = detail.draft.party_ids[0]
    timeline = service.page(ActivityQuery(party_id=party), PageRequest(0, 50, 0))
    assert [row.occurred_at for row in timeline] == sorted((row.occurred_at for row in timeline), reverse=True)
    tasks = TaskService(db, clock=clock)
    assert tasks.count(TaskQuery("overdue")) == 5
    assert tasks.count(TaskQuery("all")) == 40
    # Alerts of overdue tasks are due at the first check (as after the app was closed).
    assert len(AlertService(db, clock=clock).due_alerts()) >= 3
